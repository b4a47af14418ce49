"""Read any supported file into plain rows of cell values: the only place engines are used.

``.xlsx``/``.xlsm`` (also Strict Open XML) and ``.ods`` are read in-process by calamine;
``.xls`` (OLE) files are read by calamine in a child process with a memory and time limit,
because corrupt ones can make the engine abort or allocate without bound; ``.csv`` is
read by the standard library.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.paths import changed, still_as_read
from okosys_plan.workbook import ooxml
from okosys_plan.workbook.marks import SheetScan, check_extent
from okosys_plan.workbook.sniff import Format, Sniffed, sniff
from okosys_plan.workbook.text import decode

#: Default limit for a workbook's unpacked size (a zip bomb guard), in bytes.
DEFAULT_MAX_UNPACKED = 1024 * 1024 * 1024


@dataclass
class RawSheet:
    """A sheet's cells as the engine gave them; ``rows[0]`` is Excel row ``first_row``."""

    name: str
    visible: bool
    rows: list[list[Any]]
    first_row: int = 1
    first_col: int = 1
    formula_blanks: set[tuple[int, int]] = field(default_factory=set)
    #: Cells (row, column, 1-based) whose cached value is an error, with its text.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Formula cells whose cached value the file says is stale (never calculated).
    stale: set[tuple[int, int]] = field(default_factory=set)

    def mark(self, scan: SheetScan, trusted: bool = True) -> None:
        """Take the error and formula cells a scanner found in this sheet's file part."""
        self.formula_blanks = scan.blanks
        self.errors = scan.errors
        self.stale = set() if trusted else scan.formulas


@dataclass
class RawWorkbook:
    """Every sheet of a file, with what the reader noticed about the file itself."""

    path: Path
    sniffed: Sniffed
    sheets: list[RawSheet]
    date1904: bool = False

    @property
    def name(self) -> str:
        """The file's name, as problems show it."""
        return self.path.name


def read_workbook(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> RawWorkbook:
    """Read every sheet of ``path``; raise ``UnreadableWorkbook`` if it is no spreadsheet
    or if it changed while it was read (then what was read is not one file's content)."""
    sniffed = sniff(path, max_unpacked)  # refuses what is not a regular file
    try:
        before = os.stat(path)
    except OSError:
        raise changed(path) from None
    book = _read(path, sniffed)
    still_as_read(path, before)
    return book


def _read(path: Path, sniffed: Sniffed) -> RawWorkbook:
    if sniffed.format is Format.CSV:
        return RawWorkbook(path, sniffed, [_read_csv(path)])
    if sniffed.format in (Format.XLS, Format.XLS95):
        from okosys_plan.workbook.isolate import read_isolated

        sheets = read_isolated(path)
        return RawWorkbook(path, sniffed, sheets)
    if sniffed.format is Format.XLSX:
        found = ooxml.scan(path)
        date1904, trusted, scans = found.date1904, found.trusted, found.sheets
    else:
        from okosys_plan.workbook import odf

        date1904, trusted, scans = False, True, odf.scan(path)
    for name, scan in scans.items():  # before calamine allocates the sheets
        check_extent(path.name, name, scan)
    sheets = read_calamine(path)
    for sheet in sheets:
        if sheet.name in scans:
            sheet.mark(scans[sheet.name], trusted)
    return RawWorkbook(path, sniffed, sheets, date1904)


def read_calamine(path: Path) -> list[RawSheet]:
    """Read every worksheet with calamine; engine failures become ``UnreadableWorkbook``."""
    import python_calamine as calamine

    try:
        # From the bytes, not the path: calamine then tells the format by content, so an
        # .xls named .xlsx is read as what it is.
        with path.open("rb") as handle:
            book = calamine.CalamineWorkbook.from_filelike(handle)
            return [_sheet(book, meta) for meta in book.sheets_metadata if _is_worksheet(meta)]
    except calamine.PasswordError:
        raise UnreadableWorkbook("encrypted", f"{path.name} is encrypted (password-protected)",
                                 file=path.name) from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError):
        raise
    except BaseException as error:  # calamine's PanicException derives from BaseException
        reason = _first_line(error)
        if "entity" in reason:  # a DTD entity: spreadsheet programs never write one
            raise UnreadableWorkbook(
                "xml-entities", f"{path.name} holds XML entity declarations, which spreadsheet "
                f"programs never write; it is refused unread ({reason})", file=path.name,
                reason=reason) from None
        raise UnreadableWorkbook("damaged", f"{path.name} cannot be read: the file is damaged "
                                 f"({reason})", file=path.name, reason=reason) from None


def _is_worksheet(meta: Any) -> bool:
    return "Work" in str(meta.typ)


def _sheet(book: Any, meta: Any) -> RawSheet:
    sheet = book.get_sheet_by_name(meta.name)
    visible = str(meta.visible).endswith("Visible")
    start = sheet.start
    if start is None:
        return RawSheet(meta.name, visible, [])
    rows = sheet.to_python(skip_empty_area=True)
    return RawSheet(meta.name, visible, rows, first_row=start[0] + 1, first_col=start[1] + 1)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


# --- CSV -------------------------------------------------------------------------------


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text = decode(data)
    dialect_delimiter = _delimiter(text[:20000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect_delimiter)
    try:
        rows: list[list[Any]] = [list(row) for row in reader]
    except csv.Error as error:
        raise UnreadableWorkbook("bad-csv", f"{path.name} is not readable CSV ({error})",
                                 file=path.name, reason=str(error)) from None
    return RawSheet("Behov", True, rows)


def _delimiter(sample: str) -> str:
    # The header line decides: headers rarely hold commas, data may ('12,5').
    header = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","
