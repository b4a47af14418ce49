"""Write an .xlsx with XlsxWriter: sheets described as plain data, written fast and safely.

A caller describes each sheet (``Sheet``: headers, rows of plain values, how columns look,
frozen panes, a filter, data bars, charts); this module alone knows XlsxWriter. Rows go out
in order in XlsxWriter's ``constant_memory`` mode, so a large sheet never sits in memory
as cells. Text is always written as text, never as a formula, a number or a link; the
document properties carry a fixed time and XlsxWriter gives every zip entry a fixed one,
so the same sheets give the same bytes. The file is written atomically (``write_atomic``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from okosys_plan import collector
from okosys_plan.export.files import FIXED_ISO_TIME, write_atomic, xml_text
from okosys_plan.export.xlsx_charts import insert_chart
from okosys_plan.export.xlsx_values import CELL_LIMIT, number, serial, within_cell_limit

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

__all__ = ["BOLD", "CELL_LIMIT", "DATE_FORMAT", "Chart", "Column", "DataBar", "Sheet",
           "Style", "number", "serial", "sheet_names", "within_cell_limit", "write_workbook"]

#: The number format of a date or datetime in a column without a format of its own.
DATE_FORMAT = "DD.MM.YYYY"
#: Longest sheet name Excel accepts (in UTF-16 units), and the characters it refuses.
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")  # a name is an attribute: these would be spaces
#: Rows and columns a sheet holds.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
#: Pixels per character of column width (Calibri 11's digit width, as Excel counts it).
_DIGIT_PIXELS = 7
_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False}


@dataclass(frozen=True)
class Style:
    """How a cell looks: number format, fill and text colour (RGB hex), bold."""

    number_format: str | None = None
    fill: str | None = None
    colour: str | None = None
    bold: bool = False


BOLD = Style(bold=True)


@dataclass(frozen=True)
class Column:
    """How a column is shown: its width, its header's style, its values' number format,
    and text values shown with a fill and colour of their own (priority classes)."""

    width: float | None = None
    header: Style = BOLD
    number_format: str | None = None
    colours: Mapping[str, Style] = field(default_factory=dict)


@dataclass(frozen=True)
class DataBar:
    """A data bar from ``low`` to ``high`` behind the values of a 0-based ``column``."""

    column: int
    low: float
    high: float
    colour: str


@dataclass(frozen=True)
class Chart:
    """A native Excel chart of the sheet's own rows, which a user can restyle in Excel.

    ``kind`` is ``bar`` (horizontal bars), ``column`` or ``line``. ``categories`` and each
    of ``values`` are 0-based columns of the sheet, read from data row ``first`` (0: the
    row under the header) for ``count`` rows; each value column is one series, named by
    its header cell (a legend when there are several). ``at`` is the cell of the chart's
    top-left corner; ``colours`` (RGB hex) colour the series in order.
    """

    kind: str
    title: str
    categories: int
    values: tuple[int, ...]
    count: int
    at: str
    first: int = 0
    category_axis: str | None = None
    value_axis: str | None = None
    colours: tuple[str, ...] = ()
    scale: tuple[float, float] | None = None  # the value axis's fixed minimum and maximum
    size: tuple[int, int] = (720, 480)  # width, height in pixels


@dataclass(frozen=True)
class Sheet:
    """One sheet: a header row, then rows of plain values, shown as ``columns`` say."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    columns: Sequence[Column] = ()
    freeze: str | None = "A2"
    autofilter: bool = False
    bars: Sequence[DataBar] = ()
    charts: Sequence[Chart] = ()


