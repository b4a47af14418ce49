"""Scores, ranks and priority classes for needs: pure, vectorised, explainable.

Method ``weighted`` (the default), exactly::

    score = 100 × Σᵢ wᵢ·uᵢ / Σᵢ wᵢ     over the criteria scored for the need
    uᵢ    = (sᵢ − minᵢ) / (maxᵢ − minᵢ)   (benefit), 1 − that (cost)

Method ``nnv`` ranks by net present value per invested krone, ties broken by the weighted
score. In both, needs marked Lovkrav come first, then the method's order, then the ID.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from okosys_plan.catalogue.model import Criterion, Direction, Need
from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.options import HIGH, MEDIUM, METHOD
from okosys_plan.text.rounding import NOISE_DECIMALS, SCORE_DECIMALS, shown_ratio, shown_score

FloatArray = npt.NDArray[np.float64]


class Method(StrEnum):
    """How needs are ordered."""

    WEIGHTED = "weighted"
    NNV = "nnv"


#: The method when none is asked for (declared in ``prioritise.options.METHOD``).
DEFAULT_METHOD = Method(METHOD.default)


class PriorityClass(StrEnum):
    """A need's priority class, from its score."""

    HIGH = "Høy"
    MEDIUM = "Middels"
    LOW = "Lav"


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds of the priority classes (Høy at ``high`` or more, and so on).

    Scores are compared as shown (``okosys_plan.text.rounding``): give ``classify`` the shown score.
    """

    high: float = HIGH.default
    medium: float = MEDIUM.default

    def classify(self, score: float | None) -> PriorityClass | None:
        """The class a score gives; None for a need without a score."""
        if score is None:
            return None
        if score >= self.high:
            return PriorityClass.HIGH
        return PriorityClass.MEDIUM if score >= self.medium else PriorityClass.LOW


@dataclass(frozen=True)
class ScoredNeed:
    """One need's place in the ranking, with the points behind its score."""

    need: Need
    score: float | None  # as shown: rounded by okosys_plan.text.rounding, and compared so
    contributions: Mapping[str, float]
    missing: tuple[str, ...]
    rank: int
    priority: PriorityClass | None
    effective_rank: int
    effective_priority: PriorityClass | None
    effective_from: str | None = None  # the dependant whose rank lifted this need
    npv_ratio: float | None = None
    unranked_reason: str | None = None  # nnv: why the need is listed after the rest
    exact_score: float | None = None  # before rounding; the contributions sum to this

    @property
    def id(self) -> str:
        """The need's ID."""
        return self.need.id

    @property
    def title(self) -> str:
        """The need's title."""
        return self.need.title

    @property
    def legal_requirement(self) -> bool:
        """True when the need is marked Lovkrav."""
        return self.need.legal_requirement

    @property
    def incomplete(self) -> bool:
        """True when some criterion is not scored for this need."""
        return bool(self.missing)


@dataclass(frozen=True)
class Ranking:
    """Every need, in rank order, with the criteria and settings that ranked them."""

    method: Method
    criteria: tuple[Criterion, ...]
    thresholds: Thresholds
    needs: tuple[ScoredNeed, ...]
    _index: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def find(self, need_id: str) -> ScoredNeed | None:
        """The scored need with this ID (compared as IDs are), or None."""
        position = self._index.get(id_key(need_id))
        return None if position is None else self.needs[position]

    def count(self, priority: PriorityClass) -> int:
        """How many needs have this priority class."""
        return sum(1 for n in self.needs if n.priority is priority)


# --- the arrays behind the scores ------------------------------------------------------


