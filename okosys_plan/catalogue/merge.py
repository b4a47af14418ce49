"""Merge many submitted catalogues into one, keeping every row, every column and its origin.

Rows are merged as the user typed them (raw cell values), with an origin column naming
file, sheet and row. A need or measure ID used in more than one file is an error unless
renumbered; renumbering rewrites references inside the same file and is listed in a
mapping sheet. Needs whose titles match after normalising are reported as likely
duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okosys_plan.catalogue import coerce, schema
from okosys_plan.catalogue.model import Catalogue, Need, Problem, Severity, SheetTable
from okosys_plan.catalogue.validate import id_key

ORIGIN_HEADER = "Opphav"
_ID_SHEETS = ("needs", "measures")
# Columns holding IDs of needs (N) or measures (M), per sheet, rewritten when renumbering.
_REFERENCES: dict[str, dict[str, str]] = {
    "needs": {"id": "N", "depends_on": "N"},
    "measures": {"id": "M", "needs": "N", "depends_on": "M"},
    "milestones": {"measure": "M"},
    "costs": {"item": "NM"},
    "funding": {"item": "NM"},
    "usage": {"solution": "NM"},
}
_KEYED = {"criteria": "name", "agencies": "code"}


@dataclass
class MergedSheet:
    """One sheet of the merged workbook: headers and rows of raw values."""

    label: str
    headers: list[str]
    keys: list[str | None]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Merged:
    """The merged catalogue, ready to write, with what merging found."""

    sheets: dict[str, MergedSheet]
    needs: list[str]
    problems: list[Problem]
    mapping: list[dict[str, Any]]


def merge_catalogues(catalogues: Sequence[Catalogue], *, renumber: bool = False) -> Merged:
    """Merge catalogues in the order given; the first file's IDs are kept."""
    merger = _Merger(catalogues, renumber)
    return merger.merge()


class _Merger:
    def __init__(self, catalogues: Sequence[Catalogue], renumber: bool) -> None:
        self.catalogues = catalogues
        self.renumber = renumber
        self.problems: list[Problem] = []
        self.mapping: list[dict[str, Any]] = []
        self.taken: dict[str, tuple[int, str]] = {}  # id key -> (file index, where first seen)

    def merge(self) -> Merged:
        renames = [self._renames(index, cat) for index, cat in enumerate(self.catalogues)]
        sheets = {spec.key: self._sheet(spec, renames) for spec in schema.SHEETS
                  if any(spec.key in cat.tables for cat in self.catalogues)}
        self._likely_duplicates()
        for cat in self.catalogues:
            self.problems.extend(p for p in cat.problems if p.code == "row-skipped")
            self.problems.extend(
                Problem(Severity.WARNING, "sheet-not-merged", name,
                        params={"name": name}, file=cat.source)
                for name in cat.other_sheets)
        needs = _ids(sheets["needs"]) if "needs" in sheets else []
        return Merged(sheets, needs, [_in_file(p) for p in self.problems], self.mapping)

    # --- IDs ------------------------------------------------------------------------------

    def _renames(self, index: int, cat: Catalogue) -> dict[str, str]:
        """This file's ID changes (old key -> new ID); reports clashes when not renumbering."""
        renames: dict[str, str] = {}
        for key in _ID_SHEETS:
            records = cat.needs if key == "needs" else cat.measures
            if not records:
                continue
            table = cat.tables[key]
            for record in records:
                cell = table.cell("id", record.origin.row)
                where = f"{cat.source}:{record.origin.sheet}!{cell}"
                old = id_key(record.id)
                if old not in self.taken:
                    self.taken[old] = (index, where)
                    continue
                # A duplicate inside one file cannot be renumbered: its references are
                # ambiguous, and the file's own rename would hit both rows.
                if not self.renumber or self.taken[old][0] == index or old in renames:
                    self.problems.append(Problem(
                        Severity.ERROR, "duplicate-id", record.origin.sheet, cell,
                        table.header("id"), record.id, {"first": self.taken[old][1]},
                        cat.source))
                    continue
                new = self._free_id(record.id, index + 1)
                renames[old] = new
                self.taken[id_key(new)] = (index, where)
                self.mapping.append({"file": cat.source, "sheet": record.origin.sheet,
                                     "row": record.origin.row, "old": record.id, "new": new})
        return renames

    def _free_id(self, old: str, number: int) -> str:
        candidate, extra = f"{old}-{number}", 1
        while id_key(candidate) in self.taken:
            extra += 1
            candidate = f"{old}-{number}.{extra}"
        return candidate

    # --- sheets ---------------------------------------------------------------------------

    def _sheet(self, spec: schema.SheetSpec, renames: list[dict[str, str]]) -> MergedSheet:
        tables = [(i, cat.tables[spec.key]) for i, cat in enumerate(self.catalogues)
                  if spec.key in cat.tables]
        merged = _columns(spec, [t for _, t in tables])
        seen: dict[str, list[Any]] = {}
        for index, table in tables:
            cat = self.catalogues[index]
            for number, cells in table.rows:
                row = _place(merged, table, cells)
                self._rewrite(spec.key, merged, row, renames[index])
                row[-1] = f"{cat.source}:{table.sheet}!{number}"
                if self._is_repeat(spec.key, merged, row, seen, cat, table, number):
                    continue
                merged.rows.append(row)
        return merged

    def _rewrite(self, key: str, merged: MergedSheet, row: list[Any],
                 renames: dict[str, str]) -> None:
        if not renames:
            return
        for column in _REFERENCES.get(key, {}):
            if column not in merged.keys:
                continue
            position = merged.keys.index(column)
            items = coerce.parse_list(row[position])
            if any(id_key(item) in renames for item in items):
                row[position] = ", ".join(renames.get(id_key(i), i) for i in items)

    def _is_repeat(self, key: str, merged: MergedSheet, row: list[Any],
                   seen: dict[str, list[Any]], cat: Catalogue, table: SheetTable,
                   number: int) -> bool:
        """Criteria and agencies given by several files are kept once; a conflict is said."""
        column = _KEYED.get(key)
        if column is None or column not in merged.keys:
            return False
        value = row[merged.keys.index(column)]
        name = id_key(coerce.clean_text(value) or "")
        first = seen.get(name)
        if first is None:
            seen[name] = row
            return False
        if first[:-1] != row[:-1]:
            self.problems.append(Problem(
                Severity.WARNING, "conflicting-row", table.sheet,
                table.cell(column, number), table.header(column), value,
                {"first": first[-1]}, cat.source))
        return True

    def _likely_duplicates(self) -> None:
        seen: dict[str, Need] = {}
        for cat in self.catalogues:
            for need in cat.needs:
                key = normalised_title(need.title)
                if key in seen and seen[key].origin.file != need.origin.file:
                    table = cat.tables["needs"]
                    self.problems.append(Problem(
                        Severity.WARNING, "likely-duplicate", need.origin.sheet,
                        table.cell("title", need.origin.row), table.header("title"), need.title,
                        {"first": seen[key].origin.label(), "other": seen[key].id},
                        cat.source))
                seen.setdefault(key, need)


