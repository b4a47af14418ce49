"""The catalogue's service chains as maps: elements in map order, breaks with their fixes'
state, each chain's readiness. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from okosys_plan.catalogue.domain import BREAK_LEVELS, CHAIN_LAYERS
from okosys_plan.catalogue.model import ChainElement
from okosys_plan.catalogue.validate import id_key
from okosys_plan.chains.model import Break, ChainMap, NeedState, Readiness
from okosys_plan.chains.states import by_key


def chain_maps(elements: Sequence[ChainElement], states: Mapping[str, NeedState]
               ) -> tuple[ChainMap, ...]:
    """One map per chain, in the order chains first appear; duplicate IDs kept once."""
    chains: dict[str, list[ChainElement]] = {}
    names: dict[str, str] = {}
    seen: set[str] = set()
    for element in elements:
        if id_key(element.id) in seen:
            continue
        seen.add(id_key(element.id))
        key = " ".join(element.chain.split()).casefold()
        names.setdefault(key, " ".join(element.chain.split()))
        chains.setdefault(key, []).append(element)
    maps = []
    for key, members in chains.items():
        ordered = tuple(sorted(members, key=_map_order))
        breaks = tuple(Break(e, e.break_level, e.break_text or "", by_key(states, e.needs))
                       for e in ordered if e.break_level is not None)
        maps.append(ChainMap(names[key], ordered, breaks, readiness(names[key], breaks)))
    return tuple(maps)


def _map_order(element: ChainElement) -> tuple[int, float, str]:
    """Row (activities first), then step, then ID."""
    row = CHAIN_LAYERS.index(element.layer) if element.layer in CHAIN_LAYERS else len(
        CHAIN_LAYERS)
    return row, element.step, id_key(element.id)


def readiness(chain: str, breaks: Sequence[Break]) -> Readiness:
    """The chain's breaks counted by level and by how far their fixes have come."""
    levels = tuple((level, sum(b.level == level for b in breaks)) for level in BREAK_LEVELS)
    return Readiness(chain, len(breaks), levels, sum(b.proposed for b in breaks),
                     sum(b.prioritised for b in breaks), sum(b.planned for b in breaks),
                     sum(b.funded for b in breaks))