def normalised(criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """The criteria with weights scaled to sum to 1 (unchanged if all are zero)."""
    total = math.fsum(c.weight for c in criteria)
    if total <= 0:
        return tuple(criteria)
    return tuple(replace(c, weight=c.weight / total) for c in criteria)


def utility_matrix(needs: Sequence[Need], criteria: Sequence[Criterion]
                   ) -> tuple[FloatArray, FloatArray]:
    """Utilities ``u`` (n × m, 0 where unscored) and the mask of scored cells (1 or 0)."""
    raw = np.array([[_number(n.scores.get(c.name)) for c in criteria] for n in needs],
                   dtype=np.float64).reshape(len(needs), len(criteria))
    return grades_to_utilities(raw, criteria)


def grades_to_utilities(raw: FloatArray, criteria: Sequence[Criterion]
                        ) -> tuple[FloatArray, FloatArray]:
    """Utilities and mask from a grade matrix (NaN where unscored); ``raw`` is reused.

    A benefit criterion's u = (s − min)/span; a cost criterion's 1 − that = (s − max)/−span,
    so both are one subtraction and one multiplication, done in place.
    """
    present = ~np.isnan(raw)
    offset = np.array([c.scale_max if c.direction is Direction.COST else c.scale_min
                       for c in criteria], dtype=np.float64)
    factor = np.array([(-1.0 if c.direction is Direction.COST else 1.0)
                       / (c.scale_max - c.scale_min) for c in criteria], dtype=np.float64)
    raw -= offset
    raw *= factor
    np.nan_to_num(raw, copy=False, nan=0.0)
    return raw, present.astype(np.float64)


def _number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def weighted_scores(utility: FloatArray, mask: FloatArray, weights: FloatArray) -> FloatArray:
    """Scores for one weight vector (m,) → (n,), or for many (k, m) → (k, n); NaN if none."""
    scores = (100.0 * weights) @ utility.T
    denominator = weights @ mask.T
    with np.errstate(invalid="ignore", divide="ignore"):
        np.divide(scores, denominator, out=scores)  # 0/0 is NaN: a need with no score
    if not np.all(weights > 0):  # a zero weight can leave x/0: say "no score" there too
        scores[denominator <= 0] = np.nan
    return scores


def contributions(utility: FloatArray, mask: FloatArray, weights: FloatArray) -> FloatArray:
    """Points per need and criterion (n × m); each row sums to the need's score."""
    denominator = mask @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        points = 100.0 * utility * weights / denominator[:, None]
    return np.where(denominator[:, None] > 0, points * mask, 0.0)


# --- ranking ----------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


def natural_key(need_id: str) -> tuple[Any, ...]:
    """Sort key for IDs: B2 before B10; case and invisible characters do not count."""
    parts = _DIGITS.split(id_key(need_id))
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts if p)


def primary_groups(needs: Sequence[Need], has_score: Sequence[bool], method: Method,
                   ratios: Sequence[float | None]) -> npt.NDArray[np.int64]:
    """Dense group numbers (0 best) of what outranks the score: Lovkrav, and for nnv the ratio.

    Within a group needs are ordered by weighted score, highest first, then by ID.
    """
    keys: list[tuple[Any, ...]] = []
    for need, scored, ratio in zip(needs, has_score, ratios, strict=True):
        if method is Method.NNV:
            shown = shown_ratio(ratio)  # compared as shown, like the score
            keys.append((not need.legal_requirement, shown is None, -(shown or 0.0), not scored))
        else:
            keys.append((not need.legal_requirement, not scored))
    distinct = {key: number for number, key in enumerate(sorted(set(keys)))}
    return np.array([distinct[key] for key in keys], dtype=np.int64)


_STEPS = 10**SCORE_DECIMALS  # quantised steps per point: scores equal as shown tie
_NOISE = 10**NOISE_DECIMALS
_SPAN = 102 * _STEPS  # quantised scores lie in 0..101 points (no score counts as −1)


