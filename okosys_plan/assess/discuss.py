"""The meeting's discussion list, and the assessors far from the others: pure numpy.

**Discussion list.** Each assessor's own score of a need is worked out from their grades
(the aggregate where they gave none); the spread of opinions on the need is the range
from the lower to the upper quartile of those scores (numpy's linear quartiles), the
middle half of the members. The need is on the list when that range crosses a line the
meeting cares about (the scores compared as shown, like every score):

- ``top-k``: a need in the top K whose low score falls below the score of the first need
  outside it, or a need outside whose high score passes the score of the K-th need (needs
  with Lovkrav are first whatever their score and are not listed for this);
- ``class``: its low and high scores fall in different classes (Høy / Middels / Lav).

**Stake**, the list's order: how many points of the range lie across the lines it
crosses (for the top K, below the first need outside or above the K-th; for the class,
the distance past the nearest class limit inside the range), summed; the larger, the
more a change of opinion would move it. Ties go by rank.

**Assessors far from the others.** For every need an assessor graded together with at
least two others, their distance is the mean, over the criteria both graded, of how far
their grade is from the others' median, in steps of a quarter of the scale (one grade on
1–5). They are far on that need at ``FAR_STEPS`` steps or more, and shown when they are
far on at least ``FAR_SHARE`` of such needs (and on at least ``FAR_LEAST`` needs).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from okosys_plan.assess.aggregate import combine, quantiles
from okosys_plan.assess.model import AggregateRule, Agreement, Discussion, Level, Outlier
from okosys_plan.catalogue.model import Criterion
from okosys_plan.prioritise.scoring import (
    FloatArray,
    Ranking,
    Thresholds,
    grades_to_utilities,
    weighted_scores,
)
from okosys_plan.text.rounding import shown_score

FAR_STEPS = 1.5
FAR_SHARE = 1 / 3
FAR_LEAST = 3


def score_range(grades: FloatArray, criteria: Sequence[Criterion], rule: AggregateRule
                ) -> tuple[FloatArray, FloatArray]:
    """The lower and upper quartile of the assessors' own scores of each need (n,).

    An assessor's own score takes their grades, and the aggregate where they gave none.
    """
    combined = combine(grades, rule)
    own = np.where(np.isnan(grades), combined[None], grades)
    utility, mask = grades_to_utilities(own.reshape(-1, own.shape[-1]).copy(), criteria)
    weights = np.array([c.weight for c in criteria], dtype=np.float64)
    scores = weighted_scores(utility, mask, weights).reshape(own.shape[:2])
    low, high = quantiles(scores, (0.25, 0.75))
    return low, high


def discussion(agreement: Agreement, ranking: Ranking, grades: FloatArray, top_k: int
               ) -> tuple[Discussion, ...]:
    """The needs whose class or top-K membership the spread of opinions could change.

    ``grades`` is assessors × needs × criteria in the ranking's order of needs.
    """
    needs = ranking.needs
    low, high = score_range(grades, ranking.criteria, agreement.rule)
    shown = [s.score for s in needs]
    k = min(top_k, len(needs))
    inside = shown[k - 1] if k >= 1 else None
    outside = shown[k] if k < len(needs) else None
    listed: list[Discussion] = []
    for i, scored in enumerate(needs):
        if scored.score is None or np.isnan(low[i]):
            continue
        lo, hi = shown_score(float(low[i])) or 0.0, shown_score(float(high[i])) or 0.0
        changes, stake = [], 0.0
        if not scored.legal_requirement:
            reach = _across_top(i < k, lo, hi, inside, outside)
            if reach > 0:
                changes.append("top-k")
                stake += reach
        reach = _across_class(ranking.thresholds, lo, hi)
        if reach > 0:
            changes.append("class")
            stake += reach
        if changes:
            listed.append(Discussion(
                scored.id, scored.title, scored.rank, tuple(changes), lo, scored.score, hi,
                round(stake, 6), _disagreeing(agreement, scored.id),
                agreement.comments.get(scored.id, ())))
    return tuple(sorted(listed, key=lambda d: (-d.stake, d.rank)))


def _across_top(inside_k: bool, low: float, high: float, kth: float | None,
                next_out: float | None) -> float:
    if inside_k:
        return max(0.0, next_out - low) if next_out is not None else 0.0
    return max(0.0, high - kth) if kth is not None else 0.0


def _across_class(thresholds: Thresholds, low: float, high: float) -> float:
    """Points of [low, high] past the class limits inside it (the nearer end's distance)."""
    reach = 0.0
    for limit in (thresholds.medium, thresholds.high):
        if low < limit <= high:
            reach += min(limit - low, high - limit)
    return reach


def _disagreeing(agreement: Agreement, need: str) -> tuple[str, ...]:
    cells = [c for c in agreement.cells.get(need, {}).values()
             if c.level in (Level.LOW, Level.MEDIUM)]
    order = sorted(cells, key=lambda c: (c.level is not Level.LOW, -(c.iqr or 0.0)))
    return tuple(c.criterion for c in order)


def outliers(agreement: Agreement, grades: FloatArray, criteria: Sequence[Criterion]
             ) -> tuple[Outlier, ...]:
    """The assessors far from the others' median on many of the needs they graded."""
    steps = np.array([(c.scale_max - c.scale_min) / 4 for c in criteria], dtype=np.float64)
    found = []
    for a, assessor in enumerate(agreement.assessors):
        others = np.delete(grades, a, axis=0)
        counted = np.sum(~np.isnan(others), axis=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            median = quantiles(others, (0.5,))[0]
            gap = np.abs(grades[a] - median) / steps
            gap[counted < 2] = np.nan
            per_need = np.nanmean(gap, axis=1)
        graded = ~np.isnan(per_need)
        scored = int(graded.sum())
        far = int(np.sum(per_need[graded] >= FAR_STEPS))
        if scored and far >= FAR_LEAST and far >= FAR_SHARE * scored:
            found.append(Outlier(assessor.name, far, scored,
                                 round(float(np.mean(per_need[graded])), 6)))
    return tuple(sorted(found, key=lambda o: (-o.far / o.scored, o.assessor)))
