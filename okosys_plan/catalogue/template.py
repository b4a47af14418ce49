"""The empty catalogue workbook that agencies fill in: every sheet, header and drop-down.

Sheet and column names are always the Norwegian ones the reader knows; only the
instructions (the Veiledning sheet, cell comments and input messages) follow ``lang``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.model import Criterion, Direction
from okosys_plan.export.files import WORKBOOK, check_suffix, check_target, save_workbook, set_text
from okosys_plan.text.say import say_raw

#: Rows below the header that carry the drop-downs and number checks.
DATA_ROWS = 1000
GUIDE_SHEET = "Veiledning"
LISTS_SHEET = "Lister"
AUTHOR = "okosys-plan"

# White on this blue has a contrast ratio of about 8.6:1 (WCAG AA asks for 4.5:1).
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")

_DIRECTION_LABELS = {Direction.BENEFIT: "Nytte", Direction.COST: "Kostnad"}
_YES_NO = ("Ja", "Nei")

#: The vocabularies on the hidden Lister sheet, one column each: (name, header, values).
_LISTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("THEMES", "Tema", domain.THEMES),
    ("NEED_STATUSES", "Status behov", domain.NEED_STATUSES),
    ("MEASURE_STATUSES", "Status tiltak", domain.MEASURE_STATUSES),
    ("NEED_TYPES", "Behovstype", domain.NEED_TYPES),
    ("LIFE_EVENTS", "Livshendelse", domain.LIFE_EVENTS),
    ("YES_NO", "Ja/Nei", _YES_NO),
    ("COST_TYPES", "Kostnadstype", domain.COST_TYPES),
    ("FUNDING_SOURCES", "Kilde", domain.FUNDING_SOURCES),
    ("FUNDING_STATUSES", "Status finansiering", domain.FUNDING_STATUSES),
    ("AGENCY_TYPES", "Type virksomhet", domain.AGENCY_TYPES),
    ("DIRECTIONS", "Retning", tuple(_DIRECTION_LABELS.values())),
    ("GOAL_ASSESSMENTS", "Vurdering", domain.GOAL_ASSESSMENTS),
    ("CHAIN_LAYERS", "Rad", domain.CHAIN_LAYERS),
    ("BREAK_LEVELS", "Brudd", domain.BREAK_LEVELS),
)

_WIDE = {"title": 40, "description": 50, "comment": 40, "theme": 42, "name": 36,
         "life_events": 30, "status": 22, "need_type": 22, "source": 20}

# key: English text, the message id of its bokmål translation (text/locale)
_TEXT: dict[str, str] = {
    "title": "Needs catalogue – template",
    "intro": "This workbook is a template for the needs catalogue: needs for common digital "
             "solutions, how they are prioritised, the measures on the roadmap, and costs and "
             "funding. Fill in the sheets and read the file with okosys-plan (for example "
             "“okosys-plan validate file.xlsx”). Only the Behov sheet is required; the other "
             "sheets may stay empty. Sheet and column names stay in Norwegian; the English "
             "names are accepted too.",
    "headers": "Do not change the headers. Required columns carry a “Required” note on their "
               "header. The order of the columns does not matter, and columns you add yourself "
               "are kept and written back out.",
    "needs": "One need per row. Give every need a unique ID (for example B-001) and a short "
             "title (Tittel). Pick Tema (theme), Behovstype (need type), Status and Lovkrav "
             "(legal requirement) from the drop-down lists. Enter a whole number from 1 to 5 "
             "in every criterion column ({criteria}); an empty cell means “not scored”. "
             "Amounts are in million kroner (MNOK), Varighet (duration) in years. "
             "Avhengigheter (depends on) lists the IDs of needs this one builds on.",
    "criteria": "The criteria the needs are scored by, filled in with Skate's default weights "
                "(Vekt). Weights are scaled to sum to 1. Retning (direction) is Nytte "
                "(benefit: higher is better) or Kostnad (cost: higher is worse). A new "
                "criterion needs a column of the same name in Behov.",
    "measures": "The measures that become bars on the roadmap. Behov lists the IDs of the "
                "needs a measure covers, Avhengigheter the IDs of other measures. Start and "
                "Slutt (end) are periods; without them a measure is “to be scheduled”.",
    "milestones": "Milestones of the measures: the measure's ID, the milestone's name and a "
                  "date or quarter.",
    "costs": "Costs per measure or need and year, by cost type (Kostnadstype), in MNOK.",
    "funding": "Funding per measure or need and year: source (Kilde), amount (Beløp) in MNOK "
               "and status (empty means Uavklart, unsettled).",
    "agencies": "The agencies that submit needs, own measures or share costs. The Skate "
                "agencies are filled in; add more as needed. Innbyggere (inhabitants) is for "
                "municipalities and counties.",
    "usage": "How much each agency uses a solution and benefits from it, per year. Used to "
             "share costs between the agencies.",
    "budget": "The yearly budget cap (Ramme) for the roadmap's measures, in MNOK. Planning "
              "places no measure that takes a year over its cap; a year without a row has no "
              "cap.",
    "adopted": "The adopted Veikart (optional): per measure, the period Skate adopted "
               "(Start, Slutt), the day it was decided (Vedtatt dato) and the Skate case. "
               "Status reports measure slippage against it, in quarters.",
    "chains": "Service-chain maps (Kart for tjenestekjeder, optional): one row per element "
              "of a chain (a life event such as Dødsfall og arv), in step order (Steg), on "
              "one of the map's four rows (Rad: Aktivitet, Hendelse, Tjeneste, Data), with "
              "its actor, what it triggers (Utløser: element IDs), where the chain breaks "
              "(Brudd: Juridisk, Organisatorisk, Semantisk or Teknisk) and the needs that "
              "address the break (Behov).",
    "goals": "The year's goals for the ecosystem, the result and the assessment (Oppnådd, "
             "Middels or Ikke oppnådd). Shown in the report.",
    "key_figures": "Key figures: indicator, group (for example Stat or Kommune), year and "
                   "value. Shown in the report as a table and a chart.",
    "required": "Required columns: {columns}.",
    "formats": "How to write values",
    "numbers": "Numbers: comma or point as decimal mark and a space as thousands separator, "
               "for example 12,5 and 1 234,5. Percentages (50 %) and a unit that matches the "
               "column (0,8 MNOK) work too. Text such as “ca. 120” is not a number and is "
               "reported.",
    "dates": "Dates: 15.03.2023, 2023-03-15, or a month and year (mars 2025, March 2025).",
    "periods": "Periods (Start, Slutt): a year (2023), a quarter (2023-K2, K2 2023 or 2023 "
               "Q2), a date, or Påbegynt for something that started before the roadmap's "
               "window.",
    "lists": "Lists (Livshendelse, Avhengigheter, Deltakere, Behov): separate the items with "
             "commas or semicolons.",
    "yes_no": "Yes/no (Lovkrav): Ja or Nei; Yes/No, J/N and X/blank work too.",
    "extra": "Your own columns: columns the template does not have are kept; nothing you type "
             "is lost.",
    "hidden": "The hidden sheet Lister holds the values of the drop-down lists. Do not delete it.",
    "note_required": "Required.",
    "note_rubric": "Rubric: what the score {score} means on this criterion (optional). "
                   "Shown in the assessment workbook (okosys-plan template --assessor) and "
                   "by okosys-plan explain.",
    "note_criterion": "Criterion: {description}. A whole number from {lo} to {hi}.",
    "score_title": "Invalid score",
    "score_error": "Enter a whole number from {lo} to {hi}.",
    "choice_title": "Unknown value",
    "choice_error": "Pick a value from the list.",
    "theme_error": "The theme is not in the list. Use it anyway?",
    "many_title": "One or more",
    "many_prompt": "Pick from the list, or type several separated by commas.",
    "number_title": "Invalid number",
    "amount_error": "Enter a number of 0 or more. Keep the value anyway?",
    "year_error": "Enter a year, for example 2025. Keep the value anyway?",
}


def build_template(lang: str = "nb") -> Workbook:
    """An empty catalogue workbook with instructions, headers, drop-downs and defaults."""
    text = {key: say_raw(lang, english) for key, english in _TEXT.items()}
    workbook = Workbook()
    guide = workbook.active
    assert isinstance(guide, Worksheet)
    guide.title = GUIDE_SHEET
    _write_guide(guide, text)
    lists = _write_lists(workbook.create_sheet(LISTS_SHEET))
    for spec in schema.SHEETS:
        sheet = workbook.create_sheet(spec.label, len(workbook.sheetnames) - 1)
        columns = sheet_columns(spec)
        _write_header(sheet, spec, columns, text)
        _add_validations(sheet, spec, columns, lists, text)
    _prefill(workbook)
    return workbook


def write_template(path: Path, *, force: bool = False, lang: str = "nb") -> None:
    """Write the template to ``path``; an existing file is kept unless ``force``."""
    check_suffix(path, WORKBOOK)
    check_target(path, force=force)
    save_workbook(build_template(lang), path)


def sheet_columns(spec: schema.SheetSpec) -> tuple[schema.Column, ...]:
    """The template's columns of a sheet; Behov gets one per default criterion after Status,
    Kriterier the rubric's columns 1 … 5 at its end."""
    if spec is schema.CRITERIA:
        return (*spec.columns, *_RUBRIC_COLUMNS)
    if spec is not schema.NEEDS:
        return spec.columns
    columns: list[schema.Column] = []
    for column in spec.columns:
        columns.append(column)
        if column.key == "status":
            columns.extend(_score_column(c) for c in domain.DEFAULT_CRITERIA)
    return tuple(columns)


