"""The run's workbooks as XlsxWriter writes them, read back with openpyxl and calamine.

Every sheet holds its table's values, formats, panes, filter and data bars; the native
charts point at the right cells in the run's language; XlsxWriter's short path writes the
XML its own path writes; LibreOffice opens every workbook.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.export.files import xml_text
from okosys_plan.export.sheets import write_sheets
from okosys_plan.export.tables import Table
from okosys_plan.export.xlsx import DATE_FORMAT, serial, within_cell_limit
from okosys_plan.funding.tables import funding_tables
from okosys_plan.funding.workbook import write_funding_workbook
from okosys_plan.prioritise.workbook import CHART_NEEDS, priority_tables, write_priority_workbook
from okosys_plan.roadmap.present import plan_tables
from okosys_plan.run.pipeline import Results, RunConfig, run_pipeline

BUNDLED = Path(__file__).parents[2] / "catalogue" / "behovskatalog.xlsx"
AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def results() -> Results:
    """The bundled catalogue through the whole job (nothing written)."""
    return run_pipeline(BUNDLED, RunConfig(draws=200), AS_OF)


def tables(results: Results, lang: str) -> dict[str, Sequence[Table]]:
    """The tables each workbook is written from."""
    assert results.prioritised is not None and results.checked.catalogue is not None
    assert results.funding is not None and results.plan is not None
    prioritised = results.prioritised
    return {
        "priority": priority_tables(prioritised.ranking, results.checked.catalogue,
                                    prioritised.sensitivity, lang),
        "funding": funding_tables(results.funding, lang),
    }


@pytest.fixture(scope="module", params=["nb", "en"])
def written(request: pytest.FixtureRequest, results: Results,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Path]]:
    """The priority, funding and plan workbooks in one language."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"run-{lang}")
    assert results.prioritised is not None and results.checked.catalogue is not None
    assert results.funding is not None and results.plan is not None
    paths = {name: folder / f"{name}.xlsx" for name in ("priority", "funding", "plan")}
    write_priority_workbook(paths["priority"], results.prioritised.ranking,
                            results.checked.catalogue, results.prioritised.sensitivity,
                            lang=lang)
    write_funding_workbook(paths["funding"], results.funding, lang=lang)
    write_sheets(paths["plan"], plan_tables(results.plan, lang))
    return lang, paths


# --- values, read by both readers -------------------------------------------------------


def expected(value: Any) -> Any:
    """A value as a reader gets it back: text cleaned and cut, dates as dates, the rest
    as it was; what leaves a cell empty as None."""
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, str):
        return within_cell_limit(xml_text(value))
    return value


def calamine(path: Path, sheet: str) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return [[None if cell == "" else cell for cell in row]
            for row in book.get_sheet_by_name(sheet).to_python()]


def same(got: Any, want: Any) -> bool:
    if isinstance(want, datetime):
        return isinstance(got, datetime) and abs((got - want).total_seconds()) < 1e-3
    if isinstance(want, date):
        return got == want or (isinstance(got, datetime) and got == datetime(*want.timetuple()[:3]))
    if isinstance(want, bool):
        return got is want
    return bool(got == want)


@pytest.mark.parametrize("workbook", ["priority", "funding"])
def test_every_cell_reads_back_as_its_table_says(written: tuple[str, dict[str, Path]],
                                                 results: Results, workbook: str) -> None:
    lang, paths = written
    book = openpyxl.load_workbook(paths[workbook])
    made = tables(results, lang)[workbook]
    assert book.sheetnames == [table.name for table in made]
    for table in made:
        sheet = book[table.name]
        want = [[expected(v) for v in row] for row in (table.headers, *table.rows)]
        by_openpyxl = [list(row) for row in sheet.iter_rows(values_only=True)]
        by_calamine = calamine(paths[workbook], table.name)
        for number, row in enumerate(want):
            for column, value in enumerate(row):
                for reader, read in (("openpyxl", by_openpyxl), ("calamine", by_calamine)):
                    got = read[number][column] if column < len(read[number]) else None
                    assert same(got, value), (reader, table.name, number + 1, column + 1)


def test_formats_panes_filters_and_bars_are_the_tables(written: tuple[str, dict[str, Path]],
                                                       results: Results) -> None:
    lang, paths = written
    for workbook, made in tables(results, lang).items():
        book = openpyxl.load_workbook(paths[workbook])
        for table in made:
            sheet = book[table.name]
            assert sheet.freeze_panes == table.freeze
            last = openpyxl.utils.get_column_letter(len(table.headers))
            assert sheet.auto_filter.ref == f"A1:{last}{len(table.rows) + 1}"
            for column, code in table.formats.items():
                cells = [row[column] for row in sheet.iter_rows(min_row=2, max_row=6)
                         if column < len(row) and row[column].value is not None]
                assert all(cell.number_format == code for cell in cells), (table.name, column)
            bars = [(str(cf.sqref), float(rule.dataBar.cfvo[1].val)) for cf in
                    sheet.conditional_formatting for rule in cf.rules]
            letters = [openpyxl.utils.get_column_letter(c + 1) for c in table.bars]
            assert bars == ([(f"{x}2:{x}{len(table.rows) + 1}", 100.0) for x in letters]
                            if table.rows else [])
            for cell in sheet[1]:
                assert cell.font.bold and cell.fill.fill_type == "solid"