def shown_steps(scores: FloatArray) -> npt.NDArray[np.int64]:
    """Scores as shown, in steps of the last shown decimal (NaN, no score, becomes −1 point).

    The rule of ``okosys_plan.text.rounding.shown_score`` in integers: float noise is rounded
    away at ``NOISE_DECIMALS`` decimals, then halves go up.
    """
    noise_free = np.rint(np.nan_to_num(scores, nan=-1.0) * _NOISE).astype(np.int64)
    steps: npt.NDArray[np.int64] = (noise_free + _NOISE // _STEPS // 2) // (_NOISE // _STEPS)
    return steps


def rank_order(groups: npt.NDArray[np.int64], scores: FloatArray,
               id_order: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Need indices in rank order per row of ``scores`` ((n,) or (k, n)).

    Orders by group, then score as shown (highest first), then by position in
    ``id_order`` (the needs sorted by ID). The three are packed into one integer per need
    so a plain sort does the work; a lexsort takes over where they would not fit.
    """
    n = id_order.size
    if n == 0:
        return id_order.copy()
    quantised = 100 * _STEPS - shown_steps(scores[..., id_order])
    group = np.broadcast_to(groups[id_order], quantised.shape)
    position = np.broadcast_to(np.arange(n, dtype=np.int64), quantised.shape)
    bits = max(1, (n - 1).bit_length())
    if (int(groups.max()) + 1) * _SPAN < 2 ** (62 - bits):
        packed = ((group * _SPAN + quantised) << bits) | position
        order: npt.NDArray[np.int64] = np.sort(packed, axis=-1) & ((1 << bits) - 1)
        return id_order[order]
    order = np.lexsort((position, quantised, group), axis=-1)
    return id_order[order]


def npv_ratio(need: Need) -> tuple[float | None, str | None]:
    """Net present value per invested krone, or why there is none."""
    if need.npv is None:
        return None, "missing-npv"
    if need.investment is None:
        return None, "missing-investment"
    ratio = need.npv / need.investment if need.investment else math.inf
    if not math.isfinite(ratio):  # zero, or so near zero the ratio overflows (1e9 / 1e-300)
        return None, "zero-investment"
    return ratio, None


def score_needs(needs: Sequence[Need], criteria: Sequence[Criterion],
                method: Method = Method.WEIGHTED,
                thresholds: Thresholds | None = None) -> Ranking:
    """Score, rank and classify ``needs`` on ``criteria`` (weights are normalised)."""
    used = normalised(criteria)
    thresholds = thresholds or Thresholds()
    utility, mask = utility_matrix(needs, used)
    weights = np.array([c.weight for c in used], dtype=np.float64)
    exact = weighted_scores(utility, mask, weights)
    shown = [shown_score(float(s)) for s in exact]  # the one rule, as the user sees it
    scores = np.array([math.nan if s is None else s for s in shown], dtype=np.float64)
    points = contributions(utility, mask, weights)
    ratios = [npv_ratio(n) if method is Method.NNV else (None, None) for n in needs]
    has_score = [not math.isnan(s) for s in scores]
    groups = primary_groups(needs, has_score, method, [r for r, _ in ratios])
    order = rank_order(groups, scores, id_ordering(needs))
    ranks = np.empty(len(needs), dtype=np.int64)
    ranks[order] = np.arange(1, len(needs) + 1)
    by_rank = [int(i) for i in order]
    effective = effective_ranks(needs, by_rank)
    classes = [thresholds.classify(s) for s in shown]
    by_class = sorted(by_rank, key=lambda i: _CLASS_ORDER[classes[i]])  # stable: rank within
    best_class = effective_ranks(needs, by_class)
    scored = []
    for i in (int(i) for i in order):
        best = effective[i]
        scored.append(ScoredNeed(
            need=needs[i], score=shown[i],
            contributions={c.name: float(points[i, j]) for j, c in enumerate(used)
                           if mask[i, j]},
            missing=tuple(c.name for j, c in enumerate(used) if not mask[i, j]),
            rank=int(ranks[i]), priority=classes[i],
            effective_rank=int(ranks[best]), effective_priority=classes[best_class[i]],
            effective_from=None if best == i else needs[best].id,
            npv_ratio=ratios[i][0], unranked_reason=ratios[i][1],
            exact_score=_maybe(exact[i])))
    index = {id_key(s.id): position for position, s in enumerate(scored)}
    return Ranking(method, used, thresholds, tuple(scored), index)


_CLASS_ORDER = {PriorityClass.HIGH: 0, PriorityClass.MEDIUM: 1, PriorityClass.LOW: 2, None: 3}


def id_ordering(needs: Sequence[Need]) -> npt.NDArray[np.int64]:
    """The need indices sorted by natural ID order (the final tie-break)."""
    return np.array(sorted(range(len(needs)), key=lambda i: natural_key(needs[i].id)),
                    dtype=np.int64).reshape(len(needs))


def _maybe(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def effective_ranks(needs: Sequence[Need], order: Sequence[int]) -> list[int]:
    """For each need, the index of the best-ranked need among itself and its dependants.

    Needs are visited best first; each passes its priority down its chain of dependencies
    to every need not yet reached. Cycles (reported by validation) cannot loop.
    """
    position = {id_key(n.id): i for i, n in enumerate(needs)}
    best = [-1] * len(needs)
    for start in order:
        if best[start] >= 0:
            continue
        best[start] = start
        stack = [start]
        while stack:
            current = stack.pop()
            for dependency in needs[current].depends_on:
                target = position.get(id_key(dependency))
                if target is not None and best[target] < 0:
                    best[target] = start
                    stack.append(target)
    return best
