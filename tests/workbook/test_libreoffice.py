"""Catalogues written by a real LibreOffice (.xlsx, .ods, .xls) load with the right values."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okosys_plan import load_catalogue
from okosys_plan.catalogue.model import Need, Period
from okosys_plan.catalogue.validate import validate

DATA = Path(__file__).parents[1] / "data" / "libreoffice"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["fixtures"]
CASES = [(name, file) for name, fixture in EXPECTED.items() for file in fixture["files"]]


def _check_period(got: Period | None, want: dict[str, Any] | None, which: str) -> None:
    if want is None:
        assert got is None
        return
    assert got is not None
    assert got.started_before == want["started_before"]
    if not want["started_before"]:
        day = got.first if which == "start" else got.last
        assert day.isoformat() == want["first" if which == "start" else "last"]


def _check_need(need: Need, want: dict[str, Any]) -> None:
    assert need.origin.row == want["row"]
    assert need.title == want["title"]
    assert need.owner == want["owner"]
    assert need.theme == want["theme"]
    assert need.status == want["status"]
    assert dict(need.scores) == want["scores"]
    for field in ("investment", "annual_operations"):
        expected = want[field]
        assert getattr(need, field) == (None if expected is None else pytest.approx(expected))
    submitted = want["submitted"]
    assert need.submitted == (date.fromisoformat(submitted) if submitted else None)
    _check_period(need.start, want["start"], "start")
    _check_period(need.end, want["end"], "end")
    assert need.legal_requirement is want["legal_requirement"]
    assert list(need.depends_on) == want["depends_on"]
    extra = dict(need.extra)
    for header, value in want["extra"].items():
        assert extra.get(header) == value


@pytest.mark.parametrize(("name", "file"), CASES)
def test_libreoffice_catalogue_loads_with_the_right_values(name: str, file: str) -> None:
    fixture = EXPECTED[name]
    catalogue = load_catalogue(DATA / file)
    report = validate(catalogue)
    assert report.errors == ()
    assert [n.id for n in catalogue.needs] == fixture["need_ids_in_order"]
    for need in catalogue.needs:
        _check_need(need, fixture["needs"][need.id])
    assert catalogue.tables["needs"].header_row == fixture["header_row"]
    assert catalogue.tables["needs"].sheet == fixture["needs_sheet"]


@pytest.mark.parametrize(("name", "file"), CASES)
def test_libreoffice_warnings_name_their_places(name: str, file: str) -> None:
    fixture = EXPECTED[name]
    report = validate(load_catalogue(DATA / file))
    places = {(p.code, p.sheet, p.cell) for p in report.warnings}
    for want in fixture["problems"]["warnings_at_least"]:
        if "code" in want:
            assert (want["code"], want["sheet"], want["cell"]) in places
        else:
            assert ("row-skipped", want["sheet"], f"A{want['row']}") in places


def test_criteria_sheet_with_comma_decimal_weights() -> None:
    catalogue = load_catalogue(DATA / "lo_catalogue.xlsx")
    weights = {c.name: c.weight for c in catalogue.criteria}
    assert weights == {"Samfunnsnytte": pytest.approx(0.6), "Bredde": pytest.approx(0.4)}
    assert catalogue.criteria_from_workbook


def test_hidden_sheet_is_not_searched_for_needs() -> None:
    catalogue = load_catalogue(DATA / "lo_needs_unnamed.xlsx")
    assert "X01" not in {n.id for n in catalogue.needs}
    assert catalogue.tables["needs"].sheet == "Ark1"
