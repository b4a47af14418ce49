"""Tables as styled sheets: header colours, panes, fitted widths, filters, data bars.

Knows no catalogue: a capability builds its ``Table`` rows and says which text values get
which colours (``classes``); ``export.xlsx`` writes the sheets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import zip_longest
from math import copysign
from pathlib import Path
from typing import Any

from okosys_plan.export.xlsx import Chart, Column, DataBar, Sheet, Style, write_workbook

#: Header fill and text of our columns (contrast 8.7:1, WCAG AA needs 4.5:1).
HEADER_COLOURS = ("1F4E78", "FFFFFF")

#: Header fill and text of the columns copied from the user's needs sheet (14.9:1).
ORIGINAL_HEADER_COLOURS = ("D9D9D9", "000000")

#: Colour of the data bar behind a score (black text on it: 11.4:1).
BAR_COLOUR = "9DC3E6"

MAX_WIDTH = 50


@dataclass(frozen=True)
class Table:
    """One sheet to write: name, headers, rows of plain values and how columns are shown.

    Column numbers are 0-based. Columns from ``own`` on are the user's own (None: none).
    """

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    formats: Mapping[int, str] = field(default_factory=dict)
    classes: tuple[int, ...] = ()  # columns holding a priority class
    bars: tuple[int, ...] = ()  # columns holding a 0–100 score, shown with a data bar
    freeze: str = "A2"
    own: int | None = None
    charts: tuple[Chart, ...] = ()  # native Excel charts drawn from the table's cells
    #: Colours of this table's ``classes`` values, over the workbook's (``write_tables``).
    styles: Mapping[str, Style] = field(default_factory=dict)


def write_tables(path: Path, tables: Sequence[Table],
                 classes: Mapping[str, Style] | None = None) -> None:
    """Write the tables as the sheets of a new workbook, streamed by ``export.xlsx``.

    ``classes``: the fill and colour of each text value in a table's ``classes`` columns.
    """
    write_workbook(path, [table_sheet(table, classes or {}) for table in tables])


def table_sheet(table: Table, classes: Mapping[str, Style]) -> Sheet:
    """How ``table`` is written: header colours, panes, fitted widths, number formats,
    class colours, a filter over the whole table and data bars."""
    styles = {**classes, **table.styles} if table.styles else classes
    columns = tuple(
        Column(width, header, table.formats.get(index),
               styles if index in table.classes else {})
        for index, (width, header) in enumerate(zip(fitted_widths(table),
                                                    _header_styles(table), strict=True)))
    return Sheet(table.name, table.headers, table.rows, columns, table.freeze,
                 autofilter=True, bars=_bars(table), charts=table.charts)


def _header_styles(table: Table) -> tuple[Style, ...]:
    """Our headers in dark blue, the user's own (from ``own`` on) in grey; all bold."""
    ours, theirs = (Style(fill=fill, colour=text, bold=True)
                    for fill, text in (HEADER_COLOURS, ORIGINAL_HEADER_COLOURS))
    own = len(table.headers) if table.own is None else table.own
    return tuple(ours if column < own else theirs for column in range(len(table.headers)))


def _bars(table: Table) -> tuple[DataBar, ...]:
    return tuple(DataBar(column, 0, 100, BAR_COLOUR) for column in table.bars)


def fitted_widths(table: Table) -> list[float]:
    """Column widths from the longest shown value (header included), at most ``MAX_WIDTH``."""
    columns = list(zip_longest(*table.rows)) if table.rows else []  # short rows: None
    widths = []
    for index, header in enumerate(table.headers):
        values = columns[index] if index < len(columns) else ()
        longest = _longest(values, table.formats.get(index))
        widths.append(float(min(MAX_WIDTH, max(6, len(header) + 3, longest) + 1)))
    return widths


def _longest(values: Sequence[Any], number_format: str | None) -> int:
    """The longest ``_shown_length`` of ``values``, measuring few of them: a text only if
    it is longer than the longest so far (splitting lines only shortens it), whole numbers
    by their extremes, floats as ``_floats`` says, anything else one by one."""
    kinds = set(map(type, values))  # most columns hold one kind: no filtering pass then
    longest = 0
    for text in _of_kind(values, kinds, str):
        if len(text) > longest:
            longest = max(longest, _shown_length(text, None))
    whole = _of_kind(values, kinds, int)
    candidates: list[Any] = [max(whole), min(whole)] if whole else []
    candidates += _floats(list(_of_kind(values, kinds, float)), number_format)
    if kinds - {str, int, float, type(None)}:
        candidates += [v for v in values if v is not None and type(v) not in (str, int, float)]
    return max([longest, *(_shown_length(v, number_format) for v in candidates)])


def _of_kind(values: Sequence[Any], kinds: set[type], kind: type) -> Sequence[Any]:
    """The values of exactly type ``kind`` (all of them when no other kind is there)."""
    if kind not in kinds:
        return ()
    return values if len(kinds) == 1 else [v for v in values if type(v) is kind]


def _floats(floats: list[float], number_format: str | None) -> list[float]:
    """The floats whose shown length can be the longest. With a number format it grows with
    the size, a minus sign included, so the extremes stand for the rest (and a -0.0, shown
    with its sign but equal to 0.0). Values that are, or scaled to a percentage become, NaN
    or infinite show at most 6 characters, within the minimum width."""
    if number_format is None:
        return list(set(floats))  # 0.0 and -0.0 are one here: 1 or 2 characters, no matter
    scale = 100 if "%" in number_format else 1
    finite = [v for v in floats if v * scale - v * scale == 0.0]
    if not finite:
        return []
    low = min(finite)
    signed_zero = low == 0.0 and any(copysign(1.0, v) < 0 for v in finite)
    return [max(finite), -0.0 if signed_zero else low]


def _shown_length(value: Any, number_format: str | None) -> int:
    """About how many characters a value takes on screen."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    if isinstance(value, float) and number_format is not None:
        decimals = number_format.split(".")[1].count("0") if "." in number_format else 0
        scale = 100 if "%" in number_format else 1
        return len(f"{value * scale:,.{decimals}f}") + (2 if "%" in number_format else 0)
    if isinstance(value, float):
        return len(f"{value:.10g}")
    return max((len(line) for line in str(value).splitlines()), default=0)
