"""Dependency arrows between drawn bars, routed as elbows through the gaps between rows. Pure.

An arrow leaves the end of the prerequisite's bar through its top or bottom edge, runs
along the boundary of the dependent bar's row (where no bar or label is), and enters the
dependent bar at its start from above or below. When an item is drawn in several lanes
(grouping by life event), the arrow joins the two bars closest to each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from okosys_plan.catalogue.validate import id_key
from okosys_plan.charts.roadmap.model import Arrow, Bar
from okosys_plan.charts.roadmap.time import Scale
from okosys_plan.roadmap.items import RoadmapItem

#: Inches from a bar's end (or start) to where the arrow leaves (or enters) it.
INSET = 0.05


def dependency_arrows(bars: Sequence[Bar], items: Sequence[RoadmapItem], scale: Scale
                      ) -> tuple[Arrow, ...]:
    """One arrow for every dependency whose both ends are drawn."""
    by_id: dict[str, list[Bar]] = {}
    for bar in bars:
        by_id.setdefault(id_key(bar.id), []).append(bar)
    pairs = dict.fromkeys((id_key(source), id_key(item.id)) for item in items
                          for source in item.depends_on)
    arrows = []
    for source, target in pairs:
        if source == target or source not in by_id or target not in by_id:
            continue
        start, end = min(((s, t) for s in by_id[source] for t in by_id[target]),
                         key=lambda pair: (abs(pair[0].y - pair[1].y),
                                           pair[0].lane != pair[1].lane))
        arrows.append(Arrow(start.id, end.id, route(start, end, scale)))
    return tuple(arrows)


def route(source: Bar, target: Bar, scale: Scale) -> tuple[tuple[float, float], ...]:
    """An elbow path from the end of ``source`` to the start of ``target``."""
    gap = target.row[0] if target.y >= source.y else target.row[1]
    leave_x = source.x1 - min(scale.years(INSET), (source.x1 - source.x0) / 2)
    enter_x = target.x0 + min(scale.years(INSET), (target.x1 - target.x0) / 2)
    leave_y = source.y + source.height / 2 if gap > source.y else source.y - source.height / 2
    enter_y = target.y - target.height / 2 if gap < target.y else target.y + target.height / 2
    return ((leave_x, leave_y), (leave_x, gap), (enter_x, gap), (enter_x, enter_y))