#: Kriterier's rubric columns, headed 1 … 5 (``criteria.py`` reads them by their number).
_RUBRIC_COLUMNS = tuple(schema.Column(f"rubric:{score}", (str(score),)) for score in range(1, 6))


def _score_column(criterion: Criterion) -> schema.Column:
    return schema.Column(f"score:{criterion.name}", (criterion.name,), schema.Kind.SCORE)


def _criterion(column: schema.Column) -> Criterion:
    return next(c for c in domain.DEFAULT_CRITERIA if f"score:{c.name}" == column.key)


# --- the Veiledning sheet -------------------------------------------------------------


def _write_guide(sheet: Worksheet, text: dict[str, str]) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, (line, bold) in enumerate(_guide_lines(text), start=1):
        if not line:
            continue
        cell = sheet.cell(row=row, column=1)
        set_text(cell, line)
        cell.alignment = _WRAP
        if bold:
            cell.font = Font(bold=True, size=14 if row == 1 else 11)


def _guide_lines(text: dict[str, str]) -> Iterator[tuple[str, bool]]:
    """The instructions as (line, is_heading), blank lines between sections."""
    yield text["title"], True
    yield text["intro"], False
    yield text["headers"], False
    criteria = ", ".join(c.name for c in domain.DEFAULT_CRITERIA)
    for spec in schema.SHEETS:
        required = ", ".join(c.label for c in spec.required)
        yield "", False
        yield spec.label, True
        yield text[spec.key].format(criteria=criteria), False
        yield text["required"].format(columns=required), False
    yield "", False
    yield text["formats"], True
    for key in ("numbers", "dates", "periods", "lists", "yes_no", "extra", "hidden"):
        yield text[key], False


