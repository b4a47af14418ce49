"""How stable the ranking is when the weights are uncertain: pure, vectorised numpy.

Weight vectors are drawn from a Dirichlet distribution centred on the given weights; every
need is rescored and reranked per draw with the ranking's own rules (Lovkrav first, the
method's order, ID as tie-break). Ranks are counted in an n × n histogram, so memory does
not grow with the number of draws.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from okosys_plan import limits
from okosys_plan.catalogue.model import Criterion, Direction
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.scoring import (
    FloatArray,
    PriorityClass,
    Ranking,
    id_ordering,
    primary_groups,
    rank_order,
    utility_matrix,
    weighted_scores,
)

#: Grades of drawn assessor panels: (rng, draws) → draws × needs × criteria, in the
#: ranking's order, NaN where a panel gave none (``assess.resample``).
Panels = Callable[[np.random.Generator, int], "FloatArray"]

#: The one-at-a-time factors applied to each criterion's weight.
FACTORS: tuple[float, ...] = tuple(round(0.5 + 0.1 * i, 1) for i in range(11))
#: Default relative spread (standard deviation / weight) of a typical weight.
DEFAULT_SPREAD = 0.20
_CHUNK = 256  # draws per block at most: small enough for the temporaries to stay in cache
#: Draws × needs per block at most: a block's score matrix and its sort's temporaries
#: (about eight arrays of this many numbers) stay near 250 MB at 100 000 needs.
_BLOCK_CELLS = 4_000_000


def block_size(needs: int) -> int:
    """Draws per block for ``needs`` needs (the same draws and results for any size)."""
    return max(1, min(_CHUNK, _BLOCK_CELLS // max(1, needs)))


@dataclass(frozen=True)
class Stability:
    """One need's rank under weight uncertainty."""

    median_rank: int
    rank_p05: int
    rank_p95: int
    p_top_k: float

    @property
    def uncertain(self) -> bool:
        """True when top-K membership is neither clear in nor clear out (10–90 %)."""
        return 0.10 <= self.p_top_k <= 0.90


@dataclass(frozen=True)
class WeightChange:
    """Needs that enter or leave the top K when one criterion's weight is scaled."""

    criterion: str
    factor: float
    entered: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True)
class Sensitivity:
    """The outcome of a sensitivity run."""

    draws: int
    seed: int
    concentration: float
    top_k: int
    stability: Mapping[str, Stability]  # by need ID
    changes: tuple[WeightChange, ...]  # one-at-a-time, only factors that change the top K

    def uncertain(self) -> tuple[str, ...]:
        """IDs of needs whose top-K membership is uncertain."""
        return tuple(i for i, s in self.stability.items() if s.uncertain)


def default_concentration(weights: Sequence[float], spread: float = DEFAULT_SPREAD) -> float:
    """The Dirichlet concentration that moves a typical weight (1/m) by ``spread``.

    For a Dirichlet with concentration c centred on w, sd(wᵢ)/wᵢ = √((1 − wᵢ)/(wᵢ(c + 1))),
    so c = (m − 1)/spread² − 1 at wᵢ = 1/m.
    """
    m = sum(1 for w in weights if w > 0)
    return max(1.0, (m - 1) / spread**2 - 1)


def default_top_k(ranking: Ranking) -> int:
    """K: the Høy needs, with the Lovkrav needs ranked ahead of them whatever their class.

    The top K is then the high-priority group as the list shows it. With no Høy need, a
    tenth of the needs (at least 1).
    """
    high = [s.rank for s in ranking.needs if s.priority is PriorityClass.HIGH]
    if high:
        return sum(1 for s in ranking.needs
                   if s.priority is PriorityClass.HIGH or (s.legal_requirement
                                                           and s.rank < max(high)))
    return max(1, min(len(ranking.needs), round(len(ranking.needs) / 10)))


def draw_weights(weights: FloatArray, draws: int, concentration: float,
                 rng: np.random.Generator) -> FloatArray:
    """``draws`` weight vectors around ``weights``; zero weights stay zero."""
    positive = weights > 0
    drawn = np.zeros((draws, weights.size), dtype=np.float64)
    if positive.sum() == 1:
        drawn[:, positive] = 1.0
    elif positive.any():
        drawn[:, positive] = rng.dirichlet(concentration * weights[positive], size=draws)
    return drawn


