"""``okosys-plan compare`` as a user runs it: terminal, JSON, the workbook, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.conftest import write_catalogue
from tests.funding_sample import sample

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
SETTINGS = """
[scenario.kutt-2024]
budget.2024 = 150
budget.2023 = 120

[scenario.avslag]
applied = "refused"

[scenario.innvilget]
applied = "granted"
key = "flat"
"""


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def settings_file(tmp_path: Path, text: str = SETTINGS) -> Path:
    path = tmp_path / "okosys-plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_is_only_json_with_every_scenario(tmp_path: Path) -> None:
    config = settings_file(tmp_path)
    result = invoke("compare", str(BUNDLED), "--config", str(config), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [s["name"] for s in document["scenarios"]] == ["kutt-2024", "avslag", "innvilget"]
    assert document["base"]["name"] is None and document["base"]["differences"] == []
    cut = document["scenarios"][0]
    assert cut["budget"]["2024"]["cap"] == 150
    texts = [d["text"] for d in cut["differences"]]
    assert any(t.startswith("T") and "rammen for" in t for t in texts), texts
    granted = document["scenarios"][2]
    assert granted["key"] == "flat" and granted["gap"]["2024"] < document["base"]["gap"]["2024"]


def test_terminal_in_both_languages_and_one_scenario(tmp_path: Path) -> None:
    config = settings_file(tmp_path)
    nb = invoke("compare", str(BUNDLED), "--config", str(config), "--scenario", "avslag")
    assert nb.exit_code == 0, nb.output
    assert "Finansieringsgap per år (MNOK)" in nb.stdout and "== avslag" in nb.stdout
    assert "kutt-2024" not in nb.stdout
    en = invoke("compare", str(BUNDLED), "--config", str(config), "--lang", "en")
    assert en.exit_code == 0, en.output
    assert "Funding gap per year (MNOK)" in en.stdout and "Finansieringsgap" not in en.stdout
    assert "the cap for" in en.stdout


def test_the_workbook_opens_with_a_sheet_per_topic(tmp_path: Path) -> None:
    config = settings_file(tmp_path)
    out = tmp_path / "sammenligning.xlsx"
    result = invoke("compare", str(BUNDLED), "--config", str(config), "-o", str(out))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Oversikt", "Forskjeller", "Rangering", "Tiltak", "Budsjett",
                               "Finansieringsgap", "Fordeling"]
    overview = list(book["Oversikt"].values)
    assert [row[0] for row in overview[1:]] == ["grunnlag", "kutt-2024", "avslag", "innvilget"]
    keys = {row[1] for row in overview[1:]}  # the key's name in bokmål, not its code
    assert keys and not keys & {"usage", "equal", "tiers", "hybrid", "size", "population"}
    assert all(isinstance(k, str) and k[:1].isupper() for k in keys), keys
    budget = list(book["Budsjett"].values)
    assert budget[0] == ("År", "grunnlag", "kutt-2024", "avslag", "innvilget")
    differences = list(book["Forskjeller"].values)
    assert len(differences) > 1 and all(isinstance(row[4], str) for row in differences[1:])
    again = invoke("compare", str(BUNDLED), "--config", str(config), "-o", str(out))
    assert again.exit_code == 2  # never replaced without --force


def test_an_unknown_scenario_lists_the_known_ones(tmp_path: Path) -> None:
    config = settings_file(tmp_path)
    result = invoke("compare", str(BUNDLED), "--config", str(config), "--scenario", "x",
                    "--lang", "en")
    assert result.exit_code == 2
    assert "no scenario 'x'; the scenarios declared are kutt-2024, avslag, innvilget" in \
        result.stderr


def test_no_scenarios_is_a_clear_stop(tmp_path: Path) -> None:
    config = settings_file(tmp_path, "lang = \"nb\"\n")
    result = invoke("compare", str(BUNDLED), "--config", str(config))
    assert result.exit_code == 2 and "ingen scenarier er angitt" in result.stderr


def test_a_bad_toml_setting_stops_with_its_key(tmp_path: Path) -> None:
    config = settings_file(tmp_path, "[scenario.a]\nbudget.2024 = \"mye\"\n")
    result = invoke("compare", str(BUNDLED), "--config", str(config), "--lang", "en")
    assert result.exit_code == 2
    assert f"{config}: [scenario.a] budget.2024: must be a number" in result.stderr


def test_an_invalid_catalogue_stops_with_exit_1(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "feil.xlsx", {"Behov": [["ID", "Tittel"], ["B1", None]]})
    config = settings_file(tmp_path)
    result = invoke("compare", str(path), "--config", str(config))
    assert result.exit_code == 1


def test_the_scenario_sheet_runs_and_its_problems_have_a_place(tmp_path: Path) -> None:
    rows = [["Scenario", "Innstilling", "Verdi"], ["halv", "volume_growth", 50],
            ["halv", "applied", "innvilget"]]
    path = sample(tmp_path, Scenarier=rows)
    config = settings_file(tmp_path, "")
    result = invoke("compare", str(path), "--config", str(config), "--json")
    assert result.exit_code == 0, result.output
    assert [s["name"] for s in json.loads(result.stdout)["scenarios"]] == ["halv"]
    bad = sample(tmp_path, "feil.xlsx", Scenarier=[*rows, ["halv", "to", "snart"]])
    result = invoke("compare", str(bad), "--config", str(config), "--json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["sheet"], problem["cell"], problem["column"]) == ("Scenarier", "C4", "Verdi")
