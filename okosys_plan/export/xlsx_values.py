"""Cell values for the .xlsx writer: text cut to what a cell holds, numbers exact, dates as
Excel's day numbers."""

from __future__ import annotations

from datetime import date, datetime

#: The most characters Excel holds in a cell (counted in UTF-16 units); Excel calls a
#: workbook with a longer one damaged.
CELL_LIMIT = 32_767


def within_cell_limit(value: str) -> str:
    """``value``, or its beginning and ``… [+N]`` (N characters cut) when Excel could not
    hold it in one cell. Only output cells are cut: the input file keeps every character."""
    if len(value) <= CELL_LIMIT // 2:  # fits whatever its characters (the common case)
        return value
    encoded = value.encode("utf-16-le", "surrogatepass")
    if len(encoded) // 2 <= CELL_LIMIT:
        return value
    room = CELL_LIMIT - len(f" … [+{len(value)}]")
    kept = encoded[:2 * room].decode("utf-16-le", "ignore")  # a split pair is dropped
    return f"{kept} … [+{len(value) - len(kept)}]"


# --- numbers and dates ------------------------------------------------------------------

_EPOCH = datetime(1899, 12, 30)


def serial(value: date) -> float:
    """Excel's day number of a date or datetime, computed as openpyxl does (1900 system)."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    value = value.replace(tzinfo=None)  # Excel has no time zones: the wall-clock time
    days = (value - _EPOCH).days
    if 0 < days <= 60:
        days -= 1  # Excel counts a 29 February 1900 that never was
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return days + (seconds + value.microsecond / 10**6) / 86400


def number(value: float) -> str:
    """A number as an exact XML value: ``repr`` round-trips; a whole float without ".0",
    as openpyxl wrote it, so openpyxl reads it back as an int."""
    if isinstance(value, int):
        return int.__repr__(value)
    shown = float.__repr__(value)
    return shown[:-2] if shown.endswith(".0") else shown
