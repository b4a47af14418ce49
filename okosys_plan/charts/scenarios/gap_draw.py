"""Draw the gap chart's layout onto a matplotlib Axes: exactly what it says."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import MARGIN, TEXT_PT
from okosys_plan.charts.headings import bar_axes, surround
from okosys_plan.charts.scenarios.gap_layout import VALUE_PAD, VALUE_PT, GapBar, GapsLayout
from okosys_plan.charts.style import hatch_colour

BAR_HEIGHT = 0.72


def draw_gap(ax: Axes, layout: GapsLayout) -> None:
    """Draw the gap chart of ``layout`` onto ``ax``."""
    bar_axes(ax, layout.xlim, layout.ylim, layout.xticks, [(b.y, b.label) for b in layout.bars],
             layout.texts.xlabel)
    for heading in layout.headings:
        ax.annotate(str(heading.year), (0.0, heading.y), xycoords=("figure fraction", "data"),
                    xytext=(MARGIN * 72, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=TEXT_PT, fontweight="bold", color=palette.TEXT)
    for heading in layout.headings[1:]:
        ax.axhline(heading.y + 0.4, color=palette.GRID, linewidth=0.8, zorder=0)
    for bar in layout.bars:
        _bar(ax, bar)
    surround(ax, layout.texts, (), 1, lambda _entry: Rectangle((0, 0), 1, 1))


def _bar(ax: Axes, bar: GapBar) -> None:
    if bar.gap > 0:
        patch = Rectangle((0.0, bar.y - BAR_HEIGHT / 2), bar.gap, BAR_HEIGHT,
                          facecolor=bar.fill, edgecolor=bar.edge, linewidth=0.6,
                          hatch=bar.hatch or None, zorder=2)
        if bar.hatch:
            hatch_colour(patch, bar.hatch_colour)
        ax.add_patch(patch)
    ax.annotate(bar.text, (bar.gap, bar.y), xytext=(VALUE_PAD * 72, 0),
                textcoords="offset points", ha="left", va="center", fontsize=VALUE_PT,
                color=palette.TEXT, zorder=3)
