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
