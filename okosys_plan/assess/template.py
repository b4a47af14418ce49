"""The assessment workbook one AU member fills in: the needs, a drop-down per criterion.

``assess.layout`` is the layout (``assess.read`` reads it back). The sheet Vurdering has
the header block (Vurdert av, Virksomhet, Dato), then the table: the needs (ID, Tittel,
Tema, Beskrivelse, locked), one column per criterion with a drop-down of its whole scale
whose input message shows the rubric, and Kommentar. The sheet is protected without a
password; the grade, comment and block's value cells are unlocked. The sheet Rubrikk holds
every criterion's weight, scale, direction, description and rubric in full; Veiledning
the instructions in the run's language. Sheet names and headers are Norwegian always.

Written with XlsxWriter (data validations and protection, which ``export.xlsx`` does not
describe), with the document properties at the house's fixed time: same input, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from okosys_plan.assess import layout
from okosys_plan.assess.model import Assessment
from okosys_plan.assess.select import select_needs
from okosys_plan.catalogue.model import Catalogue, Criterion, Direction, Need
from okosys_plan.export.files import (
    FIXED_ISO_TIME,
    WORKBOOK,
    check_suffix,
    check_target,
    write_atomic,
    xml_text,
)
from okosys_plan.export.xlsx_values import within_cell_limit
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

#: Excel's limits on a data validation's input message: title and text (UTF-16 units).
TITLE_LIMIT = 32
MESSAGE_LIMIT = 255
#: Excel's limit on a list validation's written list ("1,2,3,4,5").
LIST_LIMIT = 255

_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
_DIRECTIONS = {Direction.BENEFIT: "Nytte", Direction.COST: "Kostnad"}
# White on this blue: about 8.6:1 (WCAG AA asks 4.5:1); black on the pale yellow ~19:1.
_HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79", "pattern": 1,
           "text_wrap": True, "valign": "vcenter"}
_INPUT = {"locked": False, "bg_color": "#FFF2CC", "pattern": 1, "border": 1,
          "border_color": "#7F7F7F"}
_WIDTHS = {layout.ID: 10, layout.TITLE: 40, layout.THEME: 30, layout.DESCRIPTION: 60,
           layout.COMMENT: 50}


def write_assessment_template(path: Path, catalogue: Catalogue, assessor: str,
                              agency: str | None = None, needs: Sequence[str] | None = None,
                              theme: str | None = None, lang: str = "nb", force: bool = False,
                              inputs: Sequence[Path] = (),
                              filled: Assessment | None = None) -> tuple[Need, ...]:
    """Write one member's assessment workbook to ``path``; return the needs it holds.

    ``filled`` writes its grades and comments in (a workbook filled in advance: the
    previous round's, or the bundled illustrative ones).

    ``needs`` (IDs) and ``theme`` choose a subset (``assess.select``); an unknown one is a
    ``UsageError``, raised before anything is written. The criteria are the catalogue's
    criteria that the needs sheet has a column for (``Catalogue.scored_criteria``).
    """
    check_suffix(path, WORKBOOK)
    chosen = select_needs(catalogue, needs, theme)
    check_target(path, force=force, inputs=tuple(inputs))
    criteria = catalogue.scored_criteria
    write_atomic(path, lambda handle: _package(handle, chosen, criteria,
                                               (assessor, agency), lang, filled))
    return chosen


def _package(handle: IO[bytes], needs: Sequence[Need], criteria: Sequence[Criterion],
             member: tuple[str, str | None], lang: str,
             filled: Assessment | None = None) -> None:
    import contextlib

    from xlsxwriter import Workbook

    book = Workbook(handle, _OPTIONS)
    with contextlib.closing(book):
        book.set_properties({"author": "okosys-plan",
                             "created": datetime.fromisoformat(FIXED_ISO_TIME)})
        formats = _formats(book)
        sheet = book.add_worksheet(layout.SHEET)
        _assessment_sheet(sheet, needs, criteria, member, formats, lang)
        if filled is not None:
            _fill(sheet, needs, criteria, filled, formats)
        _rubric_sheet(book.add_worksheet(layout.RUBRIC_SHEET), criteria, formats)
        _guide_sheet(book.add_worksheet(layout.GUIDE_SHEET), formats, lang)


def _formats(book: Workbook) -> dict[str, Format]:
    return {
        "header": book.add_format(_HEADER),
        "label": book.add_format({"bold": True}),
        "input": book.add_format(_INPUT),
        "date": book.add_format({**_INPUT, "num_format": "DD.MM.YYYY"}),
        "text": book.add_format({"text_wrap": True, "valign": "top"}),
        "percent": book.add_format({"num_format": "0 %", "valign": "top"}),
        "top": book.add_format({"valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
    }


def _text(sheet: Worksheet, row: int, col: int, value: str | None, fmt: Format | None) -> None:
    """A text cell, never a formula or number; an empty value leaves a styled blank."""
    if value:
        sheet.write_string(row, col, within_cell_limit(xml_text(value)), fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


# --- Vurdering ------------------------------------------------------------------------


def _fill(sheet: Worksheet, needs: Sequence[Need], criteria: Sequence[Criterion],
          filled: Assessment, formats: dict[str, Format]) -> None:
    """Write ``filled``'s grades and comments into the table's unlocked cells."""
    first = layout.TABLE_HEADER_ROW  # 0-based: the row below the header
    fixed = len(layout.FIXED_COLUMNS)
    for row, need in enumerate(needs, start=first):
        for col, criterion in enumerate(criteria, start=fixed):
            grade = filled.grades.get((need.id, criterion.name))
            if grade is not None:
                sheet.write_number(row, col, grade, formats["input"])
        _text(sheet, row, fixed + len(criteria), filled.comments.get(need.id),
              formats["input"])


def _assessment_sheet(sheet: Worksheet, needs: Sequence[Need], criteria: Sequence[Criterion],
                      member: tuple[str, str | None], formats: dict[str, Format],
                      lang: str) -> None:
    values = (member[0], member[1], None)
    for row, (label, value) in enumerate(zip(layout.HEADER_LABELS, values, strict=True)):
        _text(sheet, row, 0, label, formats["label"])
        key = "date" if label == layout.DATE_LABEL else "input"
        _text(sheet, row, 1, value, formats[key])
    header = layout.TABLE_HEADER_ROW - 1  # 0-based
    headers = [*layout.FIXED_COLUMNS, *(c.name for c in criteria), layout.COMMENT]
    for col, name in enumerate(headers):
        _text(sheet, header, col, name, formats["header"])
        sheet.set_column(col, col, _WIDTHS.get(name, max(len(name) + 2, 12)))
    fixed, comment = len(layout.FIXED_COLUMNS), len(headers) - 1
    for row, need in enumerate(needs, start=header + 1):
        for col, value in enumerate((need.id, need.title, need.theme, need.description)):
            _text(sheet, row, col, value, formats["text"])
        for col in range(fixed, comment + 1):
            sheet.write_blank(row, col, None, formats["input"])
    if needs:
        last = header + len(needs)
        for col, criterion in enumerate(criteria, start=fixed):
            sheet.data_validation(header + 1, col, last, col, validation(criterion, lang))
    sheet.freeze_panes(header + 1, 2)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.activate()


def validation(criterion: Criterion, lang: str) -> dict[str, Any]:
    """The data validation of a criterion's column: a drop-down of its whole scale (a
    whole-number range when the list would be longer than Excel takes), with the rubric
    as its input message (cut to Excel's limits; the whole is on the Rubrikk sheet)."""
    low, high = criterion.scale_min, criterion.scale_max
    choices = [str(score) for score in range(low, high + 1)] if high - low < 128 else []
    rule: dict[str, Any]
    if choices and len(",".join(choices)) <= LIST_LIMIT:
        rule = {"validate": "list", "source": choices}
    else:
        rule = {"validate": "integer", "criteria": "between", "minimum": low, "maximum": high}
    error = say(lang, "Enter a whole number from {lo} to {hi}.", lo=low, hi=high)
    return {**rule, "ignore_blank": True,
            "input_title": cut(xml_text(criterion.name), TITLE_LIMIT),
            "input_message": input_message(criterion, lang),
            "error_type": "stop", "error_title": cut(say(lang, "Invalid score"), TITLE_LIMIT),
            "error_message": cut(error, MESSAGE_LIMIT)}


def input_message(criterion: Criterion, lang: str) -> str:
    """What a member sees on selecting a grade cell: the rubric, one line per score (or the
    description and the scale when there is none), at most ``MESSAGE_LIMIT`` units."""
    lines = [xml_text(f"{score}: {text}") for score, text in criterion.rubric]
    if not lines:
        lines = [xml_text(criterion.description)] if criterion.description.strip() else []
        lines.append(say(lang, "A whole number from {lo} to {hi}.", lo=criterion.scale_min,
                         hi=criterion.scale_max))
    if criterion.direction is Direction.COST:
        lines.insert(0, say(lang, "cost: higher is worse"))
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    text = "\n".join(lines)
    if _units(text) <= MESSAGE_LIMIT:
        return text
    more = say(lang, "(the whole text is on the Rubrikk sheet)")
    budget = MESSAGE_LIMIT - _units(more) - len(lines)  # the line breaks, the last before it
    return cut("\n".join([*_shortened(lines, budget), more]), MESSAGE_LIMIT)


def _shortened(lines: list[str], budget: int) -> list[str]:
    """The lines within ``budget`` units: the long ones cut (at a word, ended with "…") to
    the largest equal length that fits, so that every score keeps its beginning in view."""
    for cap in range(max(budget, 0), 0, -1):
        kept = [line if _units(line) <= cap else cut(line, cap - 1, words=True) + "…"
                for line in lines]
        if sum(map(_units, kept)) <= budget:
            return kept
    return [line[:1] + "…" for line in lines]


def _units(text: str) -> int:
    """The length of ``text`` in UTF-16 units, as Excel counts."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, units: int, *, words: bool = False) -> str:
    """The longest beginning of ``text`` of at most ``units`` UTF-16 units; with ``words``,
    ended at a space when one lies in the last third (no word cut in two)."""
    if _units(text) <= units:
        return text
    kept = text.encode("utf-16-le", "surrogatepass")[:2 * units].decode("utf-16-le", "ignore")
    if words:
        space = max(kept.rfind(" "), kept.rfind("\n"))
        if space >= len(kept) * 2 // 3:
            kept = kept[:space]
    return kept.rstrip()


# --- Rubrikk and Veiledning -----------------------------------------------------------


def _rubric_sheet(sheet: Worksheet, criteria: Sequence[Criterion],
                  formats: dict[str, Format]) -> None:
    for col, name in enumerate(layout.RUBRIC_HEADERS):
        _text(sheet, 0, col, name, formats["header"])
    for col, width in enumerate((24, 8, 10, 10, 10, 40, 10, 80)):
        sheet.set_column(col, col, width)
    row = 1
    for criterion in criteria:
        for score, text in criterion.rubric or ((None, ""),):
            _text(sheet, row, 0, criterion.name, formats["top"])
            sheet.write_number(row, 1, criterion.weight, formats["percent"])
            _text(sheet, row, 2, _DIRECTIONS[criterion.direction], formats["top"])
            sheet.write_number(row, 3, criterion.scale_min, formats["top"])
            sheet.write_number(row, 4, criterion.scale_max, formats["top"])
            _text(sheet, row, 5, criterion.description, formats["text"])
            if score is not None:
                sheet.write_number(row, 6, score, formats["top"])
            _text(sheet, row, 7, text, formats["text"])
            row += 1
    sheet.freeze_panes(1, 1)


_GUIDE = (
    "Score each need on every criterion: pick a whole number from the cell's drop-down "
    "list. The rubric (what each score means) is shown when you select the cell, and in "
    "full on the Rubrikk sheet.",
    "Leave a cell empty if you cannot score the need on that criterion: an empty cell is "
    "no score, not a low one.",
    "Write the date in Dato, and in Kommentar what the meeting should know about the need.",
    "Only the yellow cells can be changed; the rest of the sheet is locked (without a "
    "password). Do not rename the sheets or the headers.",
    "Return the file to the AU secretary, who reads every member's file with okosys-plan.",
)


def _guide_sheet(sheet: Worksheet, formats: dict[str, Format], lang: str) -> None:
    sheet.set_column(0, 0, 110)
    _text(sheet, 0, 0, say(lang, "Assessment of needs: instructions"), formats["title"])
    for row, line in enumerate(_GUIDE, start=2):
        _text(sheet, row, 0, say(lang, line), formats["text"])
