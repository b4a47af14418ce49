"""Write a copy of a workbook with every problem cell coloured and commented.

An .xlsx is copied with its formatting; other formats (.ods, .xls, .csv, Strict Open
XML) are rebuilt from their cell values. A sheet listing every problem, with links to
the cells, is added, so problems without a cell are shown too. The input is never
written to.

The copy is for reading, not for recalculating: every formula the submitter wrote is
written as its text (``=SUM(B2:B9)`` shown, never run), as every other writer does, and
links to other workbooks are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import Problem, Report
from okosys_plan.catalogue.present import json_value
from okosys_plan.export.files import WORKBOOK, check_suffix, check_target, save_workbook, set_text
from okosys_plan.export.sheets import write_cell
from okosys_plan.text.say import say, say_in
from okosys_plan.workbook.read import read_workbook

FILLS = {"error": PatternFill("solid", fgColor="FFC7CE"),
         "warning": PatternFill("solid", fgColor="FFEB9C")}
_CELL = re.compile(r"^([A-Z]{1,3})?(\d+)$")
#: The problem sheet's headers (English: the message ids, in context "annotate").
_COLUMNS = ("Severity", "Code", "Sheet", "Cell", "Column", "Value", "Message", "Hint")


def write_annotated(source: Path, report: Report, output: Path, *, force: bool = False,
                    lang: str = "nb") -> None:
    """Write ``output``: a copy of ``source`` with ``report``'s problems marked."""
    check_suffix(output, WORKBOOK)
    check_target(output, force=force, inputs=(source,))
    workbook = _open_copy(source)
    for problem in report.problems:
        _mark(workbook, problem, lang)
    _problem_sheet(workbook, report, lang)
    save_workbook(workbook, output)


def _open_copy(source: Path) -> Workbook:
    if source.suffix.casefold() in (".xlsx", ".xlsm"):
        try:
            workbook = load_workbook(source, keep_links=False)
        except Exception:  # openpyxl cannot read some valid files (Strict Open XML)
            pass
        else:
            _formulas_as_text(workbook)
            return workbook
    return _rebuilt(source)


def _formulas_as_text(workbook: Workbook) -> None:
    """Every formula cell becomes the formula's text (array formulas their text too)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = cell.value
                    text = getattr(value, "text", value)  # an ArrayFormula's text
                    set_text(cell, text if isinstance(text, str) else "")


def _rebuilt(source: Path) -> Workbook:
    """A new workbook holding the cell values of every sheet, at their places."""
    raw = read_workbook(source)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for sheet in raw.sheets:
        target = workbook.create_sheet(_sheet_title(sheet.name))
        target.sheet_state = "visible" if sheet.visible else "hidden"
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                write_cell(target.cell(sheet.first_row + r, sheet.first_col + c), value)
    if not workbook.worksheets:
        workbook.create_sheet("Ark1")
    return workbook


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Ark"


def _mark(workbook: Workbook, problem: Problem, lang: str) -> None:
    if problem.sheet is None or problem.cell is None:
        return
    title = _sheet_title(problem.sheet)
    match = _CELL.match(problem.cell)
    if title not in workbook.sheetnames or match is None:
        return
    sheet = workbook[title]
    cell = sheet[f"{match[1] or 'A'}{match[2]}"]
    cell.fill = FILLS[problem.severity.value]
    text = f"{message(problem, lang)}\n→ {hint(problem, lang)}"
    if cell.comment is not None:
        text = f"{cell.comment.text}\n\n{text}"
    comment = Comment(text, "okosys-plan")
    comment.width, comment.height = 320, 160
    cell.comment = comment


def _problem_sheet(workbook: Workbook, report: Report, lang: str) -> None:
    title = say(lang, "Problems")
    while title in workbook.sheetnames:
        title += "_"
    sheet: Worksheet = workbook.create_sheet(title, 0)
    sheet.append([say_in(lang, "annotate", column) for column in _COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for problem in report.problems:
        _problem_row(sheet, problem, lang)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (10, 22, 16, 8, 22, 22, 70, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def _problem_row(sheet: Worksheet, problem: Problem, lang: str) -> None:
    values: list[Any] = [problem.severity.value, problem.code, problem.sheet, problem.cell,
                         problem.column, json_value(problem.value), message(problem, lang),
                         hint(problem, lang)]
    row = sheet.max_row + 1
    for column, value in enumerate(values, start=1):
        write_cell(sheet.cell(row, column), value)
    cell = sheet.cell(row, 1)
    cell.fill = FILLS[problem.severity.value]
    if problem.sheet and problem.cell and _CELL.match(problem.cell):
        target = problem.cell if problem.cell[0].isalpha() else f"A{problem.cell}"
        sheet.cell(row, 4).hyperlink = f"#'{_sheet_title(problem.sheet)}'!{target}"
