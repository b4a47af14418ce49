"""Money as whole øre (integers), and exact shares of an amount. Pure.

Amounts come in as MNOK or kroner (floats) and are turned into øre once, rounding half
up; from there on every sum is an integer sum, so nothing is lost or made up.

Shares are made with the largest-remainder method (Hamilton's method): each payer first
gets the whole øre of its exact quota ``amount × weight / total weight`` (computed exactly:
the weights are scaled to whole numbers in the same proportions), then the øre left over
go, one each, to the payers with the largest fractional remainders. Ties are broken by
the larger weight first, then by the agency code in natural order (``A2`` before ``A10``;
case does not count). So the shares
always sum exactly to the amount, none is negative, a payer with weight 0 gets nothing,
and the same input gives the same shares every time.
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from okosys_plan.prioritise.scoring import natural_key

ORE_PER_NOK = 100
ORE_PER_MNOK = 100_000_000


def _ore(value: float, per_unit: int) -> int:
    """``value`` units in øre, rounded half up (float noise first rounded away)."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite amount: {value!r}")
    exact = Decimal(repr(value)) * per_unit
    return int(exact.quantize(Decimal(1), ROUND_HALF_UP))


def mnok_to_ore(value: float) -> int:
    """MNOK in whole øre (1 MNOK = 100 000 000 øre), rounded half up."""
    return _ore(value, ORE_PER_MNOK)


def nok_to_ore(value: float) -> int:
    """Kroner in whole øre, rounded half up."""
    return _ore(value, ORE_PER_NOK)


def ore_to_nok(ore: int) -> float:
    """Øre as kroner with two decimals (a float, for JSON and spreadsheets)."""
    return round(ore / ORE_PER_NOK, 2) + 0.0


def ore_to_mnok(ore: int) -> float:
    """Øre as MNOK (a float, for JSON, spreadsheets and charts)."""
    return round(ore / ORE_PER_MNOK, 8) + 0.0


def largest_remainder(amount: int, weights: Mapping[str, float]) -> dict[str, int]:
    """``amount`` øre shared in proportion to ``weights``; the shares sum to ``amount``.

    Raises ValueError for a negative amount or weight, or when no weight is above 0.
    """
    return dict(Split(weights)(amount).pairs())


