"""Filled assessment workbooks written by code, as a member would leave them (openpyxl)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from okosys_plan.assess import layout

Grades = Mapping[str, Mapping[str, Any]]  # need ID -> criterion -> grade (any cell value)


def write_filled(path: Path, assessor: str | None, grades: Grades, criteria: Sequence[str],
                 *, agency: str | None = "DIGDIR", comments: Mapping[str, str] | None = None,
                 extra_rows: Sequence[Sequence[Any]] = (), offset: int = 0) -> Path:
    """An assessment workbook in the template's layout; ``offset`` inserts blank rows above
    the table (a member who made room), ``extra_rows`` are appended as they are."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = layout.SHEET
    values = {layout.ASSESSOR_LABEL: assessor, layout.AGENCY_LABEL: agency,
              layout.DATE_LABEL: None}
    for row, label in enumerate(layout.HEADER_LABELS, start=1):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, values[label])
    header = layout.TABLE_HEADER_ROW + offset
    headers = [*layout.FIXED_COLUMNS, *criteria, layout.COMMENT]
    for col, name in enumerate(headers, start=1):
        sheet.cell(header, col, name)
    row = header
    for row, (need, given) in enumerate(grades.items(), start=header + 1):
        cells = [need, f"Tittel {need}", None, None,
                 *(given.get(c) for c in criteria), (comments or {}).get(need)]
        for col, value in enumerate(cells, start=1):
            sheet.cell(row, col, value)
    for extra in extra_rows:
        row += 1
        for col, value in enumerate(extra, start=1):
            sheet.cell(row, col, value)
    book.save(path)
    return path
