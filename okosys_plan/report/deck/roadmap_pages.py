"""The roadmap split over slides: stretches of its lanes, cut between lanes where it can. Pure.

A slide holds the time header and a stretch ``[start, end)`` of the layout's lanes (in the
layout's inches down). Cuts fall on lane edges; a lane taller than a slide is cut between
its rows, never through a bar's row, nor between a bar and the milestone labels or the
reference band that belong to it. Every bar, milestone and ghost lies on exactly one page.
"""

from __future__ import annotations

from dataclasses import dataclass

from okosys_plan.charts.roadmap.model import EPSILON, Lane, RoadmapLayout

BALANCE_STEPS = 24  # halvings of the room when filling pages evenly
SLIVER = 0.15  # inches: no cut this close to a lane's edge (it would leave only its margin)
LANE_FILL = 0.5  # a page ends at a lane's edge if that fills at least this share of it


@dataclass(frozen=True)
class RoadmapPage:
    """One slide's stretch of lanes, ``start`` ≤ y < ``end`` in layout inches."""

    start: float
    end: float
    lanes: tuple[Lane, ...]  # the lanes that reach into the stretch, in order
    number: int  # 1-based
    total: int

    def holds(self, y: float) -> bool:
        """True when a mark at ``y`` is drawn on this page."""
        return self.start - EPSILON <= y < self.end - EPSILON

    def continued(self, lane: Lane) -> bool:
        """True when the lane began on an earlier page."""
        return lane.y0 < self.start - EPSILON


def paginate(layout: RoadmapLayout, room: float) -> list[RoadmapPage]:
    """The lanes in stretches of at most ``room`` inches (more only where one row is taller).

    As few pages as at ``room``, filled evenly: the smallest room that needs no more pages.
    """
    if not layout.lanes:
        return []
    edges = sorted({lane.y0 for lane in layout.lanes} | {lane.y1 for lane in layout.lanes})
    cuts = sorted(set(edges) | set(_row_cuts(layout)))
    stretches = _stretches(layout, edges, cuts, room)
    low, high = 0.0, room
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        if len(_stretches(layout, edges, cuts, middle)) <= len(stretches):
            high = middle
        else:
            low = middle
    if high < room:
        stretches = _stretches(layout, edges, cuts, high)
    total = len(stretches)
    return [RoadmapPage(a, b, tuple(lane for lane in layout.lanes
                                    if lane.y0 < b - EPSILON and lane.y1 > a + EPSILON),
                        number, total)
            for number, (a, b) in enumerate(stretches, start=1)]


def _stretches(layout: RoadmapLayout, edges: list[float], cuts: list[float], room: float
               ) -> list[tuple[float, float]]:
    """Greedy stretches of at most ``room``: each ends at the last lane edge that fits (if
    that fills half the room), else at the last row cut that fits, else (one row taller
    than ``room``) at the next cut."""
    first, last = layout.lanes[0].y0, layout.lanes[-1].y1
    stretches: list[tuple[float, float]] = []
    start = first
    while start < last - EPSILON:
        limit = start + max(room, EPSILON)
        fitting = [c for c in cuts if start + EPSILON < c <= limit + EPSILON]
        lane_edges = [c for c in fitting if c in edges]
        if lane_edges and max(lane_edges) - start >= LANE_FILL * room:
            end = max(lane_edges)
        elif fitting:
            end = max(fitting)
        else:  # one row taller than a slide: it goes alone
            end = min(c for c in cuts if c > start + EPSILON)
        stretches.append((start, end))
        start = end
    return stretches


def _row_cuts(layout: RoadmapLayout) -> list[float]:
    """Row edges inside lanes where a page may end: outside every unbreakable stretch, and
    not so near a lane's edge that a page would hold no more than the lane's margin."""
    whole = _unbreakable(layout)
    edges = [e for lane in layout.lanes for e in (lane.y0, lane.y1)]
    candidates = {edge for bar in layout.bars for edge in bar.row}
    return [y for y in candidates if not any(a + EPSILON < y < b - EPSILON for a, b in whole)
            and all(abs(y - e) >= SLIVER for e in edges)]


def _unbreakable(layout: RoadmapLayout) -> list[tuple[float, float]]:
    """Stretches of y no cut may fall in: each bar's row down to its lowest milestone label,
    each ghost with its label and name."""
    bottoms = {index: bar.row[1] for index, bar in enumerate(layout.bars)}
    for mark in layout.milestones:
        owner = owner_of(layout, mark.item, mark.y)
        if owner is not None:
            bottoms[owner] = max(bottoms[owner], mark.label.box.y1, mark.y + mark.size / 2)
    stretches = [(bar.row[0], bottoms[index]) for index, bar in enumerate(layout.bars)]
    for ghost in layout.ghosts:
        boxes = [ghost.box, *(t.box for t in (ghost.label, ghost.name) if t is not None)]
        stretches.append((min(b.y0 for b in boxes), max(b.y1 for b in boxes)))
    return stretches


def owner_of(layout: RoadmapLayout, item: str, y: float) -> int | None:
    """The index of the bar a mark of ``item`` at ``y`` belongs to: the nearest one above."""
    found = [(y - bar.y, index) for index, bar in enumerate(layout.bars)
             if bar.id == item and bar.y <= y + EPSILON]
    return min(found)[1] if found else None
