"""The roadmap layout as a JSON-ready dict (``roadmap --json``). Pure.

Dates are ISO ``YYYY-MM-DD``; x is in years (1 January 2023 is 2023.0), y in inches down
from the top of the plot; boxes are ``[x0, y0, x1, y1]``; sizes in inches.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.charts.roadmap.model import Bar, Label, RoadmapLayout


def _n(value: float) -> float:
    """A coordinate rounded for JSON (micro-units: well below a pixel)."""
    return round(value, 6)


def _label(tag: Label) -> dict[str, Any]:
    return {"kind": tag.kind, "owner": tag.owner, "text": tag.text, "x": _n(tag.x),
            "y": _n(tag.y), "ha": tag.ha, "size": tag.size, "colour": tag.colour,
            "bold": tag.bold, "box": tag.box.as_list()}


def _bar(bar: Bar) -> dict[str, Any]:
    return {"id": bar.id, "title": bar.title, "lane": bar.lane, "start": bar.start.isoformat(),
            "end": bar.end.isoformat(), "x0": _n(bar.x0), "x1": _n(bar.x1), "y": _n(bar.y),
            "height": _n(bar.height), "row": [_n(bar.row[0]), _n(bar.row[1])],
            "colour": bar.fill, "edge": bar.edge, "text_colour": bar.ink,
            "hatch": bar.hatch, "planned": bar.planned, "status": bar.status or None,
            "priority": bar.priority or None, "started_before": bar.started_before,
            "continues_before": bar.continues_before, "continues_after": bar.continues_after,
            "label": bar.label.text, "label_inside": bar.label_inside,
            "tooltip": bar.tooltip, "svg_id": bar.gid,
            "milestones_not_drawn": [{"name": name, "date": when.isoformat()}
                                     for name, when in bar.folded]}


def roadmap_document(layout: RoadmapLayout) -> dict[str, Any]:
    """Everything the chart shows, as plain JSON types, in drawing order."""
    return {
        "title": layout.texts.title,
        "subtitle": layout.texts.subtitle.replace("\n", " "),
        "lang": layout.lang,
        "group_by": layout.group_by,
        "colour_by": layout.colour_by,
        "horizon": {"start": layout.horizon[0].isoformat(), "end": layout.horizon[1].isoformat()},
        "as_of": _as_of(layout),
        "size": {"width": layout.size[0], "height": layout.size[1]},
        "axes": dict(zip(("left", "bottom", "width", "height"),
                         (_n(v) for v in layout.axes_box), strict=True)),
        "xlim": [_n(v) for v in layout.xlim],
        "ylim": [_n(v) for v in layout.ylim],
        "text_size": layout.text_size,
        "lanes": [{"name": lane.name, "label": lane.label.text.replace("\n", " "),
                   "y0": _n(lane.y0), "y1": _n(lane.y1), "shaded": lane.shaded,
                   "accent": lane.accent or None} for lane in layout.lanes],
        "bars": [_bar(bar) for bar in layout.bars],
        "labels": [_label(tag) for tag in layout.labels],
        "milestones": [{"item": m.item, "name": m.name, "date": m.when.isoformat(),
                        "x": _n(m.x), "y": _n(m.y), "label": m.label.text}
                       for m in layout.milestones],
        "arrows": [{"from": a.source, "to": a.target,
                    "points": [[_n(x), _n(y)] for x, y in a.points]} for a in layout.arrows],
        "ticks": [{"kind": t.kind, "x0": _n(t.x0), "x1": _n(t.x1), "label": t.label.text,
                   "edge": t.edge} for t in layout.ticks],
        "markers": [{"date": line.when.isoformat(), "x": _n(line.x), "label": line.label.text,
                     "full_label": line.full_label} for line in layout.lines
                    if line.kind == "marker"],
        "legend": [{"label": e.label, "kind": e.kind, "colour": e.colour, "hatch": e.hatch,
                    "dashed": e.dashed} for e in layout.legend],
        "notes": list(layout.texts.notes),
        "omitted": [{"id": o.id, "title": o.title, "start": o.start.isoformat(),
                     "end": o.end.isoformat(), "reason": o.reason} for o in layout.omitted],
        "undated": layout.undated,
        "reference": _reference(layout),
        "description": layout.description,
    }


def _as_of(layout: RoadmapLayout) -> dict[str, Any]:
    line = next((v for v in layout.lines if v.kind == "as_of"), None)
    return {"date": layout.as_of.isoformat(), "shown": line is not None,
            "x": _n(line.x) if line else None, "label": line.label.text if line else None}


def _reference(layout: RoadmapLayout) -> dict[str, Any] | None:
    """The reference periods drawn as ghosts (None when the chart has none)."""
    if not layout.reference_label:
        return None
    return {"label": layout.reference_label, "ghosts": [
        {"id": g.id, "lane": g.lane, "start": g.start.isoformat() if g.start else None,
         "end": g.end.isoformat() if g.end else None, "x0": _n(g.x0), "x1": _n(g.x1),
         "y": _n(g.y), "alone": g.alone, "start_shift": g.start_shift,
         "end_shift": g.end_shift, "label": g.label.text if g.label else None,
         "svg_id": g.gid} for g in layout.ghosts]}
