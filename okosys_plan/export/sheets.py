"""Write plain tables to an .xlsx: bold frozen headers, safe text, real dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from okosys_plan.export.files import check_target, set_text
from okosys_plan.export.xlsx import DATE_FORMAT, Column, Sheet, write_workbook

Table = tuple[str, Sequence[str], Sequence[Sequence[Any]]]


def write_sheets(path: Path, tables: Sequence[Table], *, force: bool = False,
                 inputs: tuple[Path, ...] = ()) -> None:
    """Write each (sheet name, headers, rows) as a sheet of a new workbook at ``path``.

    Text stays text (never a formula), numbers and booleans keep their type, dates and
    datetimes are day numbers shown as DD.MM.YYYY; an empty list gives one empty sheet.
    """
    check_target(path, force=force, inputs=inputs)
    sheets = []
    for name, headers, rows in tables:
        shown = [str(header) for header in headers]
        columns = [Column(width=min(max(12, len(header) + 2), 40)) for header in shown]
        sheets.append(Sheet(name, shown, rows, columns))
    write_workbook(path, sheets)


def write_cell(cell: Any, value: Any) -> None:
    """Put a value in an openpyxl cell as ``write_sheets`` writes it: text as text (never a
    formula), dates with a date format."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, datetime | date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        set_text(cell, str(value))
