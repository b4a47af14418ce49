"""The reader's fast paths give exactly what the general paths give (issue 13, §5).

Each fast path (a column's converter, ``is_blank``, a row read in one loop) is compared,
on generated cells, with the general parser or with the code it replaced, kept here as
the reference: the same value, the same problem, in the same order.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan import limits
from okosys_plan.catalogue import cells as cells_module
from okosys_plan.catalogue import coerce, convert, schema
from okosys_plan.catalogue.bind import bind
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.model import Problem
from okosys_plan.catalogue.schema import Column, Kind
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.workbook.read import RawSheet, read_workbook

# --- generated cells -------------------------------------------------------------------

_ODD = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202f\u2009\u2007 \t\r\n,;.-–/%KkQq"
_TEXT = st.text(st.sampled_from(_ODD + "aAæøåJaNeiX019"), max_size=12) | st.text(max_size=8)
_WORDS = st.sampled_from(["Ja", "nei", "2023", "2023-K2", "K3 2024", "Påbegynt", "mars 2025",
                          "1.2.2024", "2024-05-01", "12/23", "sak 7/2024", "2023–2025",
                          "1 234,5", "0,8 MNOK", "50 %", "B1-01", "T-12", "9999-K1"])
_FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [2022.0, 1900.0, 2200.0, 1899.0, 2201.0, 2022.5, 0.0, -1.0, 1.0, 3.0, 1e9, 1e15, 1e16,
     float(limits.MAX_MNOK), float(limits.MAX_MNOK) * 2, 45000.0, 3e6])
_INTS = st.integers(-10**18, 10**18) | st.sampled_from([2022, 1899, 2201, 0, 1, 5])
_DAYS = st.dates(date(1, 1, 1), date(9999, 12, 31))
CELLS = st.one_of(st.none(), _TEXT, _WORDS, _FLOATS, _INTS, st.booleans(), _DAYS,
                  st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)))


def _outcome(parse: Callable[[Any], Any], raw: Any) -> tuple[Any, ...]:
    """What a parser gives: its value with its type, or its problem code and parameters."""
    try:
        value = parse(raw)
    except coerce.CoerceError as error:
        return ("problem", error.code, error.params)
    if isinstance(value, float) and math.isnan(value):
        return ("value", "nan")
    return ("value", type(value), value)


# --- the references: the general parsers, and the code the fast paths replaced -------


def _general(column: Column, date1904: bool) -> Callable[[Any], Any]:
    """The general parser of a column's kind, with the numeric bound checked after it."""
    kind = column.kind
    if kind is Kind.DATE:
        return lambda raw: coerce.parse_date(raw, date1904)
    if kind is Kind.PERIOD:
        return lambda raw: coerce.parse_period(raw, date1904)
    if kind in (Kind.NUMBER, Kind.AMOUNT, Kind.POSITIVE, Kind.SCORE):
        bound = {"MNOK": limits.MAX_MNOK, "år": limits.MAX_DURATION_YEARS}.get(
            column.unit or "", limits.MAX_CELL_NUMBER)

        def number(raw: Any) -> Any:
            value = coerce.parse_number(raw, column.unit if isinstance(raw, str) else None)
            if value is not None and not -bound <= value <= bound:
                raise coerce.CoerceError("number-too-large", limit=f"{bound:g}")
            return value

        return number
    return {Kind.ID: coerce.parse_id, Kind.TEXT: coerce.clean_text, Kind.YEAR: coerce.parse_year,
            Kind.BOOL: coerce.parse_bool, Kind.LIST: coerce.parse_list,
            Kind.CASE: coerce.parse_case}[kind]


def _old_is_blank(value: object) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, str) and not value.translate(coerce._INVISIBLE).strip(
        coerce._SPACES + "\t\r\n")


def _old_value(cells: SheetCells, row: Row, key: str, column: Column) -> Any:
    """``SheetCells.value`` as it was before the fast paths, with the general parsers."""
    index = cells.index(key)
    empty = () if column.kind is Kind.LIST else None
    if index is None:
        return empty
    if cells._marked and cells._formula_at(row, index, column):
        return empty
    raw = row.raw(index)
    if raw is None or raw == "":
        return empty
    parse = _general(column, cells._date1904)
    if type(raw) is str and column.kind in cells_module._BOUNDED \
            and len(raw) > cells_module._limit(column):
        return _old_too_long(cells, row, index, column, raw, parse)
    try:
        return parse(raw)
    except coerce.CoerceError as error:
        params = dict(error.params)
        params.setdefault("unit", column.unit or "-")
        cells.problem(row, index, error.code, **params)
        return None


