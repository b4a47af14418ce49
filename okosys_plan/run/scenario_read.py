"""Scenarios from the catalogue's optional *Scenarier* sheet, and the choice of scenarios.

The sheet has a header row (within its first rows) with the columns *Scenario* (or
*Navn*, *Name*), *Innstilling* (*Setting*) and *Verdi* (*Value*); each row sets one
setting of one scenario, with the names of ``run.scenario.SETTINGS`` (docs/scenarier.md).
A row that cannot be used is a problem with its sheet, cell, column, value and hint, as in
every other sheet. Settings files declare scenarios as ``[scenario.NAME]`` (``run.config``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.model import Problem, Severity
from okosys_plan.catalogue.schema import normalise
from okosys_plan.errors import UsageError
from okosys_plan.run.scenario import Scenario, SettingProblem, build, check_name, check_setting
from okosys_plan.text.address import column_letter
from okosys_plan.text.later import Msg

SHEET_NAMES = ("scenarier", "scenarioer", "scenarios")
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("scenario", "navn", "name"),
    "setting": ("innstilling", "setting"),
    "value": ("verdi", "value"),
}
#: The column headers the sheet is written with (Norwegian always).
HEADERS = ("Scenario", "Innstilling", "Verdi")
_HEADER_ROWS = 10


def sheet_scenarios(raw: Any) -> tuple[list[Scenario], list[Problem]]:
    """The scenarios of a ``RawWorkbook``'s Scenarier sheet, and the problems of its rows."""
    sheet = next((s for s in raw.sheets if normalise(s.name) in SHEET_NAMES), None)
    if sheet is None:
        return [], []
    folder = Path(raw.path).parent
    found = _header(sheet)
    if found is None:
        return [], [Problem(Severity.ERROR, "scenario-columns", sheet.name, None, None, None,
                            {"columns": ", ".join(HEADERS)}, raw.name)]
    header_at, columns = found
    settings: dict[str, list[tuple[str, Any]]] = {}
    places: dict[str, str] = {}
    problems: list[Problem] = []
    for offset, row in enumerate(sheet.rows[header_at + 1:], start=header_at + 1):
        number = sheet.first_row + offset
        cells = {key: (row[i] if i < len(row) else None) for key, i in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue

        def problem(key: str, value: Any, reason: Msg, name: str = "", setting: str = "",
                    row_number: int = number) -> Problem:
            cell = f"{column_letter(sheet.first_col + columns[key])}{row_number}"
            return Problem(Severity.ERROR, "scenario-setting", sheet.name, cell,
                           HEADERS[list(COLUMNS).index(key)], value,
                           {"name": name, "setting": setting, "why": reason.said("nb"),
                            "why_en": reason.said("en")}, raw.name)

        name, setting, value = cells["name"], cells["setting"], cells["value"]
        bad = check_name(name)
        if bad is not None:
            problems.append(problem("name", name, bad))
            continue
        name = str(name).strip()
        if not isinstance(setting, str) or not setting.strip():
            problems.append(problem("setting", setting, _unknown(), name))
            continue
        try:
            pair = check_setting(setting.strip(), _listed(setting, value), folder)
        except SettingProblem as error:
            key = "setting" if "unknown setting" in error.reason.msgid else "value"
            problems.append(problem(key, setting if key == "setting" else value,
                                    error.reason, name, setting.strip()))
            continue
        settings.setdefault(name, []).append(pair)
        places.setdefault(name, f"{raw.name}: {sheet.name}!A{number}")
    scenarios = []
    for name, checked in settings.items():
        try:
            scenarios.append(build(name, checked, places[name]))
        except SettingProblem as error:
            problems.append(Problem(Severity.ERROR, "scenario-setting", sheet.name, None, None,
                                    None, {"name": name, "setting": error.setting,
                                           "why": error.reason.said("nb"),
                                           "why_en": error.reason.said("en")}, raw.name))
    return scenarios, problems


def _unknown() -> Msg:
    from okosys_plan.run.scenario import SETTINGS
    from okosys_plan.text.later import msg

    return msg("unknown setting; use one of {known}", known=", ".join(SETTINGS))


def _listed(setting: str, value: Any) -> Any:
    """A drop_source cell may list several sources, separated by ';' or ','."""
    if setting.strip() == "drop_source" and isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    return value


def _header(sheet: Any) -> tuple[int, dict[str, int]] | None:
    """The header row's index in ``sheet.rows`` and the index of each column, or None."""
    for at, row in enumerate(sheet.rows[:_HEADER_ROWS]):
        columns: dict[str, int] = {}
        for i, cell in enumerate(row):
            name = normalise(cell) if cell is not None else ""
            for key, names in COLUMNS.items():
                if name in names and key not in columns:
                    columns[key] = i
        if len(columns) == len(COLUMNS):
            return at, columns
    return None


def chosen(scenarios: Sequence[Scenario], names: Sequence[str]) -> list[Scenario]:
    """The scenarios named (all when none is), in the order named; ``UsageError`` for none
    declared or a name not declared (listing the names known)."""
    if not scenarios:
        raise UsageError("no-scenarios", "no scenarios are declared: add [scenario.NAME] "
                         "tables to okosys-plan.toml or a Scenarier sheet to the catalogue "
                         "(docs/scenarier.md)")
    if not names:
        return list(scenarios)
    by_name = {s.name.casefold(): s for s in scenarios}
    found = []
    for name in names:
        scenario = by_name.get(name.casefold())
        if scenario is None:
            known = ", ".join(s.name for s in scenarios)
            raise UsageError("unknown-scenario", f"no scenario '{name}'; the scenarios declared "
                             f"are {known}", name=name, known=known)
        found.append(scenario)
    return found


def merged(declared: Sequence[Scenario], from_sheet: Sequence[Scenario]) -> list[Scenario]:
    """The settings file's scenarios, then the sheet's; a name in both: the file's wins."""
    names = {s.name.casefold() for s in declared}
    return [*declared, *[s for s in from_sheet if s.name.casefold() not in names]]
