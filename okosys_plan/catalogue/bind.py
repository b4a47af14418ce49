"""Find a sheet's header row and bind its columns to the format's columns.

The header row is the first row among the first 20 that holds every required header;
title rows, merged cells and blank rows above it are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okosys_plan.catalogue.schema import Column, SheetSpec, lookup, normalise
from okosys_plan.workbook.read import RawSheet

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Binding:
    """A sheet's header: where it is, and what each column index means."""

    sheet: RawSheet
    header_index: int  # index into sheet.rows
    headers: tuple[str, ...]
    columns: tuple[Column | None, ...]  # per column index; None = unknown to the format
    duplicates: tuple[int, ...] = ()  # indexes of repeated known headers

    @property
    def header_row(self) -> int:
        """The header's row number as the user sees it."""
        return self.sheet.first_row + self.header_index

    def index_of(self, key: str) -> int | None:
        """The column index bound to ``key``, if any."""
        for index, column in enumerate(self.columns):
            if column is not None and column.key == key:
                return index
        return None


def find_sheet(sheets: list[RawSheet], spec: SheetSpec) -> RawSheet | None:
    """The sheet named as ``spec`` in either language (hidden ones too), if any."""
    names = {normalise(name) for name in spec.names}
    return next((s for s in sheets if normalise(s.name) in names), None)


def find_by_headers(
    sheets: list[RawSheet], spec: SheetSpec, extra: Mapping[str, Column] | None = None
) -> Binding | None:
    """The first visible sheet whose header row holds ``spec``'s required headers."""
    for sheet in sheets:
        if sheet.visible:
            binding = bind(sheet, spec, extra)
            if binding is not None:
                return binding
    return None


def bind(
    sheet: RawSheet, spec: SheetSpec, extra: Mapping[str, Column] | None = None
) -> Binding | None:
    """Bind ``sheet``'s header row to ``spec``, or None if no row holds the required headers."""
    names = lookup(spec)
    required = {column.key for column in spec.required}
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        keys = {names[n].key for n in map(normalise, row) if n in names}
        if required <= keys:
            return _binding(sheet, index, names, dict(extra or {}))
    return None


def first_filled_row(sheet: RawSheet) -> int:
    """The row number of the sheet's first non-empty row (where a header is expected)."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if any(str(cell).strip() for cell in row if cell is not None):
            return sheet.first_row + index
    return sheet.first_row


def _binding(
    sheet: RawSheet, index: int, names: dict[str, Column], extra: dict[str, Column]
) -> Binding:
    row = sheet.rows[index]
    width = _width(sheet, index)
    headers: list[str] = []
    columns: list[Column | None] = []
    duplicates: list[int] = []
    seen: set[str] = set()
    for position in range(width):
        label = _label(row[position] if position < len(row) else None)
        name = normalise(label)
        column = names.get(name) or extra.get(name)
        if column is not None and column.key in seen:
            duplicates.append(position)
            column = None
        if column is not None:
            seen.add(column.key)
        headers.append(label)
        columns.append(column)
    return Binding(sheet, index, tuple(headers), tuple(columns), tuple(duplicates))


def _label(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _width(sheet: RawSheet, header_index: int) -> int:
    """The header's width without trailing empty columns (data beyond it is kept too)."""
    width = 0
    for row in sheet.rows[header_index:]:
        for position in range(len(row) - 1, width - 1, -1):
            cell = row[position]
            if cell is not None and cell != "":
                width = position + 1
                break
    return width
