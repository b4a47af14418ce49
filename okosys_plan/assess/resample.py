"""Which assessors' grades: a bootstrap over the assessors, for the ranking's stability.

Each draw picks as many assessors as there are, with replacement (a panel that might have
been), and aggregates their grades with the run's rule. The stability analysis
(``prioritise.sensitivity``) ranks each draw with its own weights and these grades, so a
need's rank interval reflects both the weights' and the assessors' uncertainty.

A draw is a row of counts (how often each assessor was picked, a multinomial), so the
aggregate over the picked panel is the counts' weighted view of each assessor's grades.
On whole-grade scales of up to ``MAX_LEVELS`` values it is computed from counts (one
matrix product per block of draws): the median from how many picked assessors graded at
or below each level (the middle grades lie where twice that count passes the panel's
size), the means from how many gave each grade; on other scales from the picked grades
themselves. ``tests/assess`` holds both to ``aggregate.combine`` on the
picked panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from okosys_plan.assess.aggregate import combine
from okosys_plan.assess.model import AggregateRule
from okosys_plan.catalogue.model import Criterion
from okosys_plan.prioritise.scoring import FloatArray

#: Scales with at most this many values are aggregated from counts per grade.
MAX_LEVELS = 21
#: Numbers per temporary block at most (draws × cells × levels): 16–32 MB.
_BLOCK = 4_000_000

Resample = Callable[[np.random.Generator, int], FloatArray]


def picks(rng: np.random.Generator, draws: int, assessors: int) -> npt.NDArray[np.int64]:
    """How often each assessor is picked in each of ``draws`` panels (draws × assessors)."""
    return rng.multinomial(assessors, np.full(assessors, 1.0 / assessors), size=draws)


def resampler(grades: FloatArray, criteria: Sequence[Criterion],
              rule: AggregateRule) -> Resample:
    """A function (rng, draws) → draws × needs × criteria aggregate grades of drawn panels."""
    assessors = grades.shape[0]
    low = np.array([c.scale_min for c in criteria], dtype=np.float64)
    levels = int(max((c.scale_max - c.scale_min for c in criteria), default=0)) + 1
    if levels > MAX_LEVELS:
        return lambda rng, draws: _by_gathering(grades, picks(rng, draws, assessors), rule)
    if rule is AggregateRule.MEDIAN:
        below = _at_or_below(grades, low, levels)

        def median(rng: np.random.Generator, draws: int) -> FloatArray:
            return _median_by_counts(picks(rng, draws, assessors), below, low, grades.shape[1:])

        return median
    onehot = _onehot(grades, low, levels)
    filled = np.nan_to_num(grades).reshape(assessors, -1)

    def draw(rng: np.random.Generator, draws: int) -> FloatArray:
        weights = picks(rng, draws, assessors).astype(np.float64)
        return _by_counts(weights, onehot, filled, low, grades.shape[1:], rule)

    return draw


def _onehot(grades: FloatArray, low: FloatArray, levels: int) -> FloatArray:
    """assessors × (cells · levels): 1 where an assessor gave that grade to that cell."""
    offsets = np.nan_to_num(grades - low, nan=-1.0).astype(np.int64)
    onehot = (offsets[..., None] == np.arange(levels)).astype(np.float64)
    return np.asarray(onehot.reshape(grades.shape[0], -1), dtype=np.float64)


def _at_or_below(grades: FloatArray, low: FloatArray, levels: int) -> FloatArray:
    """assessors × (levels · cells), level-major: 1 where an assessor graded the cell at or
    below that level (the last level: graded at all). Float32 holds the counts exactly."""
    offsets = np.nan_to_num(grades - low, nan=-1.0).astype(np.int64).reshape(grades.shape[0], -1)
    below = (offsets[:, None, :] <= np.arange(levels)[None, :, None]) & (offsets[:, None, :] >= 0)
    dtype = np.float32 if grades.shape[0] < 2**24 else np.float64
    return np.asarray(below.reshape(grades.shape[0], -1), dtype=dtype)


def _median_by_counts(weights: npt.NDArray[np.int64], below: FloatArray, low: FloatArray,
                      shape: tuple[int, ...]) -> FloatArray:
    """The median grade of each drawn panel from how many picked assessors graded at or below
    each level (``_at_or_below``).

    With c picks at or below a level and k picks in all, the lower middle grade (rank
    ⌊(k+1)/2⌋) lies above that level exactly when 2c < k, the upper one (⌊k/2⌋ + 1) when
    2c ≤ k; so the two middle grades' offsets are counts of levels, and the median is
    their mean.
    """
    draws = weights.shape[0]
    cells = int(np.prod(shape))
    levels = below.shape[1] // max(1, cells)
    out = np.empty((draws, cells), dtype=np.float64)
    step = max(1, _BLOCK // max(1, cells * levels))
    w = weights.astype(below.dtype)
    for start in range(0, draws, step):
        block = w[start:start + step]
        counts = (block @ below).reshape(len(block), levels, cells)
        count = counts[:, -1]
        middle = np.zeros((len(block), cells), dtype=below.dtype)
        above = np.empty((len(block), cells), dtype=bool)
        for level in range(levels - 1):
            twice = counts[:, level]
            twice *= 2
            middle += np.less(twice, count, out=above)
            middle += np.less_equal(twice, count, out=above)
        value = out[start:start + step]
        np.multiply(middle, 0.5, out=value)
        value.reshape(len(block), -1, low.size)[...] += low
        value[count == 0] = np.nan
    return out.reshape(draws, *shape)


def _by_counts(weights: FloatArray, onehot: FloatArray, filled: FloatArray,
               low: FloatArray, shape: tuple[int, ...], rule: AggregateRule) -> FloatArray:
    draws = weights.shape[0]
    cells = int(np.prod(shape))
    levels = onehot.shape[1] // max(1, cells)
    out = np.empty((draws, *shape), dtype=np.float64)
    step = max(1, _BLOCK // max(1, cells * levels))
    for start in range(0, draws, step):
        w = weights[start:start + step]
        counts = (w @ onehot).reshape(len(w), *shape, levels)
        count = counts.sum(axis=-1)
        value = _mean(w, filled, shape, count, counts, low, rule)
        out[start:start + step] = np.where(count > 0, value, np.nan)
    return out


def _mean(weights: FloatArray, filled: FloatArray, shape: tuple[int, ...], count: FloatArray,
          counts: FloatArray, low: FloatArray, rule: AggregateRule) -> FloatArray:
    total = (weights @ filled).reshape(len(weights), *shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        if rule is AggregateRule.MEAN:
            return np.asarray(mean, dtype=np.float64)
        given = counts > 0
        levels = counts.shape[-1]
        smallest = np.argmax(given, axis=-1) + low
        largest = levels - 1 - np.argmax(given[..., ::-1], axis=-1) + low
        trimmed = (total - smallest - largest) / (count - 2)
    return np.asarray(np.where(count >= 4, trimmed, mean), dtype=np.float64)


def _by_gathering(grades: FloatArray, weights: npt.NDArray[np.int64],
                  rule: AggregateRule) -> FloatArray:
    """The aggregate of each drawn panel from its grades (any scale)."""
    out = np.empty((weights.shape[0], *grades.shape[1:]), dtype=np.float64)
    for d, row in enumerate(weights):
        out[d] = combine(np.repeat(grades, row, axis=0), rule)
    return out
