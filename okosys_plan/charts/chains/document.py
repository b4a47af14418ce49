"""A chain map as a JSON-ready dict (``kart --json``): the chain, its readiness, its breaks
with their needs' states, and where the chart put each element. Pure.

Dates are ISO ``YYYY-MM-DD``; boxes are ``[x0, y0, x1, y1]`` in inches from the page's
top-left corner.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.chains.model import Break, MeasureState, NeedState, Readiness
from okosys_plan.charts.chains.model import ChainLayout
from okosys_plan.charts.chains.states import need_lines, readiness_line


def chain_document(layout: ChainLayout) -> dict[str, Any]:
    """The map's chain, readiness, breaks, elements and arrows as plain JSON types."""
    chain = layout.chain
    badges = {e.id: e.badge.label.text for e in layout.elements if e.badge is not None}
    source = {e.id: e for e in chain.elements}
    return {
        "name": chain.name,
        "title": layout.texts.title,
        "subtitle": layout.texts.subtitle,
        "lang": layout.lang,
        "readiness": readiness_document(chain.readiness, layout.lang),
        "breaks": [break_document(b, badges.get(b.element.id, ""), layout.lang)
                   for b in chain.breaks],
        "elements": [{"id": e.id, "layer": e.layer, "step": e.step,
                      "text": source[e.id].text, "actor": source[e.id].actor,
                      "triggers": list(source[e.id].triggers), "column": e.column,
                      "strip": e.strip, "box": e.box.as_list(),
                      "lines": [t.text for t in e.labels]} for e in layout.elements],
        "arrows": [{"from": a.source, "to": a.target,
                    "points": [[round(x, 6), round(y, 6)] for x, y in a.points]}
                   for a in layout.arrows],
        "size": {"width": layout.size[0], "height": layout.size[1]},
        "description": layout.description,
    }


def readiness_document(ready: Readiness | None, lang: str) -> dict[str, Any] | None:
    """A chain's readiness: counts of breaks at each stage and by level."""
    if ready is None:
        return None
    return {"breaks": ready.breaks, "by_level": dict(ready.by_level),
            "proposed": ready.proposed, "prioritised": ready.prioritised,
            "planned": ready.planned, "funded": ready.funded, "share": ready.share,
            "text": readiness_line(ready, lang)}


def break_document(fault: Break, badge: str, lang: str) -> dict[str, Any]:
    """A break, its badge, and the state of each need that addresses it."""
    return {"element": fault.element.id, "text": fault.element.text, "level": fault.level,
            "description": fault.text, "badge": badge, "proposed": fault.proposed,
            "prioritised": fault.prioritised, "planned": fault.planned,
            "funded": fault.funded, "needs": [need_document(n) for n in fault.needs],
            "label": list(need_lines(fault, lang))}


def need_document(need: NeedState) -> dict[str, Any]:
    """A need's state: found, class, rank, measures with periods, funded, gap."""
    return {"id": need.id, "title": need.title, "found": need.found,
            "priority": need.priority, "rank": need.rank, "prioritised": need.prioritised,
            "planned": need.planned, "funded": need.funded, "gap": need.gap,
            "measures": [measure_document(m) for m in need.measures]}


def measure_document(measure: MeasureState) -> dict[str, Any]:
    """A measure carrying a need, with its period on the roadmap (None if not placed)."""
    return {"id": measure.id, "title": measure.title,
            "start": measure.start.isoformat() if measure.start else None,
            "end": measure.end.isoformat() if measure.end else None,
            "planned": measure.planned}
