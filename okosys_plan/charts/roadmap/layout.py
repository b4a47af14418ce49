"""Geometry of the roadmap (Veikart) Gantt chart. Pure, no matplotlib.

``layout_roadmap`` puts every dated item as a bar in its swimlane, packed into rows so that
no label overlaps another label or bar, with milestones, dependency arrows, the time axis,
the as-of line and the settings' markers; ``roadmap_document`` gives the same as JSON.
The page is A4 landscape wide; text is as large as lets the chart fit an A4 landscape
page (8.5 pt down to 6 pt), and a chart that does not fit even at 6 pt grows taller.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import Texts, language, wrap_lines
from okosys_plan.charts.roadmap.arrows import dependency_arrows
from okosys_plan.charts.roadmap.bars import MIN_BAR, Draft, pack_lane
from okosys_plan.charts.roadmap.describe import describe, notes, subtitle, tooltip
from okosys_plan.charts.roadmap.document import roadmap_document
from okosys_plan.charts.roadmap.groups import GROUP_BY, Group, check_choice, group_items, lane_keys
from okosys_plan.charts.roadmap.legend import legend_columns, legend_entries
from okosys_plan.charts.roadmap.metrics import Metrics
from okosys_plan.charts.roadmap.milestones import MAX_BELOW
from okosys_plan.charts.roadmap.model import (
    Arrow,
    Bar,
    Ghost,
    Lane,
    Milestone,
    Omitted,
    RoadmapLayout,
    Tick,
    VLine,
)
from okosys_plan.charts.roadmap.reference import (
    Reference,
    ghost_draft,
    reference_lines,
    reference_note,
)
from okosys_plan.charts.roadmap.style import BAND, COLOUR_BY, bar_style
from okosys_plan.charts.roadmap.time import (
    LINE_SPACING,
    TEXT_HEIGHT,
    Scale,
    band_height,
    build_lines,
    label,
    line_levels,
    time_ticks,
)
from okosys_plan.charts.roadmap.words import words
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.settings import RoadmapSettings

__all__ = ["Reference", "RoadmapLayout", "layout_roadmap", "roadmap_document"]

PAGE_WIDTH = 11.69  # A4 landscape, inches
PAGE_HEIGHT = 8.27
MARGIN = 0.25
LANE_COLUMN = 1.6  # inches left of the horizon for the lane names
ACCENT = 0.07  # width of the theme-coloured strip at a lane's left edge
RIGHT_PAD = 0.1
LANE_PAD = 0.04
MAX_BARS = 400  # beyond this a chart is a texture, not a roadmap; the plan lists them all
TEXT_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
TITLE_PT, SUBTITLE_PT, LANE_PT, NOTE_PT = 14.0, 9.0, 8.5, 7.5
LEGEND_ROW = 0.2  # inches per legend row
LEGEND_GAP = 0.2  # inches from the plot to the legend
NOTES_GAP = 0.08
HEADER_GAP = 0.06  # inches from the subtitle to the plot
NOTE_ROW = 7.5 * 1.45 / 72
REPEAT_AXIS = 6.0  # inches of lanes above which the years and quarters repeat below


@dataclass(frozen=True)
class _Plan:
    """What does not depend on the text size: lanes with drafts, lines, words."""

    groups: tuple[tuple[Group, tuple[Draft, ...]], ...]
    items: tuple[RoadmapItem, ...]
    settings: RoadmapSettings
    as_of: date
    group_by: str
    colour_by: str
    lang: str
    title: str
    subtitle: str
    notes: tuple[str, ...]
    omitted: tuple[Omitted, ...]
    undated: int
    reference: Reference | None = None


def layout_roadmap(items: Sequence[RoadmapItem], settings: RoadmapSettings, *, as_of: date,
                   group_by: str = "tema", colour_by: str = "status", source_name: str = "",
                   lang: str = "nb", max_bars: int | None = MAX_BARS,
                   reference: Reference | None = None,
                   text_size: float | None = None) -> RoadmapLayout:
    """The roadmap chart of the dated ``items`` as plain geometry (undated items are left out).

    At most ``max_bars`` bars are drawn: beyond that, the items of highest priority (best
    class, then rank, then ID), with a note saying how many more there are. With a
    ``reference`` (``charts.roadmap.reference``), each bar has a ghost bar of its reference
    period under it, and the reference's own items (``Reference.only``) are ghosts alone.
    With a ``text_size`` (points, 6 to 8.5) the bar labels have that size however tall the
    chart grows (the deck splits it over slides), else the largest that fits a page.
    """
    check_choice(group_by, GROUP_BY, "--group-by")
    check_choice(colour_by, COLOUR_BY, "--colour-by")
    lang = language(lang)
    plan = _plan(items, settings, as_of, group_by, colour_by, source_name, lang, max_bars)
    if reference is not None:
        plan = _with_reference(plan, reference, settings)
    if text_size is not None:
        return _layout_at(min(TEXT_SIZES[0], max(TEXT_SIZES[-1], text_size)), plan)
    smallest = _layout_at(TEXT_SIZES[-1], plan)
    if smallest.size[1] > PAGE_HEIGHT:
        return smallest  # too many rows for one page at any size: grow taller instead
    for points in TEXT_SIZES[:-1]:
        layout = _layout_at(points, plan)
        if layout.size[1] <= PAGE_HEIGHT:
            return layout
    return smallest


def _plan(items: Sequence[RoadmapItem], settings: RoadmapSettings, as_of: date,
          group_by: str, colour_by: str, source_name: str, lang: str,
          max_bars: int | None = None) -> _Plan:
    """Lanes and drafts of the dated items inside the horizon; the rest listed."""
    scale = _scale(settings)
    dated = [i for i in items if i.start is not None and i.end is not None]
    omitted = tuple(o for o in (_outside(i, settings) for i in dated) if o is not None)
    left_out = {o.id for o in omitted}
    shown = [i for i in dated if i.id not in left_out]
    left: list[RoadmapItem] = []  # not drawn: beyond max_bars
    if max_bars is not None and len(shown) > max_bars:
        kept = {id(i) for i in sorted(shown, key=_importance)[:max_bars]}
        left = [i for i in shown if id(i) not in kept]
        shown = [i for i in shown if id(i) in kept]
    gids: dict[str, int] = {}
    groups = tuple((group, tuple(_draft(i, group.name, scale, colour_by, gids, lang)
                                 for i in group.items))
                   for group in group_items(shown, settings, group_by, lang))
    left_lanes = {key for i in left for key in lane_keys(i, group_by) or ("",)}
    emptied = tuple(g.shown for g, drafts in groups if not drafts and g.name in left_lanes)
    title = settings.full_title()
    return _Plan(groups, tuple(items), settings, as_of, group_by, colour_by, lang, title,
                 subtitle(settings.subtitle, source_name, as_of, lang),
                 tuple(notes(omitted, len(items) - len(dated), (settings.first_day,
                                                                settings.last_day), lang,
                             len(left), len(shown), emptied)),
                 omitted, len(items) - len(dated))


def _with_reference(plan: _Plan, reference: Reference, settings: RoadmapSettings) -> _Plan:
    """The plan's drafts with ghosts, the reference's own items as ghosts alone, a note."""
    scale = _scale(settings)
    only = [i for i in reference.only if i.start is not None and i.end is not None
            and _outside(i, settings) is None]
    alone = {id(i) for i in only}
    gids: dict[str, int] = {}
    groups = []
    for group in group_items([*(d.item for _, drafts in plan.groups for d in drafts), *only],
                             settings, plan.group_by, plan.lang):
        drafts = []
        for item in group.items:
            draft = _draft(item, group.name, scale, plan.colour_by, gids, plan.lang)
            drafts.append(replace(draft, ghost=ghost_draft(item, reference, scale, plan.lang,
                                                           alone=id(item) in alone)))
        groups.append((group, tuple(drafts)))
    return replace(plan, groups=tuple(groups), reference=reference,
                   notes=(*plan.notes, reference_note(reference.label, plan.lang)))


def _importance(item: RoadmapItem) -> tuple[int, int, tuple[object, ...]]:
    """Sort key of an item's priority: best class, then best rank, then ID."""
    from okosys_plan.prioritise.scoring import PriorityClass, natural_key

    order = {PriorityClass.HIGH: 0, PriorityClass.MEDIUM: 1, PriorityClass.LOW: 2}
    klass = order.get(item.priority, 3) if item.priority is not None else 3
    return klass, item.rank if item.rank is not None else 1 << 30, natural_key(item.id)


