"""Files real programs write: formula errors, stale cached values, huge sheets, long text,
localised booleans, and refusals that say what to do."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue import coerce
from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import Severity
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.text.errors import REFUSAL_STEPS, error_text, refusal_step
from tests.cli.test_hostile import cli_run
from tests.conftest import NEED_HEADERS, need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
AMOUNT = NEED_HEADERS.index("Investering (MNOK)")
SCORE = NEED_HEADERS.index("Nytte")
OWNER = NEED_HEADERS.index("Eier")


def _letter(index: int) -> str:
    return chr(65 + index)


def _problems(path: Path, code: str) -> dict[str, Any]:
    catalogue = load_catalogue(path)
    return {p.cell: p for p in catalogue.problems if p.code == code}


# --- 1. formula error values ---------------------------------------------------------


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([AMOUNT, SCORE, OWNER]), st.sampled_from(ERRORS)),
                min_size=1, max_size=6))
def test_every_error_cell_in_an_xlsx_is_a_problem_with_its_text(
        tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[int, str]]) -> None:
    rows = [need(f"B{n:02d}", f"Behov {n}") for n in range(1, len(cells) + 1)]
    for row, (column, error) in zip(rows, cells, strict=True):
        row[column] = error  # openpyxl writes an error string as an error cell (t="e")
    path = write_catalogue(tmp_path_factory.mktemp("e") / "feil.xlsx", valid_sheets(*rows))
    found = _problems(path, "formula-error")
    for number, (column, error) in enumerate(cells, start=2):
        problem = found[f"{_letter(column)}{number}"]
        assert problem.value == error
        assert problem.severity is (Severity.WARNING if column == OWNER else Severity.ERROR)
    needs = {n.id: n for n in load_catalogue(path).needs}
    for number, (column, _) in enumerate(cells, start=1):
        if column == AMOUNT:
            assert needs[f"B{number:02d}"].investment is None  # never 0, never the old value
        if column == SCORE:
            assert needs[f"B{number:02d}"].scores["Nytte"] is None


def test_formula_error_hint_says_fix_the_formula_or_type_the_value() -> None:
    from okosys_plan.catalogue.model import Problem

    problem = Problem(Severity.ERROR, "formula-error", "Behov", "F2", "Investering", "#N/A")
    assert "#N/A" in message(problem, "en") and "#N/A" in message(problem)
    assert "fix the formula or type the value" in hint(problem, "en").casefold()
    assert "rett formelen eller skriv inn verdien" in hint(problem).casefold()


@pytest.fixture(scope="module")
def libreoffice_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One workbook with error formulas, written by LibreOffice as .xlsx, .ods and .xls."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("lo")
    rows = [need("B01", "Null", **{"Investering (MNOK)": "=1/0", "Nytte": "=NA()"}),
            need("B02", "Ref", **{"Investering (MNOK)": "=SQRT(-1)", "Nytte": "=foo()"}),
            need("B03", "God", **{"Investering (MNOK)": "=2*3", "Nytte": "=1+3"})]
    source = write_catalogue(folder / "kilde.xlsx", valid_sheets(*rows))
    out = folder / "out"
    for suffix in ("xlsx", "ods", "xls"):
        subprocess.run(["soffice", "--headless", "--convert-to", suffix, "--outdir", str(out),
                        str(source)], capture_output=True, timeout=180, check=True)
    return {suffix: out / f"kilde.{suffix}" for suffix in ("xlsx", "ods", "xls")}


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_libreoffice_error_values_are_problems_in_every_format(
        libreoffice_files: dict[str, Path], suffix: str) -> None:
    path = libreoffice_files[suffix]
    found = _problems(path, "formula-error")
    amount, score = _letter(AMOUNT), _letter(SCORE)
    assert found[f"{amount}2"].value == "#DIV/0!"
    assert found[f"{score}2"].value == "#N/A"
    assert found[f"{amount}3"].value in ("Err:502", "#VALUE!")  # Err:502 is .ods only
    assert found[f"{score}3"].value == "#NAME?"
    assert all(p.severity is Severity.ERROR for p in found.values())
    needs = {n.id: n for n in load_catalogue(path).needs}
    assert needs["B03"].investment == 6 and needs["B03"].scores["Nytte"] == 4
    assert needs["B01"].investment is None and needs["B01"].scores["Nytte"] is None


def test_a_formula_without_value_in_a_score_column_is_formula_no_value(tmp_path: Path) -> None:
    row = need("B01", "Uten verdi", Nytte="=2+2")  # openpyxl stores no cached value
    path = write_catalogue(tmp_path / "f.xlsx", valid_sheets(row, need("B02", "Annen")))
    catalogue = load_catalogue(path)
    codes = {(p.code, p.cell) for p in catalogue.problems}
    assert ("formula-no-value", f"{_letter(SCORE)}2") in codes
    assert ("not-scored", f"{_letter(SCORE)}2") not in codes


# --- 2. stale cached values ------------------------------------------------------------


def _xlsxwriter_catalogue(path: Path, rows: list[list[Any]]) -> Path:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    book = xlsxwriter.Workbook(str(path))
    for name, sheet_rows in valid_sheets(*rows).items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


def test_xlsxwriter_placeholders_are_never_taken_as_amounts(tmp_path: Path) -> None:
    rows = [need("B01", "Formel", **{"Investering (MNOK)": "=5*2", "Nytte": "=1+2"}),
            need("B02", "Tall", **{"Investering (MNOK)": 7})]
    path = _xlsxwriter_catalogue(tmp_path / "xw.xlsx", rows)
    catalogue = load_catalogue(path)
    found = {p.cell: p for p in catalogue.problems if p.code == "formula-not-calculated"}
    assert set(found) == {f"{_letter(AMOUNT)}2", f"{_letter(SCORE)}2"}
    assert all(p.severity is Severity.WARNING for p in found.values())
    needs = {n.id: n for n in catalogue.needs}
    assert needs["B01"].investment is None and needs["B01"].scores["Nytte"] is None
    assert needs["B02"].investment == 7


def test_pandas_xlsxwriter_formulas_are_flagged(tmp_path: Path) -> None:
    pytest.importorskip("xlsxwriter")
    import pandas as pd

    frame = pd.DataFrame({"ID": ["B01", "B02"], "Tittel": ["a", "b"],
                          "Investering (MNOK)": ["=3+4", 2.5]})
    path = tmp_path / "pd.xlsx"
    frame.to_excel(path, sheet_name="Behov", index=False, engine="xlsxwriter")
    catalogue = load_catalogue(path)
    needs = {n.id: n for n in catalogue.needs}
    assert needs["B02"].investment == 2.5
    assert needs["B01"].investment is None
    assert any(p.code == "formula-not-calculated" and p.cell == "C2" for p in catalogue.problems)


def test_an_id_from_a_stale_formula_is_an_error(tmp_path: Path) -> None:
    path = _xlsxwriter_catalogue(tmp_path / "id.xlsx", [need('="B"&"01"', "Formel-ID")])
    problems = [p for p in load_catalogue(path).problems if p.code == "formula-not-calculated"]
    assert [(p.cell, p.severity) for p in problems] == [("A2", Severity.ERROR)]


def test_excel_and_libreoffice_values_are_trusted(libreoffice_files: dict[str, Path]) -> None:
    catalogue = load_catalogue(libreoffice_files["xlsx"])
    assert not [p for p in catalogue.problems if p.code == "formula-not-calculated"]


# --- 4/5. booleans ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("SANN", True), ("usann", False), ("Sant", True), ("FALSKT", False), ("sand", True),
    ("Falsk", False), ("TRUE", True), ("false", False)])
def test_nordic_excel_booleans(text: str, expected: bool) -> None:
    assert coerce.parse_bool(text) is expected


# --- 6. refusals say what to do --------------------------------------------------------


def _refusal_codes() -> set[str]:
    pattern = re.compile(r'(?:UnreadableWorkbook|_unreadable)\(\s*(?:path,\s*)?"([a-z0-9-]+)"')
    found: set[str] = set()
    for source in (ROOT / "okosys_plan").rglob("*.py"):
        found.update(pattern.findall(source.read_text(encoding="utf-8")))
    return found


def test_every_refusal_says_what_to_do_in_both_languages() -> None:
    codes = _refusal_codes()
    assert {"not-spreadsheet", "damaged", "sheet-too-large", "bad-csv"} <= codes
    for code in codes:
        assert code in REFUSAL_STEPS, code
        nb_step, en_step = refusal_step(code, "nb"), refusal_step(code, "en")
        assert nb_step != en_step, code  # the bokmål step is a translation, not the id
        params = {"file": "x.bin", "reason": "r", "kind": "a text file", "suffix": ".xls",
                  "format": "BIFF2", "size": 1, "limit": 1, "sheet": "Ark1"}
        unsaid = UnreadableWorkbook.__new__(UnreadableWorkbook)  # its line, before raising it
        unsaid.code, unsaid.params = code, params
        error = UnreadableWorkbook(code, error_text(unsaid, "en"), **params)
        assert error_text(error, "en").endswith(en_step), code
        assert error_text(error, "nb").endswith(nb_step), code
        assert "{" not in error_text(error, "nb"), code


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_unknown_binary_is_refused_with_a_next_step(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 4)
    done = cli_run("validate", "--lang", lang, str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (".xlsx, .ods" in done.stderr) and done.stderr.count("\n") == 1


# --- 7. sheet extent ---------------------------------------------------------------------


def _patched(source: Path, target: Path, change: Any) -> Path:
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for item in archive.namelist():
            data = archive.read(item)
            if item.endswith("worksheets/sheet1.xml"):
                data = change(data)
            out.writestr(item, data)
    return target


@pytest.mark.parametrize("ref", ["XFD1048576", "ZZ200000", "A1048577"])
def test_a_cell_far_out_is_refused_before_allocation(tmp_path: Path, ref: str) -> None:
    source = write_catalogue(tmp_path / "s.xlsx", valid_sheets())
    row = re.sub(r"[A-Z]", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    path = _patched(source, tmp_path / "far.xlsx",
                    lambda d: d.replace(b"</sheetData>", cell + b"</sheetData>"))
    done = cli_run("validate", "--lang", "en", str(path))
    assert done.returncode == 2, done.stderr
    assert "Behov" in done.stderr and "rows" in done.stderr and "Traceback" not in done.stderr


def test_a_wrong_declared_dimension_is_read(tmp_path: Path) -> None:
    source = write_catalogue(tmp_path / "s.xlsx", valid_sheets())
    path = _patched(source, tmp_path / "dim.xlsx", lambda d: re.sub(
        rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', d))
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    done = cli_run("validate", str(path))
    assert done.returncode == 0, done.stderr


def _ods(path: Path, rows_repeated: int, cols_repeated: int) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Behov">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>ID</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>Tittel'
        '</text:p></table:table-cell></table:table-row>'
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">'
        f'<table:table-cell table:number-columns-repeated="{cols_repeated}" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        '</table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def test_an_ods_repeating_a_filled_cell_without_end_is_refused(tmp_path: Path) -> None:
    path = _ods(tmp_path / "rep.ods", 1_000_000, 16_000)
    done = cli_run("validate", "--lang", "en", str(path))
    assert done.returncode == 2 and "Behov" in done.stderr and "Traceback" not in done.stderr


def test_an_ods_with_a_few_repeated_cells_is_read(tmp_path: Path) -> None:
    catalogue = load_catalogue(_ods(tmp_path / "few.ods", 3, 2))
    assert [n.id for n in catalogue.needs] == ["1", "1", "1"]


# --- 8. text length --------------------------------------------------------------------


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(id_length=st.integers(51, 40_000), text_length=st.integers(10_001, 32_767))
def test_long_text_is_bounded_where_read(tmp_path_factory: pytest.TempPathFactory,
                                         id_length: int, text_length: int) -> None:
    rows = [need("B" * id_length, "Lang ID"),
            need("B02", "T" * 600, Eier="e" * text_length), need("B03", "Kort")]
    path = write_catalogue(tmp_path_factory.mktemp("l") / "lang.xlsx", valid_sheets(*rows))
    catalogue = load_catalogue(path)
    codes = {(p.code, p.cell): p for p in catalogue.problems}
    assert codes[("id-too-long", "A2")].severity is Severity.ERROR
    assert codes[("text-too-long", "B3")].params["length"] == 600
    assert codes[("text-too-long", f"{_letter(OWNER)}3")].params["length"] == text_length
    needs = {n.id: n for n in catalogue.needs}
    assert set(needs) == {"B02", "B03"}
    assert len(needs["B02"].title) == 501 and len(needs["B02"].owner or "") == 10_001
    table = catalogue.tables["needs"]
    assert any(len(str(cell)) == text_length for _, cells in table.rows for cell in cells)
