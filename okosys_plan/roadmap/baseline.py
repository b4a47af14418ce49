"""The adopted baseline (the Veikart Skate decided) and slippage against it. Pure.

A baseline keeps, per roadmap item, the period that was adopted: its start and end day,
title, lane and owner, the day it was decided and the Skate case. ``slippage`` compares a
plan with it, in whole quarters: +2 is two quarters later than adopted, −1 one earlier.
The diff between two catalogue versions (``diff.compare.moves``) uses the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okosys_plan.catalogue.model import Catalogue
from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.scoring import natural_key
from okosys_plan.roadmap.costs import first_quarter_after, quarter_of
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.schedule import Plan


@dataclass(frozen=True)
class BaselineItem:
    """One item as adopted: its period, and where and when it was decided."""

    id: str
    title: str
    start: date
    end: date
    kind: str = "measure"  # "measure" or "need", as on the roadmap
    lane: str | None = None
    owner: str | None = None
    decided: date | None = None
    case: str | None = None  # the Skate case ("Skate-sak")


@dataclass(frozen=True)
class Baseline:
    """The adopted roadmap: its items, and the decision as a whole (date, case, source)."""

    items: tuple[BaselineItem, ...]
    decided: date | None = None
    case: str | None = None
    source: str = ""
    horizon: tuple[int, int] | None = None

    def by_id(self) -> dict[str, BaselineItem]:
        """The items by ID (IDs compared as IDs are; the first of a repeated ID wins)."""
        found: dict[str, BaselineItem] = {}
        for item in self.items:
            found.setdefault(id_key(item.id), item)
        return found

    def periods(self) -> dict[str, tuple[date, date]]:
        """Item ID → adopted (start, end), the reference periods of the chart."""
        return {item.id: (item.start, item.end) for item in self.by_id().values()}


class Change(StrEnum):
    """How an item stands against the baseline."""

    LATE = "late"
    EARLY = "early"
    ON_PLAN = "on-plan"
    NOT_PLACED = "not-placed"  # adopted, still in the catalogue, but the plan has no room
    DROPPED = "dropped"  # adopted, no longer in the catalogue
    ADDED = "added"  # on the roadmap now, not adopted


@dataclass(frozen=True)
class Slip:
    """One item's adopted and current period and its slippage in quarters (None: n/a)."""

    id: str
    title: str
    change: Change
    baseline: BaselineItem | None
    start: date | None  # current period (None when not placed or dropped)
    end: date | None
    start_slip: int | None
    end_slip: int | None
    owner: str | None = None
    status: str | None = None
    moved_by: tuple[str, ...] = ()  # dependencies whose end slipped and now bound its start


def quarter_shift(adopted: date, current: date) -> int:
    """Whole quarters from the adopted day's quarter to the current day's (late > 0)."""
    return quarter_of(current) - quarter_of(adopted)


def baseline_of(plan: Plan, *, source: str = "", decided: date | None = None,
                case: str | None = None) -> Baseline:
    """The plan's placed items as a baseline (what ``plan --save-baseline`` keeps)."""
    items = tuple(BaselineItem(i.id, i.title, i.start, i.end, i.kind.value, i.lane, i.owner,
                               decided, case)
                  for i in plan.placed_items() if i.start is not None and i.end is not None)
    return Baseline(items, decided, case, source, (plan.start_year, plan.end_year))


def catalogue_baseline(catalogue: Catalogue, first_day: date) -> Baseline | None:
    """The Vedtatt sheet's rows as a baseline (None without the sheet's rows).

    Titles, lanes and owners come from the Tiltak sheet; a 'Påbegynt' start is the
    horizon's first day (``first_day``). The decision as a whole is the latest row's.
    """
    if not catalogue.adopted:
        return None
    measures = {id_key(m.id): m for m in catalogue.measures}
    items = []
    for line in catalogue.adopted:
        found = measures.get(id_key(line.measure))
        start = first_day if line.start.started_before else line.start.first
        items.append(BaselineItem(found.id if found else line.measure,
                                  found.title if found else line.measure, start,
                                  max(start, line.end.last), "measure",
                                  found.theme if found else None,
                                  found.owner if found else None, line.decided, line.case))
    latest = max(catalogue.adopted, key=lambda a: (a.decided or date.min, a.origin.row))
    return Baseline(tuple(items), latest.decided, latest.case, catalogue.source)


