"""Annotated copies: problem cells coloured and commented, a problem sheet, any input format."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import MakeCatalogue, need, valid_sheets
from openpyxl.styles import Font

from okosys_plan import load_catalogue
from okosys_plan.catalogue.annotate import FILLS, write_annotated
from okosys_plan.catalogue.messages import message
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import OutputExists, UsageError

LIBREOFFICE = Path(__file__).parents[1] / "data" / "libreoffice"
CSV = "ID;Tittel;Investering;Varighet\nB01;Første behov;12,5;1,5\nB02;Andre behov;ca. 120;2\n"


def annotate(source: Path, out: Path, lang: str = "nb") -> openpyxl.Workbook:
    """Validate ``source``, write the annotated copy to ``out`` and read it back."""
    write_annotated(source, validate(load_catalogue(source)), out, lang=lang)
    return openpyxl.load_workbook(out)


def colour(cell: openpyxl.cell.Cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]


def test_csv_is_rebuilt_as_xlsx_with_the_problem_cell_marked(tmp_path: Path) -> None:
    source = tmp_path / "innsendt.csv"
    source.write_text(CSV, encoding="utf-8")
    catalogue = load_catalogue(source)
    assert catalogue.needs[0].investment == 12.5  # the comma decimal was read as a number
    report = validate(catalogue)
    [error] = report.errors
    assert (error.code, error.cell) == ("not-a-number", "C3")

    book = annotate(source, tmp_path / "merket.xlsx")
    sheet = book["Behov"]
    assert [c.value for c in sheet[1]] == ["ID", "Tittel", "Investering", "Varighet"]
    assert sheet["B2"].value == "Første behov" and sheet["C3"].value == "ca. 120"
    assert colour(sheet["C3"]) == "FFC7CE"
    assert message(error) in sheet["C3"].comment.text
    assert sheet["C2"].comment is None and sheet["C2"].fill.fill_type is None
    problems = list(book["Problemer"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == len(report.problems)
    assert ("error", "not-a-number", "Behov", "C3") in [row[:4] for row in problems]


def test_ods_is_rebuilt_keeping_layout_and_hidden_sheets(tmp_path: Path) -> None:
    source = LIBREOFFICE / "lo_catalogue.ods"
    report = validate(load_catalogue(source))
    assert ("not-scored", "G8") in [(p.code, p.cell) for p in report.problems]
    book = annotate(source, tmp_path / "merket.xlsx", lang="en")
    assert book.sheetnames == ["Problems", "Behov", "Notater", "Kriterier"]
    assert book["Notater"].sheet_state == "hidden"
    sheet = book["Behov"]
    assert sheet["A1"].value == "Behovskatalog – Eksempelvirksomhet"  # title row kept
    assert sheet["A3"].value == "ID" and sheet["A4"].value == "B01"  # header on row 3
    assert colour(sheet["G8"]) == "FFEB9C"  # a warning's colour
    assert "is not scored" in sheet["G8"].comment.text
    assert colour(sheet["A13"]) == "FFEB9C"  # the skipped totals row is marked at column A
    listed = list(book["Problems"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3]) for r in listed] == [(p.code, p.cell) for p in report.problems]


def test_xls_is_rebuilt(tmp_path: Path) -> None:
    book = annotate(LIBREOFFICE / "lo_catalogue.xls", tmp_path / "merket.xlsx")
    assert book["Behov"]["G8"].comment is not None
    assert book["Behov"]["A12"].value == "B08 "  # the value as typed, not cleaned


def test_xlsx_copy_keeps_formatting(tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    source = make_catalogue("feil.xlsx", valid_sheets(need("B01", "En"), need("B02", "To",
                                                                              Nytte=9)))
    book = openpyxl.load_workbook(source)
    book["Behov"]["B2"].font = Font(bold=True, color="FF0000")
    book.save(source)
    marked = annotate(source, tmp_path / "merket.xlsx")["Behov"]
    assert marked["B2"].font.bold and str(marked["B2"].font.color.rgb).endswith("FF0000")
    assert colour(marked["G3"]) == "FFC7CE" and "9" in marked["G3"].comment.text


def test_user_text_never_becomes_a_formula(tmp_path: Path) -> None:
    source = tmp_path / "innsendt.csv"
    source.write_text("ID;Tittel;Investering\nB01;=HYPERLINK(\"x\");ca. 5\n", encoding="utf-8")
    out = tmp_path / "merket.xlsx"
    annotate(source, out)
    sheet = openpyxl.load_workbook(out)["Behov"]
    assert sheet["B2"].value == '=HYPERLINK("x")' and sheet["B2"].data_type == "s"


def test_annotate_never_writes_over_input_or_existing(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    source = make_catalogue()
    report = validate(load_catalogue(source))
    before = source.read_bytes()
    with pytest.raises(UsageError):
        write_annotated(source, report, source, force=True)
    assert source.read_bytes() == before
    existing = tmp_path / "finnes.xlsx"
    existing.write_bytes(b"x")
    with pytest.raises(OutputExists):
        write_annotated(source, report, existing)
    assert existing.read_bytes() == b"x"
    write_annotated(source, report, existing, force=True)
    assert openpyxl.load_workbook(existing).sheetnames == ["Problemer", "Behov", "Kriterier"]


def test_fills_are_distinct() -> None:
    assert FILLS["error"].fgColor.rgb != FILLS["warning"].fgColor.rgb