def _scale(settings: RoadmapSettings) -> Scale:
    """The time axis: the horizon's years across the page right of the lane names."""
    width = PAGE_WIDTH - 2 * MARGIN - LANE_COLUMN - RIGHT_PAD
    return Scale(settings.start_year, settings.end_year, width / len(settings.years))


def _outside(item: RoadmapItem, settings: RoadmapSettings) -> Omitted | None:
    """Why a dated item is not drawn (before or after the horizon, or invalid), or None."""
    assert item.start is not None and item.end is not None
    if item.end < item.start:
        return Omitted(item.id, item.title, item.start, item.end, "invalid")
    if item.end < settings.first_day:
        return Omitted(item.id, item.title, item.start, item.end, "before")
    if item.start > settings.last_day:
        return Omitted(item.id, item.title, item.start, item.end, "after")
    return None


def _draft(item: RoadmapItem, lane: str, scale: Scale, colour_by: str, gids: dict[str, int],
           lang: str) -> Draft:
    """The item's bar in ``lane``, clipped to the horizon and at least ``MIN_BAR`` wide."""
    assert item.start is not None and item.end is not None
    x0, x1 = max(scale.x(item.start), scale.start), min(scale.x_end(item.end), scale.stop)
    shortest = scale.years(MIN_BAR)
    if x1 - x0 < shortest:
        x0, x1 = (x0, x0 + shortest) if x0 + shortest <= scale.stop else (x1 - shortest, x1)
    before = item.started_before or scale.x(item.start) < scale.start
    after = scale.x_end(item.end) > scale.stop
    return Draft(item, lane, item.start, item.end, x0, x1, before, after,
                 bar_style(item, colour_by), _gid(item.id, gids), tooltip(item, lang))


