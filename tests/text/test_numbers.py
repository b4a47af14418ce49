"""Numbers, percentages and dates are written the locale's way, as Babel writes them, with
halves rounded up (issue 14, §2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.text.numbers import MINUS, day, locale_of, number, percent
from okosys_plan.text.rounding import half_up

LANGS = st.sampled_from(["nb", "en"])
VALUES = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


def test_the_issue_examples() -> None:
    assert number(12.5, "nb") == "12,5"
    assert number(1250, "nb") == "1\u00a0250,0"  # a no-break space between the groups
    assert number(1250, "en") == "1,250.0"
    assert day(date(2026, 12, 6), "nb") == "6. desember 2026"
    assert day(date(2026, 12, 6), "en") == "December 6, 2026"
    assert percent(12.5, "nb", 1) == "12,5\u00a0%" and percent(12.5, "en", 1) == "12.5%"


def test_halves_go_up_and_minus_is_the_minus_sign() -> None:
    assert number(56.25, "nb") == "56,3" and number(56.25, "en") == "56.3"
    assert number(63.749999999999, "nb") == "63,8"  # float noise rounded away first
    assert number(-1.5, "nb") == f"{MINUS}1,5" and number(-1.5, "en") == f"{MINUS}1.5"
    assert number(-0.001, "nb", 2) == "0,00"  # never −0,00


@given(VALUES, LANGS, st.integers(min_value=0, max_value=3))
def test_a_number_is_babels_format_of_the_half_up_value(value: float, lang: str,
                                                       decimals: int) -> None:
    exact = half_up(value, decimals)
    exact = abs(exact) if exact == 0 else exact
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    babel = format_decimal(exact, pattern, locale=locale_of(lang))
    assert number(value, lang, decimals) == babel.replace("-", MINUS).replace("\u2212", MINUS)


@given(st.integers(min_value=0, max_value=100), LANGS)
def test_a_percentage_is_babels(points: int, lang: str) -> None:
    assert percent(points, lang) == format_percent(Decimal(points) / 100, locale=locale_of(lang))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), LANGS)
def test_a_date_is_babels_long_date(when: date, lang: str) -> None:
    assert day(when, lang) == format_date(when, "long", locale=locale_of(lang))
