"""Money in øre: conversions and the largest-remainder shares, by hand and by hypothesis."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.funding.money import (
    Split,
    largest_remainder,
    mnok_to_ore,
    nok_to_ore,
    ore_to_mnok,
    ore_to_nok,
    pairs,
    split_evenly,
)
from okosys_plan.prioritise.scoring import natural_key


def test_conversions_round_half_up_to_the_ore() -> None:
    assert mnok_to_ore(1.0) == 100_000_000
    assert mnok_to_ore(0.1) == 10_000_000  # not 9 999 999 from float noise
    assert mnok_to_ore(13.375642) == 1_337_564_200
    assert mnok_to_ore(1.000000005) == 100_000_001  # half an øre goes up
    assert nok_to_ore(0.37) == 37 and nok_to_ore(12.345) == 1235
    assert ore_to_nok(1235) == 12.35 and ore_to_mnok(150_000_000) == 1.5
    with pytest.raises(ValueError):
        mnok_to_ore(math.nan)


def test_remainder_goes_to_the_largest_fraction() -> None:
    # 10 øre shared 1:2 -> quotas 3.33 and 6.67; the spare øre goes to B (0.67 > 0.33).
    assert largest_remainder(10, {"A": 1, "B": 2}) == {"A": 3, "B": 7}
    # 2 øre among 3 agencies: quotas 0.67 each, ties broken by code in natural order.
    assert largest_remainder(2, {"C": 1, "A10": 1, "A2": 1}) == {"C": 0, "A10": 1, "A2": 1}
    assert split_evenly(100, ["NAV", "SKE", "Brreg"]) == {"NAV": 33, "SKE": 33, "Brreg": 34}


def test_equal_rests_go_to_the_larger_weight_first() -> None:
    # 1 øre, weights 1 and 3 of 4 -> quotas 0.25 and 0.75; then 2 øre weights 1, 1, 2:
    # quotas 0.5, 0.5, 1.0 -> B gets its whole øre, the spare one goes to A (A before C).
    assert largest_remainder(1, {"A": 1, "B": 3}) == {"A": 0, "B": 1}
    assert largest_remainder(2, {"C": 1, "A": 1, "B": 2}) == {"C": 0, "A": 1, "B": 1}


def test_a_zero_weight_gets_nothing_and_bad_input_is_refused() -> None:
    assert largest_remainder(7, {"A": 0, "B": 1, "C": 1}) == {"A": 0, "B": 4, "C": 3}
    for amount, weights in ((-1, {"A": 1.0}), (5, {"A": 0.0}), (5, {"A": -1.0, "B": 2.0})):
        with pytest.raises(ValueError):
            largest_remainder(amount, weights)


weights = st.dictionaries(st.text("ABCDEFGH", min_size=1, max_size=3),
                          st.floats(0, 1e9, allow_nan=False) | st.integers(0, 10**6),
                          min_size=1, max_size=12).filter(lambda w: any(v > 0 for v in w.values()))


@given(st.integers(0, 10**13), weights)
def test_shares_sum_exactly_never_negative_and_stay_within_an_ore_of_the_quota(
        amount: int, found: dict[str, float]) -> None:
    shares = largest_remainder(amount, found)
    assert sum(shares.values()) == amount
    assert set(shares) == set(found)
    total = sum(Fraction(v) for v in found.values())
    for code, share in shares.items():
        quota = amount * Fraction(found[code]) / total
        assert share >= 0
        assert math.floor(quota) <= share <= math.ceil(quota)
        if found[code] == 0:
            assert share == 0


def _by_the_book(amount: int, found: dict[str, float]) -> dict[str, int]:
    """The documented rule, written out plainly with fractions (the reference)."""
    total = sum(Fraction(v) for v in found.values())
    quotas = {code: amount * Fraction(v) / total for code, v in found.items()}
    shares = {code: math.floor(q) for code, q in quotas.items()}
    order = sorted(found, key=lambda c: (-(quotas[c] - shares[c]), -Fraction(found[c]),
                                         natural_key(c), c))
    for code in order[:amount - sum(shares.values())]:
        shares[code] += 1
    return shares


@given(st.lists(st.integers(0, 10**13), min_size=1, max_size=5), weights)
def test_a_split_made_once_shares_every_amount_as_the_rule_says(
        amounts: list[int], found: dict[str, float]) -> None:
    split = Split(found)
    for amount in amounts:
        shares = split(amount)
        assert dict(shares.pairs()) == _by_the_book(amount, found)
        assert dict(shares) == dict(pairs(shares)) == largest_remainder(amount, found)
        assert list(shares) == list(found)  # the payers' order is kept


def test_shares_too_large_for_8_bytes_are_kept_exactly() -> None:
    amount = 10**20  # beyond an 8-byte integer: kept as Python ints
    shares = Split({"A": 1, "B": 2})(amount)
    assert shares["A"] + shares["B"] == amount and shares["B"] == 2 * amount // 3 + 1
