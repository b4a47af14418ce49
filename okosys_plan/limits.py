"""The documented ranges of every number a user gives: options, settings files and cells.

Declared once here, so the command line, ``okosys-plan.toml`` and the library refuse the
same values. Every bound is finite: NaN and infinities are refused wherever a number is
read. See docs/workbook-format.md ("Tall") and ``okosys-plan COMMAND --help``.
"""

from __future__ import annotations

import math

#: Calendar years a plan, a budget or a cell may name.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: Class thresholds are scores on 0–100.
SCORE_MAX = 100.0
#: Sensitivity draws at most (a draw is one weight vector; 100 000 gives stable ranks).
MAX_DRAWS = 100_000
#: The seed of the draws: 0 to 2³² − 1.
MAX_SEED = 2**32 - 1
#: The Dirichlet concentration: 0.01 (weights anywhere) to 10⁶ (weights fixed).
MIN_CONCENTRATION, MAX_CONCENTRATION = 0.01, 1e6
#: Memory the sensitivity run's rank counts may take at most (bytes).
MAX_SENSITIVITY_BYTES = 2**30
#: How many rows a table or chart shows at most (--top), and K of "top K" at most.
MAX_SHOWN = 1_000_000
#: Measures at the same time per owner at most (--max-parallel).
MAX_PARALLEL = 10_000
#: A yearly budget cap at most, in MNOK (10⁹ MNOK is a thousand times the state budget).
MAX_BUDGET = 1e9
#: An amount in MNOK in a cell at most (Beløp, Investering, Årlig drift, IT-budsjett …).
MAX_MNOK = 1e9
#: A duration in years in a cell at most (Varighet): a plan spans at most 1900–2200.
MAX_DURATION_YEARS = 100.0
#: Any other number in a numeric cell at most, in absolute value (amounts, volumes, scores).
MAX_CELL_NUMBER = 1e12
#: Volume growth in percent a year: above −100 % and at most 1 000 %.
MIN_GROWTH, MAX_GROWTH = -100.0, 1000.0
#: usage: the free threshold (transactions) and the price per transaction (kroner) at most.
MAX_FREE_BELOW, MAX_PRICE = 1e12, 1e6
#: The largest unpacked workbook, in MiB (--max-unpacked).
MAX_UNPACKED_MIB = 1024 * 1024


def finite_in(value: object, low: float, high: float) -> bool:
    """True for a real number (not a bool) that is finite and within low–high."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and low <= value <= high


def max_draws(needs: int) -> int:
    """The most sensitivity draws for ``needs`` needs within ``MAX_SENSITIVITY_BYTES``.

    Ranks are counted in an n × n histogram (8n² bytes) or a draws × n matrix (4dn bytes),
    whichever is smaller (``sensitivity.uses_histogram``).
    """
    if 8 * needs * needs <= MAX_SENSITIVITY_BYTES:
        return MAX_DRAWS
    return max(1, min(MAX_DRAWS, MAX_SENSITIVITY_BYTES // (4 * needs)))
