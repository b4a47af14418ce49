"""Draw the readiness chart's layout onto a matplotlib Axes: exactly what it says."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from okosys_plan.charts.chains.readiness import COUNT_PT, ReadinessLayout
from okosys_plan.charts.geometry import LegendEntry
from okosys_plan.charts.headings import bar_axes, surround
from okosys_plan.charts.style import hatch_colour

BAR_HEIGHT = 0.6


def draw_readiness(ax: Axes, layout: ReadinessLayout) -> None:
    """Draw the readiness chart of ``layout`` onto ``ax``."""
    bar_axes(ax, layout.xlim, layout.ylim, layout.xticks, [(r.y, r.label) for r in layout.rows],
             layout.texts.xlabel)
    for row in layout.rows:
        for segment in row.segments:
            patch = Rectangle((segment.x0, row.y - BAR_HEIGHT / 2), segment.count, BAR_HEIGHT,
                              facecolor=segment.fill, edgecolor=segment.edge, linewidth=0.6,
                              hatch=segment.hatch or None, zorder=2)
            if segment.hatch:
                hatch_colour(patch, segment.edge)
            ax.add_patch(patch)
            if segment.text:
                ax.text(segment.x0 + segment.count / 2, row.y, segment.text, ha="center",
                        va="center", fontsize=COUNT_PT, color=segment.ink, zorder=3,
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": segment.fill,
                              "edgecolor": "none"})
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle)


def _handle(entry: LegendEntry) -> Artist:
    """A legend patch drawn like the segments: fill, edge, hatch."""
    patch = Patch(facecolor=entry.colour, edgecolor=entry.edge, hatch=entry.hatch or None,
                  linewidth=0.6)
    if entry.hatch:
        hatch_colour(patch, entry.edge)
    return patch
