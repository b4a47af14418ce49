"""What calamine does not tell about an .ods: error and formula cells and each sheet's used area.

``content.xml`` is parsed as a stream with defusedxml (no entity expansion), each row
dropped once read. Repeated rows and cells (``number-rows-repeated``,
``number-columns-repeated``) are counted, never expanded, so a sheet that repeats a
filled cell a billion times is measured (and refused) without allocating it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from okosys_plan.workbook.marks import SheetScan

_ERROR_TEXT = re.compile(r"^(?:#[A-Z0-9/]+[!?]?|#GETTING_DATA|Err:\d{3})$")
_MAX_MARKS = 100_000  # error positions kept per sheet (a repeated error cell is one cell)


def scan(path: Path) -> dict[str, SheetScan]:
    """Each sheet's scan by name; a file that cannot be scanned gives nothing."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            return _scan(stream)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        return {}  # calamine says what is wrong with a damaged file


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


def _repeat(element: Any, name: str) -> int:
    text = _attribute(element, name)
    try:
        return max(1, int(text)) if text else 1
    except ValueError:
        return 1


class _State:
    def __init__(self) -> None:
        self.sheets: dict[str, SheetScan] = {}
        self.sheet: SheetScan | None = None
        self.row = 0  # the current row (1-based) once a row has started
        self.col = 0  # the last column used in the current row
        self.rows_repeated = 1


def _scan(stream: Any) -> dict[str, SheetScan]:
    state = _State()
    stack: list[Any] = []
    for event, element in ElementTree.iterparse(stream, events=("start", "end"),
                                                forbid_dtd=True):
        name = _local(element.tag)
        if event == "start":
            stack.append(element)
            _start(state, name, element)
            continue
        stack.pop()
        if name in ("table-cell", "covered-table-cell"):
            _cell(state, element)
            element.clear()
        elif name == "table-row":
            state.row += state.rows_repeated - 1
            element.clear()
            if stack:
                stack[-1].remove(element)
    return state.sheets


def _start(state: _State, name: str, element: Any) -> None:
    if name == "table":
        state.sheet = state.sheets.setdefault(_attribute(element, "name") or "", SheetScan())
        state.row = 0
    elif name == "table-row":
        state.row += 1
        state.col = 0
        state.rows_repeated = _repeat(element, "number-rows-repeated")


def _cell(state: _State, element: Any) -> None:
    first = state.col + 1
    repeat = _repeat(element, "number-columns-repeated")
    state.col += repeat
    sheet = state.sheet
    if sheet is None or not _filled(element):
        return
    last_row = state.row + state.rows_repeated - 1
    sheet.reach(state.row, first)
    sheet.reach(last_row, state.col)
    formula = _attribute(element, "formula") is not None
    error = _error_text(element, formula)
    if error is None and not formula:
        return
    for row in range(state.row, min(last_row, state.row + 100) + 1):
        for col in range(first, min(state.col, first + 100) + 1):
            if len(sheet.errors) + len(sheet.formulas) >= _MAX_MARKS:
                return
            if error is not None:
                sheet.errors[(row, col)] = error
            elif _attribute(element, "value-type") is None:
                sheet.blanks.add((row, col))
            else:
                sheet.formulas.add((row, col))


def _filled(element: Any) -> bool:
    if _attribute(element, "value-type") is not None or _attribute(element, "formula"):
        return True
    return any(True for _ in element.itertext() if _.strip())


def _error_text(element: Any, formula: bool) -> str | None:
    kind = _attribute(element, "value-type")  # office: and calcext: both match
    types = {value for key, value in element.attrib.items() if _local(key) == "value-type"}
    text = "".join(element.itertext()).strip()
    if "error" in types:
        return text or "#N/A"
    if formula and kind in (None, "string") and _ERROR_TEXT.match(text):
        return text
    return None
