"""Draw the readiness chart's layout onto a matplotlib Axes: exactly what it says."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from okosys_plan.charts import palette
from okosys_plan.charts.chains.readiness import COUNT_PT, ReadinessLayout
from okosys_plan.charts.geometry import TEXT_PT, LegendEntry
from okosys_plan.charts.headings import LABEL_PAD, TICK_LENGTH, TICK_PAD, surround
from okosys_plan.charts.style import hatch_colour

BAR_HEIGHT = 0.6


def draw_readiness(ax: Axes, layout: ReadinessLayout) -> None:
    """Draw the readiness chart of ``layout`` onto ``ax``."""
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_xticks([t for t, _ in layout.xticks], labels=[s for _, s in layout.xticks])
    ax.set_yticks([r.y for r in layout.rows], labels=[r.label for r in layout.rows])
    ax.tick_params(axis="x", length=TICK_LENGTH, pad=TICK_PAD, labelsize=TEXT_PT)
    ax.tick_params(axis="y", length=0, pad=4, labelsize=TEXT_PT)
    ax.set_xlabel(layout.texts.xlabel, fontsize=TEXT_PT, labelpad=LABEL_PAD)
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
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
