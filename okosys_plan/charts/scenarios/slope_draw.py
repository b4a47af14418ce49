"""Draw the slope chart's layout onto a matplotlib Axes: exactly what it says."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from okosys_plan.charts.geometry import LegendEntry
from okosys_plan.charts.headings import surround
from okosys_plan.charts.scenarios.slope_layout import (
    DOWN,
    LABEL_PT,
    LIMIT,
    SAME,
    UP,
    Slope,
    SlopeLayout,
)

DASHES = (0, (4, 2))
_STYLE = {"up": (UP, "-", 1.6), "down": (DOWN, DASHES, 1.6), "same": (SAME, "-", 0.8)}


def draw_slope(ax: Axes, layout: SlopeLayout) -> None:
    """Draw the slope chart of ``layout`` onto ``ax``."""
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(*layout.ylim)
    ax.set_xticks([])
    ax.set_yticks([y for y, _ in layout.left_labels],
                  labels=[text for _, text in layout.left_labels])
    ax.tick_params(axis="y", length=0, pad=6, labelsize=LABEL_PT)
    right = ax.secondary_yaxis("right")
    right.set_yticks([y for y, _ in layout.right_labels],
                     labels=[text for _, text in layout.right_labels])
    right.tick_params(axis="y", length=0, pad=6, labelsize=LABEL_PT)
    for spine in (*ax.spines.values(), *right.spines.values()):
        spine.set_visible(False)
    if layout.limit is not None:
        ax.axhline(layout.limit, color=LIMIT, linewidth=0.9, linestyle=DASHES, zorder=1)
    for slope in sorted(layout.slopes, key=lambda s: s.move != "same", reverse=False):
        _line(ax, slope)
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle)


def _line(ax: Axes, slope: Slope) -> None:
    colour, style, width = _STYLE[slope.move]
    if slope.left is not None and slope.right is not None:
        ax.plot([0.0, 1.0], [slope.left, slope.right], color=colour, linestyle=style,
                linewidth=width, solid_capstyle="round", zorder=2 if slope.move == "same" else 3)
    for x, y in ((0.0, slope.left), (1.0, slope.right)):
        if y is not None:
            ax.plot([x], [y], linestyle="none", marker="o", markersize=3.5, color=colour,
                    zorder=4)


def _handle(entry: LegendEntry) -> Artist:
    return Line2D([], [], color=entry.colour, linestyle=DASHES if entry.dashed else "-",
                  linewidth=1.6 if entry.colour != SAME else 0.8)