def _in_file(problem: Problem) -> Problem:
    """The problem with its file named in the sheet (``b.xlsx:Behov``): many files merge."""
    if problem.file is None:
        return problem
    sheet = f"{problem.file}:{problem.sheet}" if problem.sheet else problem.file
    return replace(problem, sheet=sheet)


def _ids(sheet: MergedSheet) -> list[str]:
    position = sheet.keys.index("id")
    return [str(row[position]) for row in sheet.rows if row[position] not in (None, "")]


def normalised_title(title: str) -> str:
    """A title folded for comparison: case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w]+", " ", title.casefold()).split())


def _columns(spec: schema.SheetSpec, tables: list[SheetTable]) -> MergedSheet:
    """Known columns in the format's order, then criteria and unknown ones as first seen."""
    labels: dict[str, str] = {}
    for table in tables:
        for header, key in zip(table.headers, table.keys, strict=True):
            name = key if key is not None else f"extra:{schema.normalise(header)}"
            labels.setdefault(name, header or "")
    known = [c.key for c in spec.columns if c.key in labels]
    others = [k for k in labels if k not in known]
    keys: list[str | None] = [*known, *others, None]
    headers = [labels[k] for k in known] + [labels[k] for k in others] + [ORIGIN_HEADER]
    return MergedSheet(spec.label, headers, keys)


def _place(merged: MergedSheet, table: SheetTable, cells: Sequence[Any]) -> list[Any]:
    row: list[Any] = [None] * len(merged.keys)
    for position, (header, key) in enumerate(zip(table.headers, table.keys, strict=True)):
        name = key if key is not None else f"extra:{schema.normalise(header)}"
        if position < len(cells):
            row[merged.keys.index(name)] = cells[position]
    return row


def write_merged(merged: Merged, path: Path, *, force: bool = False,
                 inputs: tuple[Path, ...] = ()) -> None:
    """Write the merged catalogue (and the renumbering mapping) to ``path``."""
    from okosys_plan.export.sheets import write_sheets

    sheets = [(s.label, s.headers, s.rows) for s in merged.sheets.values()]
    if merged.mapping:
        rows = [[m["file"], m["sheet"], m["row"], m["old"], m["new"]] for m in merged.mapping]
        sheets.append(("Omnummerering", ["Fil", "Ark", "Rad", "Gammel ID", "Ny ID"], rows))
    write_sheets(path, sheets, force=force, inputs=inputs)
