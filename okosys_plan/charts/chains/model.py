"""The service-chain map's plain geometry: bands, boxes, badges, arrows, texts. Pure.

Coordinates are inches on the page: x from its left edge, y down from its top (the one
Axes covers the whole figure, its y axis inverted). Every text is one line with the box
it is estimated to take; the drawing tests check the estimates against the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.chains.model import ChainMap
from okosys_plan.charts import geometry
from okosys_plan.charts.geometry import Texts

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def element_gid(element_id: str) -> str:
    """The SVG id of an element's box: 'element-K3'."""
    return "element-" + (re.sub(r"[^A-Za-z0-9_-]", "_", element_id) or "_")


@dataclass(frozen=True)
class Box(geometry.Box):
    """A rectangle in inches, y down from the page's top: the charts' box, with its
    outline and size."""

    def on_edge(self, point: tuple[float, float]) -> bool:
        """True when ``point`` lies on this box's outline."""
        x, y = point
        tol = 1e-6
        within_x = self.x0 - tol <= x <= self.x1 + tol
        within_y = self.y0 - tol <= y <= self.y1 + tol
        return ((within_y and (abs(x - self.x0) <= tol or abs(x - self.x1) <= tol))
                or (within_x and (abs(y - self.y0) <= tol or abs(y - self.y1) <= tol)))

    @property
    def width(self) -> float:
        """The box's width in inches."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """The box's height in inches."""
        return self.y1 - self.y0


@dataclass(frozen=True)
class Label:
    """One line of text at (x, y), centred vertically, with its estimated ``box``."""

    kind: str  # "title", "subtitle", "row", "element", "actor", "badge", "note", "legend"
    owner: str  # what it names: an element ID, a row kind, a break's number
    text: str
    x: float
    y: float
    ha: str
    size: float
    colour: str
    box: Box
    bold: bool = False


@dataclass(frozen=True)
class Band:
    """One row of the map (a row kind) in one strip of columns, with its name at the left."""

    layer: str
    strip: int
    y0: float
    y1: float
    shaded: bool
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class Badge:
    """A break's mark on its element: the level's colour and letter, and its number."""

    number: int
    level: str
    letter: str
    colour: str
    box: Box
    label: Label


@dataclass(frozen=True)
class Element:
    """One element's box: where it is, how it looks, its lines of text and its badge."""

    id: str
    layer: str
    step: float
    column: int  # over the whole chain, from 0
    strip: int
    box: Box
    fill: str
    edge: str
    linewidth: float
    labels: tuple[Label, ...]
    badge: Badge | None = None


@dataclass(frozen=True)
class Arrow:
    """A trigger: an orthogonal path from the edge of ``source`` to the edge of ``target``."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Note:
    """A break's label below the map: its badge again, then its lines (element, needs)."""

    number: int
    element: str
    badge: Badge
    labels: tuple[Label, ...]
    box: Box


@dataclass(frozen=True)
class Key:
    """A legend entry: its mark (a badge, an arrow or a box) and its label."""

    kind: str  # "badge", "arrow", "box"
    mark: Box
    colour: str
    letter: str
    label: Label


@dataclass(frozen=True)
class ChainLayout:
    """Everything one chain's map shows, as plain numbers and strings."""

    chain: ChainMap
    size: tuple[float, float]
    lang: str
    texts: Texts
    headings: tuple[Label, ...]  # title and subtitle lines
    bands: tuple[Band, ...]
    elements: tuple[Element, ...]
    arrows: tuple[Arrow, ...]
    keys: tuple[Key, ...]
    notes: tuple[Note, ...]
    description: str

    @property
    def axes_box(self) -> tuple[float, float, float, float]:
        """The one Axes covers the page (``charts.save.figure_for`` places it so)."""
        return (0.0, 0.0, self.size[0], self.size[1])

    @property
    def page(self) -> Box:
        """The page in inches."""
        return Box(0.0, 0.0, self.size[0], self.size[1])

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every text the chart draws."""
        return (*self.headings, *(t for b in self.bands for t in b.labels),
                *(t for e in self.elements for t in e.labels),
                *(e.badge.label for e in self.elements if e.badge is not None),
                *(k.label for k in self.keys),
                *(n.badge.label for n in self.notes), *(t for n in self.notes for t in n.labels))

    def element(self, element_id: str) -> Element:
        """The drawn element of that ID."""
        return next(e for e in self.elements if e.id == element_id)

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.chains.draw.draw_chain)."""
        from okosys_plan.charts.chains.draw import draw_chain

        draw_chain(axes, self)
