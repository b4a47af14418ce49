"""Draw the agreement chart's layout onto a matplotlib Axes: exactly what it says.

Headings (title, subtitle) sit above the plot and the legend and notes below it, all
attached to the Axes so a constrained-layout figure makes room for them, as in the
priority charts. Each need's heading is written from the figure's left margin.
"""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from okosys_plan.charts import palette
from okosys_plan.charts.agreement.layout import (
    AGGREGATE_COLOUR,
    BAND_FILL,
    BAND_HATCH,
    BAND_HATCH_COLOUR,
    DOT_COLOUR,
    RANGE_COLOUR,
    AgreementLayout,
    StripRow,
)
from okosys_plan.charts.geometry import (
    MARGIN,
    TEXT_PT,
    LegendEntry,
)
from okosys_plan.charts.headings import LABEL_PAD, TICK_LENGTH, TICK_PAD, surround
from okosys_plan.charts.style import hatch_colour

#: Marker sizes in points: the dot holds its count (6.5 pt digits, 5.5 pt for two), the
#: square rings it; both fit a row (``layout.ROW_INCHES``, 14.4 pt).
DOT_SIZE = 11.0
COUNT_PT = 6.5
SMALL_COUNT_PT = 5.5
SQUARE_SIZE = 13.5
CRITERION_PT = 8.0
BAND_HEIGHT = 0.9


def draw_agreement(ax: Axes, layout: AgreementLayout) -> None:
    """Draw the strip plot of ``layout`` onto ``ax``."""
    _frame(ax, layout)
    for heading in layout.headings[1:]:
        ax.axhline(heading.y + 0.7, color=palette.GRID, linewidth=0.8, zorder=0)
    for heading in layout.headings:
        ax.annotate(heading.label, (0.0, heading.y), xycoords=("figure fraction", "data"),
                    xytext=(MARGIN * 72, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=TEXT_PT, fontweight="bold", color=palette.TEXT)
    for row in layout.rows:
        _strip(ax, row)
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle)


def _frame(ax: Axes, layout: AgreementLayout) -> None:
    """Limits, grade ticks, criterion labels (bold where agreement is low), grid, spines."""
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_xticks(list(layout.xticks), labels=[str(t) for t in layout.xticks])
    ax.set_yticks([r.y for r in layout.rows], labels=[r.label for r in layout.rows])
    for label, row in zip(ax.get_yticklabels(), layout.rows, strict=True):
        if row.low:
            label.set_fontweight("bold")
    ax.tick_params(axis="x", length=TICK_LENGTH, pad=TICK_PAD, labelsize=TEXT_PT)
    ax.tick_params(axis="y", length=0, pad=4, labelsize=CRITERION_PT)
    ax.set_xlabel(layout.texts.xlabel, fontsize=TEXT_PT, labelpad=LABEL_PAD)
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _strip(ax: Axes, row: StripRow) -> None:
    """One criterion's row: band, range line, dots with their counts, aggregate square."""
    if row.low:
        band = Rectangle((row.scale[0] - 0.5, row.y - BAND_HEIGHT / 2),
                         row.scale[1] - row.scale[0] + 1.0, BAND_HEIGHT, facecolor=BAND_FILL,
                         edgecolor="none", hatch=BAND_HATCH, linewidth=0, zorder=1)
        hatch_colour(band, BAND_HATCH_COLOUR)
        ax.add_patch(band)
    if row.span is not None and row.span[0] != row.span[1]:
        ax.plot(list(row.span), [row.y, row.y], color=RANGE_COLOUR, linewidth=1.0, zorder=2)
    for dot in row.dots:
        ax.plot([dot.x], [row.y], linestyle="none", marker="o", markersize=DOT_SIZE,
                color=DOT_COLOUR, markeredgecolor=palette.WHITE, markeredgewidth=0.8,
                zorder=3)
        ax.text(dot.x, row.y, str(dot.count), ha="center", va="center_baseline",
                fontsize=COUNT_PT if dot.count < 10 else SMALL_COUNT_PT, color=palette.WHITE,
                zorder=4)
    if row.aggregate is not None:
        ax.plot([row.aggregate], [row.y], linestyle="none", marker="s",
                markersize=SQUARE_SIZE, markerfacecolor="none",
                markeredgecolor=AGGREGATE_COLOUR, markeredgewidth=1.4, zorder=5)


def _handle(entry: LegendEntry) -> Artist:
    """A legend handle drawn like the mark it stands for."""
    if entry.kind == "patch":
        patch = Patch(facecolor=entry.colour, edgecolor="none", hatch=entry.hatch or None,
                      linewidth=0)
        hatch_colour(patch, entry.hatch_colour)
        return patch
    if entry.kind == "line":
        return Line2D([], [], color=entry.colour, linewidth=1.0)
    if entry.marker == "s":
        return Line2D([], [], linestyle="none", marker="s", markersize=SQUARE_SIZE * 0.8,
                      markerfacecolor="none", markeredgecolor=entry.colour,
                      markeredgewidth=1.4)
    return Line2D([], [], linestyle="none", marker="o", markersize=DOT_SIZE * 0.8,
                  color=entry.colour, markeredgecolor=palette.WHITE, markeredgewidth=0.8)
