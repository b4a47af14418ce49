"""Problems and summaries as text for a terminal, and as JSON-ready dicts.

Pure: takes the model, returns strings and dicts; the CLI prints them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import Catalogue, Problem, Report
from okosys_plan.text.say import say_in

# key: English text, the message id of its bokmål translation (text/locale)
_UI: dict[str, str] = {
    "error": "error",
    "warning": "warning",
    "file": "File",
    "no_problems": "No problems",
    "summary": "{file}: {needs} needs, {errors} errors, {warnings} warnings",
    "total": "{files} files: {errors} errors, {warnings} warnings",
    "file_level": "(the file)",
    "by_theme": "Needs per theme",
    "by_status": "Needs per status",
    "none": "(none)",
    "valid": "valid",
    "invalid": "invalid",
}


def ui(lang: str, key: str, **params: Any) -> str:
    """A user-interface string in the language asked for."""
    return say_in(lang, "catalogue", _UI[key], **params)


def json_value(value: Any) -> Any:
    """A cell value as JSON can hold it (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # a 7 typed in a cell is shown as 7, not 7.0
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # 'nan', 'inf': JSON holds no NaN or Infinity
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def problem_dict(problem: Problem, lang: str = "nb") -> dict[str, Any]:
    """A problem as the JSON output and the HTML report show it."""
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "column": problem.column,
        "value": json_value(problem.value),
        "message": message(problem, lang),
        "hint": hint(problem, lang),
    }


def problems_table(problems: Sequence[Problem], lang: str = "nb") -> str:
    """Problems grouped by sheet, one line each: cell, severity, column, message, hint."""
    if not problems:
        return ui(lang, "no_problems")
    lines: list[str] = []
    for sheet, group in _by_sheet(problems):
        lines.append(sheet or ui(lang, "file_level"))
        width = max(len(p.cell or "") for p in group)
        for p in group:
            kind = ui(lang, p.severity.value)
            column = f" [{p.column}]" if p.column else ""
            lines.append(f"  {(p.cell or ''):<{width}}  {kind}{column}: {message(p, lang)}")
            tip = hint(p, lang)
            if tip:
                lines.append(f"  {'':<{width}}    → {tip}")
    return "\n".join(lines)


def _by_sheet(problems: Iterable[Problem]) -> list[tuple[str | None, list[Problem]]]:
    groups: dict[str | None, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.sheet, []).append(problem)
    return [(sheet, sorted(group, key=_place)) for sheet, group in groups.items()]


def _place(problem: Problem) -> tuple[int, int, str]:
    """Row, then column, as a user reads a sheet; problems without a cell first."""
    match = re.match(r"([A-Z]*)(\d+)$", problem.cell or "")
    if match is None:
        return (0, 0, "")
    return (int(match[2]), len(match[1]), match[1])


def summary_line(report: Report, lang: str = "nb") -> str:
    """One line: the file, how many needs, errors and warnings."""
    return ui(lang, "summary", file=report.source, needs=report.needs,
              errors=len(report.errors), warnings=len(report.warnings))


def counts(catalogue: Catalogue, field: str) -> list[tuple[str | None, int]]:
    """How many needs have each value of ``field``, most first, then by name."""
    counter = Counter(getattr(need, field) for need in catalogue.needs)
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] or ""))


def catalogue_summary(catalogue: Catalogue, report: Report, lang: str = "nb") -> str:
    """Needs per theme and per status, then the problem counts."""
    lines = [summary_line(report, lang)]
    for field, title in (("theme", "by_theme"), ("status", "by_status")):
        lines.append("")
        lines.append(ui(lang, title))
        for value, count in counts(catalogue, field):
            lines.append(f"  {count:>4}  {value or ui(lang, 'none')}")
    return "\n".join(lines)


def summary_dict(catalogue: Catalogue, report: Report, lang: str = "nb") -> dict[str, Any]:
    """The summary as a JSON-ready dict."""
    return {
        "path": catalogue.source,
        "valid": report.valid,
        "needs": len(catalogue.needs),
        "measures": len(catalogue.measures),
        "by_theme": {k or "": v for k, v in counts(catalogue, "theme")},
        "by_status": {k or "": v for k, v in counts(catalogue, "status")},
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [problem_dict(p, lang) for p in report.problems],
    }
