"""The service chains for people and machines: sheets, JSON, a need's state in words. Pure.

Sheet names and headers are Norwegian in both languages' workbooks only where a user
fills them in; these are outputs, so they follow the language asked for.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.domain import BREAK_LEVELS
from okosys_plan.chains.model import Break, ChainEvent, NeedState, ServiceChains
from okosys_plan.chains.words import class_name, layer_name, level_name
from okosys_plan.text.numbers import number, quarter_label
from okosys_plan.text.say import say

Table = tuple[str, list[str], list[list[Any]]]


def need_line(state: NeedState, lang: str) -> str:
    """A break's fix in one line: 'B1 (Høy, rang 3): T3 2024-K1–2024-K4, ikke finansiert'."""
    if not state.found:
        return say(lang, "{id} (not in the catalogue)", id=state.id)
    head = state.id
    if state.priority is not None:
        head = say(lang, "{id} ({klass}, rank {rank})", id=state.id,
                   klass=class_name(state.priority, lang), rank=state.rank)
    planned = [m for m in state.measures if m.planned]
    where = (", ".join(f"{m.id} {quarter_label(m.start, lang)}–{quarter_label(m.end, lang)}"
                       for m in planned if m.start and m.end)
             if planned else say(lang, "not on the roadmap"))
    return f"{head}: {where}, {funding_word(state, lang)}"


def funding_word(state: NeedState, lang: str) -> str:
    """'funded', 'not funded (gap 12,5 MNOK)' or 'funding unknown'."""
    if state.funded is None:
        return say(lang, "funding unknown")
    if state.funded:
        return say(lang, "funded")
    return say(lang, "not funded (gap {gap} MNOK)", gap=number(state.gap, lang))


def break_line(found: Break, lang: str) -> str:
    """A break and its fixes: 'K3 Juridisk – Arvinger mangler fullmakt: B1 (…)'."""
    text = f"{found.element.id} {level_name(found.level, lang)}"
    if found.text:
        text += f" – {found.text}"
    fixes = [need_line(n, lang) for n in found.needs]
    return f"{text}: {'; '.join(fixes) if fixes else say(lang, 'nobody has proposed to fix it')}"


def readiness_line(chains: ServiceChains, name: str, lang: str) -> str:
    """'4 brudd: 2 med behov, 1 prioritert, 2 planlagt, 1 finansiert'."""
    found = chains.chain(name)
    ready = found.readiness if found is not None else None
    if ready is None or not ready.breaks:
        return say(lang, "no breaks")
    return say(lang, "{breaks} breaks: {proposed} with a need, {prioritised} prioritised, "
                     "{planned} planned, {funded} funded", breaks=ready.breaks,
               proposed=ready.proposed, prioritised=ready.prioritised, planned=ready.planned,
               funded=ready.funded)


def chain_tables(chains: ServiceChains, lang: str) -> list[Table]:
    """The sheets: readiness per chain, every break with its fixes, the event catalogue."""
    levels = [level_name(level, lang) for level in BREAK_LEVELS]
    readiness = [[m.name, r.breaks, *(count for _, count in r.by_level), r.proposed,
                  r.prioritised, r.planned, r.funded]
                 for m in chains.maps for r in (m.readiness,) if r is not None]
    events = [[e.type, e.name, ", ".join(e.chains), ", ".join(e.producers),
               "; ".join(f"{s} ({a})" if a else s for s, a in e.consumers)]
              for e in chains.events]
    return [
        (say(lang, "Readiness"), [say(lang, "Chain"), say(lang, "Breaks"), *levels,
                                  say(lang, "With a need"), say(lang, "Prioritised"),
                                  say(lang, "Planned"), say(lang, "Funded")], readiness),
        (say(lang, "Breaks"), [say(lang, "Chain"), say(lang, "Element"), say(lang, "Row"),
                               say(lang, "Text"), say(lang, "Level"), say(lang, "Break"),
                               say(lang, "Need"), say(lang, "Title"), say(lang, "Class"),
                               say(lang, "Rank"), say(lang, "Planned measures"),
                               say(lang, "Funding status")], _break_rows(chains, lang)),
        (say(lang, "Events"), [say(lang, "Type (CloudEvents)"), say(lang, "Event"),
                               say(lang, "Chains"), say(lang, "Produced by"),
                               say(lang, "Consumed by")], events),
    ]


def _break_rows(chains: ServiceChains, lang: str) -> list[list[Any]]:
    """One row per break and need fixing it; a break no need fixes on a row of its own."""
    rows: list[list[Any]] = []
    for chain in chains.maps:
        for found in chain.breaks:
            element = found.element
            head = [chain.name, element.id, layer_name(element.layer, lang), element.text,
                    level_name(found.level, lang), found.text]
            if not found.needs:
                rows.append([*head, None, None, None, None, None,
                             say(lang, "nobody has proposed to fix it")])
            for need in found.needs:
                rows.append([*head, need.id, need.title or None,
                             class_name(need.priority, lang) if need.priority else None,
                             need.rank,
                             ", ".join(m.id for m in need.measures if m.planned) or None,
                             funding_word(need, lang) if need.found
                             else say(lang, "not in the catalogue")])
    return rows


def event_document(events: tuple[ChainEvent, ...], source: str) -> dict[str, Any]:
    """The event catalogue as JSON: one entry per event type."""
    return {"format": "okosys-plan-events", "version": 1, "source": source,
            "events": [{"type": e.type, "name": e.name, "chains": list(e.chains),
                        "elements": list(e.elements), "producers": list(e.producers),
                        "consumers": [{"service": s, "actor": a or None}
                                      for s, a in e.consumers]}
                       for e in events]}


def chains_document(chains: ServiceChains) -> list[dict[str, Any]]:
    """Each chain with its readiness and breaks, as the JSON outputs show it."""
    out = []
    for chain in chains.maps:
        ready = chain.readiness
        out.append({
            "chain": chain.name, "elements": len(chain.elements),
            "readiness": None if ready is None else {
                "breaks": ready.breaks, "by_level": dict(ready.by_level),
                "with_need": ready.proposed, "prioritised": ready.prioritised,
                "planned": ready.planned, "funded": ready.funded},
            "breaks": [{"element": b.element.id, "level": b.level, "text": b.text,
                        "needs": [{"id": n.id, "found": n.found, "class": n.priority,
                                   "rank": n.rank, "planned": n.planned, "funded": n.funded,
                                   "measures": [{"id": m.id, "start": _day(m.start),
                                                 "end": _day(m.end)} for m in n.measures]}
                                  for n in b.needs]}
                       for b in chain.breaks]})
    return out


def _day(day: Any) -> str | None:
    return day.isoformat() if day is not None else None
