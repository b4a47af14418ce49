"""Place undated roadmap items in quarters, within dependencies, budgets and owners. Pure.

Dated items are fixed and their costs counted first. The rest are taken in order of
effective priority (best class, then rank; items covering no scored need last, by ID);
each one's dependencies are placed before it. An item goes in the earliest quarter where
everything it depends on has ended, every year's cost stays within its cap, and (if set)
its owner runs no more than the allowed number of items at once. Same input, same plan.

Each item also records what held it back (``PlannedItem.held``): the dependency that
set its earliest quarter, the years whose caps had no room, its owner's capacity; and
its place in the order of placing (``PlannedItem.order``), so what took a year's room
before it can be told afterwards (``run.scenario_diff``). Neither changes the plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from okosys_plan.catalogue.model import CostLine, Origin, Problem, Severity
from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.scoring import PriorityClass, natural_key
from okosys_plan.roadmap import costs as cost_model
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.reasons import reason_text
from okosys_plan.roadmap.settings import RoadmapSettings

Locate = Callable[[Origin, str], "str | None"]
_EPSILON = 1e-9
_CLASS_ORDER = {PriorityClass.HIGH: 0, PriorityClass.MEDIUM: 1, PriorityClass.LOW: 2}


@dataclass(frozen=True)
class Hold:
    """Something that kept an item from an earlier quarter, and for how many quarters.

    ``kind``: ``dependency`` (``item`` ended too late for an earlier start), ``budget``
    (the caps of ``years`` had no room), ``owner`` (``owner`` already ran as many items
    at once as allowed).
    """

    kind: str
    quarters: int
    years: tuple[int, ...] = ()
    item: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class PlannedItem:
    """An item of the plan: placed (fixed or planned) with its yearly cost, or why not."""

    item: RoadmapItem
    placed: bool
    cost: Mapping[int, float] = field(default_factory=dict)
    reason: str | None = None
    reason_params: Mapping[str, Any] = field(default_factory=dict)
    #: What held the item back from the horizon's first quarter (placed or not).
    held: tuple[Hold, ...] = ()
    #: Its place in the order of placing: 0 for a dated item, then 1, 2, … as placed.
    order: int = 0

    @property
    def fixed(self) -> bool:
        """True for an item dated in the catalogue."""
        return self.item.fixed


@dataclass(frozen=True)
class BudgetYear:
    """One year of the budget: its cap, what fixed items take, what the plan adds."""

    year: int
    cap: float | None
    fixed: float
    planned: float

    @property
    def left(self) -> float | None:
        """Room left under the cap (negative when fixed items alone exceed it)."""
        return None if self.cap is None else self.cap - self.fixed - self.planned


@dataclass(frozen=True)
class Plan:
    """The outcome of scheduling: every item, the budget per year, and warnings."""

    start_year: int
    end_year: int
    items: tuple[PlannedItem, ...]
    budget: tuple[BudgetYear, ...]
    warnings: tuple[Problem, ...] = ()

    def placed_items(self) -> tuple[RoadmapItem, ...]:
        """The items with dates (fixed and planned), for the chart."""
        return tuple(p.item for p in self.items if p.placed)


def _no_cell(_origin: Origin, _key: str) -> str | None:
    return None


@dataclass
class _State:
    settings: RoadmapSettings
    caps: Mapping[int, float]
    lines: Mapping[str, tuple[CostLine, ...]]
    limit: int | None
    committed: dict[int, float]
    placed: dict[str, PlannedItem] = field(default_factory=dict)
    visiting: set[str] = field(default_factory=set)
    load: dict[tuple[str, int], int] = field(default_factory=dict)  # (owner, quarter): items
    count: int = 0  # items placed (or given up) so far, for PlannedItem.order

    def settle(self, key: str, planned: PlannedItem) -> None:
        """Keep an undated item's outcome with its place in the order of placing."""
        self.count += 1
        self.placed[key] = replace(planned, order=self.count)

    def occupy(self, item: RoadmapItem) -> None:
        """Count a dated item in its owner's load for every quarter it spans."""
        for key in _owner_quarters(item):
            self.load[key] = self.load.get(key, 0) + 1


