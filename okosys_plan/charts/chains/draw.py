"""Draw a chain map layout onto a matplotlib Axes: exactly what the layout says.

The Axes covers the figure, in inches, y down from the top; every text is drawn as one
line where the layout put it. SVG groups carry the elements' IDs (``element-K3``).
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.path import Path as MplPath

from okosys_plan.charts import palette
from okosys_plan.charts.chains.boxes import EDGE
from okosys_plan.charts.chains.layout import BAND
from okosys_plan.charts.chains.model import Badge, Box, ChainLayout, Key, Label, element_gid

BAND_LINE = "#D0D0D0"
ARROW = "#4D4D4D"  # 7:1 on white
ARROW_SCALE = 7.0


def draw_chain(ax: Axes, layout: ChainLayout) -> None:
    """Draw the chain map ``layout`` onto ``ax`` (which covers the whole figure)."""
    width, height = layout.size
    ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0.0, width)
    ax.set_ylim(height, 0.0)
    ax.set_axis_off()
    _bands(ax, layout)
    for arrow in layout.arrows:
        codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(arrow.points) - 1)
        ax.add_patch(FancyArrowPatch(path=MplPath(list(arrow.points), codes),
                                     arrowstyle="-|>", mutation_scale=ARROW_SCALE, shrinkA=0,
                                     shrinkB=0, color=ARROW, linewidth=0.8, zorder=2,
                                     joinstyle="miter"))
    for element in layout.elements:
        patch = _rectangle(element.box, element.fill, element.edge, element.linewidth, 3)
        patch.set_gid(element_gid(element.id))
        ax.add_patch(patch)
        if element.badge is not None:
            _badge(ax, element.badge)
    for key in layout.keys:
        _key(ax, key)
    for note in layout.notes:
        _badge(ax, note.badge)
    for tag in layout.labels:
        if tag.kind != "badge":
            _text(ax, tag)


def _bands(ax: Axes, layout: ChainLayout) -> None:
    """Every band, every other one shaded, with lines between."""
    left, right = 0.3, layout.size[0] - 0.3
    for band in layout.bands:
        ax.add_patch(Rectangle((left, band.y0), right - left, band.y1 - band.y0, linewidth=0,
                               facecolor=BAND if band.shaded else palette.BACKGROUND, zorder=0))
        ax.hlines([band.y0, band.y1], left, right, colors=BAND_LINE, linewidth=0.6, zorder=1)


def _rectangle(box: Box, fill: str, edge: str, linewidth: float, zorder: float) -> Rectangle:
    """A rectangle patch of ``box``."""
    return Rectangle((box.x0, box.y0), box.width, box.height, facecolor=fill, edgecolor=edge,
                     linewidth=linewidth, zorder=zorder)


def _badge(ax: Axes, badge: Badge) -> None:
    """A badge: the level's colour, the letter and number in black or white."""
    ax.add_patch(_rectangle(badge.box, badge.colour, palette.edge_for(badge.colour), 0.6, 4))
    _text(ax, badge.label)


def _key(ax: Axes, key: Key) -> None:
    """A legend entry's mark (its label is drawn with the other texts)."""
    box = key.mark
    if key.kind == "badge":
        ax.add_patch(_rectangle(box, key.colour, palette.edge_for(key.colour), 0.6, 4))
        ax.text((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, key.letter, ha="center",
                va="center", fontsize=7.0, fontweight="bold", color=palette.ink_for(key.colour),
                zorder=6)
    elif key.kind == "arrow":
        y = (box.y0 + box.y1) / 2
        ax.add_patch(FancyArrowPatch((box.x0, y), (box.x1, y), arrowstyle="-|>",
                                     mutation_scale=ARROW_SCALE, shrinkA=0, shrinkB=0,
                                     color=ARROW, linewidth=0.8, zorder=2))
    else:
        ax.add_patch(_rectangle(box, palette.WHITE, EDGE, 0.8, 3))


def _text(ax: Axes, tag: Label) -> None:
    """One line of text as the layout placed it."""
    ax.text(tag.x, tag.y, tag.text, ha=tag.ha, va="center", fontsize=tag.size,
            color=tag.colour, fontweight="bold" if tag.bold else "normal", zorder=6)