def _gid(item_id: str, taken: dict[str, int]) -> str:
    """A unique SVG id for the item's bar: 'bar-T01', then 'bar-T01-2' in another lane."""
    safe = "bar-" + (re.sub(r"[^A-Za-z0-9_-]", "_", item_id) or "_")
    taken[safe] = taken.get(safe, 0) + 1
    return safe if taken[safe] == 1 else f"{safe}-{taken[safe]}"


@dataclass(frozen=True)
class _Plot:
    """Everything inside the Axes, and how far down it reaches (``end``)."""

    xlim: tuple[float, float]
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    milestones: tuple[Milestone, ...]
    arrows: tuple[Arrow, ...]
    ticks: tuple[Tick, ...]
    lines: tuple[VLine, ...]
    time_header: tuple[float, float]
    end: float
    ghosts: tuple[Ghost, ...] = ()


def _layout_at(points: float, plan: _Plan) -> RoadmapLayout:
    """The whole chart with bar labels of ``points``."""
    plot = _plot(points, plan)
    folded = sum(len(bar.folded) for bar in plot.bars)
    all_notes = (*plan.notes, *([words(plan.lang)["folded"].format(n=folded, rows=MAX_BELOW)]
                                if folded else []))
    legend = legend_entries(plot.bars, plot.ghosts, plot.milestones, plot.arrows, plot.lines,
                            plan.colour_by, plan.lang, plan.reference)
    columns = legend_columns([e.label for e in legend], PAGE_WIDTH - 2 * MARGIN)
    width = PAGE_WIDTH - 2 * MARGIN
    subtitle_lines = wrap_lines(plan.subtitle, width, SUBTITLE_PT, max_lines=2)
    note_lines = tuple(line for note in all_notes
                       for line in wrap_lines(note, width, NOTE_PT, max_lines=12))
    header = TITLE_PT * TEXT_HEIGHT + 0.1 + len(subtitle_lines) * SUBTITLE_PT * LINE_SPACING
    legend_height = math.ceil(len(legend) / columns) * LEGEND_ROW
    below = LEGEND_GAP + legend_height + (NOTES_GAP + len(note_lines) * NOTE_ROW
                                           if note_lines else 0.0)
    axes_height = plot.end + 0.03
    height = round(MARGIN + header + HEADER_GAP + axes_height + below + MARGIN, 3)
    axes_bottom = height - MARGIN - header - HEADER_GAP - axes_height
    return RoadmapLayout(
        size=(PAGE_WIDTH, height), axes_box=(MARGIN, axes_bottom, width, axes_height),
        xlim=plot.xlim, ylim=(axes_height, 0.0),
        horizon=(plan.settings.first_day, plan.settings.last_day), as_of=plan.as_of,
        group_by=plan.group_by, colour_by=plan.colour_by, lang=plan.lang,
        texts=Texts(plan.title, "\n".join(subtitle_lines), "", note_lines),
        title_y=height - MARGIN, subtitle_y=height - MARGIN - TITLE_PT * TEXT_HEIGHT - 0.1,
        text_size=points, lanes=plot.lanes, bars=plot.bars, milestones=plot.milestones,
        arrows=plot.arrows, ticks=plot.ticks, lines=plot.lines, time_header=plot.time_header,
        legend=tuple(legend), legend_columns=columns, legend_top=axes_bottom - LEGEND_GAP,
        notes_top=axes_bottom - LEGEND_GAP - legend_height - NOTES_GAP, omitted=plan.omitted,
        undated=plan.undated, description=_description(plan, plot, all_notes),
        ghosts=plot.ghosts, reference_label=plan.reference.label if plan.reference else "")


