"""The Vedtatt sheet: the adopted Veikart in the catalogue, read and checked like any sheet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from okosys_plan import load_catalogue, validate
from okosys_plan.cli.main import cli
from okosys_plan.roadmap.baseline import catalogue_baseline
from tests.cli.test_plan_cli import small

HEADERS = ["Tiltak", "Start", "Slutt", "Vedtatt dato", "Skate-sak"]


def with_adopted(tmp_path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    import openpyxl

    path = small(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("Vedtatt")
    for row in [headers, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_the_sheet_is_read_with_aliases_and_becomes_a_baseline(tmp_path: Path) -> None:
    path = with_adopted(tmp_path, [["T3", "2022-K1", "2022-K4", "14.03.2022", "12/22"],
                                   ["T9", "2023", "2023", None, None]],
                        ["Measure", "Start", "End", "Decided", "Skate case"])
    catalogue = load_catalogue(path)
    assert not [p for p in validate(catalogue).problems if p.is_error]
    assert [a.measure for a in catalogue.adopted] == ["T3", "T9"]
    baseline = catalogue_baseline(catalogue, date(2022, 1, 1))
    assert baseline is not None
    first = baseline.items[0]
    assert (first.id, first.title, first.start, first.end, first.owner) == (
        "T3", "Grunnmur", date(2022, 1, 1), date(2022, 12, 31), "Digdir")
    assert first.decided == date(2022, 3, 14) and first.case == "12/22"
    assert baseline.case == "12/22"
    assert baseline.items[1].title == "T9"  # not in Tiltak: dropped since


def test_bad_cells_are_problems_with_sheet_cell_and_hint(tmp_path: Path) -> None:
    path = with_adopted(tmp_path, [["T3", "snart", "2022", "i fjor", "tolv"],
                                   [None, "2022", "2022", None, None],
                                   ["T2", "2024", "2023", None, None]])
    problems = validate(load_catalogue(path)).problems
    found = {(p.code, p.sheet, p.cell) for p in problems}
    assert ("bad-period", "Vedtatt", "B2") in found
    assert ("bad-date", "Vedtatt", "D2") in found
    assert ("bad-case", "Vedtatt", "E2") in found
    assert ("missing-value", "Vedtatt", "A3") in found
    assert ("end-before-start", "Vedtatt", "C4") in found


def test_plan_uses_the_sheet_when_no_baseline_file_is_given(tmp_path: Path) -> None:
    path = with_adopted(tmp_path, [["T3", "2022-K1", "2022-K4", "14.03.2022", "12/22"],
                                   ["T1", "2022", "2022", None, None]])
    result = CliRunner().invoke(cli, ["plan", str(path), "--json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)["baseline_status"]
    items = {i["id"]: i for i in status["items"]}
    assert items["T3"]["end_slip"] == 0 and items["T1"]["change"] == "on-plan"
    assert items["T2"]["change"] == "added"
