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
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from okosys_plan.export.files import FIXED_ISO_TIME, FIXED_ZIP_TIME, write_atomic, xml_text
from okosys_plan.model import column_letter

#: The number format of a date or datetime in a column without a format of its own.
DATE_FORMAT = "DD.MM.YYYY"
#: Longest sheet name Excel accepts, and the characters it refuses in one.
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")

_OOXML = "http://schemas.openxmlformats.org"
_MAIN = f"{_OOXML}/spreadsheetml/2006/main"
_REL = f"{_OOXML}/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROWS_PER_CHUNK = 1000


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
    for number, name in enumerate(names, start=1):
        cleaned = _BAD_SHEET_CHARACTERS.sub("_", xml_text(name))
        base = cleaned[:MAX_SHEET_NAME].strip("'") or f"Ark{number}"
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


_APP = (f'{_XML}<Properties xmlns="{_OOXML}/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel Compatible / okosys-plan</Application></Properties>")
_CORE = (f'{_XML}<cp:coreProperties xmlns:cp="{_OOXML}/package/2006/metadata/core-properties"'
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
    return (f'{_XML}<Types xmlns="{_OOXML}/package/2006/content-types"><Default '
            f'Extension="rels" ContentType="{_TYPE}package.relationships+xml"/><Default '
            f'Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def _relationships(links: Sequence[tuple[str, str]]) -> str:
    """A relationships part; each (target, type) gets the id rId1, rId2 … in order."""
    items = "".join(f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
                    for n, (target, kind) in enumerate(links, start=1))
    return f'{_XML}<Relationships xmlns="{_OOXML}/package/2006/relationships">{items}' \
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
    return (f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
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


# --- escaping ---------------------------------------------------------------------------

_SPECIAL = re.compile(r"[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)")
# A carriage return as a reference, or XML reading turns it into a newline; a literal
# "_x0041_" escaped as Excel does, or Excel and calamine read it as "A".
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "_": "_x005F_",
            '"': "&quot;"}
_MARKUP = re.compile(r'[&<>"]')


def text(value: str) -> str:
    """``value`` as XML element text: forbidden control characters become �, the rest is
    escaped so every reader gets the characters back."""
    value = xml_text(value)
    return _SPECIAL.sub(lambda match: _ESCAPES[match.group()], value)


def attribute(value: str) -> str:
    """``value`` as a double-quoted XML attribute, or as markup-free text (a formula)."""
    value = re.sub(r"[\t\n\r]", " ", xml_text(value))
    return _MARKUP.sub(lambda match: _ESCAPES[match.group()], value)


def inline_string(value: str) -> str:
    """The ``<is>`` element of a text cell; leading or trailing space is kept."""
    value = within_cell_limit(value)
    keep = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
    return f"<is><t{keep}>{text(value)}</t></is>"


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


# --- styles -----------------------------------------------------------------------------

#: Number formats Excel knows by number; any other gets its own, from 164 on.
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9,
                    "0.00%": 10}


class Styles:
    """The workbook's cell styles, numbered in order of first use (0 is the default)."""

    def __init__(self) -> None:
        self._ids: dict[Style, int] = {Style(): 0}
        self._xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        self._formats: dict[str, int] = {}
        self._fonts: dict[tuple[str | None, bool], int] = {(None, False): 0}
        self._fills: dict[str, int] = {}

    def attribute(self, style: Style) -> str:
        """The ``s`` attribute of a cell with ``style`` ("" for the default style)."""
        found = self._ids.get(style)
        if found is None:
            found = self._ids[style] = len(self._xfs)
            self._xfs.append(self._xf(style))
        return f' s="{found}"' if found else ""

    def _xf(self, style: Style) -> str:
        code = style.number_format or "General"
        if code in _BUILTIN_FORMATS:
            number_id = _BUILTIN_FORMATS[code]
        else:
            number_id = self._formats.setdefault(code, 164 + len(self._formats))
        font = self._fonts.setdefault((style.colour, style.bold), len(self._fonts))
        # Fills 0 and 1 are the two Excel requires (none and gray125).
        fill = 0 if style.fill is None else self._fills.setdefault(style.fill,
                                                                   2 + len(self._fills))
        return (f'<xf numFmtId="{number_id}" fontId="{font}" fillId="{fill}" borderId="0" '
                f'xfId="0" applyNumberFormat="{int(number_id > 0)}" '
                f'applyFont="{int(font > 0)}" applyFill="{int(fill > 0)}"/>')

    def xml(self) -> str:
        """The stylesheet part."""
        formats = "".join(f'<numFmt numFmtId="{n}" formatCode="{attribute(code)}"/>'
                          for code, n in self._formats.items())
        fonts = "".join(_font(colour, bold) for colour, bold in self._fonts)
        fills = "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="{argb(fill)}"/>'
                        '<bgColor indexed="64"/></patternFill></fill>' for fill in self._fills)
        return (f'{_XML}<styleSheet xmlns="{_MAIN}">'
                + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>'
                   if formats else "")
                + f'<fonts count="{len(self._fonts)}">{fonts}</fonts>'
                + f'<fills count="{2 + len(self._fills)}"><fill><patternFill patternType="none"/>'
                '</fill><fill><patternFill patternType="gray125"/></fill>' + fills + "</fills>"
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
                '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
                f'borderId="0"/></cellStyleXfs><cellXfs count="{len(self._xfs)}">'
                + "".join(self._xfs) + '</cellXfs><cellStyles count="1"><cellStyle '
                'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _font(colour: str | None, bold: bool) -> str:
    shown = f'<color rgb="{argb(colour)}"/>' if colour else ""
    return (f'<font>{"<b/>" if bold else ""}<sz val="11"/>{shown}<name val="Calibri"/>'
            '<family val="2"/></font>')


def argb(colour: str) -> str:
    """An RGB hex colour as opaque ARGB (``1F4E78`` -> ``FF1F4E78``)."""
    return colour.upper() if len(colour) == 8 else "FF" + colour.upper()


# --- worksheets -------------------------------------------------------------------------

# Per column: its letters, the ``s`` attribute of its values, the ``s`` attribute of each
# text with a colour of its own (or None), and the column itself.
_Cells = tuple[str, str, dict[str, str] | None, Column]


def _worksheet(sheet: Sheet, styles: Styles, strings: dict[str, str], *,
               first: bool) -> Iterator[str]:
    """The worksheet part in chunks: views, widths, rows, filter, data bars."""
    view = ' tabSelected="1"' if first else ""
    yield (f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews><sheetView{view} '
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
    for number, row in enumerate(rows, start=first):
        at = str(number)
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
