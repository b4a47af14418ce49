"""A ``Comparison`` for people: terminal text, the JSON document and workbook tables. Pure.

The workbook's sheets have Norwegian names always (``Oversikt``, ``Forskjeller``,
``Rangering``, ``Tiltak``, ``Budsjett``, ``Finansieringsgap``, ``Fordeling``); its headers
and every line are in the language asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okosys_plan.catalogue.model import Problem
from okosys_plan.funding.words import word
from okosys_plan.roadmap.reasons import reason_text
from okosys_plan.run.compare import Comparison, ScenarioRun
from okosys_plan.text.listing import capped_lines
from okosys_plan.text.numbers import number, quarter_label
from okosys_plan.text.say import say

#: Lines per scenario in the terminal; the workbook and --json list every difference.
SHORT = 12
Table = tuple[str, list[str], list[list[Any]]]


def _name(run: ScenarioRun, lang: str) -> str:
    return run.name or say(lang, "base")


def comparison_text(comparison: Comparison, lang: str = "nb") -> str:
    """The comparison for the terminal: a summary row per run, then each scenario's lines."""
    lines = [say(lang, "Scenarios compared with the base ({source})", source=comparison.source),
             ""]
    years = comparison.years
    head = f"{'':<22}" + "".join(f"{y:>10}" for y in years)
    lines += [say(lang, "Budget use per year (MNOK)"), head]
    for run in comparison.runs:
        use = run.budget_use()
        lines.append(f"{_name(run, lang)[:22]:<22}" + "".join(
            f"{number(use[y][0], lang) if y in use else '–':>10}" for y in years))
    lines += ["", say(lang, "Funding gap per year (MNOK)"), head]
    for run in comparison.runs:
        gap = run.gap()
        lines.append(f"{_name(run, lang)[:22]:<22}" + "".join(
            f"{number(gap[y], lang) if y in gap else '–':>10}" for y in years))
    for run in comparison.scenarios:
        lines += ["", f"== {run.name}"]
        if not run.differences:
            lines.append("  " + say(lang, "No differences from the base."))
            continue
        shown = [f"  {d.text(lang)}" for d in run.differences]
        lines += capped_lines(shown, lang, SHORT,
                              where=say(lang, "every difference: -o sammenligning.xlsx or --json"))
    return "\n".join(lines)


def comparison_document(comparison: Comparison, lang: str = "nb",
                        warnings: Sequence[Problem] = ()) -> dict[str, Any]:
    """The comparison as a JSON-ready dict: every run's figures and every difference;
    ``warnings`` (the catalogue's) under ``warnings``."""
    from okosys_plan.catalogue.present import problem_dict

    return {"source": comparison.source, "top_k": comparison.top_k,
            "years": list(comparison.years),
            "base": _run_document(comparison.base, comparison.top_k, lang),
            "scenarios": [_run_document(r, comparison.top_k, lang)
                          for r in comparison.scenarios],
            "warnings": [problem_dict(p, lang) for p in warnings if not p.is_error]}


def _run_document(run: ScenarioRun, k: int, lang: str) -> dict[str, Any]:
    ranking = run.prioritised.ranking
    return {
        "name": run.name or None,
        "key": run.key,
        "top": [s.id for s in ranking.needs[:k]],
        "ranks": {s.id: {"rank": s.rank, "class": str(s.priority or "") or None,
                         "score": s.score} for s in ranking.needs},
        "items": {p.item.id: {"placed": p.placed,
                              "start": p.item.start.isoformat() if p.item.start else None,
                              "end": p.item.end.isoformat() if p.item.end else None,
                              "reason": p.reason} for p in run.plan.items},
        "budget": {str(y): {"used": round(used, 6), "cap": cap}
                   for y, (used, cap) in run.budget_use().items()},
        "gap": {str(y): g for y, g in run.gap().items()},
        "bills": {a: {str(y): v for y, v in sorted(years.items())}
                  for a, years in sorted(run.bills().items())},
        "differences": [d.document(lang) for d in run.differences],
    }