# --- headers and the hidden lists -----------------------------------------------------


def _write_header(sheet: Worksheet, spec: schema.SheetSpec,
                  columns: tuple[schema.Column, ...], text: dict[str, str]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, column.label)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        note = _header_note(column, text)
        if note:
            cell.comment = Comment(note, AUTHOR, width=260, height=80)
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _header_note(column: schema.Column, text: dict[str, str]) -> str:
    if column.kind is schema.Kind.SCORE:
        criterion = _criterion(column)
        return text["note_criterion"].format(description=criterion.description,
                                             lo=criterion.scale_min, hi=criterion.scale_max)
    if column.key.startswith("rubric:"):
        return text["note_rubric"].format(score=column.names[0])
    return text["note_required"] if column.required else ""


def _width(column: schema.Column) -> int:
    if column.key.startswith("rubric:"):
        return 36
    return max(_WIDE.get(column.key, 0), len(column.label) + 4, 12)


def _write_lists(sheet: Worksheet) -> dict[str, str]:
    """Put every vocabulary in a column of ``sheet``; return each one's range formula."""
    sheet.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for index, (name, header, values) in enumerate(_LISTS, start=1):
        letter = get_column_letter(index)
        set_text(sheet.cell(row=1, column=index), header)
        for row, value in enumerate(values, start=2):
            set_text(sheet.cell(row=row, column=index), value)
        sheet.column_dimensions[letter].width = max(len(v) for v in values) + 2
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


