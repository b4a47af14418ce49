"""The items on the roadmap: measures, and needs with a period of their own. Pure.

A need with a period that a measure covers is shown by that measure, not twice. A period
given as a year or quarter starts on its first day and ends on its last; 'Påbegynt'
starts before the horizon (``started_before``). A measure with a start and no end lasts
its duration; one with an end and no start is counted back from the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from okosys_plan.catalogue.model import Catalogue, Measure, Need, Origin, Period
from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.scoring import PriorityClass, Ranking, ScoredNeed
from okosys_plan.roadmap.settings import RoadmapSettings


class ItemKind(StrEnum):
    """What a roadmap item is."""

    MEASURE = "measure"
    NEED = "need"


@dataclass(frozen=True)
class MilestonePoint:
    """A milestone on an item: a name and a day."""

    name: str
    when: date


@dataclass(frozen=True)
class RoadmapItem:
    """One bar on the roadmap, dated (fixed or planned) or still without dates."""

    id: str
    title: str
    kind: ItemKind
    origin: Origin
    lane: str | None = None
    owner: str | None = None
    status: str | None = None
    life_events: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()  # the service chains whose maps name a need it covers
    needs: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    milestones: tuple[MilestonePoint, ...] = ()
    priority: PriorityClass | None = None
    rank: int | None = None  # the best effective rank among the needs it covers
    start: date | None = None
    end: date | None = None
    started_before: bool = False
    fixed: bool = False  # dated in the catalogue
    duration_years: float = 1.0
    investment: float | None = None  # MNOK, from covered needs (used when no cost lines)
    annual_operations: float | None = None

    @property
    def dated(self) -> bool:
        """True when the item has both a start and an end."""
        return self.start is not None and self.end is not None


def roadmap_items(catalogue: Catalogue, settings: RoadmapSettings,
                  ranking: Ranking | None = None) -> tuple[RoadmapItem, ...]:
    """Every measure, and every need with a period that no measure covers."""
    scored = {id_key(s.id): s for s in ranking.needs} if ranking else {}
    shares = _cost_shares(catalogue.measures, catalogue.needs)
    milestones = _milestones(catalogue)
    durations = {id_key(n.id): n.duration for n in catalogue.needs if n.duration}
    items = [_measure_item(m, durations, settings, scored, shares, milestones)
             for m in catalogue.measures]
    covered = {id_key(n) for m in catalogue.measures for n in m.needs}
    items += [_need_item(n, settings, scored.get(id_key(n.id)))
              for n in catalogue.needs
              if (n.start or n.end) and id_key(n.id) not in covered]
    return tuple(_with_chains(items, catalogue)) if catalogue.chain_elements else tuple(items)


def _with_chains(items: list[RoadmapItem], catalogue: Catalogue) -> list[RoadmapItem]:
    """Each item with the service chains whose maps name a need it covers (or it is)."""
    chains: dict[str, list[str]] = {}
    for element in catalogue.chain_elements:
        for need in element.needs:
            chains.setdefault(id_key(need), []).append(" ".join(element.chain.split()))
    return [replace(item, chains=tuple(dict.fromkeys(
        c for n in (item.needs if item.kind is ItemKind.MEASURE else (item.id,))
        for c in chains.get(id_key(n), ())))) for item in items]


def need_items(catalogue: Catalogue, settings: RoadmapSettings, ranking: Ranking,
               lowest: PriorityClass | None = None) -> tuple[RoadmapItem, ...]:
    """Needs no measure covers and without a period, for ``plan --needs [CLASS]``."""
    order = [PriorityClass.HIGH, PriorityClass.MEDIUM, PriorityClass.LOW]
    allowed = set(order[: order.index(lowest) + 1]) if lowest else None
    covered = {id_key(n) for m in catalogue.measures for n in m.needs}
    items = []
    for scored in ranking.needs:
        need = scored.need
        if id_key(need.id) in covered or need.start or need.end:
            continue
        if allowed is not None and scored.effective_priority not in allowed:
            continue
        items.append(_need_item(need, settings, scored))
    return tuple(items)


def _measure_item(measure: Measure, need_durations: Mapping[str, float],
                  settings: RoadmapSettings,
                  scored: Mapping[str, ScoredNeed], shares: Mapping[str, tuple[float, float]],
                  milestones: Mapping[str, tuple[MilestonePoint, ...]]) -> RoadmapItem:
    covered = [scored[id_key(n)] for n in measure.needs if id_key(n) in scored]
    best = min(covered, key=_priority_key, default=None)
    durations = [need_durations[k] for k in dict.fromkeys(id_key(x) for x in measure.needs)
                 if k in need_durations]
    investment, operations = shares.get(id_key(measure.id), (0.0, 0.0))
    item = RoadmapItem(
        id=measure.id, title=measure.title, kind=ItemKind.MEASURE, origin=measure.origin,
        lane=measure.theme, owner=measure.owner, status=measure.status,
        life_events=tuple(dict.fromkeys(e for s in covered for e in s.need.life_events)),
        needs=measure.needs, depends_on=measure.depends_on,
        milestones=milestones.get(id_key(measure.id), ()),
        priority=best.effective_priority if best else None,
        rank=best.effective_rank if best else None,
        duration_years=max(durations) if durations else settings.duration_years,
        investment=investment if id_key(measure.id) in shares else None,
        annual_operations=operations if id_key(measure.id) in shares else None)
    return _dated(item, measure.start, measure.end, settings)


def _need_item(need: Need, settings: RoadmapSettings, scored: ScoredNeed | None) -> RoadmapItem:
    item = RoadmapItem(
        id=need.id, title=need.title, kind=ItemKind.NEED, origin=need.origin, lane=need.theme,
        owner=need.owner, status=need.status, life_events=need.life_events,
        depends_on=need.depends_on,
        priority=scored.effective_priority if scored else None,
        rank=scored.effective_rank if scored else None,
        duration_years=need.duration or settings.duration_years,
        investment=need.investment, annual_operations=need.annual_operations)
    return _dated(item, need.start, need.end, settings)


def _priority_key(scored: ScoredNeed) -> tuple[int, int]:
    order = {PriorityClass.HIGH: 0, PriorityClass.MEDIUM: 1, PriorityClass.LOW: 2}
    return order.get(scored.effective_priority, 3) if scored.effective_priority else 3, \
        scored.effective_rank


def _dated(item: RoadmapItem, start: Period | None, end: Period | None,
           settings: RoadmapSettings) -> RoadmapItem:
    """The item with its dates from the catalogue, if it has any."""
    if start is None and end is None:
        return item
    before = start is not None and start.started_before
    first = settings.first_day if before else (start.first if start else None)
    last = end.last if end else None
    if first is None and last is not None:
        first = last - timedelta(days=round(365.25 * item.duration_years)) + timedelta(days=1)
    if last is None and first is not None:
        last = first + timedelta(days=round(365.25 * item.duration_years)) - timedelta(days=1)
    return replace(item, start=first, end=last, started_before=before, fixed=True)


def _milestones(catalogue: Catalogue) -> dict[str, tuple[MilestonePoint, ...]]:
    found: dict[str, list[MilestonePoint]] = {}
    for milestone in catalogue.milestones:
        found.setdefault(id_key(milestone.measure), []).append(
            MilestonePoint(milestone.name, milestone.when.first))
    return {k: tuple(sorted(v, key=lambda m: m.when)) for k, v in found.items()}


def _cost_shares(measures: Sequence[Measure], needs: Sequence[Need]
                 ) -> dict[str, tuple[float, float]]:
    """Investment and annual operations per measure from the needs it covers.

    A need covered by several measures is split evenly among them, never counted twice.
    Only measures that cover a need with figures get an entry.
    """
    by_need = {id_key(n.id): n for n in needs}
    coverers: dict[str, list[str]] = {}
    for measure in measures:
        for need_id in dict.fromkeys(id_key(n) for n in measure.needs):
            coverers.setdefault(need_id, []).append(id_key(measure.id))
    shares: dict[str, tuple[float, float]] = {}
    for need_id, owners in coverers.items():
        need = by_need.get(need_id)
        if need is None or (need.investment is None and need.annual_operations is None):
            continue
        for owner in owners:
            investment, operations = shares.get(owner, (0.0, 0.0))
            shares[owner] = (investment + (need.investment or 0.0) / len(owners),
                             operations + (need.annual_operations or 0.0) / len(owners))
    return shares
