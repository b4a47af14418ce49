"""Write an .xlsx by streaming its SpreadsheetML ourselves: fast, deterministic, safe.

openpyxl serialises every cell through an XML tree writer (about 7 µs a cell); here a cell
is one formatted string, so a large workbook is written many times faster. The package is
minimal and complete: content types, relationships, core and app properties (fixed time),
the workbook with its sheets and filter names, one stylesheet built from the styles used,
and one worksheet part per sheet with frozen panes, column widths, rows, an autofilter and
data bars. Text is always an inline string, so it is never a formula; zip entries carry a
fixed timestamp, so the same sheets give the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

from okosys_plan.export.files import FIXED_ISO_TIME, FIXED_ZIP_TIME, write_atomic, xml_text
from okosys_plan.export.xlsx_styles import BOLD, MAIN, XML_HEAD, Style, Styles, argb
from okosys_plan.export.xlsx_values import (
    CELL_LIMIT,
    attribute,
    inline_string,
    number,
    serial,
    text,
    within_cell_limit,
)
from okosys_plan.text.address import column_letter

__all__ = ["BOLD", "CELL_LIMIT", "DATE_FORMAT", "Column", "DataBar", "Sheet", "Style",
           "attribute", "inline_string", "number", "serial", "sheet_names", "text",
           "within_cell_limit", "write_workbook"]

#: The number format of a date or datetime in a column without a format of its own.
DATE_FORMAT = "DD.MM.YYYY"
#: Longest sheet name Excel accepts, and the characters it refuses in one.
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")

_OOXML = "http://schemas.openxmlformats.org"
_REL = f"{_OOXML}/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-"
_ROWS_PER_CHUNK = 1000


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
class Sheet:
    """One sheet: a header row, then rows of plain values, shown as ``columns`` say."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    columns: Sequence[Column] = ()
    freeze: str | None = "A2"
    autofilter: bool = False
    bars: Sequence[DataBar] = ()


