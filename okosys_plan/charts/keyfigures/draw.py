"""Draw the key-figures chart: exactly what its layout says."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import Patch

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import NOTE_PT, SUBTITLE_PT, TEXT_PT, TITLE_PT
from okosys_plan.charts.keyfigures.layout import KeyFigureLayout


def draw_key_figures(ax: Axes, layout: KeyFigureLayout) -> None:
    """Grouped bars with their values printed above, years below, legend under the plot."""
    for bar in layout.bars:
        ax.bar(bar.x, bar.value, width=bar.width, color=bar.colour, align="center")
        ax.text(bar.x, bar.value + layout.ymax * 0.02, bar.label, ha="center", va="bottom",
                fontsize=TEXT_PT, color=palette.TEXT)
    ax.set_xticks([x for x, _ in layout.ticks], [label for _, label in layout.ticks],
                  fontsize=TEXT_PT)
    ax.set_ylim(0, layout.ymax * 1.08)
    ax.set_xlim(-0.6, len(layout.ticks) - 0.4)
    ax.set_ylabel(layout.ylabel, fontsize=NOTE_PT, color=palette.SECONDARY_TEXT)
    ax.tick_params(axis="y", labelsize=NOTE_PT, colors=palette.SECONDARY_TEXT)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(layout.texts.title, loc="left", fontsize=TITLE_PT - 2, fontweight="bold",
                 color=palette.TEXT, pad=18)
    ax.text(0, 1.02, layout.texts.subtitle, transform=ax.transAxes, fontsize=SUBTITLE_PT - 1,
            color=palette.SECONDARY_TEXT)
    handles = [Patch(facecolor=e.colour, label=e.label) for e in layout.legend]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=len(handles), frameon=False, fontsize=TEXT_PT)
