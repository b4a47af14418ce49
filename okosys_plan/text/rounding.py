"""The one rounding rule for every number a user sees, and for every comparison made on one.

A score is shown with ``SCORE_DECIMALS`` decimals, halves up, after float noise is rounded
away at ``NOISE_DECIMALS`` decimals: 39.999 999 999 7 (40 computed in floating point) is
shown as 40,0, and 63.749 999 999 999 99 as 63,8. Priority classes, ties in the ranking,
explanations, exports and the report all use the score as shown, so a need shown as 40,0
is never classed below a ``Middels ≥ 40`` line.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

#: Decimals a score is shown with, everywhere (terminal, Excel, report, charts, JSON).
SCORE_DECIMALS = 1
#: Decimals net present value per krone (method nnv) is shown and compared with.
RATIO_DECIMALS = 2
#: Float noise below this many decimals is not a difference a user could see.
NOISE_DECIMALS = 9


def half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded to ``decimals`` decimals, halves up, after removing float noise."""
    noise_free = Decimal(f"{value:.{NOISE_DECIMALS}f}")
    return noise_free.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def shown_score(value: float | None) -> float | None:
    """A score as it is shown (and compared); None or NaN stays None."""
    if value is None or math.isnan(value):
        return None
    return float(half_up(value, SCORE_DECIMALS))


def shown_ratio(value: float | None) -> float | None:
    """Net present value per krone as it is shown (and compared); None stays None."""
    if value is None or math.isnan(value):
        return None
    return float(half_up(value, RATIO_DECIMALS))
