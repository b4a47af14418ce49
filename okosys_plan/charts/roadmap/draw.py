"""Draw a roadmap layout onto a matplotlib Axes: exactly what the layout says, nothing more.

The Axes is placed where the layout puts it (in inches on the layout's page), its y axis
runs downwards, and everything inside it is drawn in data units from the layout. The
title, subtitle, legend and notes are placed in inches on the figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerPatch
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, FancyArrowPatch, Patch, Polygon, Rectangle
from matplotlib.path import Path as MplPath

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LegendEntry
from okosys_plan.charts.roadmap.layout import NOTE_PT, SUBTITLE_PT, TITLE_PT
from okosys_plan.charts.roadmap.legend import LEGEND_PT
from okosys_plan.charts.roadmap.model import Label, RoadmapLayout
from okosys_plan.charts.roadmap.reference import GHOST_EDGE, GHOST_FILL, GHOST_HATCH
from okosys_plan.charts.roadmap.style import BAND
from okosys_plan.charts.style import hatch_colour

YEAR_LINE = "#BDBDBD"
QUARTER_LINE = "#E0E0E0"
LANE_LINE = "#D0D0D0"
ARROW = "#4D4D4D"  # 7:1 on white
DASHES = (0, (3, 2))


def draw_roadmap(ax: Axes, layout: RoadmapLayout) -> None:
    """Draw the roadmap ``layout`` onto ``ax`` (placing the Axes where the layout says)."""
    width, height = layout.size
    left, bottom, box_width, box_height = layout.axes_box
    ax.set_position((left / width, bottom / height, box_width / width, box_height / height))
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_axis_off()
    _lanes(ax, layout)
    _grid(ax, layout)
    _lines(ax, layout)
    _bars(ax, layout)
    _ghosts(ax, layout)
    _milestones(ax, layout)
    _arrows(ax, layout)
    counts: dict[str, int] = {}
    for tag in layout.labels:
        if tag.kind != "marker" and tag.kind != "as_of":
            _text(ax, tag, _part_id("label", tag, counts))
    _headings(ax, layout)


def _part_id(part: str, tag: Label, counts: dict[str, int]) -> str | None:
    """The SVG id of a bar's label or milestone: 'label-bar-T01.1', then '.2', …

    The dot keeps it apart from every bar's own id, so a page can find the parts of a bar.
    """
    if tag.kind not in ("bar", "milestone"):
        return None
    key = f"{part}-{tag.owner}"
    counts[key] = counts.get(key, 0) + 1
    return f"{key}.{counts[key]}"


def _lanes(ax: Axes, layout: RoadmapLayout) -> None:
    """Lane bands (every other one shaded), their accent strips and separators."""
    x0, x1 = layout.xlim
    for lane in layout.lanes:
        ax.add_patch(Rectangle((x0, lane.y0), x1 - x0, lane.y1 - lane.y0, linewidth=0,
                               facecolor=BAND if lane.shaded else palette.BACKGROUND,
                               zorder=0))
        if lane.accent:
            ax.add_patch(Rectangle((x0, lane.y0), lane.accent_x1 - x0, lane.y1 - lane.y0,
                                   linewidth=0, facecolor=lane.accent, zorder=1))
    edges = sorted({lane.y0 for lane in layout.lanes} | {lane.y1 for lane in layout.lanes})
    ax.hlines(edges, x0, x1, colors=LANE_LINE, linewidth=0.6, zorder=1)


def _grid(ax: Axes, layout: RoadmapLayout) -> None:
    """Year boundaries through header and lanes, quarter boundaries through the lanes."""
    top, header_bottom = layout.time_header
    bottom = layout.ylim[0]
    years = sorted({t.x0 for t in layout.ticks if t.kind == "year"}
                   | {t.x1 for t in layout.ticks if t.kind == "year"})
    quarters = sorted({t.x0 for t in layout.ticks if t.kind == "quarter"} - set(years))
    ax.vlines(years, top, bottom, colors=YEAR_LINE, linewidth=0.8, zorder=1)
    ax.vlines(quarters, header_bottom, bottom, colors=QUARTER_LINE, linewidth=0.6, zorder=1)


def _lines(ax: Axes, layout: RoadmapLayout) -> None:
    """The as-of line and the markers, each with its label at the top."""
    for line in layout.lines:
        as_of = line.kind == "as_of"
        ax.plot([line.x, line.x], [line.y0, line.y1], color=line.colour,
                linewidth=1.4 if as_of else 0.9, linestyle=DASHES if line.dashed else "-",
                zorder=2 if not as_of else 2.5, solid_capstyle="butt")
        _text(ax, line.label)


def _bars(ax: Axes, layout: RoadmapLayout) -> None:
    """Each bar as a polygon (pointed where it continues), with its SVG id for the tooltip."""
    for bar in layout.bars:
        patch = Polygon(bar.outline, closed=True, facecolor=bar.fill, edgecolor=bar.edge,
                        linewidth=1.0 if bar.planned else 0.8,
                        linestyle=DASHES if bar.planned else "-", hatch=bar.hatch or None,
                        joinstyle="miter", zorder=3)
        if bar.hatch:
            hatch_colour(patch, bar.edge)
        patch.set_gid(bar.gid)
        ax.add_artist(patch)  # not add_patch: the limits are set, no data limits to update


def _ghosts(ax: Axes, layout: RoadmapLayout) -> None:
    """Reference periods: thin white bars, outlined and hatched, under their bars."""
    for ghost in layout.ghosts:
        if not ghost.drawn:
            continue
        box = ghost.box
        patch = Rectangle((box.x0, box.y0), box.x1 - box.x0, box.y1 - box.y0,
                          facecolor=GHOST_FILL, edgecolor=GHOST_EDGE, linewidth=0.7,
                          hatch=GHOST_HATCH, zorder=3)
        hatch_colour(patch, GHOST_EDGE)
        patch.set_gid(ghost.gid)
        ax.add_artist(patch)


def _milestones(ax: Axes, layout: RoadmapLayout) -> None:
    """Milestone diamonds: dark with a white rim, so they show on any bar or band."""
    counts: dict[str, int] = {}
    for mark in layout.milestones:  # not plot(): the limits are set, and plot() is slower
        ax.add_artist(Line2D([mark.x], [mark.y], linestyle="none", marker="D",
                             markersize=mark.size * 72 * 0.72, color=palette.TEXT,
                             markeredgecolor=palette.WHITE, markeredgewidth=0.6, zorder=5,
                             gid=_part_id("mark", mark.label, counts)))


def _arrows(ax: Axes, layout: RoadmapLayout) -> None:
    """Dependency arrows along their elbow paths, the head at the dependent bar."""
    for arrow in layout.arrows:
        codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(arrow.points) - 1)
        ax.add_patch(FancyArrowPatch(path=MplPath(list(arrow.points), codes),
                                     arrowstyle="-|>", mutation_scale=6.5, shrinkA=0,
                                     shrinkB=0, color=ARROW, linewidth=0.8, zorder=4,
                                     joinstyle="miter"))


def _text(ax: Axes, tag: Label, gid: str | None = None) -> None:
    """One label as the layout placed it, on a background when it has one."""
    box: dict[str, Any] | None = None
    if tag.background:
        box = {"boxstyle": "square,pad=0.12", "facecolor": tag.background,
               "edgecolor": "none"}
    ax.text(tag.x, tag.y, tag.text, ha=tag.ha, va="center", fontsize=tag.size,
            color=tag.colour, fontweight="bold" if tag.bold else "normal", bbox=box,
            zorder=6, linespacing=1.2, gid=gid)


def _headings(ax: Axes, layout: RoadmapLayout) -> None:
    """Title and subtitle above the plot; legend and notes below it, in figure inches."""
    inches = ax.figure.dpi_scale_trans
    left = layout.axes_box[0]
    ax.text(left, layout.title_y, layout.texts.title, transform=inches, ha="left", va="top",
            fontsize=TITLE_PT, fontweight="bold", color=palette.TEXT)
    ax.text(left, layout.subtitle_y, layout.texts.subtitle, transform=inches, ha="left",
            va="top", fontsize=SUBTITLE_PT, color=palette.SECONDARY_TEXT, linespacing=1.2)
    if layout.legend:
        _legend(ax, layout.legend, layout.legend_columns, (left, layout.legend_top))
    if layout.texts.notes:
        ax.text(left, layout.notes_top, "\n".join(layout.texts.notes), transform=inches,
                ha="left", va="top", fontsize=NOTE_PT, color=palette.SECONDARY_TEXT,
                linespacing=1.25)


def _legend(ax: Axes, entries: Sequence[LegendEntry], columns: int,
            where: tuple[float, float]) -> Legend:
    """The legend with its top-left corner at ``where`` (figure inches)."""
    handles = [_handle(e) for e in entries]
    return ax.legend(handles, [e.label for e in entries], loc="upper left",
                     bbox_to_anchor=where, bbox_transform=ax.figure.dpi_scale_trans,
                     ncols=columns, frameon=False, fontsize=LEGEND_PT, borderaxespad=0.0,
                     borderpad=0.0, handlelength=2.2, handletextpad=0.6, columnspacing=1.6,
                     labelspacing=0.55, labelcolor=palette.TEXT,
                     handler_map={FancyArrow: HandlerPatch(patch_func=_legend_arrow)})


def _handle(entry: LegendEntry) -> Artist:
    """A legend handle drawn like the mark it stands for."""
    if entry.kind == "patch":
        patch = Patch(facecolor=entry.colour, edgecolor=entry.edge or entry.colour,
                      hatch=entry.hatch or None, linewidth=1.0 if entry.dashed else 0.8,
                      linestyle=DASHES if entry.dashed else "-")
        if entry.hatch:
            hatch_colour(patch, entry.hatch_colour or entry.edge)
        return patch
    if entry.kind == "line":
        return Line2D([], [], color=entry.colour, linewidth=1.4 if not entry.dashed else 0.9,
                      linestyle=DASHES if entry.dashed else "-")
    if entry.kind == "arrow":
        return FancyArrow(0, 0, 1, 0, color=entry.colour)
    return Line2D([], [], linestyle="none", marker=entry.marker, color=entry.colour,
                  markersize=6.5, markeredgecolor=palette.WHITE, markeredgewidth=0.6)


def _legend_arrow(legend: Legend, orig_handle: Artist, xdescent: float, ydescent: float,
                  width: float, height: float, fontsize: float) -> FancyArrow:
    """A small right-pointing arrow filling the legend's handle box."""
    colour = orig_handle.get_facecolor() if isinstance(orig_handle, Patch) else ARROW
    return FancyArrow(-xdescent, height / 2 - ydescent, width, 0, width=0.6,
                      head_width=height * 0.75, head_length=height * 0.6,
                      length_includes_head=True, color=colour, linewidth=0)
