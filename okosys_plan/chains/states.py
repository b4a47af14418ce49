"""Where each need stands: its class and rank, its measures on the roadmap, its funding. Pure.

A need's class and rank are those of the priority list (its own score, not lifted by its
dependants). It is carried by the measures that name it (Tiltak's Behov column) or, when
the plan placed the need itself, by that item. Its funding is that of those measures (or
of the need) over the plan's years: funded when every year's cost is covered by
confirmed funding, not funded when a gap remains, unknown when nothing is known of its
cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from okosys_plan.catalogue.model import Catalogue
from okosys_plan.catalogue.validate import id_key
from okosys_plan.chains.model import MeasureState, NeedState
from okosys_plan.funding.analysis import totals
from okosys_plan.prioritise.scoring import Ranking
from okosys_plan.roadmap.schedule import Plan, PlannedItem

_COVERED = 0.005  # MNOK: a gap below half a kilokrone rounds to none


def need_states(catalogue: Catalogue, wanted: Iterable[str], ranking: Ranking | None,
                plan: Plan | None, funding: Any = None) -> dict[str, NeedState]:
    """The state of each need in ``wanted``, by ``id_key`` (unknown IDs: ``found`` False)."""
    needs = {id_key(n.id): n for n in catalogue.needs}
    carriers: dict[str, list[tuple[str, str]]] = {}
    for measure in catalogue.measures:
        for ref in measure.needs:
            carriers.setdefault(id_key(ref), []).append((measure.id, measure.title))
    placed = {id_key(p.item.id): p for p in plan.items} if plan is not None else {}
    solutions = {id_key(s.id): s for s in funding.solutions} if funding is not None else {}
    states: dict[str, NeedState] = {}
    for ref in wanted:
        key = id_key(ref)
        need = needs.get(key)
        if need is None:
            states[key] = NeedState(ref, "", False)
            continue
        ids = carriers.get(key, []) or ([(need.id, need.title)] if key in placed else [])
        measures = tuple(_measure(i, t, placed.get(id_key(i))) for i, t in ids)
        scored = ranking.find(need.id) if ranking is not None else None
        priority = scored.priority if scored is not None else None
        funded, gap = _funding([solutions[id_key(i)] for i, _ in ids if id_key(i) in solutions],
                               funding.years if funding is not None else ())
        states[key] = NeedState(need.id, need.title, True,
                                priority.value if priority is not None else None,
                                scored.rank if scored is not None else None,
                                measures, funded, gap)
    return states


def _measure(item_id: str, title: str, planned: PlannedItem | None) -> MeasureState:
    """A carrying measure, with its period when the plan placed it."""
    if planned is None or not planned.placed:
        return MeasureState(item_id, title, None, None)
    return MeasureState(item_id, title, planned.item.start, planned.item.end)


def _funding(solutions: list[Any], years: Iterable[int]) -> tuple[bool | None, float]:
    """Funded (True), not (False) or unknown (None), and the gap over ``years`` (MNOK)."""
    cost = gap = 0.0
    for year in years:
        figures = totals(solutions, year)
        cost += figures.cost
        gap += figures.gap
    if cost <= 0.0:
        return None, 0.0
    return gap < _COVERED, round(gap, 6)


def by_key(states: Mapping[str, NeedState], refs: Iterable[str]) -> tuple[NeedState, ...]:
    """The states of ``refs`` in their order (each once)."""
    return tuple(states[k] for k in dict.fromkeys(id_key(r) for r in refs) if k in states)
