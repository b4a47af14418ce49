"""What differs between the base run and a scenario, each difference with its one line.

``differences(base, scenario, top_k)`` returns ``Difference`` records: rank and class moves
(largest first), needs entering and leaving the top K, measures placed and unplaced and
their period moves with the reason (budget, dependency, owner capacity, from the
scheduler's ``PlannedItem.held``), budget use per year, the funding gap per year, and each
agency's bill. ``Difference.text(lang)`` says it in one line, e.g. "T21 flyttes fra
2024-K1 til 2025-K2: rammen for 2024 er brukt opp av T17 og T20". Pure.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.scoring import natural_key
from okosys_plan.roadmap import costs as cost_model
from okosys_plan.roadmap.schedule import Plan, PlannedItem

if TYPE_CHECKING:
    from okosys_plan.run.compare import ScenarioRun

_EPSILON = 1e-6
#: The most items an explanation names (the largest takers first).
NAMED_MOST = 3
#: The kinds in the order they are shown.
KINDS = ("rank", "class", "top-enter", "top-leave", "moved", "unplaced", "placed", "budget",
         "gap", "bill")


@dataclass(frozen=True)
class Difference:
    """One difference: its ``kind`` (``KINDS``), what it is about (a need or measure ID, a
    year, an agency code), the base's and the scenario's value, its size (for ordering),
    the ``reason`` of a move (``budget``, ``dependency``, ``owner``) and what its line
    names (``params``: language-neutral)."""

    kind: str
    subject: str
    base: Any
    scenario: Any
    size: float = 0.0
    reason: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "nb") -> str:
        """The difference in one line, in ``lang``."""
        from okosys_plan.run.scenario_lines import line

        return line(self, lang)

    def document(self, lang: str = "nb") -> dict[str, Any]:
        """The difference as a JSON-ready dict, with its line."""
        return {"kind": self.kind, "subject": self.subject, "base": self.base,
                "scenario": self.scenario, "reason": self.reason,
                "params": {k: list(v) if isinstance(v, tuple) else v
                           for k, v in self.params.items()},
                "text": self.text(lang)}


def differences(base: ScenarioRun, other: ScenarioRun, top_k: int) -> tuple[Difference, ...]:
    """Every difference of ``other`` from ``base``, by kind, largest first in each."""
    found = [*_ranks(base, other), *_top(base, other, top_k), *_items(base.plan, other.plan),
             *_yearly(base, other), *_bills(base, other)]
    order = {kind: i for i, kind in enumerate(KINDS)}
    return tuple(sorted(found, key=lambda d: (order[d.kind], -d.size,
                                              natural_key(d.subject))))


# --- the ranking ------------------------------------------------------------------------


def _ranks(base: ScenarioRun, other: ScenarioRun) -> list[Difference]:
    found: list[Difference] = []
    if base.prioritised is other.prioritised:
        return found
    ranking = {s.id: s for s in other.prioritised.ranking.needs}
    for was in base.prioritised.ranking.needs:
        now = ranking.get(was.id)
        if now is None:
            continue
        if now.rank != was.rank:
            found.append(Difference("rank", was.id, was.rank, now.rank, abs(now.rank - was.rank)))
        if now.priority != was.priority:
            found.append(Difference(
                "class", was.id, str(was.priority or ""), str(now.priority or ""),
                abs((now.score or 0) - (was.score or 0)),
                params={"old_score": was.score, "new_score": now.score}))
    return found


def _top(base: ScenarioRun, other: ScenarioRun, k: int) -> list[Difference]:
    def top(run: ScenarioRun) -> dict[str, int]:
        return {id_key(s.id): s.rank for s in run.prioritised.ranking.needs[:k]}

    def rank_of(run: ScenarioRun, need: str) -> int | None:
        found = run.prioritised.ranking.find(need)
        return None if found is None else found.rank

    before, after = top(base), top(other)
    found = []
    for need in other.prioritised.ranking.needs[:k]:
        if id_key(need.id) not in before:
            was = rank_of(base, need.id)
            found.append(Difference("top-enter", need.id, was, need.rank, float(k - need.rank),
                                    params={"k": k}))
    for need in base.prioritised.ranking.needs[:k]:
        if id_key(need.id) not in after:
            now = rank_of(other, need.id)
            found.append(Difference("top-leave", need.id, need.rank, now, float(k - need.rank),
                                    params={"k": k}))
    return found


# --- the plan ---------------------------------------------------------------------------


def _items(base: Plan, plan: Plan) -> list[Difference]:
    if base is plan:
        return []
    before = {id_key(p.item.id): p for p in base.items}
    other = PlanIndex(plan)
    found = []
    for now in plan.items:
        was = before.get(id_key(now.item.id))
        if was is None or now.fixed:
            continue
        if was.placed and not now.placed:
            found.append(Difference("unplaced", now.item.id, _start(was), None, 1.0,
                                    reason=_kind(now.reason),
                                    params=_unplaced_params(now, other)))
        elif now.placed and not was.placed:
            found.append(Difference("placed", now.item.id, None, _start(now), 1.0,
                                    params={"was": was.reason or ""}))
        elif now.placed and was.placed and now.item.start != was.item.start:
            found.append(_moved(was, now, other))
    return found


def _start(planned: PlannedItem) -> str | None:
    start = planned.item.start
    return None if start is None else start.isoformat()


def _kind(code: str | None) -> str | None:
    return {"no-budget-room": "budget", "owner-busy": "owner",
            "dependency-not-placed": "dependency", "dependency-ends-late": "dependency",
            "dependency-cycle": "dependency"}.get(code or "")


def _held(planned: PlannedItem) -> dict[str, int]:
    found = dict.fromkeys(("dependency", "budget", "owner"), 0)
    for hold in planned.held:
        found[hold.kind] += hold.quarters
    return found


def _moved(was: PlannedItem, now: PlannedItem, plan: PlanIndex) -> Difference:
    assert was.item.start is not None and now.item.start is not None
    shift = cost_model.quarter_of(now.item.start) - cost_model.quarter_of(was.item.start)
    before, after = _held(was), _held(now)
    change = {k: after[k] - before[k] for k in after}
    kind = max(change, key=lambda k: change[k]) if shift > 0 else \
        min(change, key=lambda k: change[k])
    if not change[kind]:
        kind = "budget"  # other items took or freed the room it had
    source = now if shift > 0 else was
    params = _hold_params(source, kind, plan if shift > 0 else None)
    return Difference("moved", now.item.id, was.item.start.isoformat(),
                      now.item.start.isoformat(), float(abs(shift)), reason=kind,
                      params={**params, "later": shift > 0})


def _hold_params(planned: PlannedItem, kind: str, plan: PlanIndex | None) -> dict[str, Any]:
    """What held ``planned`` of ``kind``, with the items that did it (from ``plan``)."""
    hold = next((h for h in planned.held if h.kind == kind), None)
    params: dict[str, Any] = {}
    if hold is None:
        return params
    if kind == "dependency":
        params["dependency"] = hold.item
    elif kind == "budget":
        params["years"] = hold.years
        if plan is not None:
            params["items"] = takers(plan, planned, hold.years)
    elif kind == "owner":
        params["owner"] = hold.owner or ""
        if plan is not None:
            params["items"] = _owner_items(plan, planned)
    return params


def takers(plan: PlanIndex, planned: PlannedItem, years: Sequence[int]) -> tuple[str, ...]:
    """The items placed before ``planned`` that take most of the caps of ``years``."""
    orders, tops = plan.tops(tuple(sorted(years)))
    return tops[bisect_left(orders, planned.order)]


class PlanIndex:
    """A plan's placed items by year of cost and by owner, in the order placed (made once
    per scenario, so each explanation looks up only what it needs)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.by_year: dict[int, list[tuple[int, str, float]]] = {}
        self.by_owner: dict[str, list[PlannedItem]] = {}
        for other in sorted((p for p in plan.items if p.placed), key=lambda p: p.order):
            for year, amount in other.cost.items():
                if amount > 0:
                    self.by_year.setdefault(year, []).append((other.order, other.item.id,
                                                              amount))
            if other.item.owner:
                self.by_owner.setdefault(id_key(other.item.owner), []).append(other)
        self._tops: dict[tuple[int, ...], tuple[list[int], list[tuple[str, ...]]]] = {}

    def tops(self, years: tuple[int, ...]) -> tuple[list[int], list[tuple[str, ...]]]:
        """For the items in the order placed, with a cost in ``years``: their orders, and
        before each (and after the last) the items that took most of those years so far
        (at most ``NAMED_MOST``, the largest first). Made once per set of years."""
        if years not in self._tops:
            amounts: dict[str, list[Any]] = {}
            for year in years:
                for order, item_id, amount in self.by_year.get(year, ()):
                    entry = amounts.setdefault(item_id, [order, 0.0])
                    entry[1] += amount
            entries = sorted((order, item_id, amount) for item_id, (order, amount)
                             in amounts.items() if amount > _EPSILON)
            orders: list[int] = []
            tops: list[tuple[str, ...]] = [()]
            best: list[tuple[float, Any, str]] = []
            for order, item_id, amount in entries:
                orders.append(order)
                best = sorted([*best, (-amount, natural_key(item_id), item_id)])[:NAMED_MOST]
                tops.append(tuple(b[2] for b in best))
            # tops[i]: the top of the first i entries, so bisect_left(orders, x) is the
            # top of the items placed before order x.
            self._tops[years] = (orders, tops)
        return self._tops[years]