@dataclass(frozen=True)
class _Problem:
    """The arrays a ranking is recomputed from, with the needs put in ID order once."""

    utility: FloatArray
    mask: FloatArray
    groups: npt.NDArray[np.int64]
    id_order: npt.NDArray[np.int64]
    positions: npt.NDArray[np.int64]
    criteria: tuple[Criterion, ...] = ()

    def orders(self, weights: FloatArray) -> npt.NDArray[np.int64]:
        """Need indices in rank order for each row of ``weights``."""
        scores = weighted_scores(self.utility, self.mask, weights)
        return self.id_order[rank_order(self.groups, scores, self.positions)]

    def panel_orders(self, grades: FloatArray, weights: FloatArray) -> npt.NDArray[np.int64]:
        """Need indices in rank order for each draw's grades (d × n × m) and weights (d × m)."""
        utility = np.take(grades, self.id_order, axis=1)
        missing = np.isnan(utility)
        offset, factor = _linear(self.criteria)
        utility -= offset  # the arithmetic of scoring.grades_to_utilities, in place
        utility *= factor
        utility[missing] = 0.0
        mask = np.logical_not(missing).astype(np.float64)
        scores = 100.0 * np.einsum("dnm,dm->dn", utility, weights)
        denominator = np.einsum("dnm,dm->dn", mask, weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            np.divide(scores, denominator, out=scores)
        scores[denominator <= 0] = np.nan
        return self.id_order[rank_order(self.groups, scores, self.positions)]


def _linear(criteria: Sequence[Criterion]) -> tuple[FloatArray, FloatArray]:
    """The offset and factor that make grades utilities (``scoring.grades_to_utilities``).

    Here without its ``nan_to_num`` (which also looks for infinities, and a panel's grades
    have none): the panels' grades are the bulk of a stability run with several assessors.
    """
    cost = [c.direction is Direction.COST for c in criteria]
    offset = np.array([c.scale_max if k else c.scale_min for c, k in zip(criteria, cost,
                                                                         strict=True)],
                      dtype=np.float64)
    factor = np.array([(-1.0 if k else 1.0) / (c.scale_max - c.scale_min)
                       for c, k in zip(criteria, cost, strict=True)], dtype=np.float64)
    return offset, factor


def _problem(ranking: Ranking) -> _Problem:
    needs = [s.need for s in ranking.needs]
    utility, mask = utility_matrix(needs, ranking.criteria)
    # Dirichlet weights are all positive, so a need has a score exactly when it has any.
    has_score = [bool(row.any()) for row in mask]
    groups = primary_groups(needs, has_score, ranking.method, [s.npv_ratio for s in ranking.needs])
    id_order = id_ordering(needs)
    positions = np.arange(len(needs), dtype=np.int64)
    return _Problem(np.ascontiguousarray(utility[id_order]), np.ascontiguousarray(mask[id_order]),
                    groups[id_order], id_order, positions, tuple(ranking.criteria))


def sensitivity(ranking: Ranking, draws: int, seed: int, *,
                concentration: float | None = None, top_k: int | None = None,
                on_block: Callable[[int, int], None] | None = None,
                panels: Panels | None = None) -> Sensitivity:
    """Rank stability of every need over ``draws`` Dirichlet weight draws (seeded).

    With ``panels`` (several assessors), each draw also ranks the grades of a drawn panel
    of assessors, so the rank interval reflects both sources of uncertainty.
    ``on_block(done, total)`` is called after each block of draws (for a progress bar).
    """
    n = len(ranking.needs)
    _check(n, draws, seed, concentration, top_k)
    weights = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    c = concentration if concentration is not None else default_concentration(weights.tolist())
    k = min(n, top_k) if top_k is not None else default_top_k(ranking)  # K ≤ the needs
    problem = _problem(ranking)
    rng = np.random.default_rng(seed)
    blocks = _blocks(problem, weights, draws, c, rng, on_block, panels)
    if uses_histogram(n, draws):
        stability = _stability(_histogram(blocks, n), draws, k)
    else:
        stability = _stability_from_ranks(_rank_matrix(blocks, n, draws), draws, k)
    ids = [s.id for s in ranking.needs]
    return Sensitivity(draws, seed, c, k, dict(zip(ids, stability, strict=True)),
                       one_at_a_time(ranking, k, problem))


def _check(needs: int, draws: int, seed: int, concentration: float | None,
           top_k: int | None) -> None:
    """UsageError for a setting outside its documented range (``okosys_plan.limits``)."""
    most = limits.max_draws(needs)
    if not 0 <= draws <= most:
        raise UsageError.bad_option("{draws} sensitivity draws: use 0 to {most} with {needs} needs",
                                    draws=draws, most=most, needs=needs)
    if not 0 <= seed <= limits.MAX_SEED:
        raise UsageError.bad_option("seed {seed}: use 0 to {most}", seed=seed,
                                    most=limits.MAX_SEED)
    if concentration is not None and not limits.finite_in(
            concentration, limits.MIN_CONCENTRATION, limits.MAX_CONCENTRATION):
        raise UsageError.bad_option("concentration {concentration}: use {least:g} to {most:g}",
                                    concentration=concentration, least=limits.MIN_CONCENTRATION,
                                    most=limits.MAX_CONCENTRATION)
    if top_k is not None and top_k < 1:
        raise UsageError.bad_option("top K {top_k}: use 1 or more", top_k=top_k)


def uses_histogram(needs: int, draws: int) -> bool:
    """Count ranks in an n × n histogram (8n² bytes) or keep a draws × n rank matrix (4dn).

    The smaller wins: the histogram for a few thousand needs, the matrix for more.
    """
    return 2 * needs <= draws or needs <= HISTOGRAM_NEEDS


#: Up to this many needs the histogram is used whatever the draws (at most 128 MB).
HISTOGRAM_NEEDS = 4000


def _blocks(problem: _Problem, weights: FloatArray, draws: int, concentration: float,
            rng: np.random.Generator, on_block: Callable[[int, int], None] | None,
            panels: Panels | None = None) -> Iterator[tuple[int, npt.NDArray[np.int64]]]:
    """(first draw, rank orders) per block of draws, reporting progress as it goes."""
    size = block_size(problem.id_order.size * (len(problem.criteria) if panels else 1))
    for start in range(0, draws, size):
        block = draw_weights(weights, min(size, draws - start), concentration, rng)
        if panels is None:
            yield start, problem.orders(block)
        else:
            yield start, problem.panel_orders(panels(rng, block.shape[0]), block)
        if on_block is not None:
            on_block(min(start + size, draws), draws)


def _histogram(blocks: Iterator[tuple[int, npt.NDArray[np.int64]]], n: int
               ) -> npt.NDArray[np.int64]:
    histogram = np.zeros(n * n, dtype=np.int64)
    positions = np.arange(n, dtype=np.int64)
    for _start, orders in blocks:
        histogram += np.bincount((orders * n + positions).ravel(), minlength=n * n)
    return histogram.reshape(n, n)


def _rank_matrix(blocks: Iterator[tuple[int, npt.NDArray[np.int64]]], n: int, draws: int
                 ) -> npt.NDArray[np.int32]:
    """Every need's rank in every draw (draws × n)."""
    ranks = np.empty((draws, n), dtype=np.int32)
    places = np.arange(1, n + 1, dtype=np.int32)
    for start, orders in blocks:
        rows = ranks[start:start + orders.shape[0]]
        np.put_along_axis(rows, orders, np.broadcast_to(places, orders.shape), axis=1)
    return ranks


def _stability(histogram: npt.NDArray[np.int64], draws: int, k: int) -> list[Stability]:
    """Median, 5 % and 95 % ranks (observed ranks, inverted CDF) and P(rank ≤ k)."""
    cumulative = np.cumsum(histogram, axis=1)
    result = []
    for row in cumulative:
        def quantile(q: float, row: npt.NDArray[np.int64] = row) -> int:
            return int(np.searchsorted(row, _needed(q, draws), side="left")) + 1

        p_top = float(row[k - 1]) / draws if draws and k else 0.0
        result.append(Stability(quantile(0.5), quantile(0.05), quantile(0.95), p_top))
    return result


def _needed(q: float, draws: int) -> int:
    """How many draws must lie at or below a rank for it to be the q-quantile."""
    return max(1, math.ceil(q * draws - 1e-9))


def _stability_from_ranks(ranks: npt.NDArray[np.int32], draws: int, k: int
                          ) -> list[Stability]:
    """The same figures as ``_stability``, from the rank matrix (sorted in place)."""
    in_top = np.count_nonzero(ranks <= k, axis=0) / draws if draws else np.zeros(ranks.shape[1])
    ranks.sort(axis=0)
    picks = [ranks[_needed(q, draws) - 1] for q in (0.5, 0.05, 0.95)]
    return [Stability(int(m), int(lo), int(hi), float(p))
            for m, lo, hi, p in zip(*picks, in_top, strict=True)]


def one_at_a_time(ranking: Ranking, k: int, problem: _Problem | None = None,
                  factors: Sequence[float] = FACTORS) -> tuple[WeightChange, ...]:
    """For each criterion and factor, the needs entering or leaving the top K."""
    problem = problem or _problem(ranking)
    weights = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    ids = [s.id for s in ranking.needs]
    place = {need_id: at for at, need_id in enumerate(ids)}
    base = set(ids[:k])
    changes = []
    for j, criterion in enumerate(ranking.criteria):
        scaled = np.repeat(weights[None, :], len(factors), axis=0)
        scaled[:, j] *= np.asarray(factors)
        for factor, order in zip(factors, problem.orders(scaled), strict=True):
            top = {ids[i] for i in order[:k].tolist()}
            if top != base:
                changes.append(WeightChange(criterion.name, factor,
                                            _sorted_ids(place, top - base),
                                            _sorted_ids(place, base - top)))
    return tuple(changes)


def _sorted_ids(place: Mapping[str, int], ids: set[str]) -> tuple[str, ...]:
    """IDs in their base rank order (``place``: ID -> base rank position)."""
    return tuple(sorted(ids, key=place.__getitem__))
