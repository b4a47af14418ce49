"""Draw chart layouts onto a matplotlib Axes: exactly what the layout says, nothing more.

Headings sit above the plot and the legend and notes below it, all attached to the Axes
(so a constrained-layout figure makes room for them) and aligned with the figure's left
margin. Fonts and sizes are fixed here so every run draws the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    NOTE_PT,
    TEXT_PT,
    LegendEntry,
    RefLine,
    Texts,
)
from okosys_plan.charts.headings import LABEL_PAD, TICK_LENGTH, TICK_PAD, surround
from okosys_plan.charts.priority.layout import BarLayout, IntervalLayout, Row
from okosys_plan.charts.style import hatch_colour

_LINE_LABEL_RISE = 3.0  # points above the plot for reference-line labels
_LINE_LABEL_GAP = 3.0  # points between a line and a label that ends at it
_MARKER_SIZE = 7.5
_BASE_MARKER_SIZE = 12.0
_RANGE_WIDTH = 2.4


def draw_bars(ax: Axes, layout: BarLayout) -> None:
    """Draw the stacked contribution bars of ``layout`` onto ``ax``."""
    _frame(ax, layout.xlim, layout.ylim, layout.xticks, [(r.y, r.label) for r in layout.rows],
           layout.texts)
    for criterion in dict.fromkeys(s.criterion for s in layout.segments):
        parts = [s for s in layout.segments if s.criterion == criterion]
        bars = ax.barh([s.y for s in parts], [s.width for s in parts],
                       left=[s.x0 for s in parts], height=layout.bar_height,
                       color=parts[0].colour, edgecolor=palette.SEPARATOR, linewidth=0.8,
                       hatch=parts[0].hatch or None, zorder=2, label=criterion)
        if parts[0].hatch:
            for patch in bars:
                hatch_colour(patch, parts[0].hatch_colour)
    for row in layout.rows:
        _value_label(ax, row)
    _reference_lines(ax, layout.lines)
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle)


def draw_intervals(ax: Axes, layout: IntervalLayout) -> None:
    """Draw the rank intervals of ``layout`` onto ``ax``."""
    _frame(ax, layout.xlim, layout.ylim, layout.xticks, [(r.y, r.label) for r in layout.rows],
           layout.texts)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.6, zorder=0)
    for row in layout.rows:
        ax.plot([row.low, row.high], [row.y, row.y], color=row.colour,
                linewidth=_RANGE_WIDTH, solid_capstyle="round", zorder=2)
        ax.plot([row.median], [row.y], linestyle="none", marker=row.marker,
                markersize=_MARKER_SIZE, color=row.colour, markeredgecolor=palette.WHITE,
                markeredgewidth=0.8, zorder=3)
        ax.plot([row.rank], [row.y], linestyle="none", marker=layout.base_marker,
                markersize=_BASE_MARKER_SIZE, color=layout.base_colour, markeredgewidth=1.6,
                zorder=4)
    _reference_lines(ax, layout.lines)
    _shares(ax, layout)
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle)


# --- pieces -----------------------------------------------------------------------------


def _frame(ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float],
           xticks: Sequence[float], rows: Sequence[tuple[float, str]], texts: Texts) -> None:
    """Limits, ticks, row labels, grid and spines."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xticks(list(xticks), labels=[f"{t:g}" for t in xticks])
    ax.set_yticks([y for y, _ in rows], labels=[label for _, label in rows])
    ax.tick_params(axis="x", length=TICK_LENGTH, pad=TICK_PAD, labelsize=TEXT_PT)
    ax.tick_params(axis="y", length=0, pad=4, labelsize=TEXT_PT)
    ax.set_xlabel(texts.xlabel, fontsize=TEXT_PT, labelpad=LABEL_PAD)
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if xticks:  # the axis line ends at the last tick (100 points), not in the value labels
        ax.spines["bottom"].set_bounds(xlim[0], max(xticks))


def _value_label(ax: Axes, row: Row) -> None:
    """The score written just after the bar's end."""
    ax.annotate(row.value_label, (row.value or 0.0, row.y), xytext=(4, 0),
                textcoords="offset points", va="center", ha="left", fontsize=TEXT_PT - 0.5,
                color=palette.TEXT, zorder=6,  # above the threshold lines, on white
                bbox={"boxstyle": "square,pad=0.15", "facecolor": palette.BACKGROUND,
                      "edgecolor": "none"})


def _reference_lines(ax: Axes, lines: Sequence[RefLine]) -> None:
    """Dashed vertical lines over the plot, each labelled just above it."""
    for line in lines:
        ax.axvline(line.x, color=line.colour, linewidth=1.0, linestyle=(0, (4, 3)), zorder=5)
        shift = -_LINE_LABEL_GAP if line.align == "right" else 0
        ax.annotate(line.label, (line.x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(shift, _LINE_LABEL_RISE), textcoords="offset points",
                    ha=line.align, va="bottom", fontsize=NOTE_PT,
                    color=palette.SECONDARY_TEXT)


def _shares(ax: Axes, layout: IntervalLayout) -> None:
    """The share of draws in the top K, as a column right of the plot with a header."""
    column = ax.secondary_yaxis("right")
    column.set_yticks([r.y for r in layout.rows], labels=[r.share_label for r in layout.rows])
    column.tick_params(length=0, pad=6, labelsize=TEXT_PT)
    column.spines["right"].set_visible(False)
    ax.annotate(layout.share_header, (1.0, 1.0), xycoords="axes fraction",
                xytext=(6, _LINE_LABEL_RISE), textcoords="offset points", ha="left",
                va="bottom", fontsize=NOTE_PT, color=palette.SECONDARY_TEXT)


def _handle(entry: LegendEntry) -> Artist:
    """A legend handle drawn like the mark it stands for."""
    if entry.kind == "patch":
        patch = Patch(facecolor=entry.colour, edgecolor=palette.SEPARATOR,
                      hatch=entry.hatch or None, linewidth=0.8)
        if entry.hatch:
            hatch_colour(patch, entry.hatch_colour)
        return patch
    if entry.kind == "line":
        return Line2D([], [], color=entry.colour, linewidth=_RANGE_WIDTH)
    return Line2D([], [], linestyle="none", marker=entry.marker, color=entry.colour,
                  markersize=_BASE_MARKER_SIZE if entry.marker == "|" else _MARKER_SIZE,
                  markeredgewidth=1.6 if entry.marker == "|" else 0.8,
                  markeredgecolor=entry.colour if entry.marker == "|" else palette.WHITE)