def _owner_items(plan: PlanIndex, planned: PlannedItem) -> tuple[str, ...]:
    """The owner's items placed before ``planned`` that run while it waited."""
    start = planned.item.start
    found = []
    for other in plan.by_owner.get(id_key(planned.item.owner or ""), ()):
        item = other.item
        if other.order >= planned.order:
            break
        if (item.id != planned.item.id and item.start is not None and item.end is not None
                and (start is None or item.start < start)):
            found.append(item.id)
    return tuple(sorted(found, key=natural_key)[-NAMED_MOST:])


def _unplaced_params(now: PlannedItem, plan: PlanIndex) -> dict[str, Any]:
    params: dict[str, Any] = {"code": now.reason or "", **now.reason_params}
    if now.reason == "no-budget-room":
        params["items"] = takers(plan, now, now.reason_params.get("years", ()))
    elif now.reason == "owner-busy":
        params["items"] = _owner_items(plan, now)
    return params


# --- money ------------------------------------------------------------------------------


def _yearly(base: ScenarioRun, other: ScenarioRun) -> list[Difference]:
    found = []
    before, after = base.budget_use(), other.budget_use()
    for year in sorted(set(before) | set(after)):
        was, now = before.get(year, (0.0, None)), after.get(year, (0.0, None))
        if abs(was[0] - now[0]) > _EPSILON or was[1] != now[1]:
            found.append(Difference("budget", str(year), round(was[0], 6), round(now[0], 6),
                                    params={"old_cap": was[1], "cap": now[1]}))
    years = sorted(set(base.funding.years) | set(other.funding.years))
    for year in years:  # by year, not by size: a row per year
        was_gap, now_gap = base.funding.totals(year), other.funding.totals(year)
        if abs(was_gap.gap - now_gap.gap) > _EPSILON or \
                abs(was_gap.gap_if_applied - now_gap.gap_if_applied) > _EPSILON:
            found.append(Difference("gap", str(year), was_gap.gap, now_gap.gap, params={
                "old_if_applied": was_gap.gap_if_applied,
                "if_applied": now_gap.gap_if_applied}))
    return found


def _bills(base: ScenarioRun, other: ScenarioRun) -> list[Difference]:
    before, after = base.bills(), other.bills()
    found = []
    for agency in sorted(set(before) | set(after), key=natural_key):
        was = sum(before.get(agency, {}).values())
        now = sum(after.get(agency, {}).values())
        if was != now:
            found.append(Difference("bill", agency, was, now, float(abs(now - was)),
                                    params={"key": other.key, "old_key": base.key}))
    return found
