"""Where an item's milestones and their labels go: on the bar when there is room, else below. Pure.

A milestone's diamond and label go on the bar itself (in the bar's text colour) when both
fit between the bar's own label and the bar's end without touching another milestone;
otherwise the diamond and label go in the row below the bar (or further down, as far as it
takes for the labels not to overlap, but at most ``MAX_BELOW`` rows: a milestone that would
need another row is *folded*, not drawn, and the chart's note counts it). Long names are
shortened; the text alternative has every milestone, folded ones included, in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from okosys_plan.charts.geometry import fit_text, label_width
from okosys_plan.charts.roadmap.metrics import Metrics, Span
from okosys_plan.charts.roadmap.time import Scale
from okosys_plan.roadmap.items import MilestonePoint

MIN_EMS = 12.0  # a label on the bar must have room for at least this many ems
BELOW_EMS = 16.0  # a label below the bar may always be this long …
MAX_EMS = 40.0  # … and up to this long where the item's footprint has room anyway
GAP = 0.04  # inches between a diamond and its label
#: Rows of milestone labels a bar may have below it (ten milestones on one measure would
#: otherwise make its footprint ten rows tall, and the chart metres long).
MAX_BELOW = 2
ON_BAR = -1  # a Mark's level: on the bar itself
FOLDED = -2  # a Mark's level: not drawn (it would need more than MAX_BELOW rows)


@dataclass(frozen=True)
class Mark:
    """A placed milestone: its x, its label's extent, and its level (a row below the bar
    from 0, ``ON_BAR`` or ``FOLDED``)."""

    point: MilestonePoint
    x: float
    text: Span
    level: int


def place_milestones(milestones: tuple[MilestonePoint, ...], body: tuple[float, float],
                     free: float, reach: float, metrics: Metrics, scale: Scale
                     ) -> tuple[Mark, ...]:
    """Marks for the milestones inside the horizon, in date order.

    ``body`` is the bar's extent without its points, ``free`` the first x on the bar after
    its own label, ``reach`` how far right the item's bar and label go anyway.
    """
    marks: list[Mark] = []
    for point in sorted(milestones, key=lambda m: m.when):
        x = scale.x(point.when)
        if not scale.start <= x < scale.stop:
            continue
        mark = _on_bar(point, x, body, free, marks, metrics, scale)
        marks.append(mark or _below(point, x, reach, marks, metrics, scale))
    return tuple(marks)


def _on_bar(point: MilestonePoint, x: float, body: tuple[float, float], free: float,
            marks: list[Mark], metrics: Metrics, scale: Scale) -> Mark | None:
    """The milestone on the bar with its label right (or left) of it, or None if no room."""
    half, gap = scale.years(metrics.diamond) / 2, scale.years(GAP)
    pad = scale.years(metrics.text_pad)
    start, end = max(free, body[0] + pad), body[1] - pad
    if not (start <= x - half and x + half <= end):
        return None
    taken = [m.text for m in marks if m.level == ON_BAR]
    for ha, room in (("left", end - (x + half + gap)), ("right", (x - half - gap) - start)):
        width = room * scale.inches_per_year
        if width < MIN_EMS * metrics.milestone_pt / 72:
            continue
        text = fit_text(point.name, min(width, MAX_EMS * metrics.milestone_pt / 72),
                        metrics.milestone_pt)
        span = _span(text, x, ha, half, gap, metrics, scale)
        if all(span.clear_of(t) for t in taken):
            return Mark(point, x, span, ON_BAR)
    return None


def _below(point: MilestonePoint, x: float, reach: float, marks: list[Mark], metrics: Metrics,
           scale: Scale) -> Mark:
    """The milestone on the first line below the bar where its label overlaps no other;
    folded if that line would be past the last of ``MAX_BELOW``."""
    half, gap = scale.years(metrics.diamond) / 2, scale.years(GAP)
    points = metrics.milestone_pt
    room = max(BELOW_EMS * points / 72, (reach - x - half - gap) * scale.inches_per_year)
    text = fit_text(point.name, min(room, MAX_EMS * points / 72), points)
    fits_right = x + half + gap + scale.years(label_width(text, points)) <= scale.stop
    span = _span(text, x, "left" if fits_right else "right", half, gap, metrics, scale)
    level = 0
    while any(m.level == level and not span.clear_of(m.text) for m in marks):
        level += 1
    return Mark(point, x, span, level if level < MAX_BELOW else FOLDED)


def _span(text: str, x: float, ha: str, half: float, gap: float, metrics: Metrics,
          scale: Scale) -> Span:
    """The extent of a diamond at ``x`` and its label on the side ``ha`` says."""
    width = scale.years(label_width(text, metrics.milestone_pt))
    if ha == "left":
        return Span(text, x + half + gap, "left", x - half, x + half + gap + width)
    return Span(text, x - half - gap, "right", x - half - gap - width, x + half)
