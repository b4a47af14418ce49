"""Build a typed ``Catalogue`` from a file: find the sheets, bind columns, read every row.

Cell-level problems (a value that is not a number, a score out of range, a row skipped)
are collected here, in one pass; rules across rows live in ``validate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okosys_plan import collector
from okosys_plan.catalogue import coerce, domain, schema
from okosys_plan.catalogue.bind import Binding, bind, find_by_headers, find_sheet, first_filled_row
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.choices import ChoiceChecker
from okosys_plan.catalogue.criteria import criteria_from_sheet
from okosys_plan.catalogue.model import (
    AdoptedLine,
    Agency,
    BudgetLine,
    Catalogue,
    ChainElement,
    CostLine,
    Criterion,
    FundingLine,
    Goal,
    KeyFigure,
    Measure,
    Milestone,
    Need,
    Problem,
    Severity,
    SheetTable,
    Usage,
)
from okosys_plan.text.address import column_letter
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED, RawWorkbook, read_workbook


def load_catalogue(
    path: str | Path,
    *,
    criteria: Sequence[Criterion] | None = None,
    max_unpacked: int = DEFAULT_MAX_UNPACKED,
) -> Catalogue:
    """Read a needs catalogue from any supported file into a typed ``Catalogue``.

    ``criteria`` overrides the workbook's Kriterier sheet (and the Skate defaults).
    Raises ``UnreadableWorkbook`` only for a file that is no spreadsheet at all.
    """
    with collector.paused():
        return build_catalogue(read_workbook(Path(path), max_unpacked), criteria)


def build_catalogue(raw: RawWorkbook, criteria: Sequence[Criterion] | None = None) -> Catalogue:
    """Build the typed catalogue from a workbook's raw sheets."""
    with collector.paused():
        return _Builder(raw).build(criteria)


