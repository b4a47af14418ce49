"""The report's section on the scenarios: the base and each what-if side by side.

Shown when the run compared scenarios (``Results.comparison``, a ``run.compare.Comparison``):
one overview table (every run on a row), each scenario's differences in one line each
(the largest first, capped; the comparison workbook has them all), the funding gap per
year and scenario as a chart (``charts["scenario_gap"]``) and each scenario's rank moves
as a slope chart (``charts["scenario_slope_N"]``, N from 1) and each re-planned scenario's
roadmap over the base plan (``charts["scenario_roadmap_N"]``), each with its table.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from okosys_plan.report.html import figure, sub, table
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results
from okosys_plan.text.numbers import number

#: Differences listed per scenario and kind (rank, moved, budget …), the largest first;
#: the comparison workbook has every one.
SHOWN = 5


def scenarios_section(main: ET.Element, results: Results, charts: dict[str, bytes],
                      lang: str) -> None:
    """Scenarier: overview, differences, the gap chart and the rank moves."""
    from okosys_plan.run.scenario_present import comparison_tables

    comparison = results.comparison
    base = say(lang, "scenarios_base")
    sub(main, "h2", say(lang, "scenarios_heading"))
    sub(main, "p", say(lang, "scenarios_lead", count=number(len(comparison.scenarios), lang, 0),
                       names=", ".join(r.name for r in comparison.scenarios)))
    tables = {name: (heads, rows) for name, heads, rows in comparison_tables(comparison, lang)}
    heads, rows = tables["Oversikt"]
    table(main, heads, rows, caption=say(lang, "scenarios_overview"), numeric=(2, 3, 4, 5))
    for run in comparison.scenarios:
        sub(main, "h3", run.name)
        if not run.differences:
            sub(main, "p", say(lang, "scenarios_none"))
            continue
        shown = _shown(run.differences)
        items = sub(main, "ul")
        for difference in shown:
            sub(items, "li", difference.text(lang))
        if len(shown) < len(run.differences):
            sub(main, "p", say(lang, "scenarios_more", shown=number(len(shown), lang, 0),
                               count=number(len(run.differences), lang, 0)))
    if "scenario_gap" in charts:
        heads, rows = tables["Finansieringsgap"]
        shown = [[year, *((number(v, lang), v) if v is not None else "" for v in values)]
                 for year, *values in rows]
        figure(main, charts["scenario_gap"], "scenariogap", say(lang, "scenarios_gap_caption"),
               (heads, shown, tuple(range(len(heads)))), say(lang, "show_table"))
    for index, run in enumerate(comparison.scenarios, start=1):
        svg = charts.get(f"scenario_slope_{index}")
        if svg is None:
            continue
        rows = _moves(comparison.base, run, comparison.top_k)
        figure(main, svg, f"rangendring{index}",
               say(lang, "scenarios_slope_caption", base=base, name=run.name),
               (say(lang, "scenarios_slope_headers").split("|"), rows, (2, 3)),
               say(lang, "show_table"))
    _roadmaps(main, comparison, charts, lang)


def _roadmaps(main: ET.Element, comparison: Any, charts: dict[str, bytes], lang: str) -> None:
    """Each re-planned scenario's roadmap over the base plan, with its items as the table."""
    from okosys_plan.charts.roadmap.text_alternative import roadmap_table

    for index, run in enumerate(comparison.scenarios, start=1):
        svg = charts.get(f"scenario_roadmap_{index}")
        if svg is None:
            continue
        text = roadmap_table(run.plan.placed_items(), lang)
        figure(main, svg, f"scenarioveikart{index}",
               say(lang, "scenarios_roadmap_caption", name=run.name),
               (text.header, text.rows, ()), say(lang, "show_table"))


def _shown(differences: Sequence[Any]) -> list[Any]:
    """The first ``SHOWN`` differences of each kind, in their order."""
    counted: dict[str, int] = {}
    shown = []
    for difference in differences:
        counted[difference.kind] = counted.get(difference.kind, 0) + 1
        if counted[difference.kind] <= SHOWN:
            shown.append(difference)
    return shown


def _moves(base: Any, run: Any, k: int) -> list[list[Any]]:
    """The needs in the top K of either: ID, title, rank in the base and in the scenario."""
    before, after = base.prioritised.ranking, run.prioritised.ranking
    shown = dict.fromkeys([s.id for s in before.needs if s.rank <= k]
                          + [s.id for s in after.needs if s.rank <= k])
    rows = []
    for need in shown:
        old, new = before.find(need), after.find(need)
        known = new or old
        rows.append([need, known.title if known else "", old.rank if old else "",
                     new.rank if new else ""])
    return rows
