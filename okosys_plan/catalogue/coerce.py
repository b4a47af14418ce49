"""Pure parsers from a cell's value to a typed value.

Each parser takes what a spreadsheet engine returned (str, float, int, bool, date,
datetime or None) and returns the typed value, or raises ``CoerceError`` with a stable
problem code and the parameters its message needs. Blank cells give ``None``.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from okosys_plan.catalogue.model import Period
from okosys_plan.limits import FIRST_YEAR, LAST_YEAR


class CoerceError(ValueError):
    """A cell's value cannot be read as the column's kind."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = "\u00a0\u202f\u2009\u2007 "


_DIRTY = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\t\u00a0]|  ")


_BLANK_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad" + _SPACES + "\t\r\n")


def is_blank(value: object) -> bool:
    """True for an empty cell: None, '' or only spaces."""
    if value is None or value == "":
        return True
    if type(value) is str:
        # the common case: text that starts with a letter or digit is not blank
        return value[0] in _BLANK_CHARS and not value.translate(_INVISIBLE).strip(
            _SPACES + "\t\r\n")
    return isinstance(value, str) and not value.translate(_INVISIBLE).strip(_SPACES + "\t\r\n")


def clean_text(value: object) -> str | None:
    """A cell as trimmed text; whole floats lose their '.0' (an ID typed as a number)."""
    if type(value) is str and _DIRTY.search(value) is None:
        return value.strip() or None  # the common case, without the slower cleaning
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).translate(_INVISIBLE)
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def parse_id(value: object) -> str | None:
    """An identifier: trimmed text with inner runs of space folded."""
    return clean_text(value)


# --- numbers -----------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(value: object, unit: str | None = None) -> float | None:
    """A real number from a number cell or text such as '1 234,5', '50 %', '0,8 MNOK'."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CoerceError("not-a-number")
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise CoerceError("not-a-number")
        return number
    if not isinstance(value, str):
        raise CoerceError("not-a-number")
    return _number_from_text(value, unit)


def _number_from_text(raw: str, unit: str | None) -> float:
    text = raw.translate(_INVISIBLE).strip()
    for space in _SPACES:
        text = text.replace(space, "")
    text = text.replace("\u2212", "-")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    elif unit and text.casefold().endswith(unit.casefold().replace(" ", "")):
        text = text[: -len(unit.replace(" ", ""))]
    text = _decimal_point(text)
    if not _NUMBER.match(text):
        raise CoerceError("not-a-number")
    number = float(text)
    if not math.isfinite(number):
        raise CoerceError("not-a-number")
    return number / 100 if percent else number


def _decimal_point(text: str) -> str:
    """Turn '1.234,5', '1,234.5', '12,5' or '1,234,567' into Python's notation."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if commas > 1:
        return text.replace(",", "") if _grouped(text, ",") else text
    if dots > 1:
        return text.replace(".", "") if _grouped(text, ".") else text
    return text.replace(",", ".")


def _grouped(text: str, sep: str) -> bool:
    parts = text.lstrip("+-").split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 and p.isdigit() for p in parts[1:])


def parse_whole(value: object, unit: str | None = None) -> int | None:
    """A whole number; '3.5' is refused with ``not-whole``."""
    number = parse_number(value, unit)
    if number is None:
        return None
    if not number.is_integer():
        raise CoerceError("not-whole")
    return int(number)


def parse_year(value: object) -> int | None:
    """A calendar year between 1900 and 2200."""
    if isinstance(value, datetime | date):
        return value.year
    year = parse_whole(value)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise CoerceError("bad-year")
    return year


# --- yes/no and lists ----------------------------------------------------------------

# TRUE/FALSE as Norwegian (SANN/USANN), Swedish (SANT/FALSKT) and Danish (SAND/FALSK)
# Excel write them, besides the words people type.
_TRUE = frozenset({"ja", "j", "yes", "y", "x", "true", "sant", "sann", "sand", "1", "✓", "✔"})
_FALSE = frozenset({"nei", "n", "no", "false", "usant", "usann", "falskt", "falsk", "0", "-"})


def parse_bool(value: object) -> bool | None:
    """Ja/Nei, Yes/No, J/N, X/blank, TRUE/FALSE (also SANN/USANN, SANT/FALSKT, SAND/FALSK)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold().rstrip(".")
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CoerceError("not-yes-no")


#: What separates the items of a list cell.
LIST_SPLIT = re.compile(r"[,;\n\r]+")


def parse_list(value: object) -> tuple[str, ...]:
    """Items separated by comma, semicolon or line break; blanks dropped."""
    if is_blank(value):
        return ()
    if not isinstance(value, str):
        text = clean_text(value)
        return (text,) if text else ()
    items = (clean_text(part) for part in LIST_SPLIT.split(value))
    return tuple(item for item in items if item)


# --- dates -----------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januar", "january", "jan"),
        ("februar", "february", "feb"),
        ("mars", "march", "mar"),
        ("april", "apr"),
        ("mai", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\.?\s+)?([a-zæøå]+)\.?\s+(\d{4})$")
_EXCEL_1900 = date(1899, 12, 30)
_EXCEL_1904 = date(1904, 1, 1)


def excel_serial(serial: float, date1904: bool = False) -> date:
    """The date of an Excel serial number in the workbook's date system."""
    if not 1 <= serial < 2958466:
        raise CoerceError("bad-date")
    return (_EXCEL_1904 if date1904 else _EXCEL_1900) + timedelta(days=int(serial))


