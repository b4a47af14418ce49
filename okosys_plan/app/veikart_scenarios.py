"""Veikart's scenarios: sets of caps kept under a name for as long as the app runs, and
compared side by side with the catalogue's own caps; the Scenarier sheet's scenarios.

Each kept scenario is planned as the page plans (``replan.replanned``, the same
cache); the comparison shows each year's use of its cap, how many measures are placed, and
each measure's start per scenario with the rows that differ marked.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, request

from okosys_plan.app.replan import Caps, own_caps, replanned
from okosys_plan.app.server import state_of
from okosys_plan.text.say import say

MAX_NAME = 60
MAX_SCENARIOS = 8


def forget_action(results: Any, lang: str) -> str:
    """Forget the scenario the form names (by its place in the list), if it does."""
    saved = _saved(results)
    given = request.form.get("forget", "")
    if not re.fullmatch(r"[0-9]{1,2}", given) or int(given) >= len(saved):
        return ""
    name = saved.pop(int(given))[0]
    return say(lang, "Scenario {name} removed.", name=name)


def scenario_action(results: Any, caps: Caps, errors: dict[str, str], lang: str
                     ) -> tuple[str, dict[str, str]]:
    """Keep the caps as a named scenario when the form asks for it."""
    saved = _saved(results)
    if "save" not in request.form:
        return "", errors
    name = " ".join(request.form.get("scenario", "").split())
    if not name or len(name) > MAX_NAME:
        return "", {**errors, "scenario": say(lang, "Give the scenario a name of at most "
                                                     "{most} characters.", most=MAX_NAME)}
    if any(n == name for n, _ in saved):
        return "", {**errors, "scenario": say(lang, "There is already a scenario named {name}.",
                                              name=name)}
    if len(saved) >= MAX_SCENARIOS:
        return "", {**errors, "scenario": say(lang, "At most {most} scenarios; remove one "
                                                     "first.", most=MAX_SCENARIOS)}
    saved.append((name, caps))
    return say(lang, "Scenario {name} kept.", name=name), errors


def _saved(results: Any) -> list[tuple[str, Caps]]:
    """The scenarios kept for this catalogue (for as long as the app runs)."""
    scenarios: dict[str, list[tuple[str, Caps]]] = state_of(current_app).scenarios
    return scenarios.setdefault(str(results.path), [])


def side_by_side(results: Any, lang: str) -> dict[str, Any] | None:
    """The catalogue's caps and each kept scenario: placed count, use per year, starts."""
    from okosys_plan.text.numbers import quarter_label

    saved = _saved(results)
    if not saved:
        return None
    runs = [(say(lang, "The catalogue's caps"), own_caps(results)), *saved]
    plans = [replanned(results, caps) for _, caps in runs]
    indexed = [{p.item.id: p for p in plan.items} for plan in plans]
    starts = []
    for planned in plans[0].items:
        cells = []
        for items in indexed:
            found = items[planned.item.id]
            start = found.item.start
            cells.append(quarter_label(start, lang) if found.placed and start else
                         say(lang, "not placed"))
        starts.append({"id": planned.item.id, "title": planned.item.title, "cells": cells,
                       "differs": len(set(cells)) > 1})
    years = [b.year for b in plans[0].budget]
    use = [[str(year), *(_use(plan, year, lang) for plan in plans)] for year in years]
    placed = [str(sum(1 for p in plan.items if p.placed)) for plan in plans]
    return {"names": [n for n, _ in runs], "starts": starts, "use": use, "placed": placed,
            "saved": [n for n, _ in saved]}


def _use(plan: Any, year: int, lang: str) -> str:
    """A year's use of its cap: 'planned / cap' in MNOK ('–' for no cap)."""
    from okosys_plan.text.numbers import number

    found = next(b for b in plan.budget if b.year == year)
    cap = "–" if found.cap is None else number(found.cap, lang)
    return f"{number(found.fixed + found.planned, lang)} / {cap}"


def sheet_scenarios(results: Any, lang: str) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The Scenarier sheet's scenarios side by side (overview and starts), if it has any."""
    if results.comparison is None:
        return []
    from okosys_plan.run.scenario_present import comparison_tables

    tables = comparison_tables(results.comparison, lang)
    return [tables[0], tables[3]]
