"""Turn a bound sheet's rows into typed values, collecting a Problem for every bad cell.

Nothing here raises for a cell: a value that cannot be read becomes ``None`` and a
problem with its sheet, cell, column header and value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from okosys_plan.catalogue import coerce, convert
from okosys_plan.catalogue.bind import Binding
from okosys_plan.catalogue.model import Origin, Problem, Severity
from okosys_plan.catalogue.schema import Column, Kind, SheetSpec
from okosys_plan.text.address import column_letter


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user sees it and its cells."""

    number: int
    cells: list[Any]

    def raw(self, index: int | None) -> Any:
        """The raw value at a column index, or None."""
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


class SheetCells:
    """Reads typed values from a bound sheet and records problems with their places."""

    def __init__(self, binding: Binding, file: str, date1904: bool, problems: list[Problem]):
        self.binding = binding
        self.file = file
        self.sheet = binding.sheet.name
        self.problems = problems
        self._date1904 = date1904
        self._index = {c.key: i for i, c in enumerate(binding.columns) if c is not None}
        self._extra = [i for i, c in enumerate(binding.columns) if c is None]
        sheet = binding.sheet
        self._formula_blanks = sheet.formula_blanks
        self._errors = sheet.errors
        self._stale = sheet.stale
        self._marked = bool(sheet.formula_blanks or sheet.errors or sheet.stale)
        self._converters: dict[str, Callable[[Any], Any]] = {}
        self._plans: dict[int, tuple[SheetSpec, tuple[_Entry, ...]]] = {}

    def has(self, key: str) -> bool:
        """True when the sheet has the column ``key``."""
        return key in self._index

    def index(self, key: str) -> int | None:
        """The column index of ``key``, or None."""
        return self._index.get(key)

    def raw_empty(self, row: Row, key: str) -> bool:
        """True when the cell of ``key`` in ``row`` is blank (or the column is absent).

        A cell holding a formula (an error, no value, a stale value) is not blank.
        """
        index = self._index.get(key)
        return coerce.is_blank(row.raw(index)) and not self.marked(row, index)

    def marked(self, row: Row, index: int | None) -> bool:
        """True when the cell holds an error, a formula without a value, or a stale value."""
        if not self._marked or index is None:
            return False
        position = (row.number, self.binding.sheet.first_col + index)
        return position in self._errors or position in self._formula_blanks \
            or position in self._stale

    def rows(self) -> Iterator[Row]:
        """Every data row below the header that holds anything at all."""
        sheet = self.binding.sheet
        start = self.binding.header_index + 1
        for offset, cells in enumerate(sheet.rows[start:], start=start):
            if not all(map(coerce.is_blank, cells)):
                yield Row(sheet.first_row + offset, cells)
            elif self._marked:
                self._check_formulas(Row(sheet.first_row + offset, cells))

    def cell(self, row: Row, index: int) -> str:
        """The cell reference, such as ``F12``."""
        return f"{column_letter(self.binding.sheet.first_col + index)}{row.number}"

    def origin(self, row: Row) -> Origin:
        """Where the row came from."""
        return Origin(self.file, self.sheet, row.number)

    def header(self, index: int) -> str:
        """The column's header as the user wrote it."""
        return self.binding.headers[index] if index < len(self.binding.headers) else ""

    def problem(self, row: Row, index: int | None, code: str, severity: Severity = Severity.ERROR,
                value: Any = None, **params: Any) -> None:
        """Record a problem at a cell (or at the row when ``index`` is None)."""
        self.problems.append(Problem(
            severity, code, self.sheet,
            self.cell(row, 0 if index is None else index),  # a row's problem: its first cell
            self.header(index) if index is not None else None,
            row.raw(index) if value is None else value,
            params, self.file,
        ))

    def grade(self, row: Row, index: int | None, number: float, low: int, high: int
              ) -> int | None:
        """``number`` as a whole grade on the scale ``low``–``high``, or None with a problem."""
        if not float(number).is_integer():
            self.problem(row, index, "not-whole")
            return None
        if not low <= number <= high:
            self.problem(row, index, "out-of-range", allowed=f"fra {low} til {high}",
                         allowed_en=f"from {low} to {high}")
            return None
        return int(number)

    def value(self, row: Row, key: str, column: Column) -> Any:
        """The typed value of ``key`` in ``row``, or None (with a problem) if unreadable."""
        return self._typed(row, (self._entry(key, column),))[key]

    def values(self, row: Row, spec: SheetSpec) -> dict[str, Any]:
        """Every column of ``spec`` typed: None (or () for a list) where absent or blank."""
        plan = self._plans.get(id(spec))
        if plan is None or plan[0] is not spec:
            plan = self._plans[id(spec)] = (spec, tuple(
                self._entry(c.key, c) for c in spec.columns))
        return self._typed(row, plan[1])

    def _entry(self, key: str, column: Column) -> _Entry:
        """How ``key``'s cells are read, worked out once per column."""
        converter = self._converters.get(key)
        if converter is None:
            converter = self._converters[key] = convert.converter(column, self._date1904)
        limit = _limit(column) if column.kind in _BOUNDED else 0
        empty = () if column.kind is Kind.LIST else None
        return key, self._index.get(key), column, empty, converter, limit

    def _typed(self, row: Row, plan: tuple[_Entry, ...]) -> dict[str, Any]:
        """The typed value of every column in ``plan``, in order, with their problems."""
        out: dict[str, Any] = {}
        cells = row.cells
        size = len(cells)
        marked = self._marked
        for key, index, column, empty, converter, limit in plan:
            if index is None or (marked and self._formula_at(row, index, column)):
                out[key] = empty
                continue
            raw = cells[index] if index < size else None
            if raw is None or raw == "":
                out[key] = empty
            elif limit and type(raw) is str and len(raw) > limit:
                out[key] = self._too_long(row, index, column, raw)
            else:
                try:
                    out[key] = converter(raw)
                except coerce.CoerceError as error:
                    self._refused(row, index, column, error)
                    out[key] = None
        return out

    def _refused(self, row: Row, index: int, column: Column, error: coerce.CoerceError) -> None:
        params = dict(error.params)
        params.setdefault("unit", column.unit or "-")
        self.problem(row, index, error.code, **params)

    def _too_long(self, row: Row, index: int, column: Column, raw: str) -> Any:
        """An ID over its limit is refused; longer text is cut at its limit, with a warning."""
        shown = raw[:60].rstrip() + "…"
        limit = _limit(column)
        if column.kind is Kind.ID:
            self.problem(row, index, "id-too-long", value=shown, length=len(raw), limit=limit)
            return None
        if len(raw.strip()) <= limit:
            return self._converter(column)(raw)  # only spaces beyond the limit
        self.problem(row, index, "text-too-long", Severity.WARNING, value=shown,
                     length=len(raw), limit=limit)
        return self._converter(column)(raw[:limit].rstrip() + "…")

    def text_at(self, row: Row, index: int, key: str) -> str | None:
        """The free text at column ``index`` of ``row``, read as a text column is (trimmed,
        cut at the limit with a warning, a formula's error said): for columns the format
        names by pattern rather than by name, such as a rubric's ``1`` … ``5``."""
        entry = (key, index, Column(key, (self.header(index),)), None, coerce.clean_text,
                 TEXT_LIMIT)
        value: str | None = self._typed(row, (entry,))[key]
        return value

    def extra(self, row: Row) -> tuple[tuple[str, Any], ...]:
        """The row's values in columns the format does not know, in order."""
        out = []
        for index in self._extra:
            value = row.raw(index)
            if value is not None and value != "":
                out.append((self.header(index) or column_letter(index + 1), value))
        return tuple(out)

    def _converter(self, column: Column) -> Callable[[Any], Any]:
        return convert.converter(column, self._date1904)

    def _formula_at(self, row: Row, index: int, column: Column | None) -> bool:
        """Report a cell the formula rules refuse (its value is not used); False if none."""
        position = (row.number, self.binding.sheet.first_col + index)
        if position in self._formula_blanks:
            self.problem(row, index, "formula-no-value", value="")
            return True
        if column is None:
            return False  # a column the format does not read keeps what the engine gave
        error = self._errors.get(position)
        if error is not None:
            self.problem(row, index, "formula-error", _severity(column), value=error)
            return True
        if position in self._stale:
            severity = Severity.ERROR if column.required else Severity.WARNING
            self.problem(row, index, "formula-not-calculated", severity)
            return True
        return False

    def _check_formulas(self, row: Row) -> None:
        for index, column in enumerate(self.binding.columns):
            self._formula_at(row, index, column)


#: The longest ID, title and other text read (characters); see docs/workbook-format.md.
ID_LIMIT = 50
TITLE_LIMIT = 500
TEXT_LIMIT = 10_000


_BOUNDED = (Kind.ID, Kind.TEXT, Kind.LIST)

#: How a column is read: key, index (None: absent), column, the empty value, converter and
#: length limit (0: none).
_Entry = tuple[str, int | None, Column, Any, Callable[[Any], Any], int]


def _limit(column: Column) -> int:
    if column.kind is Kind.ID:
        return ID_LIMIT
    if column.key in ("title", "name"):
        return TITLE_LIMIT
    return TEXT_LIMIT


def _severity(column: Column) -> Severity:
    """An error cell is an error where a value is required or read as a number, date,
    period, year, yes/no or case; a warning in free text and lists."""
    if column.required or column.kind not in (Kind.TEXT, Kind.LIST):
        return Severity.ERROR
    return Severity.WARNING
