"""Sizes of the roadmap's rows, bars and milestones, and a label's extent before it has a y. Pure.

Every size is in inches and follows from the bar text size, so a smaller text size packs
the same roadmap into less height.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metrics:
    """Sizes in inches that follow from the bar text size ``points``."""

    points: float
    ghost: bool = False  # each row keeps a band under its bar for a reference period

    @property
    def roominess(self) -> float:
        """0 at the smallest text size (6 pt), 1 at the largest (8.5 pt): how airy rows are."""
        return min(1.0, max(0.0, (self.points - 6.0) / 2.5))

    @property
    def squeeze(self) -> bool:
        """True at the smallest sizes, where a bar's label gives way to its milestones."""
        return self.points <= 6.5

    @property
    def bar(self) -> float:
        """Height of a bar: 1.3 ems of its text when compact, 1.5 when roomy."""
        return (1.3 + 0.2 * self.roominess) * self.points / 72

    @property
    def pad(self) -> float:
        """Space above and below a bar in its row."""
        return (0.1 + 0.1 * self.roominess) * self.points / 72

    @property
    def pitch(self) -> float:
        """Height of a row without milestone labels below the bar (and its ghost band)."""
        return self.bar + 2 * self.pad + (self.ghost_gap + self.ghost_band if self.ghost
                                          else 0.0)

    @property
    def ghost_pt(self) -> float:
        """Text size of a ghost's shift label ('+2 kv.')."""
        return max(6.0, self.points - 1.5)

    @property
    def ghost_band(self) -> float:
        """Height of the band under a bar holding its ghost and shift label."""
        return self.ghost_pt * 1.17 / 72 + 0.01

    @property
    def ghost_gap(self) -> float:
        """Space between a bar's bottom and its ghost band."""
        return 0.015

    @property
    def ghost_bar(self) -> float:
        """Height of a ghost bar: thin, under the bar it belongs to."""
        return 0.4 * self.bar

    @property
    def text_pad(self) -> float:
        """Space between a bar's end and its label."""
        return 0.45 * self.points / 72

    @property
    def chevron(self) -> float:
        """Depth of the point on a bar that continues outside the horizon."""
        return 0.45 * self.bar

    @property
    def milestone_pt(self) -> float:
        """Text size of milestone labels."""
        return max(6.0, self.points - 1.0)

    @property
    def diamond(self) -> float:
        """Width of a milestone diamond."""
        return 0.9 * self.milestone_pt / 72


@dataclass(frozen=True)
class Span:
    """A label's text, anchor x, alignment and extent along x, before it has a y."""

    text: str
    x: float
    ha: str
    left: float
    right: float

    def clear_of(self, other: Span) -> bool:
        """True when the two extents do not overlap."""
        return self.right <= other.left or other.right <= self.left
