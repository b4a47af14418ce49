"""The bars of one lane: labelled inside or beside, with milestones, packed into rows. Pure.

A label goes inside its bar when it fits (shortened, if the bar still holds a useful part
of it), else beside the bar: right of it, or left when the right has no room. Each item
takes a stretch of x in its row (its footprint: the bar, its label and milestone labels on
the bar, plus a gap) and, for milestone labels that do not fit on the bar, a stretch in
the row below. Items are packed greedily, by where the footprint starts, into the first
row where every stretch they need is free. So no label ever overlaps another label or
another bar.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import fit_text, label_width
from okosys_plan.charts.roadmap.metrics import Metrics, Span
from okosys_plan.charts.roadmap.milestones import FOLDED, ON_BAR, Mark, place_milestones
from okosys_plan.charts.roadmap.model import Bar, Ghost, Milestone
from okosys_plan.charts.roadmap.reference import GhostDraft, ghost_span, ghost_y
from okosys_plan.charts.roadmap.style import BarStyle
from okosys_plan.charts.roadmap.time import Scale, label
from okosys_plan.roadmap.items import RoadmapItem

GAP = 0.09  # inches between neighbouring footprints in a row (room for an arrow's turn)
MIN_BAR = 0.05  # inches: even a one-day bar stays visible
MIN_INSIDE_EMS = 12.0  # a bar with less room than this gets its label beside it
BESIDE_EMS = 14.0  # longest label beside a bar


@dataclass(frozen=True)
class Draft:
    """An item's bar before it has a row: extent, style, flags, identity."""

    item: RoadmapItem
    lane: str
    start: date
    end: date
    x0: float
    x1: float
    before: bool
    after: bool
    style: BarStyle
    gid: str
    tooltip: str
    ghost: GhostDraft | None = None  # its reference period, when the chart has one

    @property
    def alone(self) -> bool:
        """True for an item only in the reference: a ghost, no bar."""
        return self.ghost is not None and self.ghost.alone


@dataclass(frozen=True)
class _Placed:
    """A draft with its label, its milestones, and its footprint along x."""

    draft: Draft
    label: Span
    inside: bool
    marks: tuple[Mark, ...]
    left: float
    right: float
    gap: float
    shift: Span | None = None  # the ghost's shift label in the band under the bar

    def claims(self, row: int) -> list[tuple[int, float, float]]:
        """(row, from x, to x) for the footprint in ``row`` and each label below the bar."""
        half = self.gap / 2
        return [(row, self.left, self.right), *((row + 1 + m.level, m.text.left - half,
                                                  m.text.right + half)
                                                 for m in self.marks if m.level >= 0)]


def pack_lane(drafts: Sequence[Draft], top: float, metrics: Metrics, scale: Scale,
              shading: str) -> tuple[list[Bar], list[Milestone], list[Ghost], float]:
    """The lane's bars and milestones in rows from ``top`` down; the rows' bottom.

    Each item goes in the first row where its footprint is free and the rows below are
    free where its milestone labels go. Labels outside bars get the lane's ``shading``
    behind them, so grid and marker lines never run through their text.
    """
    choices = sorted((_choices(d, metrics, scale) for d in drafts),
                     key=lambda c: (c[0].left, c[0].draft.x0, c[0].draft.item.id))
    taken: list[_Row] = []
    bars: list[Bar] = []
    milestones: list[Milestone] = []
    ghosts: list[Ghost] = []
    for options in choices:
        row, item = next((r, c) for r in range(len(taken) + 1) for c in options
                         if all(i >= len(taken) or taken[i].free(a, b)
                                for i, a, b in c.claims(r)))
        for index, left, right in item.claims(row):
            taken += [_Row() for _ in range(index + 1 - len(taken))]
            taken[index].take(left, right)
        y = top + row * metrics.pitch
        bar = _bar(item, (y, y + metrics.pitch), metrics, scale, shading)
        if item.draft.ghost is not None:
            ghosts.append(_ghost(item, item.draft.ghost, bar, y, metrics, scale, shading))
        if item.draft.alone:
            continue
        bars.append(bar)
        milestones += _milestones(item, bar, metrics, scale, shading)
    return bars, milestones, ghosts, top + len(taken) * metrics.pitch


class _Row:
    """The stretches of x already taken in one row, which never overlap, sorted."""

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []

    def free(self, left: float, right: float) -> bool:
        """True when [left, right] overlaps no taken stretch."""
        before = bisect.bisect_left(self.lefts, right) - 1  # the last one starting before
        return before < 0 or self.rights[before] <= left

    def take(self, left: float, right: float) -> None:
        """Mark [left, right] as taken."""
        index = bisect.bisect_left(self.lefts, left)
        self.lefts.insert(index, left)
        self.rights.insert(index, right)