# --- the workbook -----------------------------------------------------------------------


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` as a new .xlsx at ``path``, atomically (an empty list: one empty
    sheet)."""
    write_atomic(path, lambda handle: write_package(handle, sheets))


def write_package(handle: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write the workbook's zip package to a binary, seekable ``handle``."""
    from xlsxwriter import Workbook

    sheets = list(sheets) or [Sheet("Ark1", (), ())]
    names = sheet_names([sheet.name for sheet in sheets])
    for sheet in sheets:
        _check(sheet)
    book = Workbook(handle, _OPTIONS)
    # XlsxWriter's cells are many small tuples, none in a cycle
    with collector.paused(), contextlib.closing(book):
        book.set_properties({"author": "okosys-plan", "created": _FIXED_TIME})
        formats = _Formats(book)
        for sheet, name in zip(sheets, names, strict=True):
            worksheet = book.add_worksheet(name, worksheet_class=_exact_worksheet())
            _write_sheet(book, worksheet, sheet, name, formats)


_FIXED_TIME = datetime.fromisoformat(FIXED_ISO_TIME)


def _check(sheet: Sheet) -> None:
    """Refuse what Excel cannot hold or show, before anything is written."""
    _pane(sheet.freeze)
    if len(sheet.rows) + 1 > MAX_ROWS:
        raise ValueError(f"{sheet.name}: {len(sheet.rows) + 1} rows, a sheet holds {MAX_ROWS}")
    if max(len(sheet.headers), max(map(len, sheet.rows), default=0)) > MAX_COLUMNS:
        raise ValueError(f"{sheet.name}: more than {MAX_COLUMNS} columns")


def sheet_names(names: Sequence[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters (UTF-16 units), no ``[]:*?/\\``, tabs
    and line breaks as spaces, no leading or trailing apostrophe, never empty, and unique
    regardless of case (a repeat gets " (2)")."""
    taken: set[str] = set()
    result = []
    for position, name in enumerate(names, start=1):
        cleaned = _BAD_SHEET_CHARACTERS.sub("_", _LINE_BREAKS.sub(" ", xml_text(name)))
        base = _cut(cleaned, MAX_SHEET_NAME).strip("'") or f"Ark{position}"
        candidate, repeat = base, 1
        while candidate.casefold() in taken:
            repeat += 1
            suffix = f" ({repeat})"
            candidate = _cut(base, MAX_SHEET_NAME - len(suffix)) + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def _cut(text: str, units: int) -> str:
    """The longest beginning of ``text`` of at most ``units`` UTF-16 units."""
    encoded = text.encode("utf-16-le", "surrogatepass")
    return encoded[:2 * units].decode("utf-16-le", "ignore")


def quoted_sheet(name: str) -> str:
    """A sheet name as a reference writes it: in apostrophes, inner ones doubled."""
    return "'" + name.replace("'", "''") + "'"


def _exact_worksheet() -> type[Worksheet]:
    """XlsxWriter's worksheet class, made once (XlsxWriter is imported late)."""
    global _WORKSHEET
    if _WORKSHEET is None:
        _WORKSHEET = _worksheet_class()
    return _WORKSHEET


_WORKSHEET: type[Worksheet] | None = None


def _worksheet_class() -> type[Worksheet]:
    """A worksheet that writes numbers exactly and the two common cells in one step.

    XlsxWriter writes a number to 16 significant digits (``0.1 + 0.2`` would read back as
    0.3); here ``repr``, which round-trips. Text and number cells, nearly all of them,
    take a short path to the same XML XlsxWriter writes (its own escaping, each distinct
    text escaped once); any other cell takes XlsxWriter's own path.
    """
    from xlsxwriter.utility import xl_rowcol_to_cell_fast
    from xlsxwriter.worksheet import Worksheet, _preserve_whitespace

    class ExactWorksheet(Worksheet):  # type: ignore[misc]
        """XlsxWriter's worksheet with exact numbers and a short path for common cells."""

        def __init__(self) -> None:
            super().__init__()
            self._inline: dict[str, str] = {}

        def _xml_number_element(self, value: float,
                                attributes: Sequence[tuple[str, Any]] = ()) -> None:
            attr = "".join(f' {key}="{item}"' for key, item in attributes)
            self.fh.write(f"<c{attr}><v>{number(value)}</v></c>")

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            kind = cell.__class__.__name__
            if kind == "Number":
                style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style}><v>'
                              f"{number(cell.number)}</v></c>")
            elif kind == "String" and self.constant_memory:
                style = f' s="{cell.format._get_xf_index()}"' if cell.format else ""
                self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style} '
                              f't="inlineStr">{self._inline_string(cell.string)}</c>')
            else:
                super()._write_cell(row, col, cell)

        def _inline_string(self, string: str) -> str:
            """The ``<is>`` element of a text, escaped as XlsxWriter escapes it."""
            found = self._inline.get(string)
            if found is None:
                escaped = self._escape_control_characters(string)
                keep = ' xml:space="preserve"' if _preserve_whitespace(escaped) else ""
                found = self._inline[string] = f"<is><t{keep}>{self._escape_data(escaped)}</t></is>"
            return found

    return ExactWorksheet


class _Formats:
    """The workbook's cell formats, one XlsxWriter format per distinct ``Style``."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[Style, Format | None] = {Style(): None}

    def get(self, style: Style) -> Format | None:
        """The format of ``style`` (None for the default look)."""
        if style in self._made:
            return self._made[style]
        properties: dict[str, Any] = {}
        if style.number_format is not None:
            properties["num_format"] = style.number_format
        if style.fill is not None:
            properties.update(pattern=1, bg_color="#" + style.fill[-6:])
        if style.colour is not None:
            properties["font_color"] = "#" + style.colour[-6:]
        if style.bold:
            properties["bold"] = True
        made = self._made[style] = self._book.add_format(properties)
        return made


# --- a sheet ----------------------------------------------------------------------------


def _write_sheet(book: Workbook, worksheet: Worksheet, sheet: Sheet, name: str,
                 formats: _Formats) -> None:
    """Panes, widths, header, rows (in order), filter, data bars and charts."""
    width = max(len(sheet.headers), max(map(len, sheet.rows), default=0))
    columns = [*sheet.columns, *[Column()] * (width - len(sheet.columns))]
    pane = _pane(sheet.freeze)
    if pane != (0, 0):
        worksheet.freeze_panes(*pane)
    for index, column in enumerate(columns):
        if column.width is not None:  # the width as the file stores it (characters)
            worksheet.set_column_pixels(index, index, round(column.width * _DIGIT_PIXELS))
    for index, (header, column) in enumerate(zip(sheet.headers, columns, strict=False)):
        if header:
            worksheet.write_string(0, index, within_cell_limit(xml_text(header)),
                                   formats.get(column.header))
        else:  # an empty header: a styled empty cell, not an empty text
            worksheet.write_blank(0, index, None, formats.get(column.header))
    writers = [_cell_writer(worksheet, index, column, formats)
               for index, column in enumerate(columns)]
    for row_number, row in enumerate(sheet.rows, start=1):
        for write, value in zip(writers, row, strict=False):
            if value is not None:
                write(row_number, value)
    if sheet.autofilter:
        worksheet.autofilter(0, 0, len(sheet.rows), max(1, len(sheet.headers)) - 1)
    for bar in sheet.bars if sheet.rows else ():
        worksheet.conditional_format(1, bar.column, len(sheet.rows), bar.column, {
            "type": "data_bar", "min_type": "num", "min_value": bar.low, "max_type": "num",
            "max_value": bar.high, "bar_color": "#" + bar.colour[-6:], "data_bar_2010": False})
    for chart in sheet.charts:
        insert_chart(book, worksheet, chart, name, sheet)


def _pane(cell: str | None) -> tuple[int, int]:
    """The (rows, columns) frozen above and left of ``cell`` (None or A1: none)."""
    found = re.fullmatch(r"([A-Z]{1,3})([1-9]\d*)", cell or "A1")
    if found is None:
        raise ValueError(f"not a cell to freeze panes at: {cell!r}")
    letters, row = found.groups()
    columns = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(letters))) - 1
    return int(row) - 1, columns


_Write = Callable[[int, Any], None]
_HUGE = 2**1023  # an int at least this large is no float


def _cell_writer(worksheet: Worksheet, index: int, column: Column, formats: _Formats
                 ) -> _Write:
    """How one column's values are written: the loop every cell goes through.

    Exact str, int and float are handled first (text cleaned and cut once per distinct
    value); "" and non-finite numbers leave the cell empty; bools are booleans, dates
    day numbers with a date format, other numbers numbers, anything else its text.
    """
    plain = formats.get(Style(number_format=column.number_format))
    dated = formats.get(Style(number_format=column.number_format or DATE_FORMAT))
    colours = {value: formats.get(Style(column.number_format,
                                        style.fill, style.colour, style.bold))
               for value, style in column.colours.items()}
    # XlsxWriter's own writers without the wrapper that reads "A1" references
    write_string, write_number = worksheet._write_string, worksheet._write_number
    cleaned: dict[str, str] = {}

    def text(row: int, value: str) -> None:
        if value:
            shown = cleaned.get(value)
            if shown is None:
                shown = cleaned[value] = within_cell_limit(xml_text(value))
            write_string(row, index, shown, colours.get(value, plain) if colours else plain)

    def write(row: int, value: Any) -> None:
        kind = type(value)
        if kind is str:
            text(row, value)
        elif kind is float:
            if value - value == 0.0:  # not NaN or an infinity, which Excel cannot hold
                write_number(row, index, value, plain)
        elif kind is int:
            if -_HUGE < value < _HUGE:
                write_number(row, index, value, plain)
            else:  # beyond any float: its digits, as text
                text(row, int.__repr__(value))
        elif isinstance(value, bool):
            worksheet.write_boolean(row, index, value, plain)
        elif isinstance(value, date):
            write_number(row, index, serial(value), dated)
        elif isinstance(value, float) and value - value == 0.0:
            write_number(row, index, float(value), plain)
        elif isinstance(value, int) and -_HUGE < value < _HUGE:
            write_number(row, index, int(value), plain)
        elif not isinstance(value, float):
            text(row, str.__str__(value) if isinstance(value, str) else str(value))

    return write