# --- the package ------------------------------------------------------------------------


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` as a new .xlsx at ``path``, atomically (an empty list: one empty
    sheet)."""
    write_atomic(path, lambda handle: write_package(handle, sheets))


def write_package(handle: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write the workbook's zip package to a binary, seekable ``handle``."""
    sheets = list(sheets) or [Sheet("Ark1", (), ())]
    names = sheet_names([sheet.name for sheet in sheets])
    styles = Styles()
    strings: dict[str, str] = {}
    with zipfile.ZipFile(handle, "w") as archive:
        for part, content in _package_parts(sheets, names):
            _put(archive, part, content)
        for number, sheet in enumerate(sheets, start=1):
            with archive.open(_entry(f"xl/worksheets/sheet{number}.xml"), "w") as stream:
                for chunk in _worksheet(sheet, styles, strings, first=number == 1):
                    stream.write(chunk.encode("utf-8"))
        _put(archive, "xl/styles.xml", styles.xml())


def _entry(name: str) -> zipfile.ZipInfo:
    """A deflated zip entry with the fixed time and mode, so equal content is equal bytes."""
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _put(archive: zipfile.ZipFile, name: str, text: str) -> None:
    archive.writestr(_entry(name), text.encode("utf-8"))


def sheet_names(names: Sequence[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, no ``[]:*?/\\``, no leading or trailing
    apostrophe, never empty, and unique regardless of case (a repeat gets " (2)")."""
    taken: set[str] = set()
    result = []
    for position, name in enumerate(names, start=1):
        cleaned = _BAD_SHEET_CHARACTERS.sub("_", xml_text(name))
        base = cleaned[:MAX_SHEET_NAME].strip("'") or f"Ark{position}"
        candidate, repeat = base, 1
        while candidate.casefold() in taken:
            repeat += 1
            suffix = f" ({repeat})"
            candidate = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def _package_parts(sheets: Sequence[Sheet], names: Sequence[str]) -> list[tuple[str, str]]:
    """Every part but the worksheets and the stylesheet, in the usual order."""
    numbers = range(1, len(sheets) + 1)
    return [("[Content_Types].xml", _content_types(numbers)),
            ("_rels/.rels", _relationships([
                ("xl/workbook.xml", f"{_REL}/officeDocument"),
                ("docProps/core.xml", f"{_OOXML}/package/2006/relationships/metadata/"
                 "core-properties"),
                ("docProps/app.xml", f"{_REL}/extended-properties")])),
            ("docProps/app.xml", _APP),
            ("docProps/core.xml", _CORE),
            ("xl/workbook.xml", _workbook(sheets, names)),
            ("xl/_rels/workbook.xml.rels", _relationships(  # sheet n is rId{n}
                [(f"worksheets/sheet{n}.xml", f"{_REL}/worksheet") for n in numbers]
                + [("styles.xml", f"{_REL}/styles")]))]


_APP = (f'{XML_HEAD}<Properties xmlns="{_OOXML}/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel Compatible / okosys-plan</Application></Properties>")
_CORE = (f'{XML_HEAD}<cp:coreProperties xmlns:cp="{_OOXML}/package/2006/metadata/core-properties"'
         ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
         ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>okosys-plan'
         f'</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO_TIME}'
         f'</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO_TIME}'
         "</dcterms:modified></cp:coreProperties>")


def _content_types(numbers: range) -> str:
    kinds = [("/xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml"),
             ("/xl/styles.xml", "officedocument.spreadsheetml.styles+xml"),
             ("/docProps/core.xml", "package.core-properties+xml"),
             ("/docProps/app.xml", "officedocument.extended-properties+xml"),
             *((f"/xl/worksheets/sheet{n}.xml", "officedocument.spreadsheetml.worksheet+xml")
               for n in numbers)]
    overrides = "".join(f'<Override PartName="{part}" ContentType="{_TYPE}{kind}"/>'
                        for part, kind in kinds)
    return (f'{XML_HEAD}<Types xmlns="{_OOXML}/package/2006/content-types"><Default '
            f'Extension="rels" ContentType="{_TYPE}package.relationships+xml"/><Default '
            f'Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def _relationships(links: Sequence[tuple[str, str]]) -> str:
    """A relationships part; each (target, type) gets the id rId1, rId2 … in order."""
    items = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
                    for n, (target, kind) in enumerate(links, start=1))
    return f'{XML_HEAD}<Relationships xmlns="{_OOXML}/package/2006/relationships">{items}' \
        "</Relationships>"


def _workbook(sheets: Sequence[Sheet], names: Sequence[str]) -> str:
    """The workbook part: the sheets in order, and Excel's hidden name for each filter."""
    entries = "".join(f'<sheet name="{attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
                      for n, name in enumerate(names, start=1))
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
        f"{attribute(quoted_sheet(name))}!{filter_range(sheet, '$')}</definedName>"
        for index, (sheet, name) in enumerate(zip(sheets, names, strict=True))
        if sheet.autofilter)
    defined = f"<definedNames>{filters}</definedNames>" if filters else ""
    return (f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{entries}</sheets>{defined}</workbook>")


def quoted_sheet(name: str) -> str:
    """A sheet name as a reference writes it: in apostrophes, inner ones doubled."""
    return "'" + name.replace("'", "''") + "'"


def filter_range(sheet: Sheet, dollar: str = "") -> str:
    """The autofilter's range: the header and every row, across every header column
    (``dollar="$"``: as an absolute reference)."""
    last, rows = column_letter(max(1, len(sheet.headers))), len(sheet.rows) + 1
    return f"{dollar}A{dollar}1:{dollar}{last}{dollar}{rows}"


# --- worksheets -------------------------------------------------------------------------

# Per column: its letters, the ``s`` attribute of its values, the ``s`` attribute of each
# text with a colour of its own (or None), and the column itself.
_Cells = tuple[str, str, dict[str, str] | None, Column]


def _worksheet(sheet: Sheet, styles: Styles, strings: dict[str, str], *,
               first: bool) -> Iterator[str]:
    """The worksheet part in chunks: views, widths, rows, filter, data bars."""
    view = ' tabSelected="1"' if first else ""
    yield (f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{_REL}"><sheetViews><sheetView{view} '
           f'workbookViewId="0">{_pane(sheet.freeze)}</sheetView></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="15"/>{_widths(sheet.columns)}<sheetData>')
    width = max(len(sheet.headers), max(map(len, sheet.rows), default=0))
    columns = [*sheet.columns, *[Column()] * (width - len(sheet.columns))]
    cells = [_column_cells(number, column, styles) for number, column in
             enumerate(columns, start=1)]
    yield _header_row(sheet.headers, cells, styles)
    for start in range(0, len(sheet.rows), _ROWS_PER_CHUNK):
        yield _rows_xml(sheet.rows[start:start + _ROWS_PER_CHUNK], start + 2, cells, styles,
                       strings)
    yield "</sheetData>" + _after_rows(sheet) + "</worksheet>"


def _pane(cell: str | None) -> str:
    """The frozen pane whose top-left cell is ``cell`` (None or A1: none)."""
    found = re.fullmatch(r"([A-Z]{1,3})([1-9]\d*)", cell or "A1")
    if found is None:
        raise ValueError(f"not a cell to freeze panes at: {cell!r}")
    letters, row = found.groups()
    columns = sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(letters))) - 1
    rows = int(row) - 1
    if not columns and not rows:
        return ""
    active = "bottomRight" if columns and rows else "bottomLeft" if rows else "topRight"
    others = ("topRight", "bottomLeft") if active == "bottomRight" else ()
    split = (f' xSplit="{columns}"' if columns else "") + (f' ySplit="{rows}"' if rows else "")
    return (f'<pane{split} topLeftCell="{cell}" activePane="{active}" state="frozen"/>'
            + "".join(f'<selection pane="{pane}"/>' for pane in others)
            + f'<selection pane="{active}" activeCell="{cell}" sqref="{cell}"/>')


def _widths(columns: Sequence[Column]) -> str:
    items = "".join(f'<col min="{n}" max="{n}" width="{number(c.width)}" customWidth="1"/>'
                    for n, c in enumerate(columns, start=1) if c.width is not None)
    return f"<cols>{items}</cols>" if items else ""


def _column_cells(position: int, column: Column, styles: Styles) -> _Cells:
    plain = styles.attribute(Style(number_format=column.number_format))
    colours = {value: styles.attribute(replace(style, number_format=column.number_format))
               for value, style in column.colours.items()} or None
    return column_letter(position), plain, colours, column


def _header_row(headers: Sequence[str], cells: Sequence[_Cells], styles: Styles) -> str:
    row = []
    for (letter, _, _, column), header in zip(cells, headers, strict=False):
        style = styles.attribute(column.header)
        body = f' t="inlineStr">{inline_string(header)}</c>' if header else "/>"
        row.append(f'<c r="{letter}1"{style}{body}')
    return f'<row r="1">{"".join(row)}</row>' if row else ""


def _rows_xml(rows: Sequence[Sequence[Any]], first: int, cells: Sequence[_Cells],
             styles: Styles, strings: dict[str, str]) -> str:
    """The ``<row>`` elements of ``rows``, the first being row number ``first``.

    The loop every cell goes through, so it is written for speed: exact str, int and float
    are handled inline (text escaped once per distinct value, kept in ``strings``); None,
    "" and non-finite numbers leave the cell empty; anything else goes to ``_cell``.
    """
    out = []
    for row_number, row in enumerate(rows, start=first):
        at = str(row_number)
        found = []
        for (letter, plain, colours, column), value in zip(cells, row, strict=False):
            kind = type(value)
            if kind is str:
                if value:
                    body = strings.get(value)
                    if body is None:
                        body = strings[value] = inline_string(value)
                    style = plain if colours is None else colours.get(value, plain)
                    found.append(f'<c r="{letter}{at}"{style} t="inlineStr">{body}</c>')
            elif kind is int:
                found.append(f'<c r="{letter}{at}"{plain}><v>{value}</v></c>')
            elif kind is float:
                if value - value == 0.0:  # not NaN or an infinity, which Excel cannot hold
                    shown = repr(value)  # exact; a whole one without ".0" reads back as int
                    if shown[-2:] == ".0":
                        shown = shown[:-2]
                    found.append(f'<c r="{letter}{at}"{plain}><v>{shown}</v></c>')
            elif value is not None:
                found.append(_cell(letter + at, value, (letter, plain, colours, column),
                                   styles, strings))
        if found:
            out.append(f'<row r="{at}">{"".join(found)}</row>')
    return "".join(out)


def _cell(ref: str, value: Any, cells: _Cells, styles: Styles, strings: dict[str, str]) -> str:
    """A cell for any value but exact str, int, float or None: bools as booleans, dates
    as day numbers with a date format, other numbers as numbers, the rest as text."""
    _, plain, colours, column = cells
    if isinstance(value, bool):
        return f'<c r="{ref}"{plain} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        style = styles.attribute(Style(number_format=column.number_format or DATE_FORMAT))
        return f'<c r="{ref}"{style}><v>{number(serial(value))}</v></c>'
    if isinstance(value, int | float):
        finite = isinstance(value, int) or value - value == 0.0
        return f'<c r="{ref}"{plain}><v>{number(value)}</v></c>' if finite else ""
    shown = str.__str__(value) if isinstance(value, str) else str(value)
    if not shown:
        return ""
    body = strings.get(shown)
    if body is None:
        body = strings[shown] = inline_string(shown)
    style = plain if colours is None else colours.get(shown, plain)
    return f'<c r="{ref}"{style} t="inlineStr">{body}</c>'


def _after_rows(sheet: Sheet) -> str:
    """What follows the rows: the autofilter, the data bars and the page margins."""
    parts = [f'<autoFilter ref="{filter_range(sheet)}"/>'] if sheet.autofilter else []
    last = len(sheet.rows) + 1
    for priority, bar in enumerate(sheet.bars if sheet.rows else (), start=1):
        letter = column_letter(bar.column + 1)
        parts.append(
            f'<conditionalFormatting sqref="{letter}2:{letter}{last}"><cfRule type="dataBar" '
            f'priority="{priority}"><dataBar><cfvo type="num" val="{number(bar.low)}"/>'
            f'<cfvo type="num" val="{number(bar.high)}"/><color rgb="{argb(bar.colour)}"/>'
            "</dataBar></cfRule></conditionalFormatting>")
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                 'footer="0.3"/>')
    return "".join(parts)