# --- drop-downs and number checks -----------------------------------------------------


def _add_validations(sheet: Worksheet, spec: schema.SheetSpec,
                     columns: tuple[schema.Column, ...], lists: dict[str, str],
                     text: dict[str, str]) -> None:
    for index, column in enumerate(columns, start=1):
        validation = _validation(spec, column, lists, text)
        if validation is None:
            continue
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
        sheet.add_data_validation(validation)


def _validation(spec: schema.SheetSpec, column: schema.Column, lists: dict[str, str],
                text: dict[str, str]) -> DataValidation | None:
    vocabulary = _vocabulary(spec, column)
    if vocabulary is not None:
        return _choice(vocabulary, lists[vocabulary], text)
    if column.kind is schema.Kind.SCORE:
        criterion = _criterion(column)
        lo, hi = criterion.scale_min, criterion.scale_max
        return DataValidation("whole", operator="between", formula1=str(lo), formula2=str(hi),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=text["score_title"],
                              error=text["score_error"].format(lo=lo, hi=hi))
    if column.kind is schema.Kind.AMOUNT:
        return DataValidation("decimal", operator="greaterThanOrEqual", formula1="0",
                              **_lenient(text, "amount_error"))
    if column.kind is schema.Kind.YEAR:
        return DataValidation("whole", operator="between", formula1="1900", formula2="2100",
                              **_lenient(text, "year_error"))
    return None


def _vocabulary(spec: schema.SheetSpec, column: schema.Column) -> str | None:
    if column.choices is not None:
        return column.choices
    if column.kind is schema.Kind.BOOL:
        return "YES_NO"
    if spec is schema.CRITERIA and column.key == "direction":
        return "DIRECTIONS"
    return None


def _choice(vocabulary: str, formula: str, text: dict[str, str]) -> DataValidation:
    """A drop-down; themes may be the user's own lanes and life events a list of several."""
    if vocabulary == "LIFE_EVENTS":
        return DataValidation("list", formula1=formula, allow_blank=True,
                              showErrorMessage=False, showInputMessage=True,
                              promptTitle=text["many_title"], prompt=text["many_prompt"])
    style: Literal["warning", "stop"] = "warning" if vocabulary == "THEMES" else "stop"
    error = text["theme_error"] if vocabulary == "THEMES" else text["choice_error"]
    return DataValidation("list", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorStyle=style, errorTitle=text["choice_title"], error=error)


def _lenient(text: dict[str, str], error: str) -> dict[str, Any]:
    """A number check that only warns: the reader also takes text such as '1 234,5'."""
    return {"allow_blank": True, "showErrorMessage": True, "errorStyle": "warning",
            "errorTitle": text["number_title"], "error": text[error]}


# --- pre-filled rows ------------------------------------------------------------------


def _prefill(workbook: Workbook) -> None:
    for c in domain.DEFAULT_CRITERIA:
        _append(workbook, schema.CRITERIA, {
            "name": c.name, "weight": c.weight, "direction": _DIRECTION_LABELS[c.direction],
            "scale_min": c.scale_min, "scale_max": c.scale_max, "description": c.description,
            **{f"rubric:{score}": text for score, text in c.rubric}})
    for code, name, kind in domain.SKATE_AGENCIES:
        _append(workbook, schema.AGENCIES, {"code": code, "name": name, "kind": kind})


def _append(workbook: Workbook, spec: schema.SheetSpec,
            values: dict[str, str | float | int]) -> None:
    """Write a row below the last one, each value under its column's header."""
    sheet = workbook[spec.label]
    row = sheet.max_row + 1
    keys = [c.key for c in sheet_columns(spec)]
    for key, value in values.items():
        cell = sheet.cell(row=row, column=keys.index(key) + 1)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
