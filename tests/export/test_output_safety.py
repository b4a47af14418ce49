"""Output safety (issue 13): no writer hands a spreadsheet a formula it did not write.

The roadmap CSV neutralises every formula start OWASP lists, in ASCII and full width,
also after leading spaces, and quotes a field holding either separator; ``validate
--annotate`` writes the submitter's formulas as text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.formula import ArrayFormula

from okosys_plan.charts.roadmap.text_alternative import BOM, RoadmapTable, csv_bytes, safe_cell
from okosys_plan.cli.main import cli
from tests.conftest import valid_sheets

STARTS = "=+-@\t\r＝＋－＠"
TEXT = st.text(st.sampled_from([*STARTS, " ", "\u00a0", "\u3000", ",", ";", '"', "\n", "a",
                                "1", "ø", "(", ")"]), max_size=12)


def _formula_like(text: str) -> bool:
    return text.lstrip(" \u00a0\u3000").startswith(tuple(STARTS))


@settings(max_examples=300, derandomize=True, database=None)
@given(rows=st.lists(st.lists(TEXT, min_size=8, max_size=8), min_size=1, max_size=4),
       lang=st.sampled_from(["nb", "en"]))
def test_the_roadmap_csv_never_starts_a_formula_and_quotes_both_separators(
        rows: list[list[str]], lang: str) -> None:
    header = tuple(f"h{i}" for i in range(8))
    data = csv_bytes(RoadmapTable("", header, tuple(tuple(r) for r in rows), lang=lang))
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    delimiter = ";" if lang == "nb" else ","
    parsed = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))
    assert parsed == [list(header), *([safe_cell(c) for c in row] for row in rows)]
    for row in parsed[1:]:
        for cell in row:
            assert not _formula_like(cell) or cell.startswith("'"), cell
    other = "," if delimiter == ";" else ";"
    for row in rows:
        for cell in row:
            if other in cell or delimiter in cell:
                assert f'"{safe_cell(cell).replace(chr(34), chr(34) * 2)}"' in text


def test_full_width_and_spaced_formula_starts_are_neutralised() -> None:
    for text in ("＝1+1", "＋47", "－5", "＠SUM(A1)", " =1+1", "\u3000＝cmd", "\t=1"):
        assert safe_cell(text) == "'" + text
    for text in ("2023-01-01", "Digital identitet", "a=b", ""):
        assert safe_cell(text) == text


def test_annotate_writes_the_submitters_formulas_as_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in valid_sheets().items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    behov = book["Behov"]
    behov["F2"] = "=2*5"
    behov["K2"] = '=HYPERLINK("http://example.com","klikk")'
    behov["L2"] = ArrayFormula("L2:L2", "=SUM(F2:F3)")
    extra = book.create_sheet("Notater")
    extra["A1"] = "=WEBSERVICE(\"http://example.com\")"
    source = tmp_path / "innsendt.xlsx"
    book.save(source)
    out = tmp_path / "merket.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    marked = openpyxl.load_workbook(out)
    formulas = [(s.title, c.coordinate) for s in marked.worksheets for r in s.iter_rows()
                for c in r if c.data_type == "f"]
    assert formulas == []
    assert marked["Behov"]["F2"].value == "=2*5"
    assert marked["Behov"]["K2"].value == '=HYPERLINK("http://example.com","klikk")'
    assert marked["Behov"]["L2"].value == "=SUM(F2:F3)"
    assert marked["Notater"]["A1"].value == '=WEBSERVICE("http://example.com")'
