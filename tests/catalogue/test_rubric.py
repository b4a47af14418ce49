"""A criterion's rubric (issue 15): read from the Kriterier sheet's columns 1 … 5 and from
the criteria TOML, the defaults' rubric, and explain quoting it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from okosys_plan.catalogue import domain
from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.merge import merge_catalogues
from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import Criterion
from okosys_plan.prioritise.criteria_file import BadCriteriaFile, load_criteria_file
from okosys_plan.prioritise.explain import explain_need, rubric_quotes
from okosys_plan.prioritise.scoring import normalised
from tests.conftest import NEED_HEADERS, need, write_catalogue

HEAD = ["Kriterium", "Vekt", "Skala min", "Skala maks"]


def _catalogue(tmp_path: Path, criteria: list[list[Any]]) -> Any:
    sheets = {"Behov": [NEED_HEADERS, need("B01", "Felles innlogging", Nytte=4)],
              "Kriterier": criteria}
    return load_catalogue(write_catalogue(tmp_path / "k.xlsx", sheets))


def test_rubric_columns_headed_by_numbers_or_texts(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, [
        [*HEAD, 1, "3", " 5 ", "Merknad"],
        ["Nytte", 1, 1, 5, "Liten nytte", None, "  Stor nytte  ", "egen kolonne"]])
    (criterion,) = catalogue.criteria
    assert criterion.rubric == ((1, "Liten nytte"), (5, "Stor nytte"))
    assert not catalogue.problems
    # nothing typed is lost: the table keeps every column, the rubric's and unknown ones
    table = catalogue.tables["criteria"]
    assert table.headers[4:] == ("1", "3", "5", "Merknad")
    assert list(table.rows[0][1])[4:] == ["Liten nytte", "", "  Stor nytte  ", "egen kolonne"]
    merged = merge_catalogues([catalogue])
    sheet = merged.sheets["criteria"]
    assert "1" in sheet.headers and "Liten nytte" in sheet.rows[0]


def test_a_rubric_text_outside_the_scale_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, [
        [*HEAD, 0, 1, 2, 3, 4],
        ["Nytte", 1, 1, 3, "null", "lav", None, "høy", "for høy"]])
    (criterion,) = catalogue.criteria
    assert criterion.rubric == ((1, "lav"), (3, "høy"))
    found = [p for p in catalogue.problems if p.code == "rubric-out-of-scale"]
    assert [(p.sheet, p.cell, p.column, p.value, p.is_error) for p in found] == [
        ("Kriterier", "E2", "0", "null", False), ("Kriterier", "I2", "4", "for høy", False)]
    assert message(found[1], "en") == ("The rubric text for score 4 is outside the scale of "
                                       "'Nytte' (1 to 3); it is not used")
    assert message(found[1]) == ("Rubrikkteksten for karakter 4 ligger utenfor skalaen til "
                                 "«Nytte» (1 til 3); den brukes ikke")
    assert "1 to 3" in hint(found[1], "en")


def test_a_second_column_for_the_same_score_is_a_duplicate(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, [[*HEAD, 1, "1"], ["Nytte", 1, 1, 5, "først", "sist"]])
    assert catalogue.criteria[0].rubric == ((1, "først"),)
    assert [(p.code, p.cell) for p in catalogue.problems] == [("duplicate-column", "F1")]


def test_weights_normalised_keep_the_rubric(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, [[*HEAD, 1], ["Nytte", 4, 1, 5, "lav"]])
    assert catalogue.criteria[0].weight == 1 and catalogue.criteria[0].rubric == ((1, "lav"),)
    kept = normalised([Criterion("A", 2, rubric=((1, "x"),)), Criterion("B", 2)])
    assert kept[0].rubric == ((1, "x"),) and kept[0].weight == 0.5


def test_a_default_criterion_without_rubric_text_gets_the_defaults(tmp_path: Path) -> None:
    sheets = {"Behov": [[*NEED_HEADERS, "Bredde"], [*need("B01", "X"), 3]],
              "Kriterier": [HEAD, ["Nytte", 1, 1, 5], ["bredde", 1, 1, 5], ]}
    catalogue = load_catalogue(write_catalogue(tmp_path / "k.xlsx", sheets))
    nytte, bredde = catalogue.criteria
    assert nytte.rubric == ()
    assert bredde.rubric == domain.DEFAULT_CRITERIA[1].rubric
    other_scale = _catalogue(tmp_path, [HEAD, ["Bredde", 1, 0, 10]])
    assert other_scale.criteria[0].rubric == ()


def _toml(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kriterier.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_rubric_from_the_criteria_toml(tmp_path: Path) -> None:
    path = _toml(tmp_path, '[[criteria]]\nname = "Nytte"\nweight = 1\n'
                           'rubric = { 5 = "Stor nytte", 1 = " Liten nytte ", 3 = "" }\n'
                           '[[criteria]]\nname = "Hastegrad"\nweight = 1\n')
    nytte, hastegrad = load_criteria_file(path).criteria
    assert nytte.rubric == ((1, "Liten nytte"), (5, "Stor nytte"))
    assert hastegrad.rubric == domain.DEFAULT_CRITERIA[2].rubric


@pytest.mark.parametrize(("rubric", "said"), [
    ('"tekst"', "rubric must be a table of score = text"),
    ('{ x = "a" }', "rubric: 'x' is not a score from 1 to 5"),
    ('{ 6 = "a" }', "rubric: '6' is not a score from 1 to 5"),
    ('{ 2 = 5 }', "rubric: the text of 2 must be a text"),
    ('{ 2 = "a", "+2" = "b" }', "rubric: score 2 is given twice"),
])
def test_a_bad_rubric_in_the_toml_stops_with_one_line(tmp_path: Path, rubric: str,
                                                      said: str) -> None:
    path = _toml(tmp_path, f'[[criteria]]\nname = "Nytte"\nweight = 1\nrubric = {rubric}\n')
    with pytest.raises(BadCriteriaFile) as raised:
        load_criteria_file(path)
    assert str(raised.value) == f"{path}: criterion 1 ('Nytte'): {said}"


def test_explain_quotes_the_rubric_of_the_grade(tmp_path: Path) -> None:
    from okosys_plan.prioritise.api import PriorityOptions, prioritise

    catalogue = _catalogue(tmp_path, [[*HEAD, 3, 4], ["Nytte", 1, 1, 5, "middels", "god"]])
    ranking = prioritise(catalogue, PriorityOptions()).ranking
    text = explain_need(ranking, ranking.needs[0], "en")
    assert "      4: «god»" in text.splitlines()
    assert "middels" not in text


def test_a_fractional_grade_quotes_its_two_neighbours() -> None:
    criterion = Criterion("K", 1, rubric=((1, "lav"), (3, "middels"), (4, "god")))
    assert rubric_quotes(criterion, 3.5) == ["3: «middels»", "4: «god»"]
    assert rubric_quotes(criterion, 3.0) == ["3: «middels»"]
    assert rubric_quotes(criterion, 1.5) == ["1: «lav»"]
    assert rubric_quotes(criterion, None) == [] and rubric_quotes(Criterion("K", 1), 3) == []
