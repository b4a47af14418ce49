"""What calamine does not tell about an .xlsx: the date system, error and formula cells,
whether cached formula values can be trusted, and each sheet's used area.

XML is parsed with defusedxml (no entity expansion); sheet parts are scanned as a
stream, so a large sheet never sits in memory as a tree.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import ElementTree

from okosys_plan.workbook.marks import SheetScan

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
# A cell that holds something: an empty <c r="…" s="1"/> (styled, no value) is not read.
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*(?<!/)>')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>/]*>[^<]+<|<(?:\w+:)?is\b")  # an empty <v/> is none
_VALUE_TEXT = re.compile(rb"<(?:\w+:)?v\b[^>/]*>([^<]*)<")
_CHUNK = 1 << 20
#: Words in docProps/app.xml's Application that name a spreadsheet program, whose cached
#: formula values are its own results (a library that writes formulas leaves placeholders).
SPREADSHEET_PROGRAMS = ("excel", "libreoffice", "openoffice", "staroffice", "neooffice",
                        "gnumeric", "google", "numbers", "wps", "kingsoft", "onlyoffice",
                        "spreadsheetgear", "calc")


@dataclass
class BookScan:
    """What the scan found about the workbook and each sheet (by name)."""

    date1904: bool = False
    trusted: bool = True  # cached formula values are a spreadsheet program's own results
    sheets: dict[str, SheetScan] = field(default_factory=dict)


#: What a damaged archive or part raises while it is scanned.
_DAMAGED = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, SyntaxError, StopIteration)


def scan(path: Path) -> BookScan:
    """Scan the workbook's parts; a part that cannot be scanned gives nothing (best effort)."""
    found = BookScan()
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            root, parts = _workbook_parts(archive)
            found.date1904 = _date1904(root)
            found.trusted = not _full_calc_on_load(root) and _from_spreadsheet_program(
                archive, names)
            for sheet, part in parts.items():
                if part in names:
                    found.sheets[sheet] = _scan_sheet(archive, part)
    except _DAMAGED:
        return found  # calamine says what is wrong with a damaged file
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _workbook_parts(archive: zipfile.ZipFile) -> tuple[Any, dict[str, str]]:
    name = next(n for n in archive.namelist() if n.endswith("workbook.xml") and "/" in n)
    root = ElementTree.fromstring(archive.read(name))
    rels_name = str(PurePosixPath(name).parent / "_rels" / "workbook.xml.rels")
    targets: dict[str, str] = {}
    if rels_name in archive.namelist():
        for rel in ElementTree.fromstring(archive.read(rels_name)):
            target = rel.get("Target", "")
            base = "" if target.startswith("/") else str(PurePosixPath(name).parent) + "/"
            targets[rel.get("Id", "")] = (base + target).lstrip("/")
    parts: dict[str, str] = {}
    for element in root.iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            if rid in targets:
                parts[element.get("name", "")] = targets[rid]
    return root, parts


def _date1904(root: Any) -> bool:
    for element in root.iter():
        if _local(element.tag) == "workbookPr":
            return element.get("date1904", "").lower() in ("1", "true")
    return False


def _full_calc_on_load(root: Any) -> bool:
    """True when the file asks to be recalculated on opening (its cached values are stale)."""
    for element in root.iter():
        if _local(element.tag) == "calcPr":
            return element.get("fullCalcOnLoad", "").lower() in ("1", "true")
    return False


def _from_spreadsheet_program(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """False when docProps/app.xml names an application that is no spreadsheet program."""
    if "docProps/app.xml" not in names:
        return True
    root = ElementTree.fromstring(archive.read("docProps/app.xml"))
    application = next((e.text or "" for e in root.iter() if _local(e.tag) == "Application"),
                       "")
    text = application.casefold()
    return not text.strip() or any(word in text for word in SPREADSHEET_PROGRAMS)


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> SheetScan:
    """The sheet's error cells, formula cells and used area, read as a stream."""
    found = SheetScan()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            data, tail = _whole_cells(data, tail)
            _reach(found, data)
            if b't="e"' in data or b"<f" in data or b":f" in data:  # quick byte tests first
                _cells(found, data)
    return found


def _whole_cells(data: bytes, tail: bytes) -> tuple[bytes, bytes]:
    """Keep an unfinished cell for the next chunk so no cell is split."""
    last_open = max(data.rfind(b"<c "), data.rfind(b"<c>"))
    if last_open > data.rfind(b"</c>"):
        return data[:last_open], data[last_open:] + tail
    return data, tail


def _reach(found: SheetScan, data: bytes) -> None:
    """Widen the used area by every cell reference in ``data``."""
    refs = _CELL_REF.findall(data)
    if not refs:
        return
    rows = [int(row) for row in {ref[1] for ref in refs}]
    letters = {ref[0] for ref in refs}
    low = min(letters, key=lambda x: (len(x), x))
    high = max(letters, key=lambda x: (len(x), x))
    found.reach(min(rows), _column_number(low))
    found.reach(max(rows), _column_number(high))


def _cells(found: SheetScan, data: bytes) -> None:
    for match in _CELL.finditer(data):
        attributes, body = match.group(1), match.group(3) or b""
        ref = _REF.search(attributes)
        if ref is None:
            continue
        position = (int(ref.group(2)), _column_number(ref.group(1)))
        if _ERROR_TYPE.search(attributes):
            value = _VALUE_TEXT.search(body)
            found.errors[position] = html.unescape(value.group(1).decode("utf-8", "replace")
                                                   if value else "#N/A").strip() or "#N/A"
        elif _FORMULA.search(body):
            (found.formulas if _VALUE.search(body) else found.blanks).add(position)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