def plan_roadmap(items: Sequence[RoadmapItem], costs: Sequence[CostLine],
                 settings: RoadmapSettings, caps: Mapping[int, float], *,
                 locate: Locate = _no_cell,
                 cap_origins: Mapping[int, Origin] | None = None) -> Plan:
    """Schedule ``items`` into the horizon of ``settings`` under yearly ``caps`` (MNOK)."""
    years = settings.years
    state = _State(settings, caps, cost_model.lines_by_item(costs),
                   settings.max_parallel_per_owner, dict.fromkeys(years, 0.0))
    fixed = [i for i in items if i.dated]
    for item in fixed:
        cost = cost_model.fixed_cost(item, state.lines.get(id_key(item.id), ()), years)
        cost_model.add(state.committed, cost)
        state.placed[id_key(item.id)] = PlannedItem(item, True, cost)
        state.occupy(item)
    fixed_total = dict(state.committed)
    index = _index(items)
    for item in sorted((i for i in items if not i.dated), key=_order_key):
        _place(item, state, index)
    budget = tuple(BudgetYear(y, caps.get(y), fixed_total[y], state.committed[y] - fixed_total[y])
                   for y in years)
    warnings = [*_horizon_warnings(fixed, settings, locate),
                *_cap_warnings(budget, cap_origins or {}, locate),
                *_unplaced_warnings(state, items, locate)]
    ordered = tuple(state.placed[id_key(i.id)] for i in items)
    return Plan(years.start, years.stop - 1, ordered, budget, tuple(warnings))


def _order_key(item: RoadmapItem) -> tuple[Any, ...]:
    if item.rank is None:
        return (1, 0, 0, natural_key(item.id))
    return (0, _CLASS_ORDER.get(item.priority, 3) if item.priority else 3, item.rank,
            natural_key(item.id))


def _index(items: Sequence[RoadmapItem]) -> dict[str, list[RoadmapItem]]:
    """Items by their ID, and measures also by the IDs of the needs they cover."""
    index: dict[str, list[RoadmapItem]] = {}
    for item in items:
        index.setdefault(id_key(item.id), []).append(item)
    listed = {key: {id_key(i.id) for i in found} for key, found in index.items()}
    for item in items:
        for need in item.needs:
            seen = listed.setdefault(id_key(need), set())
            if id_key(need) not in seen:  # a need's own item stands for it, not its measures
                index.setdefault(id_key(need), []).append(item)
    return index


def _dependencies(item: RoadmapItem, index: Mapping[str, list[RoadmapItem]]
                  ) -> list[RoadmapItem]:
    found: dict[str, RoadmapItem] = {}
    for ref in item.depends_on:
        for target in index.get(id_key(ref), []):
            found.setdefault(id_key(target.id), target)  # itself included: a cycle
    return list(found.values())


def _place(root: RoadmapItem, state: _State, index: Mapping[str, list[RoadmapItem]]) -> None:
    """Place ``root`` after its dependencies, depth first with a stack (chains of any length).

    An item met again while its own dependencies are being placed closes a cycle: it is
    left unplaced with the reason ``dependency-cycle``.
    """
    if id_key(root.id) in state.placed:
        return
    state.visiting.add(id_key(root.id))
    stack = [(root, iter(_dependencies(root, index)))]
    while stack:
        item, pending = stack[-1]
        for dependency in pending:
            key = id_key(dependency.id)
            if key in state.placed:
                continue
            if key in state.visiting:
                state.settle(key, PlannedItem(dependency, False, reason="dependency-cycle"))
                continue
            state.visiting.add(key)
            stack.append((dependency, iter(_dependencies(dependency, index))))
            break
        else:
            stack.pop()
            key = id_key(item.id)
            state.visiting.discard(key)
            if key not in state.placed:  # a cycle through this item may have settled it
                state.settle(key, _slot(item, state, index))


def _slot(item: RoadmapItem, state: _State, index: Mapping[str, list[RoadmapItem]]
          ) -> PlannedItem:
    """The earliest quarter that fits, or the reason there is none."""
    settings = state.settings
    first = cost_model.quarter_of(settings.first_day)
    last = cost_model.quarter_of(settings.last_day)
    length = max(1, math.ceil(item.duration_years * 4 - _EPSILON))
    earliest, blocker = first, None
    for dependency in _dependencies(item, index):
        done = state.placed[id_key(dependency.id)]
        if not done.placed or done.item.end is None:
            return PlannedItem(item, False, reason="dependency-not-placed",
                               reason_params={"dependency": dependency.id})
        after = cost_model.first_quarter_after(done.item.end)
        if after > earliest:
            earliest, blocker = after, dependency.id
    if length > last - first + 1:
        return PlannedItem(item, False, reason="longer-than-horizon",
                           reason_params={"years": item.duration_years})
    if earliest + length - 1 > last:
        return PlannedItem(item, False, reason="dependency-ends-late",
                           reason_params={"dependency": blocker})
    held = (Hold("dependency", earliest - first, item=blocker),) if blocker else ()
    return _first_fit(item, state, earliest, last - length + 1, length, held)


