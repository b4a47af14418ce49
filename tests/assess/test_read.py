"""Reading filled assessment workbooks: every kind of mistake is a problem with its cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan.assess.read import assessment_files, read_assessments
from okosys_plan.catalogue.model import Criterion, Direction
from tests.assess.fill import write_filled

CRITERIA = (Criterion("Nytte", 0.5), Criterion("Risiko", 0.5, Direction.COST))
NAMES = [c.name for c in CRITERIA]
NEEDS = ("B01", "B02", "B03")


def _codes(result: Any) -> list[tuple[str, str | None, str | None]]:
    return [(p.code, p.cell, p.severity.value) for p in result.problems]


def test_a_filled_workbook_reads_back_grades_comments_and_who(tmp_path: Path) -> None:
    path = write_filled(tmp_path / "a.xlsx", "Kari Nordmann", {
        "B01": {"Nytte": 4, "Risiko": 2}, "b02": {"Nytte": "3"}, "B03": {}},
        NAMES, agency="SKATT", comments={"B01": "Viktig for kommunene"})
    result = read_assessments([path], NEEDS, CRITERIA)
    [one] = result.assessments
    assert result.problems == ()
    assert (one.assessor.name, one.assessor.agency) == ("Kari Nordmann", "SKATT")
    assert one.grades == {("B01", "Nytte"): 4, ("B01", "Risiko"): 2, ("B02", "Nytte"): 3}
    assert one.comments == {"B01": "Viktig for kommunene"}
    assert one.rows == {"B01": 6, "B02": 7, "B03": 8}


def test_rows_inserted_above_the_table_move_nothing(tmp_path: Path) -> None:
    path = write_filled(tmp_path / "a.xlsx", "Ola", {"B02": {"Nytte": 5}}, NAMES, offset=4)
    [one] = read_assessments([path], NEEDS, CRITERIA).assessments
    assert one.grades == {("B02", "Nytte"): 5} and one.assessor.name == "Ola"


def test_each_kind_of_mistake_is_a_problem_at_its_cell(tmp_path: Path) -> None:
    path = write_filled(tmp_path / "a.xlsx", "Ola", {
        "B01": {"Nytte": 9, "Risiko": 2.5}, "B09": {"Nytte": 3}, "B02": {"Nytte": "mye"}},
        NAMES, extra_rows=[["B01", "igjen", None, None, 1, 1]])
    result = read_assessments([path], NEEDS, CRITERIA)
    assert _codes(result) == [
        ("out-of-range", "E6", "error"), ("not-whole", "F6", "error"),
        ("assessment-unknown-need", "A7", "warning"), ("not-a-number", "E8", "error"),
        ("assessment-need-twice", "A9", "error"),
        ("assessment-empty", None, "warning")]  # nothing wrong was taken as a grade
    [one] = result.assessments
    assert one.grades == {}


def test_a_member_twice_an_empty_one_and_a_nameless_one(tmp_path: Path) -> None:
    first = write_filled(tmp_path / "a.xlsx", "Kari", {"B01": {"Nytte": 3}}, NAMES)
    again = write_filled(tmp_path / "b.xlsx", " kari ", {"B01": {"Nytte": 5}}, NAMES)
    empty = write_filled(tmp_path / "c.xlsx", "Per", {"B01": {}}, NAMES)
    nameless = write_filled(tmp_path / "d.xlsx", None, {"B02": {"Nytte": 2}}, NAMES)
    result = read_assessments([first, again, empty, nameless], NEEDS, CRITERIA)
    assert [(p.code, p.file) for p in result.problems] == [
        ("assessment-empty", "c.xlsx"), ("assessment-no-assessor", "d.xlsx"),
        ("assessor-twice", "b.xlsx")]
    assert result.names == ("Kari", "Per", "d")
    assert result.assessments[0].grades == {("B01", "Nytte"): 3}  # the first one counts


def test_unknown_and_missing_criterion_columns_are_warnings(tmp_path: Path) -> None:
    path = write_filled(tmp_path / "a.xlsx", "Ola", {"B01": {"Nytte": 3, "Farge": 2}},
                        ["Nytte", "Farge"])
    result = read_assessments([path], NEEDS, CRITERIA)
    assert _codes(result) == [("missing-criterion-column", "A5", "warning"),
                              ("assessment-unknown-criterion", "F5", "warning")]


def test_a_workbook_without_the_table_is_an_error(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "tom.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "noe annet"  # type: ignore[index]
    book.save(path)
    assert _codes(read_assessments([path], NEEDS, CRITERIA)) == [
        ("missing-sheet", None, "error")]


def test_a_folder_gives_its_spreadsheets_in_name_order(tmp_path: Path) -> None:
    for name in ("b.xlsx", "a.xlsx", "~$a.xlsx", ".skjult.xlsx", "notat.txt"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "under").mkdir()
    assert [p.name for p in assessment_files([tmp_path])] == ["a.xlsx", "b.xlsx"]
    again = assessment_files([tmp_path, tmp_path / "b.xlsx", tmp_path / "under" / ".." / "a.xlsx"])
    assert [p.name for p in again] == ["a.xlsx", "b.xlsx"]  # each file once


CELL = st.one_of(st.none(), st.integers(-3, 9), st.floats(allow_nan=False, width=32),
                 st.sampled_from(["3", " 4 ", "4,0", "2.0", "fem", "", "#N/A", "1e1"]),
                 st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=5))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=3))
def test_any_cell_is_a_grade_in_its_scale_or_a_problem_never_both(
        tmp_path: Path, values: list[tuple[Any, Any]]) -> None:
    grades = {need: dict(zip(NAMES, pair, strict=True))
              for need, pair in zip(NEEDS, values, strict=False)}
    path = write_filled(tmp_path / "g.xlsx", "Ola", grades, NAMES)
    result = read_assessments([path], NEEDS, CRITERIA)
    [one] = result.assessments
    flagged = {p.cell for p in result.problems if p.is_error}
    for row, (need, typed) in enumerate(grades.items(), start=6):
        for col, name in zip("EF", NAMES, strict=True):
            got = one.grades.get((need, name))
            assert got is None or (1 <= got <= 5 and f"{col}{row}" not in flagged)
            value = typed[name]
            if isinstance(value, int) and 1 <= value <= 5:
                assert got == value
            if isinstance(value, int) and not 1 <= value <= 5:
                assert got is None and f"{col}{row}" in flagged


@pytest.mark.parametrize("suffix", [".ods"])
def test_a_workbook_saved_by_libreoffice_reads_the_same(tmp_path: Path, suffix: str) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = write_filled(tmp_path / "a.xlsx", "Kari", {"B01": {"Nytte": 4, "Risiko": 1},
                                                      "B02": {"Nytte": 2}}, NAMES,
                        comments={"B02": "æøå"})
    subprocess.run([soffice, "--headless", "--convert-to", suffix[1:], "--outdir",
                    str(tmp_path / "lo"), str(path)], check=True, capture_output=True,
                   timeout=120)
    converted = tmp_path / "lo" / f"a{suffix}"
    first, second = (read_assessments([p], NEEDS, CRITERIA) for p in (path, converted))
    assert first.assessments[0].grades == second.assessments[0].grades
    assert second.assessments[0].comments == {"B02": "æøå"}
    assert second.problems == ()


def test_a_formula_in_a_grade_cell_is_the_catalogues_problem(tmp_path: Path) -> None:
    """Never calculated (openpyxl writes no value), or calculated to an error (LibreOffice)."""
    import shutil
    import subprocess

    path = write_filled(tmp_path / "f.xlsx", "Ola", {"B01": {"Nytte": "=1/0", "Risiko": 2}},
                        NAMES)
    result = read_assessments([path], NEEDS, CRITERIA)
    assert [(p.code, p.cell) for p in result.problems if p.is_error] == [
        ("formula-no-value", "E6")]
    assert result.assessments[0].grades == {("B01", "Risiko"): 2}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, "--headless", "--convert-to", "ods", "--outdir",
                    str(tmp_path / "lo"), str(path)], check=True, capture_output=True,
                   timeout=120)
    calculated = read_assessments([tmp_path / "lo" / "f.ods"], NEEDS, CRITERIA)
    [problem] = [p for p in calculated.problems if p.is_error]
    assert problem.cell == "E6" and "DIV" in str(problem.value).upper()
    assert calculated.assessments[0].grades == {("B01", "Risiko"): 2}
