"""Several assessors' grades combined per need and criterion: pure, vectorised numpy.

The aggregate is the median by default (a grade on an ordinal scale; one assessor far off
cannot move it), or the mean, or the trimmed mean (the mean without the lowest and the
highest grade, from four grades up; below that the mean). Missing grades stay missing:
a cell is aggregated over those who graded it, and its count says how many did.

Agreement per cell (``level``) reads the spread against the criterion's scale, after the
consensus rule common in Delphi studies, an interquartile range of at most one step on a
five-point scale (von der Gracht 2012, *Technological Forecasting and Social Change*
79(8), 1525–1536); on other scales one step is a quarter of the span:

- **high**: IQR ≤ ¼ span and range ≤ ½ span (on 1–5: IQR ≤ 1 and no grades more than
  two steps apart);
- **low**: IQR > ½ span, or fewer than four grades that lie at least ¾ span apart (two or
  three members at opposite ends);
- **medium**: the rest. With fewer than two grades agreement is not defined (None).

Quartiles are numpy's linear ones (the default of ``numpy.percentile``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from okosys_plan.assess.model import (
    AggregateRule,
    Agreement,
    Assessments,
    Cell,
    Level,
)
from okosys_plan.catalogue.model import Criterion
from okosys_plan.prioritise.scoring import FloatArray

#: Fewer grades than this that lie at least ¾ of the scale apart are low agreement.
FEW = 4


def grade_array(assessments: Assessments, needs: Sequence[str],
                criteria: Sequence[Criterion]) -> FloatArray:
    """Every assessor's grades as an assessors × needs × criteria array, NaN where none."""
    grades = np.full((len(assessments.assessments), len(needs), len(criteria)), np.nan)
    need_at = {need: i for i, need in enumerate(needs)}
    criterion_at = {c.name: j for j, c in enumerate(criteria)}
    for a, assessment in enumerate(assessments.assessments):
        places = [(need_at.get(need), criterion_at.get(criterion), grade)
                  for (need, criterion), grade in assessment.grades.items()]
        kept = [(i, j, g) for i, j, g in places if i is not None and j is not None]
        if kept:
            rows, cols, values = zip(*kept, strict=True)
            grades[a, list(rows), list(cols)] = values
    return grades


def combine(grades: FloatArray, rule: AggregateRule) -> FloatArray:
    """The aggregate over the first axis (assessors), NaN where nobody graded."""
    with _quiet():
        if rule is AggregateRule.MEDIAN:
            return np.asarray(np.nanmedian(grades, axis=0), dtype=np.float64)
        count = np.sum(~np.isnan(grades), axis=0)
        total = np.nansum(grades, axis=0)
        mean = total / count
        if rule is AggregateRule.MEAN:
            return np.asarray(mean, dtype=np.float64)
        low, high = np.nanmin(grades, axis=0), np.nanmax(grades, axis=0)
        trimmed = (total - low - high) / (count - 2)
        return np.asarray(np.where(count >= 4, trimmed, mean), dtype=np.float64)


@contextmanager
def _quiet() -> Iterator[None]:
    """Without numpy's "All-NaN slice" warnings: an ungraded cell is NaN, as meant."""
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def spread(grades: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Count, lowest, highest and interquartile range over the assessors (NaN where none)."""
    count = np.sum(~np.isnan(grades), axis=0).astype(np.float64)
    with _quiet():
        low, high = np.nanmin(grades, axis=0), np.nanmax(grades, axis=0)
    q1, q3 = quantiles(grades, (0.25, 0.75))
    return count, low, high, q3 - q1


def quantiles(values: FloatArray, qs: tuple[float, ...]) -> list[FloatArray]:
    """numpy's linear quantiles over the first axis, NaNs left out (``np.nanpercentile``).

    One sort for all cells: numpy's own NaN-aware version works cell by cell, and is most
    of an aggregate's time with a thousand needs (a test holds the two equal).
    """
    if values.shape[0] == 0:
        return [np.full(values.shape[1:], np.nan) for _ in qs]
    ordered = np.sort(values, axis=0)  # NaN sorts last
    count = np.sum(~np.isnan(values), axis=0)
    found = []
    for q in qs:
        place = np.maximum(count - 1, 0) * q
        below = np.floor(place).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(count - 1, 0))
        low = np.take_along_axis(ordered, below[None], axis=0)[0]
        high = np.take_along_axis(ordered, above[None], axis=0)[0]
        value = low + (place - below) * (high - low)
        found.append(np.where(count > 0, value, np.nan))
    return found


def level(count: int, iqr: float, width: float, span: float) -> Level | None:
    """The agreement level of one cell: its IQR and range (``width``) on a scale of ``span``."""
    if count < 2:
        return None
    if iqr > span / 2 or (count < FEW and width >= 0.75 * span):
        return Level.LOW
    if iqr <= span / 4 and width <= span / 2:
        return Level.HIGH
    return Level.MEDIUM


def aggregate(assessments: Assessments, needs: Sequence[str], criteria: Sequence[Criterion],
              rule: AggregateRule = AggregateRule.MEDIAN,
              grades: FloatArray | None = None) -> Agreement:
    """The cells of every need and criterion, from every assessment given.

    ``grades``: their ``grade_array``, when the caller has made it already.
    """
    if grades is None:
        grades = grade_array(assessments, needs, criteria)
    combined = combine(grades, rule)
    count, low, high, iqr = spread(grades)
    # Plain Python numbers, made once for the whole array: a cell at a time from numpy
    # would be most of the aggregate's time.
    given = grades.transpose(1, 2, 0).tolist()
    columns = zip(count.tolist(), combined.tolist(), low.tolist(), high.tolist(), iqr.tolist(),
                  strict=True)
    cells: dict[str, dict[str, Cell]] = {}
    for i, (need, facts) in enumerate(zip(needs, columns, strict=True)):
        cells[need] = {criterion.name: _cell(need, criterion, given[i][j], *cell)
                       for j, (criterion, cell) in enumerate(zip(criteria,
                                                                 zip(*facts, strict=True),
                                                                 strict=True))}
    return Agreement(rule, tuple(a.assessor for a in assessments.assessments),
                     tuple(c.name for c in criteria), cells, _comments(assessments, needs))


def _cell(need: str, criterion: Criterion, grades: list[float], count: float,
          combined: float, low: float, high: float, iqr: float) -> Cell:
    given = tuple(None if g != g else int(g) for g in grades)  # NaN: not given
    if count == 0:
        return Cell(need, criterion.name, given, 0, None, None, None, None, None)
    span = float(criterion.scale_max - criterion.scale_min)
    return Cell(need, criterion.name, given, int(count), combined, int(low), int(high), iqr,
                level(int(count), iqr, high - low, span))


def _comments(assessments: Assessments, needs: Sequence[str]
              ) -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, list[tuple[str, str]]] = {need: [] for need in needs}
    for assessment in assessments.assessments:
        for need, comment in assessment.comments.items():
            if need in found and comment.strip():
                found[need].append((assessment.assessor.name, comment.strip()))
    return {need: tuple(said) for need, said in found.items() if said}