def _first_fit(item: RoadmapItem, state: _State, earliest: int, latest: int,
               length: int, held: tuple[Hold, ...] = ()) -> PlannedItem:
    profile = cost_model.profile(item, state.lines.get(id_key(item.id), ()))
    over: set[int] = set()
    busy = False
    skipped = [0, 0]  # quarters skipped for the budget, for the owner
    for quarter in range(earliest, latest + 1):
        start = cost_model.quarter_start(quarter)
        end = cost_model.quarter_end(quarter + length - 1)
        cost = cost_model.spread(profile, start, end, state.settings.years)
        breaks = [y for y, amount in cost.items() if y in state.caps
                  and state.committed[y] + amount > state.caps[y] + _EPSILON]
        if breaks:
            over.update(breaks)
            skipped[0] += 1
            continue
        dated = replace(item, start=start, end=end)
        if not _owner_free(dated, state):
            busy = True
            skipped[1] += 1
            continue
        cost_model.add(state.committed, cost)
        state.occupy(dated)
        return PlannedItem(dated, True, cost, held=_holds(held, skipped, over, item))
    holds = _holds(held, skipped, over, item)
    if over:
        return PlannedItem(item, False, reason="no-budget-room",
                           reason_params={"years": sorted(over)}, held=holds)
    return PlannedItem(item, False, reason="owner-busy" if busy else "no-room",
                       reason_params={"owner": item.owner or ""}, held=holds)


def _holds(held: tuple[Hold, ...], skipped: list[int], over: set[int],
           item: RoadmapItem) -> tuple[Hold, ...]:
    """The holds of a dependency (given), the budget and the owner, those that held."""
    found = list(held)
    if skipped[0]:
        found.append(Hold("budget", skipped[0], years=tuple(sorted(over))))
    if skipped[1]:
        found.append(Hold("owner", skipped[1], owner=item.owner))
    return tuple(found)


def _owner_free(item: RoadmapItem, state: _State) -> bool:
    """True when the owner runs fewer than the allowed number of items at once."""
    if state.limit is None:
        return True
    return all(state.load.get(key, 0) < state.limit for key in _owner_quarters(item))


def _owner_quarters(item: RoadmapItem) -> list[tuple[str, int]]:
    """(owner, quarter) for every quarter a dated item with an owner spans."""
    if not item.owner or item.start is None or item.end is None:
        return []
    owner = id_key(item.owner)
    first, last = cost_model.quarter_of(item.start), cost_model.quarter_of(item.end)
    return [(owner, quarter) for quarter in range(first, last + 1)]


# --- warnings ---------------------------------------------------------------------------


def _warning(code: str, origin: Origin | None, cell: str | None, column: str | None,
             value: Any, **params: Any) -> Problem:
    return Problem(Severity.WARNING, code, origin.sheet if origin else None, cell, column,
                   value, params, origin.file if origin else None)


def _horizon_warnings(items: Sequence[RoadmapItem], settings: RoadmapSettings,
                      locate: Locate) -> list[Problem]:
    found = []
    for item in items:
        assert item.start is not None and item.end is not None
        if item.start < settings.first_day and not item.started_before:
            found.append(_warning("outside-horizon", item.origin, locate(item.origin, "start"),
                                  "Start", item.start.isoformat(), id=item.id,
                                  first=settings.start_year, last=settings.end_year))
        if item.end > settings.last_day:
            found.append(_warning("outside-horizon", item.origin, locate(item.origin, "end"),
                                  "Slutt", item.end.isoformat(), id=item.id,
                                  first=settings.start_year, last=settings.end_year))
    return found


def _cap_warnings(budget: Sequence[BudgetYear], origins: Mapping[int, Origin],
                  locate: Locate) -> list[Problem]:
    found = []
    for year in budget:
        if year.cap is not None and year.fixed > year.cap + _EPSILON:
            origin = origins.get(year.year)
            cell = locate(origin, "cap") if origin else None
            found.append(_warning("fixed-over-budget", origin, cell, "Ramme", year.cap,
                                  year=year.year, amount=round(year.fixed, 3),
                                  cap=round(year.cap, 3)))
    return found


def _unplaced_warnings(state: _State, items: Sequence[RoadmapItem],
                       locate: Locate) -> list[Problem]:
    found = []
    for item in items:
        planned = state.placed[id_key(item.id)]
        if not planned.placed:
            params = planned.reason_params
            found.append(_warning("not-placed", item.origin, locate(item.origin, "id"), "ID",
                                  item.id, reason=planned.reason or "",
                                  why=reason_text(planned.reason, params, "nb"),
                                  why_en=reason_text(planned.reason, params, "en")))
    return found
