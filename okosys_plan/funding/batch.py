"""The shares of many amounts over one ``Split`` at once, as numpy matrices. Pure.

``exact`` works in 64-bit integers where every product fits (``Split._fits``): the very
arithmetic of ``Split.__call__``, a row per amount. ``estimated`` is for weights too large
for that (IT budgets with decimals are exact binary fractions with 50-bit numerators):
each quota in floats with a bound on its error, and any row the bound leaves in doubt
worked out exactly by ``Split.__call__``. Both give the very same shares.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from okosys_plan.funding.money import Split

#: The quotas' relative error is at most 2**-52 (two correctly rounded steps); the slack
#: is four times that, more than the rounding of the sums taken with it too.
SLACK = 2.0 ** -50


def matrices(split: Split, amounts: Sequence[int], cells: int) -> Iterator[Any]:
    """The shares of ``amounts`` (``Split._batched``), at most ``cells`` a matrix."""
    step = max(1, cells // len(split.codes))
    batch = exact if split._fits(amounts) else estimated
    for start in range(0, len(amounts), step):
        yield batch(split, amounts[start:start + step])


def exact(split: Split, amounts: Sequence[int]) -> Any:
    """The shares of ``amounts`` in 64-bit integers, as ``Split.__call__`` works them out."""
    import numpy as np

    count = len(split.codes)
    if split.arrays is None:
        rank = np.empty(count, dtype=np.int64)
        rank[split.order] = np.arange(count)
        split.arrays = (np.array(split.exact, dtype=np.int64)[None, :],
                        np.array(split.tiebreak, dtype=np.int64)[None, :], rank[None, :])
    weights, tiebreak, rank = split.arrays
    due = np.array(amounts, dtype=np.int64)[:, None]
    if split.equal:
        each, left = np.divmod(due, count)
        wholes = np.repeat(each, count, axis=1)
        wholes += rank < left
        return wholes
    product = due * weights
    wholes = product // split.total
    left = due - wholes.sum(axis=1, keepdims=True)
    # Each row's keys differ (the tie order is in them): the ``left`` largest get one
    # øre more, those at or above the row's ``left``-th largest key.
    keyed = (product - wholes * split.total) * count + tiebreak
    at = np.clip(count - left, 0, count - 1)
    threshold = np.take_along_axis(np.sort(keyed, axis=1), at, axis=1)
    wholes += (keyed >= threshold) & (left > 0)
    return wholes


def estimated(split: Split, amounts: Sequence[int]) -> Any:
    """``exact`` for weights too large for 64-bit products (amounts below 2**53):
    each quota estimated in floats with a bound on its error, and a row worked out
    exactly (``split(amount)``) wherever the bound leaves a whole part, or which
    remainders are the largest, in doubt. So the very same shares."""
    import numpy as np

    count = len(split.codes)
    if split.floats is None:  # weights over their total, and which alike, in tie order
        alike: dict[int, int] = {}
        split.floats = (np.array(split.order), np.array(
            [split.exact[i] / split.total for i in split.order], dtype=np.float64),
            np.array([alike.setdefault(split.exact[i], len(alike)) for i in split.order]))
    order, ratio, alike_as = split.floats
    quota = np.array(amounts, dtype=np.float64)[:, None] * ratio[None, :]
    slack = quota * SLACK
    sure = (np.floor(quota - slack) == np.floor(quota + slack)).all(axis=1)
    wholes = np.floor(quota)
    rest = quota - wholes
    left = np.array(amounts, dtype=np.int64) - wholes.astype(np.int64).sum(axis=1)
    # The ``left`` largest remainders win, ties at the cut in the tie order (columns).
    left = left[:, None]
    cut = np.take_along_axis(np.sort(rest, axis=1), np.clip(count - left, 0, count - 1),
                             axis=1)
    above = rest > cut
    at_cut = rest == cut
    won = (above | (at_cut & (np.cumsum(at_cut, axis=1) <= left - above.sum(
        axis=1, keepdims=True)))) & (left > 0)
    low, high = rest - slack, rest + slack
    lowest = np.where(won, low, np.inf).min(axis=1, keepdims=True)
    highest = np.where(won, -np.inf, high).max(axis=1, keepdims=True)
    # In doubt: a winner and a loser whose remainders the slack cannot tell apart.
    # Payers of the same weight have the same remainder (the tie order decides, as
    # the sort did), so a row is sure when all in doubt weigh the same.
    doubt = np.where(won, low <= highest, high >= lowest)
    sure &= np.where(doubt, alike_as, count).min(axis=1) >= np.where(
        doubt, alike_as, -1).max(axis=1)
    found = np.empty((len(amounts), count), dtype=np.int64)
    found[:, order] = wholes.astype(np.int64) + won
    for at in np.flatnonzero(~sure).tolist():
        found[at] = split(amounts[at]).amounts
    return found
