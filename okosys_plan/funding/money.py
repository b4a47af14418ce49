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

import functools
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from okosys_plan.scoring import natural_key

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
    as dicts they took most of the run's memory.
    """

    __slots__ = ("_index", "amounts", "codes")

    def __init__(self, codes: tuple[str, ...], amounts: Sequence[int],
                 index: Mapping[str, int] | None = None) -> None:
        self.codes = codes
        self.amounts: Sequence[int] = _packed(amounts)
        self._index = index

    @classmethod
    def packed(cls, codes: tuple[str, ...], row: Any,
               index: Mapping[str, int] | None = None) -> Shares:
        """Shares from a row of 64-bit integers (a numpy row), copied as they are."""
        made = cls.__new__(cls)
        made.codes, made._index = codes, index
        amounts = array("q")
        amounts.frombytes(row.tobytes())
        made.amounts = amounts
        return made

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
        """(code, øre) in order; faster than ``items()``."""
        return zip(self.codes, self.amounts, strict=True)


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

    __slots__ = ("_equal", "_index", "_order", "_tiebreak", "codes", "exact", "total")

    def __init__(self, weights: Mapping[str, float]) -> None:
        exact = _whole_weights(weights)
        self.codes: tuple[str, ...] = tuple(exact)
        self.exact: tuple[int, ...] = tuple(exact.values())
        self.total = sum(self.exact)
        if self.total <= 0:
            raise ValueError("no weight is above 0")
        # Ties on the remainder: the larger weight first, then the code in natural order.
        count = len(self.codes)
        self._order = sorted(range(count), key=lambda i: (
            -self.exact[i], _natural(self.codes[i]), self.codes[i]))
        self._tiebreak = [0] * count  # the higher, the earlier in the tie order
        for rank, index in enumerate(self._order):
            self._tiebreak[index] = count - 1 - rank
        self._equal = len(set(self.exact)) == 1
        self._index = {code: i for i, code in enumerate(self.codes)}

    def __call__(self, amount: int) -> Shares:
        """``amount`` øre shared; the shares sum to ``amount``."""
        if amount < 0:
            raise ValueError(f"a negative amount cannot be shared: {amount}")
        count = len(self.codes)
        if amount == 0:
            return Shares(self.codes, [0] * count, self._index)
        if self._equal:  # every remainder is the same: the tie order decides alone
            each, left = divmod(amount, count)
            wholes = [each] * count
            chosen = self._order[:left]
        else:
            total = self.total
            wholes = [amount * weight // total for weight in self.exact]
            left = amount - sum(wholes)
            # The remainder and the tie order in one number: the larger, the sooner.
            keyed = [(amount * weight - whole * total) * count + tiebreak for weight, whole,
                     tiebreak in zip(self.exact, wholes, self._tiebreak, strict=True)]
            chosen = sorted(range(count), key=keyed.__getitem__, reverse=True)[:left]
        for index in chosen:
            wholes[index] += 1
        return Shares(self.codes, wholes, self._index)


    def many(self, amounts: Sequence[int]) -> list[Shares]:
        """``[self(a) for a in amounts]``, worked out together (numpy) where the exact
        products fit in 64 bits; the very same shares either way."""
        if len(amounts) * len(self.codes) < _BATCH_MIN or not self._fits(amounts):
            return [self(amount) for amount in amounts]
        found: list[Shares] = []
        step = max(1, _BATCH_CELLS // len(self.codes))
        for start in range(0, len(amounts), step):
            found += self._batch(amounts[start:start + step])
        return found

    def _fits(self, amounts: Sequence[int]) -> bool:
        """True when every amount is whole, not negative, and each product (amount ×
        weight, remainder × payers) stays well inside 64 bits."""
        if not all(type(a) is int for a in amounts) or min(amounts) < 0:
            return False
        top = max(amounts) * max(self.exact)
        return top < _SAFE and self.total * len(self.codes) < _SAFE

    def _batch(self, amounts: Sequence[int]) -> list[Shares]:
        import numpy as np

        count = len(self.codes)
        due = np.array(amounts, dtype=np.int64)[:, None]
        if self._equal:
            each, left = np.divmod(due, count)
            wholes = np.repeat(each, count, axis=1)
            rank = np.empty(count, dtype=np.int64)
            rank[self._order] = np.arange(count)
            wholes += rank[None, :] < left
        else:
            exact = np.array(self.exact, dtype=np.int64)[None, :]
            product = due * exact
            wholes = product // self.total
            left = due - wholes.sum(axis=1, keepdims=True)
            keyed = (product - wholes * self.total) * count + np.array(
                self._tiebreak, dtype=np.int64)[None, :]
            order = np.argsort(-keyed, axis=1, kind="stable")
            rank = np.empty_like(order)
            np.put_along_axis(rank, order, np.arange(count)[None, :], axis=1)
            wholes += rank < left
        return [Shares.packed(self.codes, row, self._index)
                for row in np.ascontiguousarray(wholes, dtype=np.int64)]


#: ``Split.many`` works out at least this many shares together (fewer: one by one), at
#: most ``_BATCH_CELLS`` at a time; 64-bit products stay below ``_SAFE``.
_BATCH_MIN = 256
_BATCH_CELLS = 1 << 20
_SAFE = 1 << 62


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
