"""The .xlsx writer (XlsxWriter): what openpyxl, calamine and LibreOffice read back from it."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from conftest import valid_sheets, write_catalogue
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan import load_catalogue
from okosys_plan.catalogue.merge import ORIGIN_HEADER, merge_catalogues, write_merged
from okosys_plan.catalogue.model import Need
from okosys_plan.catalogue.validate import validate
from okosys_plan.export.files import FIXED_ISO_TIME, xml_text
from okosys_plan.export.sheets import write_sheets
from okosys_plan.export.tables import (
    BAR_COLOUR,
    HEADER_COLOURS,
    MAX_WIDTH,
    ORIGINAL_HEADER_COLOURS,
    Table,
    _shown_length,
    fitted_widths,
    write_tables,
)
from okosys_plan.export.xlsx import DATE_FORMAT, Sheet, serial, sheet_names, write_workbook
from okosys_plan.prioritise.scoring import PriorityClass
from okosys_plan.prioritise.workbook import CLASS_COLOURS, class_styles
from okosys_plan.workbook.read import read_workbook

FORMULAS = ["=SUM(A1)", "+47 22 00 00 00", "-minus først", "@kanal",
            '=HYPERLINK("http://evil","klikk")']
# Every kind of value a merged catalogue can hold, and the awkward ones.
VALUES: list[Any] = [
    "tekst", 7, -3, 2**53 + 1, 0.1 + 0.2, 81.234, 1e-300, -2.5e20, 1.0, True, False,
    date(2024, 3, 1), datetime(2024, 3, 1, 12, 30, 15, 250000), date(1900, 2, 28),
    "  mellomrom foran og bak  ", "linje 1\nlinje 2\tfane", "a\r\nb", "<b> & \"sitat\" 'x'",
    "_x0041_", "Høy æøå ✓", *FORMULAS]


def _write(path: Path, rows: list[list[Any]], headers: list[str] | None = None) -> Path:
    headers = headers or [f"K{n}" for n in range(1, len(rows[0]) + 1)]
    write_sheets(path, [("Ark", headers, rows)])
    return path


def _calamine(path: Path, sheet: int = 0) -> list[list[Any]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_index(sheet).to_python()


# --- values and types ----------------------------------------------------------------


def test_openpyxl_reads_every_value_with_its_type(tmp_path: Path) -> None:
    path = _write(tmp_path / "v.xlsx", [VALUES])
    cells = list(openpyxl.load_workbook(path)["Ark"][2])
    # Excel's escapes, which openpyxl does not undo (calamine and Excel do)
    expected = {"a\r\nb": "a_x000D_\nb", "_x0041_": "_x005F_x0041_"}
    for cell, value in zip(cells, VALUES, strict=True):
        if isinstance(value, bool):
            assert (cell.value, cell.data_type) == (value, "b")
        elif isinstance(value, datetime | date):
            wanted = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
            assert cell.is_date and cell.number_format == DATE_FORMAT
            assert abs((cell.value - wanted).total_seconds()) < 1e-3
        elif isinstance(value, int | float):
            assert cell.data_type == "n" and cell.value == value
        else:
            assert cell.data_type == "s" and cell.value == expected.get(value, value)
    whole = next(c for c, v in zip(cells, VALUES, strict=True) if type(v) is float and v == 1)
    assert type(whole.value) is int  # a whole float reads back as openpyxl wrote it: an int


def test_calamine_reads_every_value_back_exactly(tmp_path: Path) -> None:
    path = _write(tmp_path / "v.xlsx", [VALUES])
    read = _calamine(path)[1]
    for got, value in zip(read, VALUES, strict=True):
        if isinstance(value, datetime | date | bool | str):
            assert got == value, value
        else:
            assert got == float(value), value  # floats exactly, not to 16 digits
    assert type(read[VALUES.index(date(2024, 3, 1))]) is date
    assert [type(read[i]) for i, v in enumerate(VALUES) if type(v) is bool] == [bool, bool]


def test_none_empty_text_and_non_finite_numbers_leave_the_cell_empty(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.xlsx", [["a", None, "", float("nan"), float("inf"), "z"]])
    assert [c.value for c in openpyxl.load_workbook(path)["Ark"][2]] == ["a", None, None, None,
                                                                          None, "z"]
    assert "nan" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode().lower()


def test_text_that_looks_like_a_formula_is_never_a_formula(tmp_path: Path) -> None:
    path = _write(tmp_path / "f.xlsx", [FORMULAS], FORMULAS)
    sheet = openpyxl.load_workbook(path)["Ark"]
    for row in sheet.iter_rows(min_row=1, max_row=2):
        assert [c.value for c in row] == FORMULAS
        assert {c.data_type for c in row} == {"s"}
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_forbidden_control_characters_become_the_replacement_character(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.xlsx", [["a\x00b\x01c\x1f", "tab\there"]], ["hode\x0b"])
    sheet = openpyxl.load_workbook(path)["Ark"]
    assert sheet["A1"].value == "hode\ufffd"
    assert sheet["A2"].value == "a\ufffdb\ufffdc\ufffd" and sheet["B2"].value == "tab\there"
    assert _calamine(path)[1][0] == "a\ufffdb\ufffdc\ufffd"


def test_markup_in_text_and_sheet_names_is_escaped(tmp_path: Path) -> None:
    name = 'A&B "x" <y>'
    path = tmp_path / "m.xlsx"
    write_sheets(path, [(name, ["<h> & \"h\""], [["</t></is></c><c><f>1+1</f>"]])])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [name]
    assert book[name]["A1"].value == '<h> & "h"'
    assert book[name]["A2"].value == "</t></is></c><c><f>1+1</f>"
    assert python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names == [name]


# --- sheet names ---------------------------------------------------------------------


def test_sheet_names_are_cut_cleaned_and_made_unique() -> None:
    names = sheet_names(["x" * 40, "a/b:c?", "Behov", "behov", "", "'sitat'", "x" * 35])
    assert names == ["x" * 31, "a_b_c_", "Behov", "behov (2)", "Ark5", "sitat",
                     "x" * 27 + " (2)"]
    assert all(len(n) <= 31 for n in names)


def test_a_name_is_cut_by_what_excel_counts_utf16_units() -> None:
    [name] = sheet_names(["😀" * 20])  # 40 UTF-16 units in 20 characters
    assert name == "😀" * 15 and len(name.encode("utf-16-le")) // 2 <= 31


def _excel_unescape(value: object) -> object:
    """The text Excel shows for a cell openpyxl read: ``_x000D_`` is a carriage return."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(st.text(max_size=40), min_size=1, max_size=4),
       header=st.text(max_size=20))