def _old_too_long(cells: SheetCells, row: Row, index: int, column: Column, raw: str,
                  parse: Callable[[Any], Any]) -> Any:
    shown = raw[:60].rstrip() + "…"
    limit = cells_module._limit(column)
    if column.kind is Kind.ID:
        cells.problem(row, index, "id-too-long", value=shown, length=len(raw), limit=limit)
        return None
    if len(raw.strip()) <= limit:
        return parse(raw)
    cells.problem(row, index, "text-too-long", cells_module.Severity.WARNING, value=shown,
                  length=len(raw), limit=limit)
    return parse(raw[:limit].rstrip() + "…")


# --- the converters ----------------------------------------------------------------------

_COLUMNS = [
    Column("c", ("c",), kind, unit=unit)
    for kind in Kind for unit in ((None, "MNOK", "år") if kind in (
        Kind.NUMBER, Kind.AMOUNT, Kind.POSITIVE) else (None,))
]


@settings(max_examples=400)
@given(st.sampled_from(_COLUMNS), st.booleans(), CELLS)
def test_each_converter_gives_what_the_general_parser_gives(column: Column, date1904: bool,
                                                          raw: Any) -> None:
    fast = convert.converter(column, date1904)
    assert _outcome(fast, raw) == _outcome(_general(column, date1904), raw)


_EDGES = [2022.0, 1900.0, 2200.0, 1899.0, 1899.5, 2200.5, 2201.0, -0.0, 0.0, 1.0, 0.5, 2022, 1900,
          2200, 1899, 2201, True, False, math.nan, math.inf, -math.inf, 1e15, 1e16,
          float(limits.MAX_MNOK), float(limits.MAX_MNOK) + 1, float(limits.MAX_CELL_NUMBER) * 2,
          float(limits.MAX_DURATION_YEARS), float(limits.MAX_DURATION_YEARS) + 0.5,
          date(1900, 1, 1), date(1899, 12, 31), date(2200, 12, 31), date(2201, 1, 1),
          datetime(2024, 1, 1), datetime(2024, 1, 1, 12), "", " ", "\u00a0", "\u200b", "a",
          "a,b", "a;;b", ";", "a\n", " a ", "a  b", "2022", "2022,0", "B1-01"]


def test_each_converter_agrees_at_the_edges() -> None:
    for column in _COLUMNS:
        for date1904 in (False, True):
            fast, general = convert.converter(column, date1904), _general(column, date1904)
            for raw in _EDGES:
                assert _outcome(fast, raw) == _outcome(general, raw), (column.kind, raw)


@given(CELLS)
def test_the_year_period_and_date_fast_paths_agree(raw: Any) -> None:
    period = convert.converter(Column("p", ("p",), Kind.PERIOD), False)
    day = convert.converter(Column("d", ("d",), Kind.DATE), True)
    assert _outcome(convert.year, raw) == _outcome(coerce.parse_year, raw)
    assert _outcome(period, raw) == _outcome(lambda r: coerce.parse_period(r, False), raw)
    assert _outcome(day, raw) == _outcome(lambda r: coerce.parse_date(r, True), raw)
    assert _outcome(convert.items, raw) == _outcome(coerce.parse_list, raw)


@given(CELLS)
def test_is_blank_is_what_it_was(raw: Any) -> None:
    assert coerce.is_blank(raw) is _old_is_blank(raw)


def test_the_fast_paths_are_taken_for_the_common_cells() -> None:
    """The cases the fast paths exist for, each against its general parser."""
    for raw in (2022.0, 1900.0, 2200.0):
        assert convert.year(raw) == coerce.parse_year(raw) == int(raw)
    assert convert.items("B1-01") == coerce.parse_list("B1-01") == ("B1-01",)
    assert convert.items(" B1-01 ") == ("B1-01",)
    assert coerce.is_blank("\u00a0\u200b ") and not coerce.is_blank("x\u00a0")


# --- a whole row ---------------------------------------------------------------------------

_HEADERS = {spec.key: [c.names[0] for c in spec.columns] + ["Kilde"] for spec in schema.SHEETS}


