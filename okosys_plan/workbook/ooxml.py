"""What calamine does not tell about an .xlsx: the date system and formulas with no value.

XML is parsed with defusedxml (no entity expansion); sheet parts are scanned as a
stream, so a large sheet never sits in memory as a tree.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from defusedxml import ElementTree

if TYPE_CHECKING:
    from okosys_plan.workbook.read import RawSheet, RawWorkbook

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>/]*>[^<]+<|<(?:\w+:)?is\b")  # an empty <v/> is none
_CHUNK = 1 << 20


def annotate(path: Path, sheets: list[RawSheet], workbook: RawWorkbook) -> None:
    """Set the workbook's date system and each sheet's formula cells without a value."""
    try:
        with zipfile.ZipFile(path) as archive:
            root, parts = _workbook_parts(archive)
            workbook.date1904 = _date1904(root)
            for sheet in sheets:
                part = parts.get(sheet.name)
                if part and part in archive.namelist():
                    sheet.formula_blanks = _formula_blanks(archive, part)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        # calamine has read the cells already; this extra information is best effort.
        return


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


def _formula_blanks(archive: zipfile.ZipFile, part: str) -> set[tuple[int, int]]:
    """Cells (row, column, 1-based) that hold a formula but no cached value."""
    found: set[tuple[int, int]] = set()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            if _FORMULA.search(data) is None:
                continue
            data, tail = _whole_cells(data, tail)
            found.update(_blank_formulas(data))
    return found


def _whole_cells(data: bytes, tail: bytes) -> tuple[bytes, bytes]:
    """Keep an unfinished cell for the next chunk so no cell is split."""
    last_open = max(data.rfind(b"<c "), data.rfind(b"<c>"))
    if last_open > data.rfind(b"</c>"):
        return data[:last_open], data[last_open:] + tail
    return data, tail


def _blank_formulas(data: bytes) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for match in _CELL.finditer(data):
        body = match.group(3) or b""
        if _FORMULA.search(body) and not _VALUE.search(body):
            ref = _REF.search(match.group(1))
            if ref:
                found.add((int(ref.group(2)), _column_number(ref.group(1).decode())))
    return found


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