def parse_date(value: object, date1904: bool = False) -> date | None:
    """A date from a date cell, an Excel serial, ISO, dd.mm.yyyy or 'mars 2025'."""
    if is_blank(value):
        return None
    if isinstance(value, datetime | date):
        return in_years(value.date() if isinstance(value, datetime) else value)
    if isinstance(value, bool):
        raise CoerceError("bad-date")
    if isinstance(value, int | float):
        return in_years(excel_serial(float(value), date1904))
    text = str(value).translate(_INVISIBLE).strip().casefold()
    found = _text_date(text)
    if found is None:
        raise CoerceError("bad-date")
    return in_years(found[0])


def in_years(day: date) -> date:
    """The day, if its year is one a plan may name (``limits.FIRST_YEAR``–``LAST_YEAR``).

    A date such as 31.12.9999 (a "never" in some systems) would otherwise overflow
    the calendar as soon as a duration is added to it.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CoerceError("out-of-years", first=FIRST_YEAR, last=LAST_YEAR)
    return day


def _text_date(text: str) -> tuple[date, date] | None:
    """The first and last day a date text names: one day, or a month for 'mars 2025'."""
    try:
        if match := _ISO.match(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day
        if match := _DMY.match(text):
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            day = date(year, int(match[2]), int(match[1]))
            return day, day
        if (match := _MONTH_YEAR.match(text)) and match[2] in MONTHS:
            year, month = int(match[3]), MONTHS[match[2]]
            if match[1]:
                day = date(year, month, int(match[1]))
                return day, day
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        raise CoerceError("bad-date") from None
    return None


# --- periods ---------------------------------------------------------------------------

_STARTED = frozenset({"påbegynt", "pabegynt", "startet", "started", "ongoing", "i gang"})
_QUARTER = (
    re.compile(r"^(?P<y>\d{4})\s*[-/ ]?\s*[kq](?P<q>[1-4])$"),
    re.compile(r"^[kq](?P<q>[1-4])\s*[-/ ]?\s*(?P<y>\d{4})$"),
    re.compile(r"^(?P<q>[1-4])\.?\s*(?:kvartal|kv\.?|quarter)\s*(?P<y>\d{4})$"),
)
_YEAR_RANGE = (FIRST_YEAR, LAST_YEAR)


def quarter(year: int, q: int) -> tuple[date, date]:
    """The first and last day of a quarter."""
    first = date(year, 3 * q - 2, 1)
    last_month = 3 * q
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def parse_period(value: object, date1904: bool = False) -> Period | None:
    """A period: a year, a quarter (2023-K2, K2 2023, 2023 Q2), a month, a date, 'Påbegynt'.

    ``Period.first`` is where it begins and ``Period.last`` where it ends; a start column
    uses ``first`` and an end column ``last``.
    """
    if is_blank(value):
        return None
    text = clean_text(value) or ""
    if isinstance(value, datetime | date):
        day = in_years(value.date() if isinstance(value, datetime) else value)
        return Period(day, day, text)
    if isinstance(value, bool):
        raise CoerceError("bad-period")
    if isinstance(value, int | float):
        return _numeric_period(float(value), text, date1904)
    parts = split_range(text)
    if parts is not None:
        left, right = parse_period(parts[0]), parse_period(parts[1])
        if left is None or right is None or right.started_before:
            raise CoerceError("bad-period")
        if not left.started_before and right.last < left.first:
            raise CoerceError("period-reversed")
        return Period(left.first, right.last, text, started_before=left.started_before)
    span = _text_period(text.casefold())
    if span is None:
        raise CoerceError("bad-period")
    if isinstance(span, str):
        return Period(date.min, date.min, text, started_before=True)
    return Period(in_years(span[0]), in_years(span[1]), text)


def _numeric_period(number: float, text: str, date1904: bool) -> Period:
    if number.is_integer() and _YEAR_RANGE[0] <= number <= _YEAR_RANGE[1]:
        year = int(number)
        return Period(date(year, 1, 1), date(year, 12, 31), text)
    try:
        day = excel_serial(number, date1904)
    except CoerceError:
        raise CoerceError("bad-period") from None
    return Period(in_years(day), in_years(day), text)


def _text_period(text: str) -> tuple[date, date] | str | None:
    if text in _STARTED:
        return "started"
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
            raise CoerceError("bad-period")
        return date(year, 1, 1), date(year, 12, 31)
    for pattern in _QUARTER:
        if match := pattern.match(text):
            return quarter(int(match["y"]), int(match["q"]))
    try:
        return _text_date(text)
    except CoerceError:
        raise CoerceError("bad-period") from None


def split_range(value: object) -> tuple[str, str] | None:
    """Split a period range such as '2023–2025' or '2023-K2 – 2024-K1' into two texts."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    for separator in ("–", "—", " - ", " til ", " to "):
        if separator in text:
            left, _, right = text.partition(separator)
            return left.strip(), right.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{4})", text):
        return match[1], match[2]
    return None


# --- Skate case ------------------------------------------------------------------------

_CASE = re.compile(r"^(?:sak\s*)?(\d{1,3})\s*/\s*(\d{2}|\d{4})$", re.IGNORECASE)


def parse_case(value: object) -> str | None:
    """A Skate case number 'NN/YY' (also 'NN/YYYY', normalised to 'NN/YY')."""
    if is_blank(value):
        return None
    text = clean_text(value) or ""
    match = _CASE.match(text)
    if not match:
        raise CoerceError("bad-case")
    return f"{int(match[1]):02d}/{match[2][-2:]}"
