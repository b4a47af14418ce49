"""Several assessors' scores, and what they add up to: frozen dataclasses, no I/O.

An assessment is one AU member's workbook: who they are, a whole grade per need and
criterion they scored, and a comment per need. ``Aggregate`` is the combined view per
need and criterion (the aggregate grade, the spread, the agreement level); ``Agreement``
the whole outcome that the ranking, the workbook, the chart, the report and ``--json``
read (``assess.aggregate`` makes it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from okosys_plan.catalogue.model import Problem


class AggregateRule(StrEnum):
    """How the assessors' grades for one need and criterion become one grade."""

    MEDIAN = "median"
    MEAN = "mean"
    TRIMMED = "trimmed"  # the mean without the lowest and the highest grade (from 4 grades)


class Level(StrEnum):
    """How well the assessors agree on one need and criterion (``assess.aggregate.level``)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Assessor:
    """The member who filled an assessment workbook, as its header block says."""

    name: str
    agency: str | None
    file: str


@dataclass(frozen=True)
class Assessment:
    """One assessor's grades and comments, read from one workbook."""

    assessor: Assessor
    #: (need ID, criterion name) -> the whole grade given.
    grades: Mapping[tuple[str, str], int]
    #: need ID -> the assessor's comment on it.
    comments: Mapping[str, str] = field(default_factory=dict)
    #: need ID -> the row the need is on in the workbook (for places in problems).
    rows: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Assessments:
    """Every assessment read, with the problems found reading them (all files)."""

    assessments: tuple[Assessment, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The assessors' names in the order their files were given."""
        return tuple(a.assessor.name for a in self.assessments)


@dataclass(frozen=True)
class Cell:
    """The assessors' grades for one need and criterion, combined."""

    need: str
    criterion: str
    #: Each assessor's grade (None where they gave none), in ``Assessments`` order.
    grades: tuple[int | None, ...]
    count: int  # how many graded it
    aggregate: float | None  # None when nobody graded it
    low: int | None  # the lowest grade given
    high: int | None  # the highest grade given
    iqr: float | None  # interquartile range (numpy's linear quantiles)
    level: Level | None  # None with fewer than two grades: agreement is not defined


@dataclass(frozen=True)
class Outlier:
    """An assessor whose grades are far from the others' on many needs (shown, not dropped)."""

    assessor: str
    far: int  # needs on which they are far from the others
    scored: int  # needs they graded that someone else graded too
    distance: float  # their mean distance from the others' median, in scale steps


@dataclass(frozen=True)
class Discussion:
    """A need for the meeting: the spread of opinions could move it across a line."""

    need: str
    title: str
    rank: int
    #: What could change: "top-k" (in or out of the top K) and/or "class" (its class).
    changes: tuple[str, ...]
    low_score: float  # the lower quartile of the assessors' own scores of it
    score: float  # its score with the aggregate grades
    high_score: float  # … and the upper quartile
    stake: float  # the ordering key (``assess.discuss``): larger is more at stake
    criteria: tuple[str, ...]  # its low-agreement criteria, widest spread first
    comments: tuple[tuple[str, str], ...]  # (assessor, comment)


@dataclass(frozen=True)
class Agreement:
    """Everything the assessments add up to."""

    rule: AggregateRule
    assessors: tuple[Assessor, ...]
    criteria: tuple[str, ...]
    #: need ID -> criterion name -> its cell; every need of the catalogue, every criterion.
    cells: Mapping[str, Mapping[str, Cell]]
    comments: Mapping[str, tuple[tuple[str, str], ...]]  # need ID -> (assessor, comment)
    outliers: tuple[Outlier, ...] = ()
    discussion: tuple[Discussion, ...] = ()

    def low(self, need: str) -> tuple[str, ...]:
        """The criteria of ``need`` the assessors agree little on."""
        return tuple(name for name, cell in self.cells.get(need, {}).items()
                     if cell.level is Level.LOW)
