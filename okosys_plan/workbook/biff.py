"""What calamine does not tell about an .xls: which cells hold an error value.

calamine reads a BIFF error cell (``#N/A``, ``#DIV/0!`` …) as blank. ``xlrd``, a
well-kept reader of .xls files, tells them apart (``XL_CELL_ERROR``); it is used here only
to find those cells, in the child process that reads .xls files (``isolate``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from okosys_plan.workbook.marks import SheetScan


def scan(path: Path) -> dict[str, SheetScan]:
    """Each sheet's error cells by sheet name; nothing when xlrd cannot read the file."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a dependency
        return {}
    found: dict[str, SheetScan] = {}
    try:
        with open(os.devnull, "w", encoding="utf-8") as quiet:
            book = xlrd.open_workbook(str(path), logfile=quiet, verbosity=0, on_demand=True)
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                found[sheet.name] = _errors(sheet, xlrd)
                book.unload_sheet(index)
    except Exception:  # xlrd refuses what calamine may still read: best effort
        return found
    return found


def _errors(sheet: Any, xlrd: Any) -> SheetScan:
    found = SheetScan()
    error_type = xlrd.XL_CELL_ERROR
    texts = xlrd.error_text_from_code
    for row in range(sheet.nrows):
        types = sheet.row_types(row)
        if error_type not in types:
            continue
        values = sheet.row_values(row)
        for col, kind in enumerate(types):
            if kind == error_type:
                found.errors[(row + 1, col + 1)] = texts.get(values[col], "#N/A")
    return found