def test_dates_are_real_dates_with_the_date_format(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    days = [date(2024, 2, 29), datetime(2025, 12, 31, 23, 59, 59), date(1900, 3, 1)]
    write_sheets(path, [("Ark", ["Dato"], [[d] for d in days])])
    sheet = openpyxl.load_workbook(path)["Ark"]
    for cell, day in zip(sheet["A"][1:], days, strict=True):
        assert cell.is_date and cell.number_format == DATE_FORMAT and same(cell.value, day)
    raw = openpyxl.load_workbook(path, data_only=True)  # the stored day numbers
    assert raw["Ark"]["A2"].value is not None
    assert [type(v) for v in calamine(path, "Ark")[1]] == [date]
    assert serial(days[0]) == 45351


# --- the charts -------------------------------------------------------------------------


def _title(chart: Any) -> str:
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def _axis_title(axis: Any) -> str:
    return "".join(run.t for p in axis.title.tx.rich.p for run in (p.r or []))


def test_the_score_chart_shows_the_top_needs_in_the_run_language(
        written: tuple[str, dict[str, Path]], results: Results) -> None:
    lang, paths = written
    points = tables(results, lang)["priority"][1]
    sheet = openpyxl.load_workbook(paths["priority"])[points.name]
    [chart] = sheet._charts
    assert (chart.tagname, chart.type) == ("barChart", "bar")
    shown = min(CHART_NEEDS, len(points.rows))
    total = len(points.rows)
    assert _title(chart) == (f"Poengsum, topp {shown} av {total} behov" if lang == "nb"
                             else f"Score, top {shown} of {total} needs")
    assert _axis_title(chart.x_axis if chart.x_axis.tagname == "valAx" else chart.y_axis) == (
        "Poeng (0–100)" if lang == "nb" else "Points (0–100)")
    [series] = chart.series
    total_column = openpyxl.utils.get_column_letter(len(points.headers))
    assert series.val.numRef.f == f"{points.name}!${total_column}$2:${total_column}${shown + 1}"
    assert series.cat.strRef.f == f"{points.name}!$B$2:$B${shown + 1}"
    assert series.tx.strRef.f == f"{points.name}!${total_column}$1"
    cached = [float(pt.v) for pt in series.val.numRef.numCache.pt]
    assert cached == [row[-1] for row in points.rows[:shown]]
    assert [pt.v for pt in series.cat.strRef.strCache.pt] == [r[1] for r in points.rows[:shown]]


def test_the_gap_chart_shows_cost_funding_and_gap_per_year(
        written: tuple[str, dict[str, Path]], results: Results) -> None:
    lang, paths = written
    assert results.funding is not None
    gap = tables(results, lang)["funding"][1]
    years = results.funding.years
    sheet = openpyxl.load_workbook(paths["funding"])[gap.name]
    [chart] = sheet._charts
    assert (chart.tagname, chart.type) == ("barChart", "col")
    span = f"{years[0]}–{years[-1]}"
    assert _title(chart) == (f"Kostnad, finansiering og gap per år, {span}" if lang == "nb"
                             else f"Cost, funding and gap per year, {span}")
    last = len(years) + 1
    assert [(s.tx.strRef.f, s.cat.numRef.f, s.val.numRef.f) for s in chart.series] == [
        (f"{gap.name}!${c}$1", f"{gap.name}!$B$2:$B${last}", f"{gap.name}!${c}$2:${c}${last}")
        for c in "CDG"]
    names = [s.tx.strRef.strCache.pt[0].v for s in chart.series]
    assert names == [gap.headers[2], gap.headers[3], gap.headers[6]]
    assert names[0] == ("Kostnad" if lang == "nb" else "Cost")
    cached = [float(pt.v) for pt in chart.series[2].val.numRef.numCache.pt]
    assert cached == pytest.approx([row[6] for row in gap.rows[:len(years)]], abs=0)


def test_the_plan_workbook_has_no_chart(written: tuple[str, dict[str, Path]]) -> None:
    _, paths = written
    assert all(not sheet._charts for sheet in openpyxl.load_workbook(paths["plan"]))


# --- bytes --------------------------------------------------------------------------------


def test_every_workbook_written_twice_is_the_same_bytes(
        written: tuple[str, dict[str, Path]], results: Results, tmp_path: Path) -> None:
    lang, paths = written
    assert results.prioritised is not None and results.checked.catalogue is not None
    assert results.funding is not None and results.plan is not None
    again = {name: tmp_path / f"{name}.xlsx" for name in paths}
    write_priority_workbook(again["priority"], results.prioritised.ranking,
                            results.checked.catalogue, results.prioritised.sensitivity,
                            lang=lang)
    write_funding_workbook(again["funding"], results.funding, lang=lang)
    write_sheets(again["plan"], plan_tables(results.plan, lang))
    for name, path in paths.items():
        assert again[name].read_bytes() == path.read_bytes(), name


# --- XlsxWriter's short path ----------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_SHORT = st.one_of(
    _TEXT, st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(-10**6, 10**6, places=4, allow_nan=False).map(float),
    st.sampled_from(["_x0041_", " lead", "trail ", "a\r\nb", "<&>\"'", "\x01\x1f", "\ufffe"]))


