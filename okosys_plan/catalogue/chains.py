"""The rules of a service-chain map (the Tjenestekjeder sheet), across its rows.

Element IDs are unique over every chain; what an element triggers exists and lies in the
same chain; the triggers form no cycle; an event triggers something, a service has an
actor; a break has a level and a need that addresses it (else a warning: a break nobody
has proposed to fix); every need named exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from okosys_plan.catalogue.model import ChainElement, Severity
from okosys_plan.catalogue.validate import find_cycles, id_key

Add = Callable[..., None]  # _Checker._add: (table, origin, key, code, value, severity, **params)
TABLE = "chains"


def check_chains(elements: tuple[ChainElement, ...], needs: Mapping[str, Any], add: Add,
                 cell_of: Callable[[str, Any, str], str]) -> None:
    """Every rule of the map, each problem with its cell."""
    known: dict[str, ChainElement] = {}
    for element in elements:
        key = id_key(element.id)
        if key in known:
            add(TABLE, element.origin, "id", "duplicate-id", element.id,
                first=cell_of(TABLE, known[key].origin, "id"))
        else:
            known[key] = element
    for element in elements:
        _triggers(element, known, add)
        _element(element, add)
        for need in element.needs:
            if id_key(need) not in needs:
                add(TABLE, element.origin, "needs", "unknown-reference", need, ref=need,
                    target="needs")
    graph = {key: [id_key(t) for t in e.triggers if id_key(t) in known
                   and known[id_key(t)].chain == e.chain]
             for key, e in known.items()}
    for cycle in find_cycles(graph):
        first = known[cycle[0]]
        path = " → ".join(known[k].id for k in (*cycle, cycle[0]))
        add(TABLE, first.origin, "triggers", "chain-cycle", ", ".join(first.triggers),
            cycle=path)


def _triggers(element: ChainElement, known: Mapping[str, ChainElement], add: Add) -> None:
    """What the element triggers exists, in the same chain."""
    for ref in element.triggers:
        other = known.get(id_key(ref))
        if other is None:
            add(TABLE, element.origin, "triggers", "chain-unknown-element", ref, ref=ref,
                chain=element.chain)
        elif other.chain != element.chain:
            add(TABLE, element.origin, "triggers", "chain-other-chain", ref, ref=ref,
                chain=element.chain, other=other.chain)


def _element(element: ChainElement, add: Add) -> None:
    """The rules of one element: its row's needs, and its break's."""
    if element.layer == "Hendelse" and not element.triggers:
        add(TABLE, element.origin, "triggers", "event-triggers-nothing", element.text,
            Severity.WARNING, id=element.id)
    if element.layer == "Tjeneste" and not element.actor:
        add(TABLE, element.origin, "actor", "service-without-actor", element.text, id=element.id)
    if element.break_level is not None and not element.needs:
        add(TABLE, element.origin, "needs", "break-without-need", element.break_level,
            Severity.WARNING, id=element.id)
    if element.break_text and element.break_level is None:
        add(TABLE, element.origin, "break_level", "break-without-level", element.break_text,
            Severity.WARNING, id=element.id)


def breaks_fixed_by(elements: tuple[ChainElement, ...], need_id: str) -> list[ChainElement]:
    """The elements whose break (or, without a level, whose row) names the need."""
    key = id_key(need_id)
    return [e for e in elements if key in {id_key(n) for n in e.needs}]


def fixes_text(elements: list[ChainElement]) -> str:
    """Where a need mends the maps, in one line: 'Dødsfall og arv: K3 (Juridisk)'."""
    chains: dict[str, list[str]] = {}
    for element in elements:
        where = f"{element.id} ({element.break_level})" if element.break_level else element.id
        chains.setdefault(" ".join(element.chain.split()), []).append(where)
    return "; ".join(f"{chain}: {', '.join(places)}" for chain, places in chains.items())
