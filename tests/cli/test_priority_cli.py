"""The score and explain commands, through the CLI as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from okosys_plan import load_catalogue
from okosys_plan.catalogue.validate import validate
from okosys_plan.cli.main import cli
from okosys_plan.prioritise.api import PriorityOptions, prioritise, priority_document
from okosys_plan.prioritise.scoring import Method

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_score_prints_the_top_twenty_in_norwegian() -> None:
    result = invoke("score", str(BUNDLED))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Rang", "ID", "Tittel", "Poengsum", "Prioritet"]
    assert [int(line.split()[0]) for line in lines[2:22]] == list(range(1, 21))
    assert lines[22] == ""
    assert "49 behov:" in result.stdout


def test_score_json_equals_what_the_library_returns() -> None:
    result = invoke("score", str(BUNDLED), "--json", "--sensitivity", "200", "--seed", "5")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    catalogue = load_catalogue(BUNDLED)
    library = priority_document(
        prioritise(catalogue, PriorityOptions(draws=200, seed=5)),
        validate(catalogue).problems)
    library["files"] = []
    assert document == json.loads(json.dumps(library))
    first = document["needs"][0]
    assert set(first) >= {"id", "title", "score", "rank", "class", "legal_requirement",
                          "incomplete", "contributions", "effective_priority", "stability"}
    assert set(first["stability"]) >= {"median_rank", "rank_p05", "rank_p95", "p_top_k"}
    assert sum(first["contributions"].values()) == pytest.approx(first["score"], abs=1e-9)
    assert document["criteria"][0]["name"] == "Samfunnsnytte"


def test_score_nnv_and_english() -> None:
    result = invoke("score", str(BUNDLED), "--method", "nnv", "--lang", "en", "--top", "5")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split()[:3] == ["Rank", "ID", "Title"]
    ranking = prioritise(load_catalogue(BUNDLED), PriorityOptions(Method.NNV)).ranking
    assert ranking.needs[0].id in result.stdout.splitlines()[2]


def test_criteria_file_and_thresholds(tmp_path: Path) -> None:
    criteria = tmp_path / "kriterier.toml"
    criteria.write_text('[thresholds]\nhigh = 90\nmedium = 10\n\n'
                        '[[criteria]]\nname = "Samfunnsnytte"\nweight = 2\n\n'
                        '[[criteria]]\nname = "Risiko"\nweight = 2\ndirection = "kostnad"\n',
                        encoding="utf-8")
    result = invoke("score", str(BUNDLED), "--criteria", str(criteria), "--json",
                    "--medium", "20")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(c["name"], c["weight"], c["direction"]) for c in document["criteria"]] == [
        ("Samfunnsnytte", 0.5, "benefit"), ("Risiko", 0.5, "cost")]
    assert document["thresholds"] == {"high": 90.0, "medium": 20.0}
    for need in document["needs"]:
        assert set(need["contributions"]) <= {"Samfunnsnytte", "Risiko"}


@pytest.mark.parametrize(("content", "expected"), [
    ("[[criteria]]\nname = 'A'\nweight = -1\n", "weight må være fra 0 til 1000000"),
    ("[[criteria]]\nname = 'A'\nweigth = 1\n", "ukjent felt «weigth»"),
    ("[[criteria]]\nname = 'A'\nweight = 1\ndirection = 'opp'\n", "direction må være"),
    ("[[criteria]]\nname = 'A'\nweight = 1\nmin = 5\nmax = 1\n", "min (5) må være under max"),
    ("[[criteria]]\nname = 'A'\nweight = 1\n[[criteria]]\nname = 'a'\nweight = 1\n",
     "finnes allerede"),
    ("criteria = 3\n", "ingen [[criteria]]"),
    ("[[criteria\n", "ikke gyldig TOML"),
    ("[thresholds]\nhigh = 30\nmedium = 40\n[[criteria]]\nname = 'A'\nweight = 1\n",
     "tersklene"),
])
def test_a_bad_criteria_file_stops_with_one_line(tmp_path: Path, content: str,
                                                 expected: str) -> None:
    criteria = tmp_path / "k.toml"
    criteria.write_text(content, encoding="utf-8")
    result = invoke("score", str(BUNDLED), "--criteria", str(criteria))
    assert result.exit_code == 2
    assert expected in result.stderr and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and str(criteria) in result.stderr


def test_thresholds_in_the_wrong_order_are_bad_usage() -> None:
    result = invoke("score", str(BUNDLED), "--high", "30", "--medium", "50", "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["valid"] is False
    assert "tersklene" in result.stderr


def test_an_invalid_catalogue_is_not_scored(make_catalogue: Any) -> None:
    from tests.conftest import need, valid_sheets

    path = make_catalogue("feil.xlsx", valid_sheets(need("B1", "En", Nytte=9),
                                                    need("B1", "To")))
    result = invoke("score", str(path), "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert {p["code"] for p in document["problems"]} >= {"duplicate-id", "out-of-range"}
    assert "ingenting ble prioritert" in result.stderr


def test_unreadable_file_is_exit_two(tmp_path: Path) -> None:
    bad = tmp_path / "tom.xlsx"
    bad.write_bytes(b"")
    result = invoke("score", str(bad))
    assert result.exit_code == 2 and "tom" in result.stderr


def test_explain_one_and_two_needs() -> None:
    ranking = prioritise(load_catalogue(BUNDLED)).ranking
    top, second = ranking.needs[4], ranking.needs[5]
    one = invoke("explain", str(BUNDLED), top.id)
    assert one.exit_code == 0
    assert one.stdout.startswith(f"{top.id} «{top.title}»")
    assert f"rang {top.rank} av {len(ranking.needs)}" in one.stdout
    two = invoke("explain", str(BUNDLED), second.id, top.id.lower(), "--json")
    assert two.exit_code == 0
    document = json.loads(two.stdout)
    assert document["above"] == top.id
    assert top.exact_score is not None and second.exact_score is not None
    assert sum(document["difference"].values()) == pytest.approx(top.exact_score
                                                                 - second.exact_score)


def test_explain_unknown_need_suggests_close_ids() -> None:
    result = invoke("explain", str(BUNDLED), "B4x")
    assert result.exit_code == 2
    assert "Fant ikke behovet «B4x»" in result.stderr and "mente du" in result.stderr


def test_score_writes_workbook_and_charts(tmp_path: Path) -> None:
    import openpyxl

    out, chart = tmp_path / "prioritert.xlsx", tmp_path / "prioritet.svg"
    result = invoke("score", str(BUNDLED), "--sensitivity", "100", "-o", str(out),
                    "--chart", str(chart), "--top", "8", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    intervals = tmp_path / "prioritet-rangintervall.svg"
    assert document["files"] == [str(out), str(chart), str(intervals)]
    sheet = openpyxl.load_workbook(out)["Prioritert"]
    assert [sheet.cell(r, 2).value for r in range(2, 5)] == [
        n["id"] for n in document["needs"][:3]]
    svg = chart.read_text(encoding="utf-8")
    assert document["needs"][7]["id"] in svg and document["needs"][8]["id"] not in svg
    again = invoke("score", str(BUNDLED), "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr


def test_a_bad_chart_suffix_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "prioritert.xlsx"
    result = invoke("score", str(BUNDLED), "-o", str(out), "--chart", str(tmp_path / "p.jpg"))
    assert result.exit_code == 2 and ".jpg" in result.stderr
    assert list(tmp_path.iterdir()) == []
