"""Lines of text with their estimated boxes, for the chain map's layout. Pure."""

from __future__ import annotations

from okosys_plan.charts import palette
from okosys_plan.charts.chains.model import Box, Label
from okosys_plan.charts.geometry import label_width

TEXT_HEIGHT = 1.17 / 72  # inches per point: DejaVu Sans ascent plus descent
PITCH = 1.3 / 72  # inches per point from one line to the next


def line(kind: str, owner: str, text: str, at: tuple[float, float], points: float, *,
         ha: str = "left", colour: str = palette.TEXT, bold: bool = False) -> Label:
    """One line of text anchored at ``at`` (centred vertically) with its estimated box."""
    width = label_width(text, points, bold)
    x, y = at
    x0 = x if ha == "left" else x - width if ha == "right" else x - width / 2
    half = points * TEXT_HEIGHT / 2
    return Label(kind, owner, text, x, y, ha, points, colour, Box(x0, y - half, x0 + width,
                                                                   y + half), bold)


def stacked(kind: str, owner: str, texts: tuple[str, ...], left: float, top: float,
            points: float, colour: str = palette.TEXT, bold: bool = False
            ) -> tuple[tuple[Label, ...], float]:
    """Lines one under another from ``top``, left-aligned at ``left``; and their bottom."""
    labels = []
    y = top
    for text in texts:
        labels.append(line(kind, owner, text, (left, y + points * PITCH / 2), points,
                           colour=colour, bold=bold))
        y += points * PITCH
    return tuple(labels), y


def height(lines: int, points: float) -> float:
    """The height of ``lines`` lines of ``points`` text."""
    return lines * points * PITCH