def test_any_sheet_names_and_headers_give_a_workbook_that_reads_back(
        names: list[str], header: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "n.xlsx"
        write_sheets(path, [(name, [header], [[1]]) for name in names])
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == sheet_names(names)
        shown = xml_text(header) or None
        # openpyxl leaves Excel's _xHHHH_ escapes (XlsxWriter's way to keep \r) undecoded.
        assert all(_excel_unescape(book[n]["A1"].value) == shown or "_x" in header
                   for n in book.sheetnames)
        read = python_calamine.CalamineWorkbook.from_path(str(path))
        assert read.sheet_names == book.sheetnames
        # calamine's range starts at the first filled cell, so an empty header is skipped.
        assert shown is None or "_x" in header or all(
            read.get_sheet_by_name(n).to_python()[0][0] == shown for n in book.sheetnames)
    finally:
        shutil.rmtree(folder)


def test_duplicate_and_invalid_sheet_names_still_write_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    write_sheets(path, [("Ark/1", ["A"], [[1]]), ("ark_1", ["B"], [[2]]), ("[]", ["C"], [])])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Ark_1", "ark_1 (2)", "__"]
    assert [book[n]["A1"].value for n in book.sheetnames] == ["A", "B", "C"]


def test_no_tables_give_one_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "tom.xlsx"
    write_sheets(path, [])
    assert openpyxl.load_workbook(path).sheetnames == ["Ark1"]


# --- the look of a table ---------------------------------------------------------------

HIGH, LOW = "Høy", "Lav"
TABLE = Table("Prioritert", ("Rang", "Tittel", "Poengsum", "Prioritet", "Dato", "Egen"),
              ((1, "Felles innlogging", 81.5, HIGH, date(2024, 3, 1), "x"),
               (2, "Digital fullmakt", 12.25, LOW, None, None),
               (3, "Varsling", None, None, datetime(2024, 1, 2, 3, 4), True)),
              {2: "0.00", 4: "0.0"}, (3,), (2,), "C2", 5)


def test_write_tables_styles_panes_filter_widths_and_bars(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    write_tables(path, [TABLE], class_styles("nb"))
    sheet = openpyxl.load_workbook(path)["Prioritert"]
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:F4"
    for cell in sheet[1]:
        colours = HEADER_COLOURS if cell.column <= 5 else ORIGINAL_HEADER_COLOURS
        assert cell.font.bold and cell.fill.fill_type == "solid"
        assert (cell.fill.fgColor.rgb[-6:], cell.font.color.rgb[-6:]) == colours
    assert widths(sheet)[:6] == fitted_widths(TABLE)
    assert sheet["C2"].number_format == "0.00" and sheet["C2"].value == 81.5
    assert sheet["A2"].number_format == "General"
    assert sheet["E2"].number_format == "0.0" and sheet["E2"].value == 45352  # column's format
    assert sheet["E4"].value == pytest.approx(45293.128, abs=1e-3)
    high, low = CLASS_COLOURS[PriorityClass.HIGH], CLASS_COLOURS[PriorityClass.LOW]
    assert (sheet["D2"].fill.fgColor.rgb[-6:], sheet["D2"].font.color.rgb[-6:]) == high
    assert (sheet["D3"].fill.fgColor.rgb[-6:], sheet["D3"].font.color.rgb[-6:]) == low
    assert not sheet["D2"].font.bold and sheet["B2"].fill.fill_type is None
    bars = [(str(cf.sqref), rule) for cf in sheet.conditional_formatting for rule in cf.rules]
    assert [ref for ref, _ in bars] == ["C2:C4"] and bars[0][1].type == "dataBar"
    assert [float(v.val) for v in bars[0][1].dataBar.cfvo] == [0.0, 100.0]
    assert bars[0][1].dataBar.color.rgb[-6:] == BAR_COLOUR
    assert defined_names(path) == [("_xlnm._FilterDatabase", "0", "Prioritert!$A$1:$F$4")]


def widths(sheet: Any) -> list[float | None]:
    """Each column's width as openpyxl reads it (a run of equal widths is one span)."""
    found: dict[int, float] = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.customWidth:
            found.update(dict.fromkeys(range(dimension.min, dimension.max + 1),
                                       dimension.width))
    return [found.get(column) for column in range(1, max(found, default=0) + 1)]


def defined_names(path: Path) -> list[tuple[str, str | None, str]]:
    """The workbook's defined names: (name, local sheet index, reference); openpyxl turns
    a filter's hidden name into the sheet's filter and does not show it."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/workbook.xml"))
    return [(n.get("name", ""), n.get("localSheetId"), n.text or "")
            for n in root.iter(f"{main}definedName")]


def test_write_sheets_has_bold_headers_a_frozen_row_and_header_widths(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.xlsx", [[1, "x"]], ["ID", "En lang overskrift " * 3])
    sheet = openpyxl.load_workbook(path)["Ark"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref is None
    assert sheet["A1"].font.bold and sheet["A2"].font.bold is not True
    assert widths(sheet) == [12, 40] and defined_names(path) == []


def test_an_empty_table_has_no_bars_and_a_header_only_filter(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_tables(path, [Table("Tom", ("A", "B"), (), bars=(1,))])
    sheet = openpyxl.load_workbook(path)["Tom"]
    assert sheet.auto_filter.ref == "A1:B1" and not list(sheet.conditional_formatting)


# --- the file --------------------------------------------------------------------------


def test_same_input_gives_identical_bytes_with_fixed_times(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_tables(first, [TABLE])
    write_tables(second, [TABLE])
    assert first.read_bytes() == second.read_bytes()
    infos = zipfile.ZipFile(first).infolist()
    assert len({i.date_time for i in infos}) == 1  # XlsxWriter's fixed time, 31.01.1980
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert infos[0].filename == "[Content_Types].xml"
    properties = openpyxl.load_workbook(first).properties
    fixed = datetime.fromisoformat(FIXED_ISO_TIME).replace(tzinfo=None)
    assert (properties.created, properties.modified) == (fixed, fixed)
    assert properties.creator == "okosys-plan"
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_bytes_do_not_depend_on_the_time_zone_or_the_clock(tmp_path: Path) -> None:
    """XlsxWriter stamps its zip entries through the local time: the same anywhere."""
    script = ("import sys; from pathlib import Path; sys.path.insert(0, '.'); "
              "from okosys_plan.export.xlsx import Sheet, write_workbook; "
              "write_workbook(Path(sys.argv[1]), [Sheet('A', ['h'], [[1.5, 'x']])])")
    written = []
    for zone in ("UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"):
        target = tmp_path / f"{zone.replace('/', '-')}.xlsx"
        subprocess.run([sys.executable, "-c", script, str(target)], check=True,
                       env={**os.environ, "TZ": zone}, cwd=Path(__file__).parent.parent)
        written.append(target.read_bytes())
    assert len(set(written)) == 1


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with pytest.raises(ValueError):
        write_workbook(path, [Sheet("A", ["h"], [[1]], freeze="ikke en celle")])
    assert list(tmp_path.iterdir()) == []


def test_day_numbers_match_excel() -> None:
    assert serial(date(1900, 1, 1)) == 1 and serial(date(1900, 2, 28)) == 59
    assert serial(date(1900, 3, 1)) == 61 and serial(date(2024, 3, 1)) == 45352
    assert serial(datetime(2024, 3, 1, 12)) == 45352.5


# --- widths ------------------------------------------------------------------------------


def _every_value_measured(table: Table) -> list[float]:
    """The widths as they were computed before: every cell measured."""
    widths = []
    for column, header in enumerate(table.headers):
        shown = [len(header) + 3]
        shown += [_shown_length(row[column], table.formats.get(column)) for row in table.rows
                  if column < len(row)]
        widths.append(float(min(MAX_WIDTH, max(6, *shown) + 1)))
    return widths


_CELL = st.one_of(st.none(), st.text(max_size=60), st.integers(-10**12, 10**12), st.booleans(),
                  st.floats(allow_nan=True, allow_infinity=True), st.dates(),
                  st.sampled_from([-0.0, 0.0, 1e15, -1e15, "a\nlang linje her", "x" * 70]))


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(_CELL, max_size=4), max_size=12),
       formats=st.sampled_from([{}, {0: "0.00", 1: "0 %"}, {0: "0.0000", 2: '0.0"×"'},
                                {1: "0.0 %", 3: "0.00"}]))
def test_fitted_widths_equal_measuring_every_value(rows: list[list[Any]],
                                                   formats: dict[int, str]) -> None:
    table = Table("T", ("A", "Bb", "Overskrift", "D"), tuple(map(tuple, rows)), formats)
    assert fitted_widths(table) == _every_value_measured(table)


# --- the project's reader and LibreOffice ------------------------------------------------


def test_a_merged_catalogue_validates_and_loads_back_identically(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Behov"][0] += ["Dato meldt inn", "Frist", "Beløp", "Merknad", "Godkjent"]
    sheets["Behov"][1] += [date(2023, 5, 17), datetime(2024, 1, 2, 3, 4, 5), 0.1 + 0.2,
                           "  <egen> & \"merknad\"  ", True]
    sheets["Behov"][2] += [None, None, 12345.678901234567, "æøå\nny linje", False]
    source = write_catalogue(tmp_path / "kilde.xlsx", sheets)
    original = load_catalogue(source)
    out = tmp_path / "samlet.xlsx"
    write_merged(merge_catalogues([original]), out)
    merged = load_catalogue(out)
    assert validate(merged).errors == ()
    assert [_need(n) for n in merged.needs] == [_need(n) for n in original.needs]
    assert merged.needs[0].comment == "  <egen> & \"merknad\"  ".strip()
    before = {s.name: _by_header(s.rows) for s in read_workbook(source).sheets}
    after = {s.name: _by_header(s.rows) for s in read_workbook(out).sheets}
    assert after == before  # every cell, typed, as calamine reads it


def _by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Rows as {header: value}, without empty cells and the origin column merge adds."""
    return [{h: v for h, v in zip(rows[0], row, strict=False) if v != "" and h != ORIGIN_HEADER}
            for row in rows[1:]]


def _need(need: Need) -> tuple[Any, ...]:
    extra = tuple((k, v) for k, v in need.extra if k != ORIGIN_HEADER)  # merge adds the origin
    return (need.id, need.title, need.submitted, dict(need.scores), need.investment,
            need.start, need.end, need.comment, extra)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbooks_and_shows_the_values(tmp_path: Path) -> None:
    write_tables(tmp_path / "tabell.xlsx", [TABLE])
    _write(tmp_path / "ark.xlsx", [[*FORMULAS, date(2024, 3, 1), 0.1 + 0.2, "Høy"]])
    # 44,34,76,1: comma, double quote, UTF-8, from line 1; values are shown as formatted
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(tmp_path), str(tmp_path / "tabell.xlsx"),
                    str(tmp_path / "ark.xlsx")], check=True, capture_output=True, timeout=300)
    table = _csv(tmp_path / "tabell.csv")
    assert table[0] == list(TABLE.headers)
    assert table[1][:4] == ["1", "Felles innlogging", "81.50", HIGH]
    assert table[2][:4] == ["2", "Digital fullmakt", "12.25", LOW]
    assert table[3][5] == "TRUE"
    assert _csv(tmp_path / "ark.csv")[1] == [*FORMULAS, "01.03.2024", "0.3", "Høy"]


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_text_longer_than_an_excel_cell_is_cut_with_a_count(tmp_path: Path) -> None:
    """Excel holds at most 32 767 characters (UTF-16 units) in a cell and calls a longer
    one damage: such text is cut, and says how many characters it lost."""
    from okosys_plan.export.xlsx import CELL_LIMIT

    plain = "a" * 40_000
    astral = "b" * 16_000 + "😀" * 10_000  # 36 000 UTF-16 units in 26 000 characters
    exact = "c" * CELL_LIMIT
    path = _write(tmp_path / "lang.xlsx", [[plain, astral, exact, "kort"]])
    row = next(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    for original, written in zip((plain, astral), row[:2], strict=True):
        assert isinstance(written, str)
        assert len(written.encode("utf-16-le")) // 2 <= CELL_LIMIT
        kept, _, count = written.rpartition(" … [+")
        assert original.startswith(kept) and len(kept) > 16_000
        assert int(count.rstrip("]")) == len(original) - len(kept)
    assert row[2] == exact and row[3] == "kort"  # at the limit nothing is cut
