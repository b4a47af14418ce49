"""The roadmap chart's plain geometry: boxes, labels, lanes, bars, arrows, ticks. Pure.

Coordinates are the Axes' data units: x in years (1 January 2023 is 2023.0, the end of
31 December 2023 is 2024.0), y in inches down from the top of the Axes (the Axes is drawn
with its y axis inverted). Lane names sit left of the horizon, at x below its first year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from okosys_plan.charts.geometry import EPSILON, Box, LegendEntry, Texts

__all__ = ["EPSILON", "Box"]  # the roadmap's boxes are the charts' common ones

if TYPE_CHECKING:
    from matplotlib.axes import Axes

@dataclass(frozen=True)
class Label:
    """A text at (x, y), its alignment, size and estimated ``box``; ``owner`` is what it names."""

    kind: str  # "bar", "milestone", "marker", "lane", "year", "quarter"
    owner: str
    text: str
    x: float
    y: float
    ha: str
    size: float
    colour: str
    box: Box
    bold: bool = False
    background: str = ""  # a fill behind the text ("" for none)


@dataclass(frozen=True)
class Lane:
    """One swimlane: its group ``name``, the label's lines and its extent ``y0``–``y1``."""

    name: str
    label: Label
    y0: float
    y1: float
    shaded: bool
    accent: str = ""  # a strip in the theme's colour at the lane's left edge …
    accent_x1: float = 0.0  # … from the plot's left edge to this x


@dataclass(frozen=True)
class Bar:
    """One item's bar in one lane, clipped to the horizon, with its label."""

    id: str
    title: str
    lane: str
    start: date
    end: date
    x0: float
    x1: float
    y: float
    height: float
    fill: str
    edge: str
    ink: str
    planned: bool
    hatch: str
    continues_before: bool
    continues_after: bool
    started_before: bool
    status: str
    priority: str
    outline: tuple[tuple[float, float], ...]
    label: Label
    label_inside: bool
    gid: str
    tooltip: str
    row: tuple[float, float]  # y extent of the bar's row, milestone labels included
    #: Milestones (name, date) not drawn: they would need more rows below the bar.
    folded: tuple[tuple[str, date], ...] = ()

    @property
    def box(self) -> Box:
        """The bar's rectangle."""
        return Box(self.x0, self.y - self.height / 2, self.x1, self.y + self.height / 2)


@dataclass(frozen=True)
class Ghost:
    """An item's reference period (a baseline, a base plan) as a thin outline under its bar.

    ``label`` says the shift ('+2 kv.'), 'ny' for an item the reference lacks (then
    ``x0 == x1`` and nothing is drawn but the label), or nothing when it did not move;
    ``name`` is the ID and title of an item only in the reference (``alone``: no bar).
    """

    id: str
    lane: str
    start: date | None  # the reference period (None: not in the reference)
    end: date | None
    x0: float
    x1: float
    y: float
    height: float
    label: Label | None
    name: Label | None
    alone: bool
    start_shift: int | None
    end_shift: int | None
    gid: str

    @property
    def box(self) -> Box:
        """The ghost bar's rectangle (empty width for an item the reference lacks)."""
        return Box(self.x0, self.y - self.height / 2, self.x1, self.y + self.height / 2)

    @property
    def drawn(self) -> bool:
        """True when there is a reference period to draw."""
        return self.start is not None


@dataclass(frozen=True)
class Milestone:
    """A milestone diamond at ``x`` on an item's row, with its short label."""

    item: str
    name: str
    when: date
    x: float
    y: float
    size: float  # inches across
    label: Label
    on_bar: bool  # on the bar itself, else on a line below it


@dataclass(frozen=True)
class Arrow:
    """A dependency: an elbow path from the end of ``source`` to the start of ``target``."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Tick:
    """A year or a quarter on the time axis: its span ``x0``–``x1`` and label."""

    kind: str  # "year" or "quarter"
    x0: float
    x1: float
    label: Label
    edge: str = "top"  # "bottom" for the axis repeated below a tall chart


@dataclass(frozen=True)
class VLine:
    """A vertical line (the as-of date or a settings marker) with its label."""

    kind: str  # "as_of" or "marker"
    when: date
    x: float
    y0: float
    y1: float
    colour: str
    dashed: bool
    full_label: str
    label: Label


@dataclass(frozen=True)
class Omitted:
    """An item not drawn because its period lies outside the horizon."""

    id: str
    title: str
    start: date
    end: date
    reason: str  # "before", "after" or "invalid" (ends before it starts)


@dataclass(frozen=True)
class RoadmapLayout:
    """Everything the roadmap chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    axes_box: tuple[float, float, float, float]  # left, bottom, width, height in inches
    xlim: tuple[float, float]
    ylim: tuple[float, float]  # (bottom, top): y grows downwards
    horizon: tuple[date, date]
    as_of: date
    group_by: str
    colour_by: str
    lang: str
    texts: Texts
    title_y: float  # inches from the figure's bottom to the title's and subtitle's tops
    subtitle_y: float
    text_size: float  # points of the bar labels
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    milestones: tuple[Milestone, ...]
    arrows: tuple[Arrow, ...]
    ticks: tuple[Tick, ...]
    lines: tuple[VLine, ...]
    time_header: tuple[float, float]  # y extent of the years and quarters
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    legend_top: float  # inches from the figure's bottom
    notes_top: float
    omitted: tuple[Omitted, ...]
    undated: int
    description: str
    ghosts: tuple[Ghost, ...] = ()
    reference_label: str = ""  # the legend's name of the reference periods ("" for none)

    @property
    def plot_box(self) -> Box:
        """The Axes' extent in data units."""
        return Box(self.xlim[0], self.ylim[1], self.xlim[1], self.ylim[0])

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every label the chart draws inside the Axes."""
        return (*(lane.label for lane in self.lanes), *(t.label for t in self.ticks),
                *(b.label for b in self.bars), *(m.label for m in self.milestones),
                *(line.label for line in self.lines),
                *(g.label for g in self.ghosts if g.label is not None),
                *(g.name for g in self.ghosts if g.name is not None))

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.roadmap.draw.draw_roadmap)."""
        from okosys_plan.charts.roadmap.draw import draw_roadmap

        draw_roadmap(axes, self)