def _sheet_xml(rows: list[list[Any]], worksheet_class: Any) -> bytes:
    from xlsxwriter import Workbook

    buffer = io.BytesIO()
    book = Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                             "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"created": datetime(2022, 1, 1)})
    sheet = book.add_worksheet("A", worksheet_class=worksheet_class)
    bold = book.add_format({"bold": True, "num_format": "0.00"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value, bold if c % 2 else None)
            else:
                sheet.write_number(r, c, value, bold if c % 2 else None)
    book.close()
    return zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(_SHORT, min_size=1, max_size=4), min_size=1, max_size=4))
def test_the_short_path_writes_the_xml_xlsxwriter_writes(rows: list[list[Any]]) -> None:
    from xlsxwriter.worksheet import Worksheet

    from okosys_plan.export.xlsx import _exact_worksheet

    ours = _sheet_xml(rows, _exact_worksheet())
    theirs = _sheet_xml(rows, Worksheet)
    # The same XML but for how a number is spelled: XlsxWriter rounds to 16 digits
    # (0.084 becomes 0.08400000000000001), ours is repr, exact.
    number = re.compile(rb"<v>([^<]*)</v>")
    assert number.sub(b"<v/>", ours) == number.sub(b"<v/>", theirs)
    written = [float(v) for v in number.findall(ours)]
    assert written == [float(v) for row in rows for v in row if not isinstance(v, str)]


def test_numbers_beyond_16_digits_are_exact_where_xlsxwriter_rounds(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    values = [0.1 + 0.2, 1 / 3, 2**53 + 1, 12345.678901234567]
    write_sheets(path, [("Ark", ["a", "b", "c", "d"], [values])])
    assert calamine(path, "Ark")[1] == [float(v) for v in values]


# --- LibreOffice ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_workbook(written: tuple[str, dict[str, Path]],
                                          tmp_path: Path) -> None:
    lang, paths = written
    if lang != "nb":
        pytest.skip("one language is enough for LibreOffice")
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths.values())],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "error" not in (done.stdout + done.stderr).casefold()
    for path in paths.values():
        pdf = tmp_path / f"{path.stem}.pdf"
        assert pdf.stat().st_size > 10_000 and pdf.read_bytes().startswith(b"%PDF")
    # and LibreOffice's own .xlsx of the funding workbook keeps the chart's series
    again = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo-xlsx"), str(paths["funding"])],
        capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    book = openpyxl.load_workbook(tmp_path / "lo-xlsx" / "funding.xlsx")
    assert len(book["Gap"]._charts[0].series) == 3


# --- a hypothesis round trip ----------------------------------------------------------------

_CELL = st.one_of(st.none(), _TEXT, st.integers(-2**53, 2**53), st.booleans(),
                  st.floats(allow_nan=False, allow_infinity=False, width=64),
                  st.dates(date(1900, 3, 1), date(9999, 12, 31)))


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=6))
def test_any_plain_rows_read_back_by_calamine_and_openpyxl(rows: list[list[Any]]) -> None:
    buffer_dir = Path(tempfile.mkdtemp())  # hypothesis runs many examples in one test
    try:
        path = buffer_dir / "r.xlsx"
        write_sheets(path, [("Ark", ["a", "b", "c"], rows)])
        by_calamine = calamine(path, "Ark")[1:]
        by_openpyxl = [list(r) for r in
                       openpyxl.load_workbook(path)["Ark"].iter_rows(min_row=2, values_only=True)]
        for number, row in enumerate(rows):
            for column, value in enumerate(row):
                want = expected(value)
                for read in (by_calamine, by_openpyxl):
                    got = (read[number][column] if number < len(read)
                           and column < len(read[number]) else None)
                    if isinstance(want, str) and read is by_openpyxl:
                        continue  # openpyxl does not undo Excel's _xHHHH_ escapes
                    assert same(got, want), (number, column, value, got)
    finally:
        shutil.rmtree(buffer_dir)


def test_the_tables_written_are_the_ones_read(results: Results) -> None:
    """The fixture's tables are what the writers write (a guard on the other tests)."""
    made = tables(results, "nb")
    assert [t.name for t in made["priority"]][:2] == ["Prioritert", "Poengfordeling"]
    assert made["funding"][1].name == "Gap"
