"""Weights from a pairwise comparison matrix (Saaty's AHP): pure numpy, no I/O.

A judgement ``a[i][j]`` says how many times more important criterion ``i`` is than ``j``,
on Saaty's scale 1–9 and its reciprocals. The weights are the principal eigenvector;
λmax gives the consistency index CI = (λmax − n) / (n − 1) and the ratio CR = CI / RI.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
#: Judgements as read: a number, None for a blank cell, NaN for a cell that is unreadable.
Cells = Sequence[Sequence[float | None]]

#: Saaty's random index by matrix size (Saaty 1980); sizes above 10 use the value for 10,
#: which overstates CR slightly (RI grows with n), so the warning errs on the safe side.
RANDOM_INDEX: Mapping[int, float] = MappingProxyType({
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
})
CR_LIMIT = 0.10
SCALE = (1 / 9, 9.0)
RELATIVE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Flaw:
    """One thing wrong with a judgement matrix, at ``row``/``column`` (0-based)."""

    code: str  # diagonal-not-one, judgement-out-of-range, not-reciprocal, missing-judgement
    row: int
    column: int


@dataclass(frozen=True)
class Judgement:
    """A judgement ``a[row][column]`` as given and the value the weights imply, w_row/w_col."""

    row: int
    column: int
    given: float
    consistent: float


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of one (possibly aggregated) comparison matrix."""

    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    most_inconsistent: Judgement | None

    @property
    def consistent(self) -> bool:
        """True when CR is at most 0.10, Saaty's limit."""
        return self.cr <= CR_LIMIT

    def by_name(self) -> dict[str, float]:
        """The weights by criterion name, in the matrix's order."""
        return dict(zip(self.criteria, self.weights, strict=True))


def random_index(n: int) -> float:
    """Saaty's random index for an n × n matrix."""
    return RANDOM_INDEX.get(n, RANDOM_INDEX[max(RANDOM_INDEX)])


def in_scale(value: float) -> bool:
    """True for a judgement within 1/9 … 9 (with a little room for rounding)."""
    low, high = SCALE
    return low * (1 - RELATIVE_TOLERANCE) <= value <= high * (1 + RELATIVE_TOLERANCE)


def matrix_flaws(cells: Cells) -> tuple[Flaw, ...]:
    """Every flaw of a square judgement matrix; NaN cells (already reported) are skipped."""
    flaws = []
    for i, row in enumerate(cells):
        for j, raw in enumerate(row):
            value = _known(raw)
            if value is None:
                continue
            if i == j and not math.isclose(value, 1.0, rel_tol=RELATIVE_TOLERANCE):
                flaws.append(Flaw("diagonal-not-one", i, j))
            elif i != j and not in_scale(value):
                flaws.append(Flaw("judgement-out-of-range", i, j))
    flaws.extend(_pair_flaws(cells))
    return tuple(sorted(flaws, key=lambda f: (f.row, f.column)))


def _pair_flaws(cells: Cells) -> list[Flaw]:
    flaws = []
    for i in range(len(cells)):
        for j in range(i + 1, len(cells)):
            if cells[i][j] is None and cells[j][i] is None:
                flaws.append(Flaw("missing-judgement", i, j))
                continue
            upper, lower = _usable(cells[i][j]), _usable(cells[j][i])
            if upper is not None and lower is not None and not math.isclose(
                    upper * lower, 1.0, rel_tol=RELATIVE_TOLERANCE):
                flaws.append(Flaw("not-reciprocal", j, i))
    return flaws


def _known(value: float | None) -> float | None:
    """The value, or None when blank or unreadable (NaN)."""
    return None if value is None or math.isnan(value) else value


def _usable(value: float | None) -> float | None:
    known = _known(value)
    return known if known is not None and in_scale(known) else None


def complete_matrix(cells: Cells) -> Matrix:
    """Fill blanks with the reciprocal of their mirror and a blank diagonal with 1."""
    n = len(cells)
    matrix = np.ones((n, n), dtype=np.float64)
    for i in range(n):
        for j in range(n):
            value, mirror = cells[i][j], cells[j][i]
            if i == j:
                continue
            if value is not None:
                matrix[i, j] = value
            elif mirror is not None:
                matrix[i, j] = 1.0 / mirror
            else:
                raise ValueError(f"no judgement at ({i}, {j}) nor at its mirror")
    return matrix


def geometric_mean(matrices: Sequence[Matrix]) -> Matrix:
    """The element-wise geometric mean: how AHP combines several members' judgements."""
    if not matrices:
        raise ValueError("no matrices to combine")
    stack = np.stack([np.asarray(m, dtype=np.float64) for m in matrices])
    if len(stack) == 1:
        return np.array(stack[0])  # exactly the member's judgements, no log/exp rounding
    return np.asarray(np.exp(np.log(stack).mean(axis=0)), dtype=np.float64)


def ahp(matrix: Matrix, names: Sequence[str]) -> AhpResult:
    """Principal-eigenvector weights (summing to 1), λmax, CI and CR of a full matrix."""
    a = np.asarray(matrix, dtype=np.float64)
    n = len(names)
    if a.shape != (n, n):
        raise ValueError(f"matrix is {a.shape}, expected {(n, n)}")
    weights, lambda_max = _principal(a)
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    ri = random_index(n)
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(tuple(names), tuple(float(w) for w in weights), lambda_max, ci, cr, ri,
                     most_inconsistent(a, weights))


def _principal(a: Matrix) -> tuple[Matrix, float]:
    """The Perron eigenvector (normalised to sum 1) and eigenvalue of a positive matrix."""
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return np.asarray(vector / vector.sum(), dtype=np.float64), float(values[k].real)


def most_inconsistent(a: Matrix, weights: Matrix) -> Judgement | None:
    """The judgement that departs most from the weights, given as at least 1.

    With ε = a_ij·w_j/w_i, λmax − n = Σ_{i<j} (ε + 1/ε − 2) / n (Saaty), so the pair
    with the largest ε + 1/ε adds most to CI. None when every judgement fits.
    """
    n = len(weights)
    if n < 3:
        return None
    ratio = a * weights[None, :] / weights[:, None]
    deviation = np.triu(ratio + 1 / ratio, k=1)
    i, j = np.unravel_index(int(np.argmax(deviation)), deviation.shape)
    if deviation[i, j] - 2 <= 1e-9:
        return None
    if a[i, j] < 1:
        i, j = j, i
    return Judgement(int(i), int(j), float(a[i, j]), float(weights[i] / weights[j]))
