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
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

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
    if amount < 0:
        raise ValueError(f"a negative amount cannot be shared: {amount}")
    exact = _whole_weights(weights)
    total = sum(exact.values())
    if total <= 0:
        raise ValueError("no weight is above 0")
    shares: dict[str, int] = {}
    rests: dict[str, int] = {}
    for code, weight in exact.items():
        # The quota amount × weight / total as a whole part and a remainder (of total).
        shares[code], rests[code] = divmod(amount * weight, total)
    left = amount - sum(shares.values())
    if left:
        order = sorted(exact, key=lambda c: (-rests[c], -exact[c], _natural(c), c))
        for code in order[:left]:
            shares[code] += 1
    return shares


def _whole_weights(weights: Mapping[str, float]) -> dict[str, int]:
    """The weights scaled to whole numbers in the same exact proportions."""
    if all(float(w).is_integer() and w >= 0 for w in weights.values()):
        return {code: int(w) for code, w in weights.items()}  # the common case, exact
    ratios = {code: Fraction(weight) for code, weight in weights.items()}
    if any(r < 0 for r in ratios.values()):
        raise ValueError("a weight is negative")
    scale = math.lcm(*(r.denominator for r in ratios.values())) if ratios else 1
    return {code: r.numerator * (scale // r.denominator) for code, r in ratios.items()}


@functools.lru_cache(maxsize=4096)
def _natural(code: str) -> tuple[object, ...]:
    return natural_key(code)


def split_evenly(amount: int, codes: Sequence[str]) -> dict[str, int]:
    """``amount`` øre in equal shares; the øre left over go to the first codes in order."""
    return largest_remainder(amount, dict.fromkeys(codes, 1.0))