def _choices(draft: Draft, metrics: Metrics, scale: Scale) -> list[_Placed]:
    """The ways to place the draft, best first: milestone labels below it long, then short."""
    short = _place(draft, metrics, scale, long=False)
    if all(m.level < 0 for m in short.marks):
        return [short]
    long = _place(draft, metrics, scale, long=True)
    folds = [sum(m.level == FOLDED for m in c.marks) for c in (long, short)]
    return [long, short] if folds[0] <= folds[1] else [short, long]


def _place(draft: Draft, metrics: Metrics, scale: Scale, long: bool) -> _Placed:
    """Where the draft's label and milestones go, and the footprint they make in its row."""
    text, inside = _bar_label(draft, metrics, scale)
    marks = _marks(draft, text, inside, metrics, scale, long)
    below = [m.x for m in marks if m.level >= 0]
    if inside and below and metrics.squeeze:  # shorten the bar's label to fit a milestone
        cut = min(below) - scale.years(metrics.diamond / 2 + metrics.text_pad)
        shorter, still_inside = _bar_label(draft, metrics, scale, cut)
        fewer = _marks(draft, shorter, still_inside, metrics, scale, long)
        if still_inside and max((m.level for m in fewer), default=-1) < max(
                m.level for m in marks):
            text, marks = shorter, fewer
    gap = scale.years(GAP)
    edges = [draft.x0, draft.x1, text.left, text.right,
             *(m.text.left for m in marks if m.level == ON_BAR),
             *(m.text.right for m in marks if m.level == ON_BAR)]
    shift = None
    if draft.ghost is not None:
        shift = ghost_span(draft.ghost, metrics, scale)
        edges += [draft.ghost.x0, draft.ghost.x1, *((shift.left, shift.right) if shift else ())]
    return _Placed(draft, text, inside, marks, min(edges) - gap / 2, max(edges) + gap / 2, gap,
                   shift)


def _marks(draft: Draft, text: Span, inside: bool, metrics: Metrics, scale: Scale,
           long: bool) -> tuple[Mark, ...]:
    """The draft's milestones: on the bar after its label where they fit, else below it.

    Labels below run as far as the horizon allows when ``long``, else as the item is wide.
    """
    chevron = scale.years(metrics.chevron)
    body = (draft.x0 + chevron * draft.before, draft.x1 - chevron * draft.after)
    free = text.right + scale.years(metrics.text_pad) if inside else body[0]
    return place_milestones(draft.item.milestones, body, free,
                            scale.stop if long else max(draft.x1, text.right), metrics, scale)


def _bar_label(draft: Draft, metrics: Metrics, scale: Scale, cut: float | None = None
               ) -> tuple[Span, bool]:
    """The bar's label: inside when it fits or the bar is wide enough, else beside.

    With ``cut``, a label inside ends before that x (to leave room for a milestone).
    """
    full = f"{draft.item.id} {' '.join(draft.item.title.split())}"
    points = metrics.points
    chevrons = metrics.chevron * (draft.before + draft.after)
    room = (draft.x1 - draft.x0) * scale.inches_per_year - 2 * metrics.text_pad - chevrons
    start = draft.x0 + scale.years(metrics.text_pad + (metrics.chevron if draft.before else 0))
    if cut is not None:
        room = min(room, (cut - start) * scale.inches_per_year)
    if label_width(full, points) <= room or room >= MIN_INSIDE_EMS * points / 72:
        text = fit_text(full, room, points)
        return Span(text, start, "left", start, start + scale.years(label_width(text, points))
                    ), True
    text = fit_text(full, BESIDE_EMS * points / 72, points)
    width = scale.years(label_width(text, points))
    pad = scale.years(metrics.text_pad)
    if draft.x1 + pad + width <= scale.stop:
        return Span(text, draft.x1 + pad, "left", draft.x1 + pad, draft.x1 + pad + width), False
    if draft.x0 - pad - width >= scale.start:
        return Span(text, draft.x0 - pad, "right", draft.x0 - pad - width, draft.x0 - pad), False
    room = max(draft.x0 - scale.start, scale.stop - draft.x1) * scale.inches_per_year
    return _squeezed(draft, full, room - 2 * metrics.text_pad, metrics, scale), False


