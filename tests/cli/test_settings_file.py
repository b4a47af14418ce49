"""okosys-plan.toml sets the defaults of every command, not only run and report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from okosys_plan.run.config import KEYS
from okosys_plan.run.defaults import LANG_COMMANDS, OPTIONS, command_defaults

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def _command(path: str) -> click.Command:
    command: click.Command = cli
    for word in path.split():
        assert isinstance(command, click.Group)
        found = command.commands.get(word)
        assert found is not None, path
        command = found
    return command


def test_every_setting_is_declared_once_with_the_options_it_fills() -> None:
    assert set(OPTIONS) == set(KEYS)
    for (table, key), options in OPTIONS.items():
        for command, parameter in options.items():
            names = {p.name for p in _command(command).params}
            assert parameter in names, (table, key, command, parameter)
    with_lang = {path for path in LANG_COMMANDS
                 if "lang" in {p.name for p in _command(path).params}}
    assert with_lang == set(LANG_COMMANDS)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(BUNDLED, tmp_path / "k.xlsx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(*words: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*words, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_scoring_settings_reach_score_and_the_command_line_wins(folder: Path) -> None:
    plain = _json("score", "k.xlsx")
    (folder / "okosys-plan.toml").write_text('[scoring]\nmethod = "nnv"\nhigh = 80\n',
                                             encoding="utf-8")
    configured = _json("score", "k.xlsx")
    assert (plain["method"], plain["thresholds"]["high"]) == ("weighted", 70.0)
    assert (configured["method"], configured["thresholds"]["high"]) == ("nnv", 80.0)
    assert configured["thresholds"]["medium"] == plain["thresholds"]["medium"]
    overridden = _json("score", "k.xlsx", "--method", "weighted", "--high", "75")
    assert (overridden["method"], overridden["thresholds"]["high"]) == ("weighted", 75.0)


def test_roadmap_plan_and_funding_settings_reach_their_commands(folder: Path) -> None:
    (folder / "okosys-plan.toml").write_text(
        '[roadmap]\ngroup_by = "ansvarlig"\nfrom = 2023\n[budget]\n2024 = 12.5\n'
        '[funding]\nkeys = ["usage", "flat"]\n', encoding="utf-8")
    roadmap = _json("roadmap", "k.xlsx", "--as-of", "2024-06-30")
    assert roadmap["group_by"] == "ansvarlig" and roadmap["horizon"]["start"] == "2023-01-01"
    plan = _json("plan", "k.xlsx")
    assert plan["horizon"][0] == 2023
    assert {row["year"]: row["cap"] for row in plan["budget"]}[2024] == 12.5
    assert _json("funding", "k.xlsx")["keys"] == ["usage", "flat"]
    assert _json("funding", "k.xlsx", "--compare", "flat")["keys"] == ["flat"]


def test_the_language_of_the_file_is_every_command_s_and_the_option_wins(folder: Path) -> None:
    (folder / "okosys-plan.toml").write_text('lang = "en"\n', encoding="utf-8")
    english = CliRunner().invoke(cli, ["validate", "k.xlsx"])
    norwegian = CliRunner().invoke(cli, ["validate", "k.xlsx", "--lang", "nb"])
    assert english.stdout.strip().endswith("49 needs, 0 errors, 0 warnings")
    assert norwegian.stdout.strip().endswith("49 behov, 0 feil, 0 advarsler")


@pytest.mark.parametrize(("text", "key"), [('lang = "xx"\n', "lang"),
                                           ('[scoring]\nmetod = "nnv"\n', "metod"),
                                           ("[roadmap]\nfrom = 1800\n", "from"),
                                           ("[budget\n", "kan ikke leses")])
def test_a_bad_file_stops_any_command_with_one_line(folder: Path, text: str, key: str) -> None:
    (folder / "okosys-plan.toml").write_text(text, encoding="utf-8")
    for words in (["validate", "k.xlsx"], ["score", "k.xlsx"], ["weights", "ahp", "k.xlsx"]):
        result = CliRunner().invoke(cli, words)
        assert result.exit_code == 2, (words, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "okosys-plan.toml" in lines[0] and key in lines[0]
        assert "Traceback" not in result.output
    as_json = CliRunner().invoke(cli, ["score", "k.xlsx", "--json"])
    assert as_json.exit_code == 2
    assert "okosys-plan.toml" in json.loads(as_json.stdout)["error"]
    assert CliRunner().invoke(cli, ["score", "--help"]).exit_code == 0


def test_the_defaults_nest_below_their_groups(folder: Path) -> None:
    path = folder / "okosys-plan.toml"
    path.write_text('lang = "en"\n[scoring]\ndraws = 50\n', encoding="utf-8")
    found = command_defaults(path)
    assert found["weights"]["ahp"] == {"lang": "en"}
    assert found["score"] == {"lang": "en", "draws": 50}
    assert "run" not in found and "report" not in found
