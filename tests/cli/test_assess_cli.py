"""``score --assessments``: several assessors' workbooks through the CLI, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from okosys_plan import load_catalogue
from okosys_plan.cli.main import cli
from tests.assess.fill import write_filled

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("vurderinger")
    catalogue = load_catalogue(BUNDLED)
    names = [c.name for c in catalogue.criteria]
    paths = []
    for a in range(3):
        grades = {n.id: {c: int(min(5, max(1, (n.scores.get(c) or 3) + (a - 1) * (i % 2))))
                         for c in names} for i, n in enumerate(catalogue.needs)}
        paths.append(write_filled(folder / f"m{a}.xlsx", f"Medlem {a}", grades, names,
                                  comments={catalogue.needs[0].id: f"Merknad {a}"}))
    return paths


def test_files_after_the_option_a_folder_and_repeats_read_the_same(panel: list[Path]) -> None:
    listed = invoke("score", str(BUNDLED), "--json", "--assessments", *map(str, panel))
    folder = invoke("score", str(BUNDLED), "--json", "--assessments", str(panel[0].parent))
    repeated = invoke("score", str(BUNDLED), "--json",
                      *[arg for p in panel for arg in ("--assessments", str(p))])
    assert listed.exit_code == folder.exit_code == repeated.exit_code == 0, listed.output
    documents = [json.loads(r.stdout) for r in (listed, folder, repeated)]
    assert documents[0] == documents[1] == documents[2]
    agreement = documents[0]["agreement"]
    assert [a["name"] for a in agreement["assessors"]] == ["Medlem 0", "Medlem 1", "Medlem 2"]
    assert len(agreement["cells"]) == 49 * 8
    assert {c["agreement"] for c in agreement["cells"]} <= {"high", "medium", "low"}
    assert agreement["problems"] == []


def test_the_terminal_says_who_assessed_and_what_to_discuss(panel: list[Path]) -> None:
    result = invoke("score", str(BUNDLED), "--assessments", *map(str, panel))
    assert result.exit_code == 0
    assert "3 vurderere (median)" in result.stderr
    english = invoke("score", str(BUNDLED), "--lang", "en", "--aggregate", "mean",
                     "--assessments", *map(str, panel))
    assert "3 assessors (mean)" in english.stderr


def test_an_assessment_with_errors_exits_1_and_scores_nothing(panel: list[Path],
                                                             tmp_path: Path) -> None:
    bad = write_filled(tmp_path / "feil.xlsx", "Feil", {"B01": {"Samfunnsnytte": 7}},
                       ["Samfunnsnytte"])
    result = invoke("score", str(BUNDLED), "--json", "--assessments", str(bad), str(panel[0]))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    errors = [(p["file"], p["code"], p["cell"]) for p in document["problems"]
              if p["severity"] == "error"]
    assert errors == [("feil.xlsx", "out-of-range", "E6")]
    assert "Vurderingene har 1 feil" in result.stderr


def test_extra_files_without_the_option_and_unreadable_ones_are_usage_errors(
        tmp_path: Path) -> None:
    extra = invoke("score", str(BUNDLED), "x.xlsx")
    assert extra.exit_code == 2 and "x.xlsx" in extra.stderr
    missing = invoke("score", str(BUNDLED), "--assessments", str(tmp_path / "finnes-ikke.xlsx"))
    assert missing.exit_code == 2 and "finnes-ikke.xlsx" in missing.stderr
    assert "Traceback" not in missing.output


def test_a_sensitivity_run_with_assessors_is_seeded(panel: list[Path]) -> None:
    runs = [invoke("score", str(BUNDLED), "--json", "--sensitivity", "200", "--seed", "4",
                   "--assessments", *map(str, panel)) for _ in range(2)]
    assert runs[0].exit_code == 0 and runs[0].stdout == runs[1].stdout
    single = invoke("score", str(BUNDLED), "--json", "--sensitivity", "200", "--seed", "4")
    assert json.loads(single.stdout)["sensitivity"] != json.loads(runs[0].stdout)["sensitivity"]


def test_templates_filled_by_code_round_trip_through_score(tmp_path: Path) -> None:
    """The secretary's round: a template per member, filled, collected, one command."""
    import openpyxl

    from okosys_plan.assess import layout

    catalogue = load_catalogue(BUNDLED)
    names = [c.name for c in catalogue.scored_criteria]
    folder = tmp_path / "inn"
    folder.mkdir()
    given: dict[str, dict[tuple[str, str], int]] = {}
    for a, member in enumerate(("Kari", "Ola", "Per")):
        path = folder / f"{member}.xlsx"
        made = invoke("template", "--assessor", member, "--agency", "NAV", "-o", str(path))
        assert made.exit_code == 0, made.output
        book = openpyxl.load_workbook(path)
        sheet = book[layout.SHEET]
        header = [c.value for c in sheet[layout.TABLE_HEADER_ROW]]
        grades = given.setdefault(member, {})
        for row in sheet.iter_rows(min_row=layout.TABLE_HEADER_ROW + 1):
            need = row[0].value
            for name in names:
                grade = 1 + (len(str(need)) + a + names.index(name)) % 5
                row[header.index(name)].value = grade
                grades[(str(need), name)] = grade
        row[header.index(layout.COMMENT)].value = f"Merknad fra {member}"
        book.save(path)
    result = invoke("score", str(BUNDLED), "--json", "--assessments", str(folder))
    assert result.exit_code == 0, result.output
    agreement = json.loads(result.stdout)["agreement"]
    assert agreement["problems"] == []
    assert [a["agency"] for a in agreement["assessors"]] == ["NAV"] * 3
    for cell in agreement["cells"]:
        expected = [given[m][(cell["id"], cell["criterion"])] for m in ("Kari", "Ola", "Per")]
        assert cell["grades"] == expected
        assert cell["aggregate"] == sorted(expected)[1]  # the median of three
    last = catalogue.needs[-1].id
    explained = invoke("explain", str(BUNDLED), last, "--assessments", str(folder))
    assert explained.exit_code == 0
    assert "Vurderernes karakterer (median):" in explained.stdout
    assert "Kari: «Merknad fra Kari»" in explained.stdout


@pytest.mark.parametrize("contents", [(), ("notat.txt", "~$lås.xlsx", ".skjult.ods")])
def test_a_folder_without_workbooks_is_a_usage_error_for_score_and_run(
        tmp_path: Path, contents: tuple[str, ...]) -> None:
    folder = tmp_path / "tom"
    folder.mkdir()
    for name in contents:
        (folder / name).write_bytes(b"x")
    for args in (["score", str(BUNDLED)], ["run", str(BUNDLED), "-o", str(tmp_path / "ut")]):
        result = invoke(*args, "--json", "--assessments", str(folder))
        assert result.exit_code == 2, (args, result.output)
        assert "ingen vurderingsbøker" in json.loads(result.stdout)["error"]
        assert "Traceback" not in result.output
    assert not (tmp_path / "ut").exists()
