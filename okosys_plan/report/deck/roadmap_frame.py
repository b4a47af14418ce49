"""Where the roadmap's layout lands on a slide: one scale for every size, a page's offset.

The layout is in its own inches (x in years across its plot, y down from the top of the
time header). On a slide, x and y are scaled by one factor ``k`` (the plot across the
slide's free width, at most ``MAX_SCALE``), so fonts scale with the boxes they were fitted
to. The time header keeps its place at the top of every page; the page's stretch of lanes
follows right under it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from okosys_plan.charts.roadmap.model import EPSILON, RoadmapLayout
from okosys_plan.report.deck.roadmap_pages import RoadmapPage
from okosys_plan.report.deck.shapes import Box
from okosys_plan.report.deck.slides import Page

MAX_SCALE = 1.25
SUBTITLE_PT = 9.0
LINE = 1.25  # line height in ems
GAP = 0.06  # inches between the subtitle, the plot and the legend


@dataclass(frozen=True)
class Frame:
    """The mapping from layout inches to slide inches for one page."""

    k: float
    left: float  # slide x of the layout's left edge
    xlim0: float
    per_unit: float  # layout inches per x unit (a year)
    plot_top: float  # slide y of the layout's top
    header: float  # layout y of the time header's bottom
    room: float  # layout inches of lanes a page holds
    subtitle_box: Box
    legend_top: float  # slide y of the legend's top
    width: float  # slide width of the plot
    start: float = 0.0  # the page's stretch, in layout y
    end: float = 0.0

    def at(self, page: RoadmapPage) -> Frame:
        """This frame for ``page``'s stretch of lanes, the legend right under its lanes."""
        paged = replace(self, start=page.start, end=page.end)
        return replace(paged, legend_top=min(self.legend_top, paged.bottom + GAP))

    def x(self, value: float) -> float:
        """Slide inches of a layout x (years)."""
        return self.left + (value - self.xlim0) * self.per_unit * self.k

    def header_y(self, value: float) -> float:
        """Slide inches of a layout y in the time header (or the line labels' band)."""
        return self.plot_top + value * self.k

    def y(self, value: float) -> float:
        """Slide inches of a layout y: in the header as it is, in the lanes by the page."""
        if value <= self.header + EPSILON:
            return self.header_y(value)
        return self.plot_top + self.k * (self.header + value - self.start)

    @property
    def bottom(self) -> float:
        """Slide inches of the page's last lane's bottom."""
        return self.y(self.end)


def frame_for(layout: RoadmapLayout, page: Page, legend: float) -> Frame:
    """The frame for ``layout`` on slides like ``page``, with ``legend`` inches below it."""
    left, top, width, height = page.area
    plot_width = layout.axes_box[2]
    k = scale_for(layout, page)
    lines = max(1, len(layout.texts.subtitle.split("\n")))
    subtitle = (left, top, width, lines * SUBTITLE_PT * k * LINE / 72 + 0.02)
    plot_top = top + subtitle[3] + GAP
    legend_top = top + height - legend
    header = layout.time_header[1]
    room = (legend_top - GAP - plot_top) / k - header
    return Frame(k, left + (width - plot_width * k) / 2, layout.xlim[0],
                 plot_width / (layout.xlim[1] - layout.xlim[0]), plot_top, header,
                 max(room, 0.5), subtitle, legend_top, plot_width * k)


def scale_for(layout: RoadmapLayout, page: Page) -> float:
    """The factor from layout inches to slide inches: the plot across the free width."""
    return min(MAX_SCALE, page.area[2] / layout.axes_box[2])
