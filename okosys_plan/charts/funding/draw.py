"""Draw the funding charts onto a matplotlib Axes: exactly what the layouts say.

``funding_figure`` makes the figure (constrained layout, the priority charts' style);
``funding_chart_bytes`` gives a chart's PNG, SVG or PDF bytes, the same every run.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch

from okosys_plan.charts import palette
from okosys_plan.charts.funding.layout import BAR_LABEL_PT, VALUE_PT, BillsLayout, Block, GapLayout
from okosys_plan.charts.geometry import (
    MARGIN,
    TEXT_PT,
    LegendEntry,
)
from okosys_plan.charts.headings import surround
from okosys_plan.charts.save import chart_style, figure_bytes, settle
from okosys_plan.charts.style import STYLE, hatch_colour

FundingLayout = GapLayout | BillsLayout
RISES = (34.0, 18.0)  # points from the plot's top to the title's and subtitle's baselines


def funding_figure(layout: FundingLayout) -> Figure:
    """A new figure of the layout's size with the layout drawn on it."""
    with chart_style(STYLE):
        engine = ConstrainedLayoutEngine(w_pad=MARGIN, h_pad=MARGIN / 2, wspace=0, hspace=0)
        figure = Figure(figsize=layout.size, layout=engine)
        axes = figure.add_subplot()
        if isinstance(layout, GapLayout):
            draw_gap(axes, layout)
        else:
            draw_bills(axes, layout)
        settle(figure)
    return figure


def funding_chart_bytes(layout: FundingLayout, fmt: str) -> bytes:
    """The chart as PNG, SVG or PDF bytes, with its text alternative."""
    return figure_bytes(funding_figure(layout), fmt, title=layout.texts.title,
                        description=layout.description)


def draw_gap(ax: Axes, layout: GapLayout) -> None:
    """Per year: stacked cost, stacked funding and the gap, values above, years below."""
    for block in layout.blocks:
        _bar(ax, block, vertical=True)
    for label in layout.values:
        ax.annotate(label.text, (label.x, label.y), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=VALUE_PT, color=palette.TEXT)
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_yticks([t for t, _ in layout.ticks], labels=[s for _, s in layout.ticks])
    ax.set_ylabel("MNOK", fontsize=TEXT_PT)
    ax.tick_params(axis="y", labelsize=TEXT_PT, length=3)
    names = layout.bar_names
    ax.set_xticks([n.x for n in names], labels=[n.text for n in names])
    ax.tick_params(axis="x", labelsize=BAR_LABEL_PT, length=0, pad=3)
    for year in layout.years:
        ax.annotate(year.text, (year.x, 0.0), xytext=(0, -16 if names else -4),
                    textcoords="offset points", ha="center", va="top", fontsize=TEXT_PT,
                    fontweight="bold", color=palette.TEXT, annotation_clip=False)
    _frame(ax, grid="y")
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle, drop=40.0,
             rises=RISES)


def draw_bills(ax: Axes, layout: BillsLayout) -> None:
    """Grouped horizontal bars, one group per agency, one bar per key."""
    for block in layout.blocks:
        _bar(ax, block, vertical=False)
    for label in layout.values:
        ax.annotate(label.text, (label.x, label.y), xytext=(3, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=VALUE_PT, color=palette.TEXT)
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    ax.set_xticks([t for t, _ in layout.ticks], labels=[s for _, s in layout.ticks])
    ax.set_yticks([r.y for r in layout.rows], labels=[r.text for r in layout.rows])
    ax.tick_params(axis="x", labelsize=TEXT_PT, length=3)
    ax.tick_params(axis="y", labelsize=TEXT_PT, length=0, pad=4)
    ax.set_xlabel(layout.texts.xlabel, fontsize=TEXT_PT, labelpad=4)
    _frame(ax, grid="x")
    surround(ax, layout.texts, layout.legend, layout.legend_columns, _handle, drop=34.0,
             rises=RISES)


def _bar(ax: Axes, block: Block, *, vertical: bool) -> None:
    style: dict[str, Any] = {"color": block.colour, "edgecolor": block.edge, "linewidth": 0.8,
             "hatch": block.hatch or None, "linestyle": "--" if block.dashed else "-",
             "zorder": 2}
    if vertical:
        bars = ax.bar([block.x], [block.length], width=block.thickness, bottom=block.y,
                      **style)
    else:
        bars = ax.barh([block.y], [block.length], height=block.thickness, left=block.x,
                       **style)
    if block.hatch:
        for patch in bars:
            hatch_colour(patch, block.hatch_colour)


def _frame(ax: Axes, grid: str) -> None:
    ax.grid(axis=grid, color=palette.GRID, linewidth=0.8, zorder=0)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left" if grid == "x" else "bottom"].set_color(palette.SECONDARY_TEXT)


def _handle(entry: LegendEntry) -> Artist:
    """A legend patch drawn like the bars: fill, edge, hatch, dashed when planned."""
    patch = Patch(facecolor=entry.colour, edgecolor=entry.edge or palette.SEPARATOR,
                  hatch=entry.hatch or None, linewidth=0.8,
                  linestyle="--" if entry.dashed else "-")
    if entry.hatch:
        hatch_colour(patch, entry.hatch_colour)
    return patch
