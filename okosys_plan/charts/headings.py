"""Title, subtitle, legend and notes around a chart's plot, attached to its Axes.

The priority charts and the agreement chart share this frame: the headings above the
plot, the legend below the x-axis label (left-aligned with the figure margin), the notes
below the legend. Each is anchored to the Axes, so a constrained-layout figure makes room
for it. The chart brings its own legend handles (``handle``), drawn like its marks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.legend import Legend

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    MARGIN,
    NOTE_PT,
    SUBTITLE_PT,
    TEXT_PT,
    TITLE_PT,
    LegendEntry,
    Texts,
)

TICK_LENGTH = 3.5
TICK_PAD = 3.0
LABEL_PAD = 5.0
SUBTITLE_RISE = 20.0
TITLE_RISE = 37.0
#: Points from the plot's bottom edge to the legend's top: ticks, tick labels, axis label.
LEGEND_DROP = TICK_LENGTH + TICK_PAD + 1.3 * TEXT_PT + LABEL_PAD + 1.3 * TEXT_PT + 8.0

Handle = Callable[[LegendEntry], Artist]


def surround(ax: Axes, texts: Texts, entries: Sequence[LegendEntry], columns: int,
             handle: Handle, *, drop: float = LEGEND_DROP,
             rises: tuple[float, float] = (TITLE_RISE, SUBTITLE_RISE)) -> None:
    """Title and subtitle above the plot; legend, then notes, below it.

    ``drop``: points from the plot's bottom to the legend's top (a chart with taller tick
    labels drops it further); ``rises``: points from the plot's top to the title's and
    the subtitle's baselines.
    """
    left = ("figure fraction", "axes fraction")
    ax.annotate(texts.title, (0.0, 1.0), xycoords=left, xytext=(MARGIN * 72, rises[0]),
                textcoords="offset points", ha="left", va="bottom", fontsize=TITLE_PT,
                fontweight="bold", color=palette.TEXT)
    ax.annotate(texts.subtitle, (0.0, 1.0), xycoords=left,
                xytext=(MARGIN * 72, rises[1]), textcoords="offset points", ha="left",
                va="bottom", fontsize=SUBTITLE_PT, color=palette.SECONDARY_TEXT)
    anchor: Artist | None = (legend_below(ax, entries, columns, handle, drop) if entries
                             else None)
    if texts.notes:
        ax.annotate("\n".join(texts.notes), (0.0, 0.0),
                    xycoords=("figure fraction", anchor if anchor is not None else ax),
                    xytext=(MARGIN * 72, -6 if anchor is not None else -drop),
                    textcoords="offset points", ha="left", va="top", fontsize=NOTE_PT,
                    linespacing=1.35, color=palette.SECONDARY_TEXT)


def legend_below(ax: Axes, entries: Sequence[LegendEntry], columns: int,
                 handle: Handle, drop: float = LEGEND_DROP) -> Legend:
    """The legend ``drop`` points below the plot, left-aligned with the figure margin."""
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    figure = ax.figure
    where = blended_transform_factory(figure.transFigure, ax.transAxes) + ScaledTranslation(
        MARGIN, -drop / 72, figure.dpi_scale_trans)
    return ax.legend([handle(e) for e in entries], [e.label for e in entries],
                     loc="upper left", bbox_to_anchor=(0.0, 0.0), bbox_transform=where,
                     ncols=columns, frameon=False, fontsize=TEXT_PT, borderaxespad=0.0,
                     borderpad=0.0, handlelength=1.8, handletextpad=0.6, columnspacing=1.6,
                     labelspacing=0.5, labelcolor=palette.TEXT)


def bar_axes(ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float],
             xticks: Sequence[tuple[float, str]], rows: Sequence[tuple[float, str]],
             xlabel: str) -> None:
    """The frame of a horizontal bar chart: limits, value ticks below with a grid, one
    label per row at the left (no tick marks), no spines but the bottom one."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xticks([t for t, _ in xticks], labels=[s for _, s in xticks])
    ax.set_yticks([y for y, _ in rows], labels=[label for _, label in rows])
    ax.tick_params(axis="x", length=TICK_LENGTH, pad=TICK_PAD, labelsize=TEXT_PT)
    ax.tick_params(axis="y", length=0, pad=4, labelsize=TEXT_PT)
    ax.set_xlabel(xlabel, fontsize=TEXT_PT, labelpad=LABEL_PAD)
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
