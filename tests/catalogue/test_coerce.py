"""Every coercion: numbers, whole numbers, yes/no, lists, dates, periods, case numbers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.catalogue.coerce import (
    CoerceError,
    clean_text,
    excel_serial,
    parse_bool,
    parse_case,
    parse_date,
    parse_list,
    parse_number,
    parse_period,
    parse_whole,
    parse_year,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("12.5", 12.5), ("12,5", 12.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5),
    ("1\u202f234", 1234.0), ("50 %", 0.5), ("50%", 0.5), ("-3", -3.0), ("\u22123,5", -3.5),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1,234,567", 1234567.0), ("1.234.567", 1234567.0),
    (" 7 ", 7.0), ("1e3", 1000.0), (3, 3.0), (2.25, 2.25),
])
def test_numbers(text: object, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


def test_number_with_the_columns_unit() -> None:
    assert parse_number("0,8 MNOK", "MNOK") == pytest.approx(0.8)
    with pytest.raises(CoerceError):
        parse_number("0,8 kr", "MNOK")


@pytest.mark.parametrize("text", ["ca. 120", "12,5,3", "abc", "1 2 3,4,5", "", "nan", "inf"])
def test_not_numbers(text: str) -> None:
    if text == "":
        assert parse_number(text) is None
        return
    with pytest.raises(CoerceError) as caught:
        parse_number(text)
    assert caught.value.code == "not-a-number"


def test_booleans_are_not_numbers() -> None:
    with pytest.raises(CoerceError):
        parse_number(True)


def test_whole_numbers() -> None:
    assert parse_whole("3") == 3
    assert parse_whole(4.0) == 4
    with pytest.raises(CoerceError) as caught:
        parse_whole("3.5")
    assert caught.value.code == "not-whole"


def test_years() -> None:
    assert parse_year(2024.0) == 2024
    assert parse_year(date(2023, 5, 1)) == 2023
    with pytest.raises(CoerceError):
        parse_year("24")


@pytest.mark.parametrize(("value", "expected"), [
    ("Ja", True), ("nei", False), ("J", True), ("N", False), ("X", True), ("x", True),
    ("TRUE", True), ("FALSE", False), ("Yes", True), ("no", False), (True, True), (0, False),
    ("", None), (None, None),
])
def test_yes_no(value: object, expected: bool | None) -> None:
    assert parse_bool(value) is expected


def test_yes_no_rejects_other_text() -> None:
    with pytest.raises(CoerceError) as caught:
        parse_bool("kanskje")
    assert caught.value.code == "not-yes-no"


def test_lists() -> None:
    assert parse_list("B01, B02;B03\nB04\r\nB05") == ("B01", "B02", "B03", "B04", "B05")
    assert parse_list(" ; ,") == ()
    assert parse_list(12.0) == ("12",)


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-03-15", date(2023, 3, 15)), ("15.03.2023", date(2023, 3, 15)),
    ("15/3/2023", date(2023, 3, 15)), ("mars 2025", date(2025, 3, 1)),
    ("March 2025", date(2025, 3, 1)), ("1. mars 2025", date(2025, 3, 1)),
    ("des. 2024", date(2024, 12, 1)), (datetime(2023, 1, 2, 10, 30), date(2023, 1, 2)),
    (45000, date(2023, 3, 15)), (45000.0, date(2023, 3, 15)),
])
def test_dates(value: object, expected: date) -> None:
    assert parse_date(value) == expected


def test_date1904_serials() -> None:
    assert excel_serial(0 + 1, date1904=True) == date(1904, 1, 2)
    assert parse_date(43708, date1904=True) == date(2023, 9, 1)


@pytest.mark.parametrize("text", ["31.02.2023", "neste uke", "2023-13-01", "mars"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(CoerceError) as caught:
        parse_date(text)
    assert caught.value.code == "bad-date"


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    (2024, date(2024, 1, 1), date(2024, 12, 31)),
    ("2023-K2", date(2023, 4, 1), date(2023, 6, 30)),
    ("K2 2023", date(2023, 4, 1), date(2023, 6, 30)),
    ("2023 Q2", date(2023, 4, 1), date(2023, 6, 30)),
    ("Q4 2025", date(2025, 10, 1), date(2025, 12, 31)),
    ("2023K1", date(2023, 1, 1), date(2023, 3, 31)),
    ("3. kvartal 2024", date(2024, 7, 1), date(2024, 9, 30)),
    ("mars 2025", date(2025, 3, 1), date(2025, 3, 31)),
    ("15.03.2023", date(2023, 3, 15), date(2023, 3, 15)),
    (date(2024, 2, 29), date(2024, 2, 29), date(2024, 2, 29)),
    ("2023–2025", date(2023, 1, 1), date(2025, 12, 31)),
    ("2023-K2 – 2024-K1", date(2023, 4, 1), date(2024, 3, 31)),
])
def test_periods(value: object, first: date, last: date) -> None:
    period = parse_period(value)
    assert period is not None
    assert (period.first, period.last) == (first, last)
    assert not period.started_before


def test_started_before_the_window() -> None:
    for text in ("Påbegynt", "påbegynt", "PÅBEGYNT"):
        period = parse_period(text)
        assert period is not None and period.started_before
    ranged = parse_period("Påbegynt–2025")
    assert ranged is not None and ranged.started_before and ranged.last == date(2025, 12, 31)


@pytest.mark.parametrize("text", ["2023-K5", "snart", "K2", "20233"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(CoerceError) as caught:
        parse_period(text)
    assert caught.value.code == "bad-period"


def test_skate_case_numbers() -> None:
    assert parse_case("16/23") == "16/23"
    assert parse_case("sak 7/2022") == "07/22"
    with pytest.raises(CoerceError):
        parse_case("16-23")


def test_clean_text_keeps_ids_typed_as_numbers_whole() -> None:
    assert clean_text(12.0) == "12"
    assert clean_text("  B01\u200b ") == "B01"
    assert clean_text("a\u00a0 b") == "a b"


# --- properties -------------------------------------------------------------------------

@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False))
def test_number_round_trips_through_norwegian_notation(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    whole, _, fraction = f"{abs(number):.3f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ("-" if number < 0 else "") + "\u00a0".join(groups) + "," + fraction
    assert parse_number(text) == pytest.approx(number, abs=1e-9)


@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=4))
def test_quarter_spellings_agree(year: int, quarter: int) -> None:
    spellings = [f"{year}-K{quarter}", f"K{quarter} {year}", f"{year} Q{quarter}",
                 f"Q{quarter} {year}", f"{year}K{quarter}"]
    periods = [parse_period(s) for s in spellings]
    assert len({(p.first, p.last) for p in periods if p is not None}) == 1
    first = periods[0]
    assert first is not None and first.first.month == 3 * quarter - 2 and first.last >= first.first


@given(st.lists(st.text(alphabet="ABCæøå0123456789-_ ", min_size=1, max_size=8).filter(
    lambda s: s.strip()), max_size=10), st.sampled_from([",", ";", "\n", ", ", " ; "]))
def test_list_split_round_trip(items: list[str], separator: str) -> None:
    cleaned = [" ".join(i.split()) for i in items]
    assert parse_list(separator.join(items)) == tuple(cleaned)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_date_spellings_agree(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d.%m.%Y")) == day


@given(st.one_of(st.dates(max_value=date(1899, 12, 31)), st.dates(min_value=date(2201, 1, 1))),
       st.sampled_from(["iso", "dmy", "cell"]))
def test_dates_outside_the_planning_years_are_refused_in_every_spelling(day: date,
                                                                        how: str) -> None:
    """31.12.9999 ("never") and its kin would overflow the calendar once a duration is
    added; every spelling is ``out-of-years``, as a date and as a period."""
    value: object = {"iso": f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
                     "dmy": f"{day.day:02d}.{day.month:02d}.{day.year:04d}", "cell": day}[how]
    for parse in (parse_date, parse_period):
        with pytest.raises(CoerceError) as raised:
            parse(value)
        assert raised.value.code == "out-of-years"
