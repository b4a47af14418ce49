"""The chain map's grid: steps to columns, columns into strips, the gaps between. Pure.

Each distinct step is a column, in step order, the same column in every row. A chain with
more steps than fit across the page is cut into strips of columns, each strip with its
four rows, one under the other; the strips share the columns' x positions, so the gaps
between columns (where arrows run) line up from strip to strip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 0.32  # inches between columns: room for the arrows' vertical runs
MIN_COLUMN = 1.05
MAX_COLUMN = 2.1


@dataclass(frozen=True)
class Grid:
    """Columns by step, strips of columns, and the x of each column in its strip."""

    steps: tuple[float, ...]  # distinct steps in order; column i has steps[i]
    per_strip: int
    left: float  # x of the map's left edge (right of the row names)
    width: float  # a column's width

    @property
    def strips(self) -> int:
        """How many strips the columns fill."""
        return max(1, math.ceil(len(self.steps) / self.per_strip))

    def column(self, step: float) -> int:
        """The column of a step."""
        return self.steps.index(step)

    def strip(self, column: int) -> int:
        """The strip a column is in."""
        return column // self.per_strip

    def x0(self, column: int) -> float:
        """The left edge of a column's boxes."""
        return self.left + GAP + (column % self.per_strip) * (self.width + GAP)

    def x1(self, column: int) -> float:
        """The right edge of a column's boxes."""
        return self.x0(column) + self.width

    def gap_before(self, column: int) -> float:
        """The x of the middle of the gap left of a column."""
        return self.x0(column) - GAP / 2

    def gap_after(self, column: int) -> float:
        """The x of the middle of the gap right of a column."""
        return self.x1(column) + GAP / 2


def make_grid(steps: Sequence[float], left: float, right: float) -> Grid:
    """The grid of ``steps`` between ``left`` and ``right`` (inches): as many columns per
    strip as fit at ``MIN_COLUMN``, shared evenly between the strips needed."""
    distinct = tuple(sorted(set(steps))) or (0.0,)
    room = right - left - GAP
    fits = max(1, int((room + 1e-9) // (MIN_COLUMN + GAP)))
    strips = math.ceil(len(distinct) / fits)
    per_strip = math.ceil(len(distinct) / strips)
    width = min(MAX_COLUMN, room / per_strip - GAP)
    return Grid(distinct, per_strip, left, width)