def slippage(baseline: Baseline, plan: Plan) -> tuple[Slip, ...]:
    """Every item of the baseline and of the plan against the baseline, largest slip first.

    Late items come first (by end slip, then start slip), then those on plan, the early
    ones, and last the items without a figure: not placed, dropped, added.
    """
    adopted = baseline.by_id()
    current = {id_key(p.item.id): p for p in plan.items}
    found = []
    for key, planned in current.items():
        was = adopted.get(key)
        if was is None and not planned.placed:
            continue  # neither adopted nor on the roadmap: nothing to say
        found.append(_slip(was, planned.item if planned.placed else None, planned.item))
    found += [_slip(was, None, None) for key, was in adopted.items() if key not in current]
    return tuple(sorted(_with_causes(found, [p.item for p in plan.items]), key=slip_order))


def _slip(was: BaselineItem | None, placed: RoadmapItem | None,
          item: RoadmapItem | None) -> Slip:
    name = item or was
    assert name is not None
    owner = item.owner if item is not None else was.owner if was else None
    status = item.status if item is not None else None
    if was is None:
        assert placed is not None
        return Slip(placed.id, placed.title, Change.ADDED, None, placed.start, placed.end,
                    None, None, owner, status)
    if placed is None or placed.start is None or placed.end is None:
        change = Change.NOT_PLACED if item is not None else Change.DROPPED
        return Slip(name.id, name.title, change, was, None, None, None, None, owner, status)
    start, end = quarter_shift(was.start, placed.start), quarter_shift(was.end, placed.end)
    return Slip(placed.id, placed.title, _change(start, end), was, placed.start, placed.end,
                start, end, owner, status)


def _change(start: int, end: int) -> Change:
    if start == 0 and end == 0:
        return Change.ON_PLAN
    if end > 0 or (end == 0 and start > 0):
        return Change.LATE
    return Change.EARLY


_LAST = {Change.NOT_PLACED: 1, Change.DROPPED: 2, Change.ADDED: 3}


def slip_order(slip: Slip) -> tuple[object, ...]:
    """Largest slippage first (end, then start); items without a figure last."""
    if slip.end_slip is None or slip.start_slip is None:
        return (1, _LAST.get(slip.change, 4), 0, 0, natural_key(slip.id))
    return (0, 0, -slip.end_slip, -slip.start_slip, natural_key(slip.id))


def _with_causes(slips: Sequence[Slip], items: Sequence[RoadmapItem]) -> list[Slip]:
    """The slips, each late start marked with the slipped dependencies that now bound it."""
    by_key = {id_key(s.id): s for s in slips}
    index = _index(items)
    out = []
    for slip in slips:
        item = next((i for i in index.get(id_key(slip.id), []) if id_key(i.id)
                     == id_key(slip.id)), None)
        if item is None or slip.start is None or not slip.start_slip or slip.start_slip <= 0:
            out.append(slip)
            continue
        causes = [d.id for d in _dependencies(item, index) if _bounds(by_key.get(id_key(d.id)),
                                                                      slip.start)]
        out.append(slip if not causes else _moved(slip, causes))
    return out


def _moved(slip: Slip, causes: Iterable[str]) -> Slip:
    from dataclasses import replace

    return replace(slip, moved_by=tuple(dict.fromkeys(causes)))


def _bounds(dependency: Slip | None, start: date) -> bool:
    """True when the dependency's end slipped and the item starts right after it ends."""
    return (dependency is not None and dependency.end is not None
            and dependency.end_slip is not None and dependency.end_slip > 0
            and first_quarter_after(dependency.end) == quarter_of(start))


def _index(items: Sequence[RoadmapItem]) -> dict[str, list[RoadmapItem]]:
    """Items by ID, and measures also by the needs they cover (as the scheduler reads refs)."""
    index: dict[str, list[RoadmapItem]] = {}
    for item in items:
        index.setdefault(id_key(item.id), []).append(item)
    own = set(index)
    for item in items:
        for need in item.needs:
            if id_key(need) not in own:
                index.setdefault(id_key(need), []).append(item)
    return index


def _dependencies(item: RoadmapItem, index: Mapping[str, list[RoadmapItem]]
                  ) -> list[RoadmapItem]:
    found: dict[str, RoadmapItem] = {}
    for ref in item.depends_on:
        for target in index.get(id_key(ref), []):
            if id_key(target.id) != id_key(item.id):
                found.setdefault(id_key(target.id), target)
    return list(found.values())
