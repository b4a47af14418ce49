"""A column's converter, chosen once per column: the common cell types take a fast path.

Every converter gives exactly what the general parser in ``coerce`` gives for the same
cell (the value, or the ``CoerceError`` with its code and parameters); the fast paths
only skip checks that cannot fail for the cell's type. ``tests/workbook/test_fast_read.py``
generates cells and compares each converter with the general parser.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from okosys_plan import limits
from okosys_plan.catalogue import coerce
from okosys_plan.catalogue.model import Period
from okosys_plan.catalogue.schema import Column, Kind

Converter = Callable[[Any], Any]


def converter(column: Column, date1904: bool) -> Converter:
    """The converter of ``column``'s cells (a non-blank cell, within its length limit)."""
    kind = column.kind
    if kind is Kind.DATE:
        return _date_converter(date1904)
    if kind is Kind.PERIOD:
        return _period_converter(date1904)
    if kind in (Kind.NUMBER, Kind.AMOUNT, Kind.POSITIVE, Kind.SCORE):
        return number_converter(column.unit)
    return _SIMPLE[kind]


def number_converter(unit: str | None) -> Converter:
    """A numeric column's converter: finite and within the documented bound, or a problem.

    The bound (``limits.MAX_MNOK`` for an amount in MNOK, ``limits.MAX_DURATION_YEARS`` for
    a duration in years, else ``limits.MAX_CELL_NUMBER``)
    keeps every sum and rounding later exact; a larger value is ``number-too-large``.
    """
    bound = {"MNOK": limits.MAX_MNOK, "år": limits.MAX_DURATION_YEARS}.get(
        unit or "", limits.MAX_CELL_NUMBER)
    low = -bound
    parse_number = coerce.parse_number

    def number(raw: Any) -> Any:
        if type(raw) is float and low <= raw <= bound:  # finite and in range: the common case
            return raw
        if type(raw) is float or type(raw) is int:
            value = parse_number(raw)  # checks it is finite
        else:
            value = parse_number(raw, unit)
        if value is not None and not low <= value <= bound:
            raise coerce.CoerceError("number-too-large", limit=f"{bound:g}")
        return value

    return number


_FIRST, _LAST = limits.FIRST_YEAR, limits.LAST_YEAR


def year(raw: Any) -> Any:
    """``coerce.parse_year``; a whole float within the years is the fast path."""
    if type(raw) is float and _FIRST <= raw <= _LAST and raw.is_integer():
        return int(raw)
    return coerce.parse_year(raw)


def items(raw: Any) -> Any:
    """``coerce.parse_list``; text without a separator is the fast path (one item)."""
    if type(raw) is str and _SEPARATOR.search(raw) is None:
        text = coerce.clean_text(raw)
        return (text,) if text else ()
    return coerce.parse_list(raw)


_SEPARATOR = coerce.LIST_SPLIT


def _date_converter(date1904: bool) -> Converter:
    parse_date = coerce.parse_date

    def day(raw: Any) -> Any:
        if type(raw) is date and _FIRST <= raw.year <= _LAST:  # a date cell: the common case
            return raw
        return parse_date(raw, date1904)

    return day


def _period_converter(date1904: bool) -> Converter:
    parse_period = coerce.parse_period

    def period(raw: Any) -> Any:
        if type(raw) is float and _FIRST <= raw <= _LAST and raw.is_integer():  # a year
            whole = int(raw)
            return Period(date(whole, 1, 1), date(whole, 12, 31), str(whole))
        return parse_period(raw, date1904)

    return period


_SIMPLE: dict[Kind, Converter] = {
    Kind.ID: coerce.clean_text,  # coerce.parse_id is clean_text
    Kind.TEXT: coerce.clean_text,
    Kind.YEAR: year,
    Kind.BOOL: coerce.parse_bool,
    Kind.LIST: items,
    Kind.CASE: coerce.parse_case,
}
