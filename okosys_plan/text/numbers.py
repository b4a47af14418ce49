"""Numbers, percentages and dates as people write them, in the locale's way (Babel's CLDR
data for ``nb_NO`` and ``en``): 1 250,5 (nb, a no-break space between the groups) or 1,250.5
(en), 50 % or 50%, 6. desember 2026 or December 6, 2026. Halves are rounded up
(``text.rounding``), and a negative number has the minus sign − in both languages.

Babel is imported on the first number said, never for ``okosys-plan --help``; the locale's
symbols are read once and applied to Python's own formatting, which a test holds equal to
Babel's ``format_decimal`` (a number is said thousands of times in a run).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

from okosys_plan.text.rounding import half_up
from okosys_plan.text.say import language

#: The Babel locale of each language.
LOCALES = {"nb": "nb_NO", "en": "en"}

#: The minus sign in both languages (the typographic one, never a hyphen).
MINUS = "\u2212"


class _Symbols(NamedTuple):
    """What the locale writes for Python's ``,`` (group), ``.`` (decimal) and ``%`` (its
    percent pattern's prefix and suffix)."""

    table: dict[int, str]
    percent_prefix: str
    percent_suffix: str


def locale_of(lang: str) -> str:
    """The Babel locale of ``lang``: ``en``, otherwise ``nb_NO``."""
    return LOCALES[language(lang)]


@cache
def _symbols(lang: str) -> _Symbols:
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern

    locale = Locale.parse(locale_of(lang))
    percent = parse_pattern(locale.percent_formats[None].pattern)
    table = str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale),
                           "-": MINUS})
    return _Symbols(table, percent.prefix[0], percent.suffix[0])


def number(value: float, lang: str, decimals: int = 1) -> str:
    """A number as people write it: halves up, 1 250,5 (nb) or 1,250.5 (en), minus sign −.

    Float noise is rounded away first (9 decimals), so 63.74999999999999 (from 63.75
    computed in floating point) is shown as 63,8, not 63,7.
    """
    exact = half_up(value, decimals)
    exact = abs(exact) if exact == 0 else exact  # never −0,0
    return f"{exact:,.{decimals}f}".translate(_symbols(lang).table)


def percent(points: float, lang: str, decimals: int = 0) -> str:
    """A share given in points of 100 as the locale writes it: 12,5 % (nb) or 12.5% (en)."""
    return percent_text(number(points, lang, decimals), lang)


def percent_text(digits: str, lang: str) -> str:
    """``digits`` (a number already written, or '<1') with the locale's percent sign."""
    symbols = _symbols(lang)
    return f"{symbols.percent_prefix}{digits}{symbols.percent_suffix}"


def day(when: date, lang: str) -> str:
    """A date written out: 6. desember 2026 (nb) or December 6, 2026 (en)."""
    return _long_date(when, locale_of(lang))


@cache
def _long_date(when: date, locale: str) -> str:
    from babel.dates import format_date

    return format_date(when, "long", locale=locale)


def quarter_label(day: date, lang: str) -> str:
    """A quarter as the roadmap writes it: 2024-K1 (nb), 2024-Q1 (en)."""
    letter = "K" if lang == "nb" else "Q"
    return f"{day.year}-{letter}{(day.month - 1) // 3 + 1}"
