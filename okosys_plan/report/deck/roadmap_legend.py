"""The roadmap slides' legend: the chart's own entries as small native shapes and text.

Entries flow left to right in rows across the plot's width, each a handle drawn like the
mark it stands for (a bar, a pointed bar, a line, a diamond, an arrow) and its text.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LegendEntry, label_width
from okosys_plan.charts.roadmap.legend import LEGEND_PT
from okosys_plan.charts.roadmap.model import RoadmapLayout
from okosys_plan.report.deck.roadmap_frame import Frame, scale_for
from okosys_plan.report.deck.shapes import (
    add_bar,
    add_line,
    add_rect,
    add_text,
    arrow_head,
    mark_decorative,
)
from okosys_plan.report.deck.slides import Page

HANDLE = 0.3  # inches of a handle, before scaling
PAD = 0.06  # between a handle and its text
SPACING = 0.22  # between entries
ROW = 0.2  # inches per row
NAME = "Tegnforklaring"  # the handles' name in the selection pane (decorative: the text says)


def entries(layout: RoadmapLayout) -> list[LegendEntry]:
    """The layout's legend entries: the slides draw what the chart draws."""
    return list(layout.legend)


def _rows(layout: RoadmapLayout, width: float, k: float) -> list[list[tuple[LegendEntry, float]]]:
    """The entries in rows that fit ``width``, each with its width (slide inches)."""
    rows: list[list[tuple[LegendEntry, float]]] = [[]]
    used = 0.0
    for entry in entries(layout):
        size = (HANDLE + PAD) * k + label_width(entry.label, LEGEND_PT * k)
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append((entry, size))
        used += size + SPACING * k
    return [row for row in rows if row]


def legend_height(layout: RoadmapLayout, page: Page) -> float:
    """Slide inches the legend takes below the plot (none without entries)."""
    k = scale_for(layout, page)
    rows = _rows(layout, layout.axes_box[2] * k, k)
    return len(rows) * ROW * k + 0.08 if rows else 0.0


def add_legend(shapes: Any, layout: RoadmapLayout, frame: Frame, lang: str) -> None:
    """The legend's rows at the frame's legend top."""
    del lang  # the entries' texts are said already
    k = frame.k
    top = frame.legend_top + 0.08
    for row in _rows(layout, frame.width, k):
        x = frame.left
        middle = top + ROW * k / 2
        for entry, size in row:
            _handle(shapes, entry, (x, middle), k)
            text_left = x + (HANDLE + PAD) * k
            add_text(shapes, (text_left, top, size - (HANDLE + PAD) * k, ROW * k), entry.label,
                     size=LEGEND_PT * k, colour=palette.TEXT, name=entry.label[:60])
            x += size + SPACING * k
        top += ROW * k


def _handle(shapes: Any, entry: LegendEntry, at: tuple[float, float], k: float) -> None:
    """A handle like the mark: a bar, a line, a diamond or an arrow, centred at ``at``'s y."""
    x, y = at
    width = HANDLE * k
    if entry.kind == "patch":
        height = 0.13 * k
        mark_decorative(add_rect(shapes, (x, y - height / 2, width, height),
                                 fill=entry.colour, edge=entry.edge or entry.colour,
                                 dashed=entry.dashed, name=NAME))
    elif entry.kind == "line":
        add_line(shapes, (x, y), (x + width, y), colour=entry.colour,
                 line_pt=1.4 if not entry.dashed else 0.9, dashed=entry.dashed, name=NAME)
    elif entry.kind == "arrow":
        arrow_head(add_line(shapes, (x, y), (x + width, y), colour=entry.colour, line_pt=0.9,
                            name=NAME))
    elif entry.marker == ">":  # a bar that goes on past the horizon: pointed
        height = 0.13 * k
        mark_decorative(add_bar(shapes, (x, y - height / 2, width, height), point="right",
                                depth=height * 0.6, fill=entry.colour, edge=entry.colour,
                                dashed=False, line_pt=0.75, name=NAME))
    else:
        size = 0.11 * k
        mark_decorative(add_rect(shapes, (x + width / 2 - size / 2, y - size / 2, size, size),
                                 fill=entry.colour, edge=palette.WHITE, line_pt=0.6,
                                 kind="diamond", name=NAME))
