"""What a sheet's cells hold beyond the values the engine gives, and how far they reach.

The engine (calamine) reads a cell whose cached value is an error (``#N/A``, ``#DIV/0!``,
``Err:502`` …) as blank and allocates a sheet's whole extent at once; the format's own
scanners (``ooxml``, ``odf``, ``biff``) collect the errors, the formula cells and the extent
first, so that no value is lost without a word and no sheet is too large to allocate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.text.address import column_letter
from okosys_plan.text.later import Count

#: Excel's own limits, which no spreadsheet program writes beyond.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: The most cells (rows × columns of a sheet's used area) read from one sheet: about
#: 400 MB in memory. A catalogue of 10 000 needs in 60 columns is 600 000 cells.
CELL_BUDGET = 10_000_000

Position = tuple[int, int]  # (row, column), both counted from 1 as the user sees them


@dataclass
class SheetScan:
    """A sheet's error cells, formula cells and used area, found by scanning its file part."""

    errors: dict[Position, str] = field(default_factory=dict)
    blanks: set[Position] = field(default_factory=set)  # formulas without a cached value
    formulas: set[Position] = field(default_factory=set)  # formulas with a cached value
    first: Position | None = None  # the used area's top-left cell
    last: Position | None = None  # and its bottom-right cell

    def reach(self, row: int, col: int) -> None:
        """Widen the used area to hold the cell at ``row``, ``col``."""
        if self.first is None or self.last is None:
            self.first = self.last = (row, col)
            return
        self.first = (min(self.first[0], row), min(self.first[1], col))
        self.last = (max(self.last[0], row), max(self.last[1], col))


def check_extent(file: str, sheet: str, scan: SheetScan) -> None:
    """Refuse a sheet whose used area is beyond Excel's limits or the cell budget."""
    if scan.first is None or scan.last is None:
        return
    rows = scan.last[0] - scan.first[0] + 1
    cols = scan.last[1] - scan.first[1] + 1
    if scan.last[0] <= MAX_ROWS and scan.last[1] <= MAX_COLUMNS and rows * cols <= CELL_BUDGET:
        return
    cell = f"{column_letter(scan.last[1])}{scan.last[0]}"
    counts = {"rows": Count(rows), "columns": Count(cols), "limit": Count(CELL_BUDGET)}
    raise UnreadableWorkbook(
        "sheet-too-large",
        f"{file} cannot be read: the sheet '{sheet}' reaches {counts['rows']} rows × "
        f"{counts['columns']} columns (to {cell}), over the limit of {counts['limit']} cells "
        "(at most 1,048,576 rows and 16,384 columns)", file=file, sheet=sheet, cell=cell,
        **counts)