def _description(plan: _Plan, plot: _Plot, all_notes: Sequence[str]) -> str:
    """The chart in words; with a reference, every ghost in words too."""
    text = describe(plan.title, plan.subtitle, plot.lanes, plot.bars, plan.items, plot.lines,
                    all_notes, plan.lang)
    if plan.reference is None or not plot.ghosts:
        return text
    return f"{text} {plan.reference.label}: " + "; ".join(
        reference_lines(plot.ghosts, plan.reference.label, plan.lang)) + "."


def _plot(points: float, plan: _Plan) -> _Plot:
    """Line labels, the time header, the lanes, arrows, and the time axis again if tall."""
    metrics, scale, lang = Metrics(points, plan.reference is not None), _scale(plan.settings), \
        plan.lang
    levels = line_levels(plan.as_of, plan.settings.markers, scale, lang)
    band = band_height(levels)
    ticks, header_bottom = time_ticks(scale, band, lang)
    left = scale.start - scale.years(LANE_COLUMN)
    lanes, bars, milestones, ghosts, bottom = _lanes(plan, header_bottom, metrics, scale, left)
    end = bottom
    if bottom - header_bottom > REPEAT_AXIS:  # a tall chart repeats the time axis below
        footer, end = time_ticks(scale, bottom, lang)
        ticks += tuple(replace(t, edge="bottom") for t in footer)
    return _Plot((left, scale.stop + scale.years(RIGHT_PAD)), lanes, tuple(bars),
                 tuple(milestones), dependency_arrows(bars, plan.items, scale), ticks,
                 build_lines(levels, band, bottom, scale), (band, header_bottom), end,
                 tuple(ghosts))


def _lanes(plan: _Plan, top: float, metrics: Metrics, scale: Scale, left: float
           ) -> tuple[tuple[Lane, ...], list[Bar], list[Milestone], list[Ghost], float]:
    """Every lane from ``top`` down, with its bars and milestones; the lanes' bottom."""
    lanes: list[Lane] = []
    bars: list[Bar] = []
    milestones: list[Milestone] = []
    ghosts: list[Ghost] = []
    y = top
    text_width = LANE_COLUMN - ACCENT - 0.2
    for index, (group, drafts) in enumerate(plan.groups):
        lines = wrap_lines(group.shown, text_width, LANE_PT, bold=True)
        shading = BAND if index % 2 else palette.BACKGROUND
        lane_bars, lane_marks, lane_ghosts, rows_bottom = pack_lane(
            drafts, y + LANE_PAD, metrics, scale, shading)
        text_height = LANE_PT * (TEXT_HEIGHT + (len(lines) - 1) * LINE_SPACING)
        rows = max(rows_bottom - y - LANE_PAD, metrics.pitch)
        height = max(rows, text_height + 0.04) + 2 * LANE_PAD
        tag = label("lane", group.name, "\n".join(lines),
                    (left + scale.years(ACCENT + 0.08), y + height / 2), "left", LANE_PT,
                    scale, bold=True)
        lanes.append(Lane(group.name, tag, y, y + height, index % 2 == 1, group.accent,
                          left + scale.years(ACCENT)))
        bars += lane_bars
        milestones += lane_marks
        ghosts += lane_ghosts
        y += height
    return tuple(lanes), bars, milestones, ghosts, y
