"""The plan for people and machines: a terminal table, JSON, and sheet rows. Pure."""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.present import problem_dict
from okosys_plan.roadmap.reasons import reason_text
from okosys_plan.roadmap.schedule import Plan, PlannedItem
from okosys_plan.text.listing import capped_lines
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_in


def _money(value: float) -> float:
    """MNOK to the nearest krone (rounding noise off, still a number)."""
    return round(value, 6) + 0.0


def item_document(planned: PlannedItem, lang: str = "nb") -> dict[str, Any]:
    """One item as ``plan --json`` shows it."""
    item = planned.item
    return {
        "id": item.id, "title": item.title, "kind": item.kind.value, "lane": item.lane,
        "owner": item.owner, "status": item.status,
        "start": item.start.isoformat() if planned.placed and item.start else None,
        "end": item.end.isoformat() if planned.placed and item.end else None,
        "placed": planned.placed, "fixed": planned.fixed,
        "started_before": item.started_before,
        "reason": planned.reason,
        "reason_text": reason_text(planned.reason, planned.reason_params, lang) or None,
        "cost": {str(year): _money(amount) for year, amount in sorted(planned.cost.items())},
    }


def plan_document(plan: Plan, lang: str = "nb") -> dict[str, Any]:
    """The plan as a JSON-ready dict (what ``plan --json`` prints)."""
    return {
        "horizon": [plan.start_year, plan.end_year],
        "items": [item_document(p, lang) for p in plan.items],
        "budget": [{"year": b.year, "cap": b.cap, "fixed": _money(b.fixed),
                    "planned": _money(b.planned),
                    "left": None if b.left is None else _money(b.left)} for b in plan.budget],
        "warnings": [problem_dict(p, lang) for p in plan.warnings],
    }


def plan_text(plan: Plan, lang: str = "nb") -> str:
    """What the plan placed, what it could not, and the budget per year."""
    planned = [p for p in plan.items if p.placed and not p.fixed]
    missing = [p for p in plan.items if not p.placed]
    fixed = sum(1 for p in plan.items if p.fixed)
    lines = [say(lang, "{fixed} items with fixed dates, {planned} placed by the plan, "
                       "{missing} could not be placed.", fixed=fixed, planned=len(planned),
                       missing=len(missing))]
    where = (say(lang, "-o plan.xlsx or --json lists them all"))
    if planned:
        lines += ["", say(lang, "Placed:")]
        lines += capped_lines([f"  {p.item.id:<6} {_when(p)}  {p.item.title}"
                               for p in planned], lang, where=where)
    if missing:
        lines += ["", say(lang, "Not placed:")]
        lines += capped_lines([f"  {p.item.id:<6} {reason_text(p.reason, p.reason_params, lang)}"
                               for p in missing], lang, where=where)
    lines += ["", *budget_lines(plan, lang)]
    return "\n".join(lines)


def _when(planned: PlannedItem) -> str:
    item = planned.item
    assert item.start is not None and item.end is not None
    return f"{item.start.isoformat()} – {item.end.isoformat()}"


def budget_lines(plan: Plan, lang: str) -> list[str]:
    """The budget table: cap, fixed, planned and room left per year (MNOK)."""
    head = [say(lang, w) for w in ("Year", "Cap", "Fixed", "Planned", "Left")]
    rows = [[str(b.year), "–" if b.cap is None else number(b.cap, lang),
             number(b.fixed, lang), number(b.planned, lang),
             "–" if b.left is None else number(b.left, lang)] for b in plan.budget]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    title = say(lang, "Budget (MNOK):")
    table = ["  " + "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True))
             for row in [head, *rows]]
    return [title, *table]


def plan_tables(plan: Plan, lang: str = "nb") -> list[tuple[str, list[str], list[list[Any]]]]:
    """The plan sheet and the budget sheet as (name, headers, rows)."""
    years = list(range(plan.start_year, plan.end_year + 1))
    head = [say_in(lang, "roadmap", w) for w in ("ID", "Title", "Kind", "Lane", "Owner", "Start",
                                                   "End", "Fixed", "Placed", "Reason")]
    yes, no = tuple(say(lang, w) for w in ("Yes", "No"))
    rows = []
    for p in plan.items:
        item = p.item
        rows.append([item.id, item.title, _kind(item.kind.value, lang), item.lane, item.owner,
                     item.start if p.placed else None, item.end if p.placed else None,
                     yes if p.fixed else no, yes if p.placed else no,
                     reason_text(p.reason, p.reason_params, lang) or None,
                     *(_money(p.cost.get(y, 0.0)) for y in years),
                     _money(sum(p.cost.values()))])
    cost_head = [f"{y} (MNOK)" for y in years] + ["Sum (MNOK)"]
    budget_head = [say(lang, w) for w in ("Year", "Cap (MNOK)", "Fixed items", "Added by the plan",
                                          "Left")]
    budget = [[b.year, b.cap, _money(b.fixed), _money(b.planned),
               None if b.left is None else _money(b.left)] for b in plan.budget]
    return [("Plan", head + cost_head, rows),
            (say(lang, "Budget"), budget_head, budget)]


def _kind(kind: str, lang: str) -> str:
    return say_in(lang, "roadmap", kind) if kind in ("measure", "need") else kind