class Shares(Mapping[str, int]):
    """Each payer's share in øre, kept compactly: the payers' codes (one tuple shared by
    every amount a ``Split`` shares) and the amounts beside them.

    A large catalogue has a share for every agency, solution, year and key (millions);
    as dicts they took most of the run's memory. ``Shares.lazy`` keeps only the ``Split``
    and the amount: the amounts are worked out when asked for (``amounts``, a look-up),
    and sums over many such shares are worked out split by split (``funding.sums``).
    """

    __slots__ = ("_amounts", "_index", "amount", "codes", "split")

    def __init__(self, codes: tuple[str, ...], amounts: Sequence[int],
                 index: Mapping[str, int] | None = None) -> None:
        self.codes = codes
        self._amounts: Sequence[int] | None = _packed(amounts)
        self._index = index
        self.split: Split | None = None
        self.amount = 0

    @classmethod
    def packed(cls, codes: tuple[str, ...], row: Any,
               index: Mapping[str, int] | None = None) -> Shares:
        """Shares from a row of 64-bit integers (a numpy row), copied as they are."""
        made = cls.__new__(cls)
        made.codes, made._index, made.split, made.amount = codes, index, None, 0
        amounts = array("q")
        amounts.frombytes(row.tobytes())
        made._amounts = amounts
        return made

    @classmethod
    def lazy(cls, split: Split, amount: int) -> Shares:
        """``split(amount)``, its amounts worked out only when they are asked for."""
        if amount < 0:
            raise ValueError(f"a negative amount cannot be shared: {amount}")
        made = cls.__new__(cls)
        made.codes, made._index, made._amounts = split.codes, split.index, None
        made.split, made.amount = split, amount
        return made

    @property
    def is_lazy(self) -> bool:
        """True while the amounts are not worked out (``split`` and ``amount`` hold them)."""
        return self._amounts is None

    @property
    def amounts(self) -> Sequence[int]:
        """The shares in the codes' order (worked out once for lazy shares, then kept)."""
        if self._amounts is None:
            assert self.split is not None
            self._amounts = self.split(self.amount).amounts
        return self._amounts

    def __getitem__(self, code: str) -> int:
        if self._index is None:
            self._index = {c: i for i, c in enumerate(self.codes)}
        return self.amounts[self._index[code]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __repr__(self) -> str:
        return f"Shares({dict(self.pairs())!r})"

    def pairs(self) -> Iterator[tuple[str, int]]:
        """(code, øre) in order; faster than ``items()`` (lazy shares are not kept)."""
        if self._amounts is None:
            assert self.split is not None
            return zip(self.codes, self.split(self.amount).amounts, strict=True)
        return zip(self.codes, self._amounts, strict=True)


def pairs(shares: Mapping[str, int]) -> Iterable[tuple[str, int]]:
    """(code, øre) of any shares mapping, fast for ``Shares``."""
    return shares.pairs() if isinstance(shares, Shares) else shares.items()


def _packed(amounts: Sequence[int]) -> Sequence[int]:
    """Whole øre as 8-byte integers where they fit (they always do for real amounts)."""
    try:
        return array("q", amounts)
    except OverflowError:
        return tuple(amounts)


class Split:
    """Weights made ready once to share many amounts (the same result as
    ``largest_remainder``, without redoing the exact scaling and the tie order each time).
    """

    __slots__ = ("arrays", "codes", "counted", "equal", "exact", "floats", "index", "order",
                 "tiebreak", "total")

    def __init__(self, weights: Mapping[str, float]) -> None:
        exact = _whole_weights(weights)
        self.codes: tuple[str, ...] = tuple(exact)
        self.exact: tuple[int, ...] = tuple(exact.values())
        self.total = sum(self.exact)
        if self.total <= 0:
            raise ValueError("no weight is above 0")
        # Ties on the remainder: the larger weight first, then the code in natural order.
        count = len(self.codes)
        self.order = sorted(range(count), key=lambda i: (
            -self.exact[i], _natural(self.codes[i]), self.codes[i]))
        self.tiebreak = [0] * count  # the higher, the earlier in the tie order
        for rank, index in enumerate(self.order):
            self.tiebreak[index] = count - 1 - rank
        self.equal = len(set(self.exact)) == 1
        self.index = {code: i for i, code in enumerate(self.codes)}
        # numpy arrays ``funding.batch`` makes once per split
        self.arrays: tuple[Any, Any, Any] | None = None
        self.floats: tuple[Any, Any, Any] | None = None
        self.counted: dict[int, int] = {}  # amount -> how many of its shares are not 0

    def __call__(self, amount: int) -> Shares:
        """``amount`` øre shared; the shares sum to ``amount``."""
        if amount < 0:
            raise ValueError(f"a negative amount cannot be shared: {amount}")
        count = len(self.codes)
        if amount == 0:
            return Shares(self.codes, [0] * count, self.index)
        if self.equal:  # every remainder is the same: the tie order decides alone
            each, left = divmod(amount, count)
            wholes = [each] * count
            chosen = self.order[:left]
        else:
            total = self.total
            wholes = [amount * weight // total for weight in self.exact]
            left = amount - sum(wholes)
            # The remainder and the tie order in one number: the larger, the sooner.
            keyed = [(amount * weight - whole * total) * count + tiebreak for weight, whole,
                     tiebreak in zip(self.exact, wholes, self.tiebreak, strict=True)]
            chosen = sorted(range(count), key=keyed.__getitem__, reverse=True)[:left]
        for index in chosen:
            wholes[index] += 1
        return Shares(self.codes, wholes, self.index)

    def many(self, amounts: Sequence[int]) -> list[Shares]:
        """``[self(a) for a in amounts]``, worked out together (numpy) where the exact
        products fit in 64 bits; the very same shares either way."""
        if not self._batched(amounts):
            return [self(amount) for amount in amounts]
        return [Shares.packed(self.codes, row, self.index)
                for matrix in self.matrices(amounts) for row in matrix]

    def rows(self, amounts: Sequence[int]) -> Iterator[Sequence[int]]:
        """Each amount's shares in the codes' order (numpy rows where batched), made a
        chunk at a time and not kept."""
        if not self._batched(amounts):
            return (self(amount).amounts for amount in amounts)
        return (row for matrix in self.matrices(amounts) for row in matrix)

    def totals(self, amounts: Sequence[int]) -> list[int]:
        """Each payer's shares of all ``amounts`` added up: ``summed`` of their rows."""
        count = len(self.codes)
        if self.equal and _whole(amounts):  # wholes, and one øre more below each remainder
            each = sum(amount // count for amount in amounts)
            lefts = sorted(amount % count for amount in amounts)
            found = [0] * count
            for rank, index in enumerate(self.order):
                found[index] = each + len(lefts) - bisect.bisect_right(lefts, rank)
            return found
        times = Counter(amounts)  # each amount shared once, however often it comes
        alike = list(times)
        total = [0] * count
        if self._batched(alike) and sum(amounts) < _SAFE:  # no column sum can overflow
            import numpy as np

            start = 0
            for matrix in self.matrices(alike):
                these = alike[start:start + len(matrix)]
                start += len(matrix)
                self.counted.update(zip(these, np.count_nonzero(matrix, axis=1).tolist(),
                                        strict=True))
                weights = np.array([times[a] for a in these], dtype=np.int64)[:, None]
                total[:] = map(operator.add, total, (matrix * weights).sum(axis=0).tolist())
            return total
        for amount, often in times.items():
            total[:] = map(operator.add, total, (often * ore for ore in self(amount).amounts))
        return total

    def nonzero(self, amounts: Sequence[int]) -> int:
        """How many of all the shares of ``amounts`` are not 0 (counts kept by amount)."""
        count = len(self.codes)
        if self.equal and _whole(amounts):  # below one each, only the remainder's payers
            return sum(count if amount >= count else amount for amount in amounts)
        times = Counter(amounts)
        new = [amount for amount in times if amount not in self.counted]
        if self._batched(new):
            import numpy as np

            start = 0
            for matrix in self.matrices(new):
                self.counted.update(zip(new[start:start + len(matrix)], np.count_nonzero(
                    matrix, axis=1).tolist(), strict=True))
                start += len(matrix)
        else:
            self.counted.update((a, count - list(self(a).amounts).count(0)) for a in new)
        return sum(self.counted[amount] * often for amount, often in times.items())

    def _batched(self, amounts: Sequence[int]) -> bool:
        """True when ``amounts`` are many enough to share at once, and either fit
        (``_fits``) or are below 2**53 (``_estimated``)."""
        return len(amounts) * len(self.codes) >= _BATCH_MIN and (
            self._fits(amounts) or max(amounts) < _FLOAT_EXACT)

    def _fits(self, amounts: Sequence[int]) -> bool:
        """True when every amount is whole, not negative, and each product (amount ×
        weight, remainder × payers) stays well inside 64 bits."""
        if not _whole(amounts):
            return False
        top = max(amounts) * max(self.exact)
        return top < _SAFE and self.total * len(self.codes) < _SAFE

    def matrices(self, amounts: Sequence[int]) -> Iterator[Any]:
        """The shares of ``amounts`` (``_batched``) as 64-bit numpy matrices, one row per
        amount, at most ``_BATCH_CELLS`` shares a matrix (``funding.batch``)."""
        from okosys_plan.funding.batch import matrices

        return matrices(self, amounts, _BATCH_CELLS)


def _whole(amounts: Sequence[int]) -> bool:
    """True when there are amounts, every one an int and none below 0."""
    if not amounts or not all(type(a) is int for a in amounts):
        return False
    if min(amounts) < 0:
        raise ValueError(f"a negative amount cannot be shared: {min(amounts)}")
    return True


#: ``Split.many`` works out at least this many shares together (fewer: one by one), at
#: most ``_BATCH_CELLS`` at a time; 64-bit products stay below ``_SAFE``.
_BATCH_MIN = 256
_BATCH_CELLS = 1 << 20
_SAFE = 1 << 62
_FLOAT_EXACT = 1 << 53


def _whole_weights(weights: Mapping[str, float]) -> dict[str, int]:
    """The weights scaled to whole numbers in the same exact proportions."""
    if all(float(w).is_integer() and w >= 0 for w in weights.values()):
        return {code: int(w) for code, w in weights.items()}  # the common case, exact
    ratios = {code: weight.as_integer_ratio() if isinstance(weight, float)
              else Fraction(weight).as_integer_ratio() for code, weight in weights.items()}
    if any(top < 0 for top, _ in ratios.values()):
        raise ValueError("a weight is negative")
    scale = math.lcm(*(under for _, under in ratios.values())) if ratios else 1
    return {code: top * (scale // under) for code, (top, under) in ratios.items()}


@functools.lru_cache(maxsize=4096)
def _natural(code: str) -> tuple[object, ...]:
    return natural_key(code)


def split_evenly(amount: int, codes: Sequence[str]) -> dict[str, int]:
    """``amount`` øre in equal shares; the øre left over go to the first codes in order."""
    return largest_remainder(amount, dict.fromkeys(codes, 1.0))