def comparison_tables(comparison: Comparison, lang: str = "nb") -> list[Table]:
    """The comparison as sheets, one per topic, every run side by side."""
    runs = comparison.runs
    names = [_name(r, lang) for r in runs]
    return [_overview(comparison, lang), _differences(comparison, lang),
            _ranks(comparison, names, lang), _items(comparison, names, lang),
            _yearly("Budsjett", comparison, names, lang,
                    lambda r, y: r.budget_use().get(y, (None, None))[0]),
            _yearly("Finansieringsgap", comparison, names, lang,
                    lambda r, y: r.gap().get(y)),
            _bills(comparison, names, lang)]


def _overview(comparison: Comparison, lang: str) -> Table:
    rows: list[list[Any]] = []
    for run in comparison.runs:
        placed = sum(1 for p in run.plan.items if p.placed)
        rows.append([_name(run, lang), word(run.key, lang), len(run.plan.items), placed,
                     len(run.plan.items) - placed, len(run.differences)])
    return ("Oversikt", [say(lang, "Scenario"), say(lang, "Cost-sharing key"),
                         say(lang, "Measures"), say(lang, "Placed"), say(lang, "Not placed"),
                         say(lang, "Differences")], rows)


def _differences(comparison: Comparison, lang: str) -> Table:
    rows = [[run.name, say(lang, _KINDS[d.kind]), d.subject, d.reason or "", d.text(lang)]
            for run in comparison.scenarios for d in run.differences]
    return ("Forskjeller", [say(lang, "Scenario"), say(lang, "Kind"), say(lang, "Subject"),
                            say(lang, "Reason"), say(lang, "Explanation")], rows)


def _ranks(comparison: Comparison, names: list[str], lang: str) -> Table:
    rows = []
    for scored in comparison.base.prioritised.ranking.needs:
        row: list[Any] = [scored.id, scored.title]
        for run in comparison.runs:
            found = run.prioritised.ranking.find(scored.id)
            row += [found.rank if found else None,
                    str(found.priority or "") if found else ""]
        rows.append(row)
    heads = [say(lang, "ID"), say(lang, "Title")]
    for name in names:
        heads += [say(lang, "Rank ({name})", name=name), say(lang, "Class ({name})", name=name)]
    return ("Rangering", heads, rows)


def _items(comparison: Comparison, names: list[str], lang: str) -> Table:
    rows = []
    for planned in comparison.base.plan.items:
        row: list[Any] = [planned.item.id, planned.item.title]
        for run in comparison.runs:
            found = next((p for p in run.plan.items if p.item.id == planned.item.id), None)
            if found is None:
                row.append("")
            elif found.placed and found.item.start is not None:
                row.append(quarter_label(found.item.start, lang))
            else:
                row.append(reason_text(found.reason, found.reason_params, lang))
        rows.append(row)
    heads = [say(lang, "ID"), say(lang, "Title"),
             *[say(lang, "Start ({name})", name=n) for n in names]]
    return ("Tiltak", heads, rows)


def _yearly(sheet: str, comparison: Comparison, names: list[str], lang: str,
            value: Any) -> Table:
    rows = [[year, *[value(run, year) for run in comparison.runs]] for year in comparison.years]
    return (sheet, [say(lang, "Year"), *names], rows)


def _bills(comparison: Comparison, names: list[str], lang: str) -> Table:
    bills = [run.bills() for run in comparison.runs]
    agencies = sorted({a for b in bills for a in b})
    rows = [[agency, *[round(sum(b.get(agency, {}).values()) / 100 / 1_000_000, 6)
                       for b in bills]] for agency in agencies]
    heads = [say(lang, "Agency"), *[say(lang, "{name} (MNOK, {key})", name=n,
                                        key=word(r.key, lang))
                                    for n, r in zip(names, comparison.runs, strict=True)]]
    return ("Fordeling", heads, rows)


_KINDS = {"rank": "Rank", "class": "Class", "top-enter": "Enters the top",
          "top-leave": "Leaves the top", "moved": "Moved", "unplaced": "No longer placed",
          "placed": "Now placed", "budget": "Budget use", "gap": "Funding gap",
          "bill": "Bill"}