# Text at and around each length limit (an ID, a title, other text), ending in spaces or not.
_LONG = st.builds(lambda n, fill, end: (fill * n)[:n - len(end)] + end,
                  st.sampled_from([49, 50, 51, 52, 499, 500, 501, 502, 9_999, 10_000, 10_001]),
                  st.sampled_from(["a", "æ", " ", "a "]),
                  st.sampled_from(["", " ", "  ", "b", " b"]))


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[schema.SheetSpec, RawSheet]:
    spec = draw(st.sampled_from(schema.SHEETS))
    headers = list(_HEADERS[spec.key])
    dropped = draw(st.sets(st.sampled_from(headers)))  # some optional columns absent
    required = {c.names[0] for c in spec.required}
    headers = [h for h in headers if h not in dropped or h in required]
    cell = CELLS | _LONG
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(headers) + 1),
                         min_size=1, max_size=6))
    sheet = RawSheet(spec.label, True, [headers, *rows], first_row=draw(st.integers(1, 3)),
                     first_col=draw(st.integers(1, 3)))
    positions = st.tuples(st.integers(sheet.first_row, sheet.first_row + len(rows) + 1),
                          st.integers(sheet.first_col, sheet.first_col + len(headers)))
    sheet.formula_blanks = draw(st.sets(positions, max_size=3))
    sheet.errors = draw(st.dictionaries(positions, st.sampled_from(["#N/A", "#DIV/0!"]),
                                        max_size=3))
    sheet.stale = draw(st.sets(positions, max_size=3))
    return spec, sheet


def _reads(spec: schema.SheetSpec, sheet: RawSheet, date1904: bool, fast: bool
           ) -> tuple[list[Any], list[Problem]]:
    binding = bind(sheet, spec)
    assert binding is not None
    problems: list[Problem] = []
    cells = SheetCells(binding, "f.xlsx", date1904, problems)
    out: list[Any] = []
    for row in cells.rows():
        if fast:
            out.append(cells.values(row, spec))
            out.append([cells.value(row, c.key, c) for c in spec.columns])
        else:
            out.append({c.key: _old_value(cells, row, c.key, c) for c in spec.columns})
            out.append([_old_value(cells, row, c.key, c) for c in spec.columns])
    return out, problems


@settings(max_examples=300, deadline=None)
@given(_sheets(), st.booleans())
def test_a_row_read_in_one_loop_is_what_it_was(sheet: tuple[schema.SheetSpec, RawSheet],
                                               date1904: bool) -> None:
    spec, raw = sheet
    fast, fast_problems = _reads(spec, raw, date1904, fast=True)
    slow, slow_problems = _reads(spec, raw, date1904, fast=False)
    assert _comparable(fast) == _comparable(slow)
    assert fast_problems == slow_problems


def _comparable(value: Any) -> Any:
    """NaN never equals itself; every other value is compared with its type."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value), [_comparable(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return type(value), value


def test_the_bundled_catalogue_reads_the_same_through_both_paths() -> None:
    book = read_workbook(Path(__file__).parents[2] / "catalogue" / "behovskatalog.xlsx")
    for spec in schema.SHEETS:
        found = [s for s in book.sheets if schema.normalise(s.name) in
                 {schema.normalise(n) for n in spec.names}]
        if not found:
            continue
        fast = _reads(spec, found[0], book.date1904, fast=True)
        slow = _reads(spec, found[0], book.date1904, fast=False)
        assert _comparable(fast[0]) == _comparable(slow[0]) and fast[1] == slow[1]
        assert fast[0], spec.key  # rows were read


# --- the cycle collector -----------------------------------------------------------------


def test_loading_leaves_the_cycle_collector_as_it_was(tmp_path: Path) -> None:
    bundled = Path(__file__).parents[2] / "catalogue" / "behovskatalog.xlsx"
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            validate(load_catalogue(bundled))
            assert gc.isenabled() is enabled
            with pytest.raises(UnreadableWorkbook):
                load_catalogue(damaged)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()


class _Ring:
    """An object in a reference cycle (only the cycle collector frees it)."""

    def __init__(self) -> None:
        self.me = self


def test_a_run_settles_its_results_and_unfreezes_them_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """run_job freezes what the steps before 'prioritise' and 'write' made, and leaves
    nothing frozen: afterwards a cycle frozen during the run is collected again."""
    import weakref
    from datetime import date

    from okosys_plan.cli.actions import run as job
    from okosys_plan.run.pipeline import RunConfig

    bundled = Path(__file__).parents[2] / "catalogue" / "behovskatalog.xlsx"
    frozen_at: dict[str, int] = {}
    rings: list[weakref.ref[_Ring]] = []
    alive: list[_Ring] = []

    def progress(step: str) -> None:
        frozen_at[step] = gc.get_freeze_count()
        if step == "validate":
            alive.append(_Ring())  # alive at the first settle: frozen with the rest
            rings.append(weakref.ref(alive[-1]))

    before = gc.get_freeze_count()
    outcome = job.run_job(bundled, RunConfig(), job.RunRequest(
        output_dir=tmp_path / "ut", as_of=date(2024, 6, 30)), progress)
    assert outcome.exit_code == 0
    assert frozen_at["validate"] == before and frozen_at["prioritise"] > before
    assert frozen_at["write"] > frozen_at["prioritise"]
    assert gc.get_freeze_count() == 0
    alive.clear()  # now only its own cycle holds it
    gc.collect()
    assert rings and rings[0]() is None
