"""Problem messages and hints in Norwegian (bokmål, the default) and English.

A problem carries a stable code and parameters; the text is made here, when shown, in
the language asked for (``text.say``: the English texts below are the message ids, the
bokmål ones are in ``text/locale/nb``). Templates use ``str.format`` fields from the problem's
params; where a param has an English twin (``why``/``why_en``, ``amount``/``amount_en`` …),
the English id names the twin and the bokmål text the param.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.model import Problem
from okosys_plan.text.say import say

LANGUAGES = ("nb", "en")

# code: (message, hint), in English: the message ids of the catalogues in text/locale.
_TEXTS: dict[str, tuple[str, str]] = {
    "missing-sheet": (
        "No needs sheet found: no visible sheet has the headers {looked_for}",
        "Name the sheet 'Behov' (or 'Needs') with ID and Title columns in a header row near "
        "the top.",
    ),
    "missing-column": (
        "Required column {expected} is missing",
        "Add the column to the header row (row {header_row}).",
    ),
    "missing-criterion-column": (
        "Criterion '{criterion}' has no column in the needs sheet; it is left out of scoring",
        "Add a column named '{criterion}', or remove the criterion from the Criteria sheet.",
    ),
    "row-skipped": (
        "Row {number} has neither ID nor title and was skipped (a totals row or a note?)",
        "Move totals and notes to a sheet of their own if the row is not a need.",
    ),
    "missing-value": (
        "'{column}' must be filled in",
        "Enter a value in the cell.",
    ),
    "duplicate-id": (
        "ID '{value}' is used before (in {first})",
        "Give every row a unique ID; case and invisible characters do not count.",
    ),
    "id-clash": (
        "Measure ID '{value}' is also the ID of a need",
        "Use a separate numbering for measures, for example T01, T02 …",
    ),
    "duplicate-column": (
        "Column '{column}' appears twice; the second is kept as an unknown column",
        "Delete or rename one of the columns.",
    ),
    "not-a-number": (
        "'{value}' is not a number",
        "Write the number only, for example 12.5 or 1 234 (unit: {unit}).",
    ),
    "number-too-large": (
        "'{value}' is too large: at most {limit} in absolute value",
        "Check the number and its unit (amounts in MNOK are at most 1e9, a duration 100 years, "
        "other numbers 1e12).",
    ),
    "not-whole": (
        "'{value}' is not a whole number",
        "Use a whole number, for example 3.",
    ),
    "bad-year": (
        "'{value}' is not a year",
        "Write the year with four digits, for example 2024.",
    ),
    "not-yes-no": (
        "'{value}' is neither yes nor no",
        "Write Yes or No (also Y/N, X/blank, TRUE/FALSE).",
    ),
    "bad-date": (
        "'{value}' is not a date",
        "Write the date as 2023-03-15, 15.03.2023 or 'March 2023'.",
    ),
    "bad-period": (
        "'{value}' is not a period",
        "Write a year (2023), a quarter (2023-Q2), a date (2023-03-15) or 'Påbegynt' (started).",
    ),
    "out-of-years": (
        "'{value}' lies outside the years {first}–{last}",
        "Check the year; plans, dates and periods must lie between {first} and {last}.",
    ),
    "period-reversed": (
        "The period '{value}' ends before it begins",
        "Write the first year or quarter first, for example 2023–2025.",
    ),
    "bad-case": (
        "'{value}' is not a Skate case number",
        "Write the case number as NN/YY, for example 16/23.",
    ),
    "out-of-range": (
        "'{value}' is out of range ({allowed_en})",
        "Use a value {allowed_en}.",
    ),
    "assessment-unknown-need": (
        "The catalogue has no need '{value}'; this row's grades are not used",
        "Check the ID against the catalogue, or ask for a new assessment workbook if the "
        "catalogue has changed.",
    ),
    "assessment-need-twice": (
        "Need '{value}' is assessed before in this workbook (row {first})",
        "Keep one row per need; delete or merge the other row.",
    ),
    "assessor-twice": (
        "'{value}' has sent an assessment before ({first}); this workbook is not used",
        "Use one workbook per member: remove the older one, or put the right name in "
        "'Vurdert av'.",
    ),
    "assessment-empty": (
        "{assessor} has graded no need",
        "Fill in grades in the criteria's columns, or leave this workbook out.",
    ),
    "assessment-no-assessor": (
        "The workbook does not say who assessed; the name '{name}' of the file is used",
        "Write the member's name beside 'Vurdert av' at the top of the sheet.",
    ),
    "assessment-unknown-criterion": (
        "'{value}' is not a criterion of the catalogue; its column is not used",
        "Check the column's header against the catalogue's criteria.",
    ),
    "not-scored": (
        "The need is not scored on '{column}'",
        "Enter a score from {min} to {max}; until then the need is scored on the other criteria.",
    ),
    "unknown-status": (
        "Unknown status '{value}'",
        "Known statuses: {known}.",
    ),
    "status-mapped": (
        "Status '{value}' was read as '{mapped}'",
        "Write '{mapped}' to avoid this message.",
    ),
    "unknown-theme": (
        "Unknown theme '{value}'{did_you_mean}",
        "Known themes (the roadmap's lanes): {known}.",
    ),
    "invalid-choice": (
        "'{value}' is not a valid value for '{column}'{did_you_mean}",
        "Valid values: {known}.",
    ),
    "unknown-reference": (
        "'{ref}' does not exist among {target_text}",
        "Correct the ID, or add the row it refers to.",
    ),
    "unknown-agency": (
        "Agency '{value}' is not in the Agencies sheet",
        "Use a code from the Agencies sheet, or add the agency there.",
    ),
    "dependency-cycle": (
        "The dependencies form a cycle: {cycle}",
        "Remove one of the dependencies in the cycle.",
    ),
    "chain-unknown-element": (
        "'{ref}' is not an element of the service chains",
        "Use the ID of an element of the chain '{chain}', or add that element.",
    ),
    "chain-other-chain": (
        "'{ref}' belongs to the chain '{other}', not to '{chain}'",
        "An element triggers only elements of its own chain; correct the ID or the chain.",
    ),
    "chain-cycle": (
        "The chain's triggers form a cycle: {cycle}",
        "Remove one of the triggers in the cycle; a chain runs one way.",
    ),
    "event-triggers-nothing": (
        "Event {id} ('{value}') triggers nothing",
        "Name the service it triggers in Utløser, or mark the break where the chain stops.",
    ),
    "service-without-actor": (
        "Service {id} ('{value}') has no actor",
        "Name the agency (its code) or the actor that delivers the service in Aktør.",
    ),
    "break-without-need": (
        "A break nobody has proposed to fix: {id} ({value}) names no need",
        "Name the need that addresses the break in Behov, or submit one.",
    ),
    "break-without-level": (
        "The break at {id} has a description but no level; it is not drawn",
        "Choose the level: Juridisk, Organisatorisk, Semantisk or Teknisk.",
    ),
    "end-before-start": (
        "End ({value}) is before start ({start})",
        "Correct the start or the end.",
    ),
    "starts-before-dependency": (
        "The measure starts ({start}) before '{dependency}' ends ({dependency_end})",
        "Move the start, or remove the dependency if it does not apply.",
    ),
    "formula-no-value": (
        "The formula in the cell has no stored value",
        "Open the file in Excel or LibreOffice, let it recalculate, and save it again.",
    ),
    "formula-error": (
        "The formula in the cell gives the error {value}; the value is not read",
        "Fix the formula or type the value.",
    ),
    "formula-not-calculated": (
        "The formula's value was never calculated (the file was written by a program that does "
        "not calculate formulas); the value is not read",
        "Open and save the file in a spreadsheet program, or type the value.",
    ),
    "id-too-long": (
        "The ID is {length} characters long, over the limit of {limit}: '{value}'",
        "Use a short ID, such as B01; long text belongs in Title or Description.",
    ),
    "text-too-long": (
        "The text is {length} characters long, over the limit of {limit}; only the first "
        "{limit} characters are used (the cell in the file is kept as it is)",
        "Shorten the text, or move the long text to a document of its own.",
    ),
    "weights-normalised": (
        "The weights sum to {total}, not 1; they were scaled to sum to 1",
        "Adjust the weights to sum to 1 to avoid this message.",
    ),
    "no-positive-weight": (
        "No criterion has a weight above 0",
        "Give at least one criterion a positive weight.",
    ),
    "bad-scale": (
        "Scale min ({min}) must be less than scale max ({max})",
        "Correct the scale, for example 1 to 5.",
    ),
    "rubric-out-of-scale": (
        "The rubric text for score {score} is outside the scale of '{criterion}' ({min} to "
        "{max}); it is not used",
        "Write the text under a column headed by a score from {min} to {max}, or change the "
        "criterion's scale.",
    ),
    "no-needs": (
        "The catalogue holds no needs",
        "Enter at least one need below the header row.",
    ),
    "likely-duplicate": (
        "The title matches that of '{other}' ({first}); probably the same need",
        "Merge the needs, or make the titles clearly different.",
    ),
    "sheet-not-merged": (
        "Sheet '{name}' is not part of the format and was not carried into the merged catalogue",
        "Copy the sheet by hand if it is needed, or give it the name of a sheet of the format.",
    ),
    "conflicting-row": (
        "'{value}' is also in {first} with other values; the first row was kept",
        "Agree on one version of the row in every file.",
    ),
    "old-format": (
        "The file is in {format} format; it was read, but should be saved again as .xlsx",
        "Open the file in Excel or LibreOffice and save it as .xlsx.",
    ),
    "wrong-extension": (
        "The file is {actual} but is named {suffix}",
        "Give the file the right extension ({expected}).",
    ),
    "duplicate-year": (
        "The year {value} already has a cap (in {first})",
        "Give each year one row in the budget sheet; merge or delete the duplicate row.",
    ),
    "outside-horizon": (
        "{id} reaches outside the roadmap's period {first}–{last} and is drawn cut off",
        "That is fine if the period is right; otherwise correct Start or Slutt (End).",
    ),
    "fixed-over-budget": (
        "Measures with fixed dates cost {amount} MNOK in {year}, above the cap of {cap} MNOK",
        "Raise the cap, move a measure, or check the costs for {year}; nothing more is planned "
        "into {year}.",
    ),
    "rules-before-first": (
        "{value}: the year {year} is before the first co-funding rules ({first}); "
        "the {first} rules are used",
        "Check the Søknadsår column in Finansiering, or the measure's start.",
    ),
    "not-placed": (
        "{value} could not be placed: {why_en}",
        "Give the measure dates yourself, raise the cap, or widen the period with --from/--to.",
    ),
    "missing-parvis": (
        "No sheet named Parvis with pairwise comparisons (the sheets are: {sheets})",
        "Name the sheet 'Parvis' (or 'Pairwise'): criterion names across row 1 from B1 and "
        "down column A from A2, the judgements in the cells between.",
    ),
    "no-criteria": (
        "No criteria to compare were found",
        "In the Parvis sheet: names across row 1 from B1 and down column A from A2. In TOML: "
        'criteria = ["…", …] and matrix = [[…], …].',
    ),
    "missing-criterion-name": (
        "The criterion's name is missing",
        "Write the criterion's name in the cell, or remove the empty row or column.",
    ),
    "duplicate-criterion": (
        "Criterion '{value}' is listed twice (first in {first})",
        "Give each criterion one row and one column.",
    ),
    "ahp-not-square": (
        "The comparison matrix is not square: {rows} rows against {columns} columns",
        "Every criterion needs both a column (name in row 1) and a row (name in column A); in "
        "TOML, one row with as many values as there are criteria.",
    ),
    "ahp-names-differ": (
        "The row is named '{row}' but column {column_cell} is named '{column}'",
        "List the criteria in the same order across row 1 and down column A.",
    ),
    "not-a-judgement": (
        "'{value}' is neither a number nor a fraction ({row} against {column})",
        "Write a value from Saaty's scale, such as 3 or 1/3. In Excel, type =1/3 or format the "
        "cell as text, or Excel turns 1/3 into a date.",
    ),
    "judgement-out-of-range": (
        "'{value}' is outside Saaty's scale 1/9 to 9 ({row} against {column})",
        "Use 1 to 9 when the row's criterion is the more important and 1/2 to 1/9 when it is "
        "the less; zero and negative numbers are not judgements.",
    ),
    "diagonal-not-one": (
        "'{row}' compared with itself must be 1, not '{value}'",
        "Write 1 on the diagonal, or leave it blank.",
    ),
    "not-reciprocal": (
        "'{value}' ({row} against {column}) and '{mirror_value}' in {mirror} are not reciprocal",
        "Leave one of the two blank (it is filled in as the reciprocal), or make their product "
        "1, such as 3 and 1/3.",
    ),
    "missing-judgement": (
        "No judgement of '{row}' against '{column}': this cell and {mirror} are both blank",
        "Fill in one of the two; the other is filled in as its reciprocal.",
    ),
    "ahp-inconsistent": (
        "The consistency ratio CR = {cr} is above {limit}; the most inconsistent judgement is "
        "'{row}' against '{column}': given {given}, while the weights imply {consistent}",
        "Review that judgement first; Saaty accepts a CR up to 0.10.",
    ),
    "key-data-absent": (
        "The key '{key}' lacks the {field_en} of {count} solutions with no rows in Usage "
        "({solutions}); {amount_en} MNOK is not allocated",
        "Enter the {field_en} per agency and year for these solutions, or choose another key.",
    ),
    "key-data-missing": (
        "The key '{key}' lacks the {field_en} of {agencies} ({solutions}; {years}); "
        "{amount_en} MNOK is not allocated",
        "Fill in the {field_en} here and for the others missing; until then the amount is not "
        "allocated.",
    ),
    "nobody-pays": (
        "The key '{key}' finds nobody to pay for {solutions}: {why_en}; {amount_en} MNOK is "
        "not allocated",
        "Check the figures the key shares by (and --free-below), or choose another key.",
    ),
    "no-payers": (
        "The key '{key}' has no payers for {solutions} (nobody in Agencies or Usage); "
        "{amount_en} MNOK is not allocated",
        "Enter the agencies in the Agencies sheet.",
    ),
    "shares-not-100": (
        "The shares of {value} add up to {total}, not 100 % ({years}); they are used in proportion",
        "Correct the shares in Usage so that they add up to 100 (or 1).",
    ),
    "scenario-setting": (
        "Scenario '{name}', setting '{setting}': {why_en}",
        "Write one setting a row, named and valued as docs/scenarier.md describes.",
    ),
    "scenario-columns": (
        "The scenario sheet has no header row with the columns {columns}",
        "Put the headers Scenario, Innstilling and Verdi in the sheet's first row.",
    ),
}

_TARGETS = {
    "needs": "the needs",
    "measures": "the measures",
    "items": "the measures and needs",
}


def message(problem: Problem, lang: str = "nb") -> str:
    """The problem's message in the language asked for."""
    return _render(problem, lang)[0]


def hint(problem: Problem, lang: str = "nb") -> str:
    """The problem's hint in the language asked for."""
    return _render(problem, lang)[1]


def _render(problem: Problem, lang: str) -> tuple[str, str]:
    texts = _TEXTS.get(problem.code)
    if texts is None:
        return problem.code, ""
    fields = _fields(problem, lang)
    return say(lang, texts[0], **fields), say(lang, texts[1], **fields)


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fields(problem: Problem, lang: str) -> _Fields:
    fields = _Fields(problem.params)
    value = problem.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    fields.setdefault("value", "" if value is None else value)
    fields.setdefault("column", problem.column or "")
    target = _TARGETS.get(str(fields.get("target", "")))
    fields["target_text"] = say(lang, target) if target else ""
    suggestion = fields.get("suggestion")
    fields["did_you_mean"] = (say(lang, " (did you mean '{suggestion}'?)", suggestion=suggestion)
                              if suggestion else "")
    if "allowed" in fields and "allowed_en" not in fields:
        fields["allowed_en"] = fields["allowed"]
    return fields


def codes() -> tuple[str, ...]:
    """Every problem code with a message."""
    return tuple(_TEXTS)