def _squeezed(draft: Draft, full: str, room: float, metrics: Metrics, scale: Scale) -> Span:
    """A label beside the bar on its roomier side, shortened to the room there."""
    pad = scale.years(metrics.text_pad)
    text = fit_text(full, room, metrics.points)
    width = scale.years(label_width(text, metrics.points))
    if scale.stop - draft.x1 >= draft.x0 - scale.start:
        return Span(text, draft.x1 + pad, "left", draft.x1 + pad, draft.x1 + pad + width)
    return Span(text, draft.x0 - pad, "right", draft.x0 - pad - width, draft.x0 - pad)


def _bar(item: _Placed, row: tuple[float, float], metrics: Metrics, scale: Scale,
         shading: str) -> Bar:
    """The bar of a placed item in the row spanning ``row``."""
    draft, style = item.draft, item.draft.style
    y = row[0] + metrics.pad + metrics.bar / 2
    tag = label("bar", draft.gid, item.label.text, (item.label.x, y), item.label.ha,
                metrics.points, scale, colour=style.ink if item.inside else palette.TEXT,
                background=(style.fill if style.hatch else "") if item.inside else shading)
    return Bar(
        id=draft.item.id, title=draft.item.title, lane=draft.lane, start=draft.start,
        end=draft.end, x0=draft.x0, x1=draft.x1, y=y, height=metrics.bar,
        fill=style.fill, edge=style.edge, ink=style.ink, planned=not draft.item.fixed,
        hatch=style.hatch, continues_before=draft.before, continues_after=draft.after,
        started_before=draft.item.started_before, status=draft.item.status or "",
        priority=draft.item.priority.value if draft.item.priority else "",
        outline=_outline(draft, y, metrics, scale), label=tag, label_inside=item.inside,
        gid=draft.gid, tooltip=draft.tooltip, row=row,
        folded=tuple((m.point.name, m.point.when) for m in item.marks if m.level == FOLDED))


def _ghost(item: _Placed, ghost: GhostDraft, bar: Bar, top: float, metrics: Metrics,
           scale: Scale, shading: str) -> Ghost:
    """The item's ghost bar in the band under its bar, with its shift label; alone, with
    the item's name where its bar would be."""
    y = ghost_y(top, metrics)
    tag = None
    if item.shift is not None:
        tag = label("ghost", bar.gid, item.shift.text, (item.shift.x, y), item.shift.ha,
                    metrics.ghost_pt, scale, background=shading)
    name = None
    if ghost.alone:
        name = replace(bar.label, kind="ghost_name", colour=palette.TEXT, background=shading)
    start, end = ghost.period if ghost.period else (None, None)
    return Ghost(bar.id, bar.lane, start, end, ghost.x0, ghost.x1, y, metrics.ghost_bar, tag,
                 name, ghost.alone, ghost.start_shift, ghost.end_shift, "ghost-" + bar.gid[4:])


def _milestones(item: _Placed, bar: Bar, metrics: Metrics, scale: Scale, shading: str
                ) -> list[Milestone]:
    """The item's milestone diamonds, on the bar or on the lines below it, labelled."""
    marks = []
    for mark in item.marks:
        if mark.level == FOLDED:
            continue  # not drawn; the bar keeps it (``Bar.folded``) for the text version
        on_bar = mark.level == ON_BAR
        y = bar.y + (mark.level + 1) * metrics.pitch  # on the bar, or in a row below it
        tag = label("milestone", bar.gid, mark.text.text, (mark.text.x, y), mark.text.ha,
                    metrics.milestone_pt, scale, colour=bar.ink if on_bar else palette.TEXT,
                    background=(bar.fill if bar.hatch else "") if on_bar else shading)
        marks.append(Milestone(bar.id, mark.point.name, mark.point.when, mark.x, y,
                               metrics.diamond, tag, on_bar))
    return marks


def _outline(draft: Draft, y: float, metrics: Metrics, scale: Scale
             ) -> tuple[tuple[float, float], ...]:
    """The bar's corners, clockwise from top left, pointed at an end that continues."""
    top, bottom = y - metrics.bar / 2, y + metrics.bar / 2
    depth = min(scale.years(metrics.chevron), (draft.x1 - draft.x0) / 2)
    left = ((draft.x0 + depth, top),) if draft.before else ((draft.x0, top),)
    right = (((draft.x1 - depth, top), (draft.x1, y), (draft.x1 - depth, bottom))
             if draft.after else ((draft.x1, top), (draft.x1, bottom)))
    end = ((draft.x0 + depth, bottom), (draft.x0, y)) if draft.before else ((draft.x0, bottom),)
    return (*left, *right, *end)
