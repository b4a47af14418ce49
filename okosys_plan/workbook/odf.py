"""What calamine does not tell about an .ods: error and formula cells and each sheet's used area.

``content.xml`` is scanned as a stream of tags with regular expressions, a block of
whole rows at a time: no XML tree is built and no entity is expanded. Repeated rows and
cells (``number-rows-repeated``, ``number-columns-repeated``) are counted, never
expanded, so a sheet that repeats a filled cell a billion times is measured (and
refused) without allocating it.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from okosys_plan.workbook.marks import SheetScan

_TAG = re.compile(
    rb"<(/?)(?:\w+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_NAME = re.compile(rb'\s(?:\w+:)?name="([^"]*)"')
_ROWS = re.compile(rb'number-rows-repeated="(\d+)"')
_COLS = re.compile(rb'number-columns-repeated="(\d+)"')
_CELL_END = re.compile(rb"</(?:\w+:)?(?:covered-)?table-cell>")
_TEXT = re.compile(rb"<[^>]*>")
_ERROR_TEXT = re.compile(r"^(?:#[A-Z0-9/_]+[!?]?|Err:\d{3})$")
_CHUNK = 1 << 20
_MAX_MARKS = 100_000  # marked positions kept per sheet

#: What a damaged archive or part raises while it is scanned.
_DAMAGED = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, SyntaxError, StopIteration)


def scan(path: Path) -> dict[str, SheetScan]:
    """Each sheet's scan by name; a file that cannot be scanned gives nothing."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            return _scan(stream)
    except _DAMAGED:
        return {}  # calamine says what is wrong with a damaged file


class _State:
    def __init__(self) -> None:
        self.sheets: dict[str, SheetScan] = {}
        self.sheet: SheetScan | None = None
        self.row = 0  # the current row (1-based) once a row has started
        self.col = 0  # the last column used in the current row
        self.rows_repeated = 1


_ROW = b"<table:table-row"


def _scan(stream: IO[bytes]) -> dict[str, SheetScan]:
    state = _State()
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        if not chunk:
            _rows(state, data)
            return state.sheets
        cut = data.rfind(_ROW)
        if cut <= 0:
            cut = max(data.rfind(b"<"), 0)
        data, tail = data[:cut], data[cut:]
        _rows(state, data)


def _rows(state: _State, data: bytes) -> None:
    """Count a block's rows, walking tag by tag only the rows that need it."""
    if _ROW not in data:
        _block(state, data)
        return
    first, *rows = data.split(_ROW)
    if first:
        _block(state, first)
    for body in rows:
        if not _simple_row(state, body):
            _block(state, _ROW + body)


def _simple_row(state: _State, body: bytes) -> bool:
    """Count a row with no formula, error or table tag by byte counts alone; else False.

    The row's rightmost filled cell is the number of cell tags up to its value, when no
    cell before it repeats (LibreOffice repeats only the empty cells after the data).
    """
    if b"formula=" in body or b'"error"' in body or b"<table:table " in body \
            or b"<table:table>" in body:
        return False
    head_end = body.find(b">")
    repeat = _count(_ROWS, body[:head_end]) if b"rows-repeated" in body[:head_end] else 1
    last_value = body.rfind(b"value-type=")
    if last_value < 0:
        if b"<text:" in body:
            return False  # text without a value type: let the walker decide
        state.row += repeat
        return True
    before = body[:last_value]
    if b"columns-repeated" in before or b"<table:covered-table-cell" in before:
        return False
    width = before.count(b"<table:table-cell")
    sheet = state.sheet
    if sheet is not None:
        sheet.reach(state.row + 1, 1)
        sheet.reach(state.row + repeat, width)
    state.row += repeat
    return True


def _block(state: _State, data: bytes) -> None:
    """Walk the tags of a block of whole rows, counting rows and cells."""
    top = bottom = left = right = 0  # the block's used area, 0 = none yet
    for match in _TAG.finditer(data):
        closing, name, attributes, empty = match.groups()
        if closing:
            if name == b"table-row":
                state.row += state.rows_repeated - 1
            continue
        if name == b"table-cell" or name == b"covered-table-cell":
            first = state.col + 1
            state.col += _count(_COLS, attributes) if b"repeated" in attributes else 1
            if empty and b"value-type=" not in attributes and b"formula=" not in attributes:
                continue
            last_row = state.row + state.rows_repeated - 1
            if not top:
                top, left = state.row, first
            bottom, left, right = last_row, min(left, first), max(right, state.col)
            if b"formula=" in attributes or b'"error"' in attributes:
                _formula(state, data, match.end(), attributes, bool(empty), first)
        elif name == b"table-row":
            state.row += 1
            state.col = 0
            state.rows_repeated = _count(_ROWS, attributes)
            if empty:
                state.row += state.rows_repeated - 1
        else:
            _reach(state, top, left, bottom, right)
            top = bottom = left = right = 0
            found = _NAME.search(attributes)
            key = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
            state.sheet = state.sheets.setdefault(key, SheetScan())
            state.row = 0
    _reach(state, top, left, bottom, right)


def _reach(state: _State, top: int, left: int, bottom: int, right: int) -> None:
    if top and state.sheet is not None:
        state.sheet.reach(top, left)
        state.sheet.reach(bottom, right)


def _count(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    found = pattern.search(attributes)
    return max(1, int(found.group(1))) if found else 1


def _formula(state: _State, data: bytes, end: int, attributes: bytes, empty: bool,
             first: int) -> None:
    """Mark a formula or error cell (a repeated one up to 100 × 100 positions)."""
    sheet = state.sheet
    if sheet is None:
        return
    error = _error(data, end, attributes, empty, b"formula=" in attributes)
    typed = b"value-type=" in attributes
    last_row = state.row + state.rows_repeated - 1
    for row in range(state.row, min(last_row, state.row + 100) + 1):
        for col in range(first, min(state.col, first + 100) + 1):
            if len(sheet.errors) + len(sheet.formulas) + len(sheet.blanks) >= _MAX_MARKS:
                return
            if error is not None:
                sheet.errors[(row, col)] = error
            elif not typed:
                sheet.blanks.add((row, col))
            else:
                sheet.formulas.add((row, col))


def _error(data: bytes, end: int, attributes: bytes, empty: bool, formula: bool) -> str | None:
    """The error text of an error cell (calcext:value-type="error"), else None."""
    text = ""
    if not empty:
        close = _CELL_END.search(data, end)
        body = data[end:close.start()] if close else b""
        text = html.unescape(_TEXT.sub(b"", body).decode("utf-8", "replace")).strip()
    if b'value-type="error"' in attributes:
        return text or "#N/A"
    if formula and _ERROR_TEXT.match(text) and b'value-type="float"' not in attributes:
        return text
    return None