class _Builder:
    def __init__(self, raw: RawWorkbook) -> None:
        self.raw = raw
        self.file = raw.name
        self.problems: list[Problem] = []
        self.tables: dict[str, SheetTable] = {}
        self.present: set[str] = set()
        self.choices = ChoiceChecker()

    def build(self, override: Sequence[Criterion] | None) -> Catalogue:
        self._file_notes()
        criteria, from_workbook = self._criteria(override)
        needs, missing = self._needs(criteria)
        return Catalogue(
            source=self.file,
            needs=needs,
            criteria=criteria,
            measures=self._records(schema.MEASURES, self._measure),
            milestones=self._records(schema.MILESTONES, self._milestone),
            costs=self._records(schema.COSTS, self._cost),
            funding=self._records(schema.FUNDING, self._funding),
            agencies=self._records(schema.AGENCIES, self._agency),
            usage=self._records(schema.USAGE, self._usage),
            budgets=self._records(schema.BUDGET, self._budget),
            goals=self._records(schema.GOALS, self._goal),
            key_figures=self._records(schema.KEY_FIGURES, self._key_figure),
            adopted=self._records(schema.ADOPTED, self._adopted),
            chain_elements=self._records(schema.CHAINS, self._chain_element),
            problems=tuple(self.problems),
            tables=self.tables,
            sheets_present=frozenset(self.present),
            other_sheets=self._other_sheets(),
            missing_criteria=missing,
            criteria_from_workbook=from_workbook,
        )

    # --- the file and the sheets ------------------------------------------------------

    def _other_sheets(self) -> tuple[str, ...]:
        used = {table.sheet for table in self.tables.values()}
        return tuple(s.name for s in self.raw.sheets if s.name not in used and s.rows)

    def _file_notes(self) -> None:
        sniffed = self.raw.sniffed
        if sniffed.format.value == "xls95":
            self._note("old-format", format="Excel 5.0/95 (BIFF5)")
        if sniffed.misnamed:
            self._note("wrong-extension", actual=sniffed.description,
                       suffix=self.raw.path.suffix, expected=sniffed.expected_suffix)

    def _note(self, code: str, **params: Any) -> None:
        self.problems.append(Problem(Severity.WARNING, code, params=params, file=self.file))

    def _bind(self, spec: schema.SheetSpec, extra: dict[str, schema.Column] | None = None
              ) -> SheetCells | None:
        sheet = find_sheet(self.raw.sheets, spec)
        binding: Binding | None
        if sheet is None:
            binding = find_by_headers(self.raw.sheets, spec, extra) \
                if spec is schema.NEEDS else None
            if binding is None:
                return None
        else:
            binding = bind(sheet, spec, extra)
            if binding is None:
                self._missing_columns(sheet, spec)
                return None
        self.present.add(spec.key)
        cells = SheetCells(binding, self.file, self.raw.date1904, self.problems)
        self._duplicate_headers(cells)
        return cells

    def _missing_columns(self, sheet: Any, spec: schema.SheetSpec) -> None:
        self.present.add(spec.key)
        found = {schema.normalise(c) for row in sheet.rows[:20] for c in row if c is not None}
        row = first_filled_row(sheet)
        for column in spec.required:
            if not any(schema.normalise(name) in found for name in column.names):
                self.problems.append(Problem(
                    Severity.ERROR, "missing-column", sheet.name,
                    f"{column_letter(sheet.first_col)}{row}", column.names[0],
                    None, {"expected": " / ".join(column.names[:3]), "header_row": row},
                    self.file))

    def _duplicate_headers(self, cells: SheetCells) -> None:
        binding = cells.binding
        row = Row(binding.header_row, list(binding.sheet.rows[binding.header_index]))
        for index in cells.binding.duplicates:
            cells.problem(row, index, "duplicate-column", Severity.WARNING)

    def _table(self, spec: schema.SheetSpec, cells: SheetCells, rows: list[Row]) -> None:
        binding = cells.binding
        keys = tuple(c.key if c is not None else None for c in binding.columns)
        self.tables[spec.key] = SheetTable(
            binding.sheet.name, binding.header_row, binding.headers, keys,
            tuple([(row.number, row.cells) for row in rows]), binding.sheet.first_col)

    def _records(self, spec: schema.SheetSpec, make: Any) -> tuple[Any, ...]:
        cells = self._bind(spec)
        if cells is None:
            return ()
        kept: list[Row] = []
        out = []
        for row in cells.rows():
            if not self._has_key(cells, spec, row):
                continue
            kept.append(row)
            values = cells.values(row, spec)
            record = make(cells, row, values)
            if record is not None:
                out.append(record)
        self._table(spec, cells, kept)
        return tuple(out)

    def _has_key(self, cells: SheetCells, spec: schema.SheetSpec, row: Row) -> bool:
        """False (and a warning) for a row with none of the sheet's required values."""
        for column in spec.required:
            if not cells.raw_empty(row, column.key):
                return True
        cells.problem(row, None, "row-skipped", Severity.WARNING, value="", number=row.number)
        return False

    def _require(self, cells: SheetCells, row: Row, values: dict[str, Any],
                 spec: schema.SheetSpec) -> bool:
        ok = True
        for column in spec.required:
            if values.get(column.key) is None and cells.raw_empty(row, column.key):
                cells.problem(row, cells.index(column.key), "missing-value", value="")
                ok = False
            elif values.get(column.key) is None:
                ok = False
        return ok

    # --- criteria and needs -----------------------------------------------------------

    def _criteria(self, override: Sequence[Criterion] | None) -> tuple[tuple[Criterion, ...], bool]:
        cells = self._bind(schema.CRITERIA)
        if cells is None:
            return tuple(override or domain.DEFAULT_CRITERIA), False
        rows = [row for row in cells.rows() if self._has_key(cells, schema.CRITERIA, row)]
        self._table(schema.CRITERIA, cells, rows)
        from_sheet = criteria_from_sheet(cells, rows)
        if override is not None:
            return tuple(override), False
        return (from_sheet, True) if from_sheet else (domain.DEFAULT_CRITERIA, False)

    def _needs(self, criteria: tuple[Criterion, ...]) -> tuple[tuple[Need, ...], tuple[str, ...]]:
        score_columns = {
            schema.normalise(c.name): schema.Column(f"score:{c.name}", (c.name,), schema.Kind.SCORE)
            for c in criteria
        }
        cells = self._bind(schema.NEEDS, score_columns)
        if cells is None:
            if schema.NEEDS.key not in self.present:
                self._no_needs_sheet()
            return (), tuple(c.name for c in criteria)
        missing = tuple(c.name for c in criteria if not cells.has(f"score:{c.name}"))
        for name in missing:
            self.problems.append(Problem(
                Severity.WARNING, "missing-criterion-column", cells.sheet,
                cells.cell(Row(cells.binding.header_row, []), 0), name, None,
                {"criterion": name}, self.file))
        scored = [(c, f"score:{c.name}", cells.index(f"score:{c.name}")) for c in criteria
                  if c.name not in missing]
        kept: list[Row] = []
        needs: list[Need] = []
        for row in cells.rows():
            if not self._has_key(cells, schema.NEEDS, row):
                continue
            kept.append(row)
            need = self._need(cells, row, scored)
            if need is not None:
                needs.append(need)
        self._table(schema.NEEDS, cells, kept)
        return tuple(needs), missing

    def _no_needs_sheet(self) -> None:
        looked_for = "ID + Tittel (Title)"
        self.problems.append(Problem(
            Severity.ERROR, "missing-sheet", None, None, None, None,
            {"looked_for": looked_for}, self.file))

    def _need(self, cells: SheetCells, row: Row,
              scored: list[tuple[Criterion, str, int | None]]) -> Need | None:
        spec = schema.NEEDS
        values = cells.values(row, spec)
        ok = self._require(cells, row, values, spec)
        self._check_amounts(cells, row, values, spec)
        values["status"] = self.choices.status(cells, row, values["status"], need=True)
        values["theme"] = self.choices.theme(cells, row, values["theme"])
        values["need_type"] = self.choices.choice(cells, row, "need_type", values["need_type"])
        values["life_events"] = self.choices.many(cells, row, "life_events", values["life_events"])
        values["legal_requirement"] = bool(values["legal_requirement"])
        start, end = _period_pair(cells, row, values)
        scores = {c.name: self._score(cells, row, c, key, index) for c, key, index in scored}
        if not ok:
            return None
        fields = {k: v for k, v in values.items() if k not in ("start", "end")}
        return Need(**fields, start=start, end=end, scores=scores,
                    origin=cells.origin(row), extra=cells.extra(row))

    def _score(self, cells: SheetCells, row: Row, criterion: Criterion, key: str,
               index: int | None) -> int | None:
        """The score of ``criterion`` (its column ``key``, at ``index``) in ``row``."""
        raw = row.raw(index)
        if cells.marked(row, index):  # an error, a formula without a value, a stale value
            cells.value(row, key, _SCORE)
            return None
        if type(raw) is float or type(raw) is int:
            number: float | None = raw  # the common case: a number cell
        elif coerce.is_blank(raw):
            cells.problem(row, index, "not-scored", Severity.WARNING, value="",
                          min=criterion.scale_min, max=criterion.scale_max)
            return None
        else:
            number = cells.value(row, key, _SCORE)
        if number is None:
            return None
        return cells.grade(row, index, number, criterion.scale_min, criterion.scale_max)

    def _check_amounts(self, cells: SheetCells, row: Row, values: dict[str, Any],
                       spec: schema.SheetSpec) -> None:
        for column in spec.signed:
            value = values.get(column.key)
            if value is None:
                continue
            if column.kind is schema.Kind.AMOUNT and value < 0:
                cells.problem(row, cells.index(column.key), "out-of-range",
                              allowed="på 0 eller mer", allowed_en="of 0 or more")
                values[column.key] = None
            elif column.kind is schema.Kind.POSITIVE and value <= 0:
                cells.problem(row, cells.index(column.key), "out-of-range",
                              allowed="over 0", allowed_en="above 0")
                values[column.key] = None

    # --- the other sheets ---------------------------------------------------------------

    def _measure(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> Measure | None:
        ok = self._require(cells, row, values, schema.MEASURES)
        values["status"] = self.choices.status(cells, row, values["status"], need=False)
        values["theme"] = self.choices.theme(cells, row, values["theme"])
        start, end = _period_pair(cells, row, values)
        if not ok:
            return None
        fields = {k: v for k, v in values.items() if k not in ("start", "end")}
        return Measure(**fields, start=start, end=end, origin=cells.origin(row),
                       extra=cells.extra(row))

    def _milestone(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> Milestone | None:
        if not self._require(cells, row, values, schema.MILESTONES):
            return None
        return Milestone(values["measure"], values["name"], values["when"],
                         cells.origin(row), cells.extra(row))

    def _cost(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> CostLine | None:
        self._check_amounts(cells, row, values, schema.COSTS)
        values["cost_type"] = self.choices.choice(cells, row, "cost_type", values["cost_type"])
        if not self._require(cells, row, values, schema.COSTS):
            return None
        return CostLine(values["item"], values["year"], values["cost_type"], values["amount"],
                        cells.origin(row), cells.extra(row))

    def _funding(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> FundingLine | None:
        self._check_amounts(cells, row, values, schema.FUNDING)
        values["source"] = self.choices.choice(cells, row, "source", values["source"])
        status = self.choices.choice(cells, row, "status", values["status"])
        if not self._require(cells, row, values, schema.FUNDING):
            return None
        return FundingLine(values["item"], values["year"], values["source"], values["amount"],
                           status or "Uavklart", cells.origin(row), cells.extra(row),
                           values.get("applied_year"))

    def _agency(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> Agency | None:
        self._check_amounts(cells, row, values, schema.AGENCIES)
        values["kind"] = self.choices.choice(cells, row, "kind", values["kind"])
        if not self._require(cells, row, values, schema.AGENCIES):
            return None
        return Agency(**values, origin=cells.origin(row), extra=cells.extra(row))

    def _usage(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> Usage | None:
        self._check_amounts(cells, row, values, schema.USAGE)
        if not self._require(cells, row, values, schema.USAGE):
            return None
        return Usage(**values, origin=cells.origin(row), extra=cells.extra(row))

    def _budget(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> BudgetLine | None:
        self._check_amounts(cells, row, values, schema.BUDGET)
        if not self._require(cells, row, values, schema.BUDGET):
            return None
        return BudgetLine(**values, origin=cells.origin(row), extra=cells.extra(row))

    def _goal(self, cells: SheetCells, row: Row, values: dict[str, Any]) -> Goal | None:
        values["assessment"] = self.choices.choice(cells, row, "assessment",
                                                   values["assessment"])
        if not self._require(cells, row, values, schema.GOALS):
            return None
        return Goal(**values, origin=cells.origin(row), extra=cells.extra(row))

    def _key_figure(self, cells: SheetCells, row: Row, values: dict[str, Any]
                    ) -> KeyFigure | None:
        if not self._require(cells, row, values, schema.KEY_FIGURES):
            return None
        return KeyFigure(**values, origin=cells.origin(row), extra=cells.extra(row))


    def _adopted(self, cells: SheetCells, row: Row, values: dict[str, Any]
                 ) -> AdoptedLine | None:
        ok = self._require(cells, row, values, schema.ADOPTED)
        start, end = _period_pair(cells, row, values)
        if not ok or start is None or end is None:
            return None
        return AdoptedLine(values["measure"], start, end, cells.origin(row), values["decided"],
                           values["case"], cells.extra(row))

    def _chain_element(self, cells: SheetCells, row: Row, values: dict[str, Any]
                       ) -> ChainElement | None:
        for key in ("layer", "break_level"):
            values[key] = self.choices.choice(cells, row, key, values[key])
        if not self._require(cells, row, values, schema.CHAINS):
            return None
        return ChainElement(**values, origin=cells.origin(row), extra=cells.extra(row))


_SCORE = schema.Column("score", ("score",), schema.Kind.SCORE)


def _period_pair(cells: SheetCells, row: Row, values: dict[str, Any]) -> tuple[Any, Any]:
    """Start and end; 'Påbegynt' is only a start, and 'Påbegynt' ends are refused."""
    start, end = values.get("start"), values.get("end")
    if end is None and start is not None and coerce.split_range(start.text):
        end = start  # one cell holding '2023–2025' gives both ends
    if end is not None and end.started_before:
        cells.problem(row, cells.index("end"), "bad-period")
        end = None
    return start, end
