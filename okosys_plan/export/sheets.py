"""Write plain tables to an .xlsx: bold frozen headers, safe text, real dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from okosys_plan.export.files import check_target, save_workbook, set_text

Table = tuple[str, Sequence[str], Sequence[Sequence[Any]]]


def write_sheets(path: Path, tables: Sequence[Table], *, force: bool = False,
                 inputs: tuple[Path, ...] = ()) -> None:
    """Write each (sheet name, headers, rows) as a sheet of a new workbook at ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    check_target(path, force=force, inputs=inputs)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, headers, rows in tables:
        sheet = workbook.create_sheet(name[:31])
        for column, header in enumerate(headers, start=1):
            cell = sheet.cell(1, column)
            set_text(cell, str(header))
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = min(
                max(12, len(str(header)) + 2), 40)
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                write_cell(sheet.cell(number, column), value)
        sheet.freeze_panes = "A2"
    if not workbook.worksheets:
        workbook.create_sheet("Ark1")
    save_workbook(workbook, path)


def write_cell(cell: Any, value: Any) -> None:
    """Put a value in a cell: text as text (never a formula), dates with a date format."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, datetime | date):
        cell.value = value
        cell.number_format = "DD.MM.YYYY"
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        set_text(cell, str(value))
