"""Scenarios in ``run`` and the report: the comparison's files, the "Scenarier" section,
and the Scenarier sheet's problems stopping the run as any sheet's do."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from okosys_plan.report.outputs import run_targets, write_outputs
from okosys_plan.run.config import load_config
from okosys_plan.run.pipeline import Results, RunConfig, run_pipeline
from tests.funding_sample import sample
from tests.report.test_agreement_section import Page

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2026, 12, 7)
SETTINGS = """
[scenario."Kutt 2024"]
budget.2024 = 20
[scenario."Nytte veier mer"]
weight.Samfunnsnytte = 0.6
[scenario."Avslag"]
applied = "refused"
"""


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> RunConfig:
    path = tmp_path_factory.mktemp("settings") / "okosys-plan.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    return load_config(path, RunConfig(draws=0))


@pytest.fixture(scope="module")
def results(config: RunConfig) -> Results:
    return run_pipeline(BUNDLED, config, AS_OF)


@pytest.fixture(scope="module")
def written(results: Results, config: RunConfig,
            tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_outputs(results, config, tmp_path_factory.mktemp("run"))


def test_the_run_compares_every_declared_scenario(results: Results) -> None:
    comparison = results.comparison
    assert comparison is not None
    assert [r.name for r in comparison.scenarios] == ["Kutt 2024", "Nytte veier mer", "Avslag"]
    assert results.plan is not None and results.prioritised is not None
    # the comparison's base is the run itself
    assert [(s.id, s.rank) for s in comparison.base.prioritised.ranking.needs] == [
        (s.id, s.rank) for s in results.prioritised.ranking.needs]
    assert [(p.item.id, p.placed, p.item.start) for p in comparison.base.plan.items] == [
        (p.item.id, p.placed, p.item.start) for p in results.plan.items]


def test_the_files_the_run_writes(results: Results, written: list[Path]) -> None:
    names = [p.name for p in written]
    scenario_files = [n for n in names if n.startswith("sammenligning")]
    # a slope chart only for the scenario that ranks differently (the second), a roadmap
    # only for the one that plans differently (the first)
    assert scenario_files == ["sammenligning.xlsx", "sammenligning-gap.png",
                              "sammenligning-gap.svg", "sammenligning-rang-2.png",
                              "sammenligning-rang-2.svg", "sammenligning-veikart-1.png",
                              "sammenligning-veikart-1.svg", "sammenligning-veikart-1.md",
                              "sammenligning-veikart-1.csv"]
    assert [p.name for p in run_targets(results, written[0].parent, "nb")] == names
    audit = json.loads(written[-1].read_text(encoding="utf-8"))
    assert set(scenario_files) <= set(audit["files"])
    book = openpyxl.load_workbook(written[0].parent / "sammenligning.xlsx", read_only=True)
    assert {"Oversikt", "Forskjeller", "Finansieringsgap"} <= set(book.sheetnames)
    overview = [r for r in book["Oversikt"].iter_rows(values_only=True) if any(r)]
    assert [r[0] for r in overview[-3:]] == ["Kutt 2024", "Nytte veier mer", "Avslag"]


def test_the_gap_chart_holds_every_run_and_year(results: Results, written: list[Path]) -> None:
    root = ET.parse(written[0].parent / "sammenligning-gap.svg").getroot()
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for name in ("Kutt 2024", "Nytte veier mer", "Avslag", "2022", "2025"):
        assert name in words
    comparison = results.comparison
    cut = comparison.scenarios[0].gap()
    from okosys_plan.text.numbers import number

    assert f"Kutt 2024 {number(round(cut[2024], 4), 'nb', 1)} MNOK" in (
        root.findtext(f"{SVG}desc") or "")


def test_the_report_has_the_scenarios_section(results: Results, written: list[Path]) -> None:
    page = Page()
    page.feed((written[0].parent / "rapport.html").read_text(encoding="utf-8"))
    assert "Scenarier" in page.headings
    at = page.headings.index("Scenarier")
    assert page.headings[at + 1:at + 4] == ["Kutt 2024", "Nytte veier mer", "Avslag"]
    overview = page.tables["Grunnlaget og hvert scenario"]
    assert [row[0] for row in overview[2:]] == ["Kutt 2024", "Nytte veier mer", "Avslag"]
    lines = [d.text("nb") for d in results.comparison.scenarios[0].differences]
    assert any("rammen for 2024" in line for line in lines)
    assert [i for i in page.items if i in lines] == [
        line for line in lines if line in page.items]  # in the comparison's order
    assert "Finansieringsgapet per år og scenario (MNOK)" in page.tables
    assert any(t.startswith("Rangendringer fra") for t in page.tables)


def test_no_scenarios_no_section_and_no_files(tmp_path: Path) -> None:
    results = run_pipeline(BUNDLED, RunConfig(draws=0), AS_OF)
    assert results.comparison is None
    written = write_outputs(results, RunConfig(draws=0), tmp_path)
    assert not [p for p in written if p.name.startswith("sammenligning")]
    page = Page()
    page.feed((tmp_path / "rapport.html").read_text(encoding="utf-8"))
    assert "Scenarier" not in page.headings


def test_the_sheet_declares_scenarios_for_the_run(tmp_path: Path) -> None:
    path = sample(tmp_path, Scenarier=[["Scenario", "Innstilling", "Verdi"],
                                       ["tight", "budget.2024", 1]])
    results = run_pipeline(path, RunConfig(draws=0), AS_OF)
    assert results.comparison is not None
    assert [r.name for r in results.comparison.scenarios] == ["tight"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_a_bad_sheet_stops_the_run_with_its_place(tmp_path: Path) -> None:
    path = sample(tmp_path, Scenarier=[["Scenario", "Innstilling", "Verdi"],
                                       ["tight", "wieght", 1]])
    result = invoke("run", str(path), "-o", str(tmp_path / "out"), "--as-of", "2026-12-07",
                    "--json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    problems = [p for p in document["problems"] if p["sheet"] == "Scenarier"]
    assert [(p["cell"], p["column"], p["value"]) for p in problems] == [
        ("B2", "Innstilling", "wieght")]
    assert not (tmp_path / "out" / "sammenligning.xlsx").exists()


def test_run_with_scenarios_from_the_command_line(tmp_path: Path) -> None:
    settings = tmp_path / "okosys-plan.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("run", "--config", str(settings), "-o", str(out), "--as-of", "2026-12-07",
                    "--lang", "en")
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed((out / "rapport.html").read_text(encoding="utf-8"))
    assert "Scenarios" in page.headings and "The base and each scenario" in page.tables
    assert (out / "sammenligning-rang-2.svg").is_file()


def test_the_overlaid_roadmap_shows_the_base_plan_as_ghosts(results: Results,
                                                            written: list[Path]) -> None:
    comparison = results.comparison
    run = comparison.scenarios[0]
    placed = {p.item.id for p in run.plan.items if p.placed}
    lost = [p.item.id for p in comparison.base.plan.items if p.placed
            and p.item.id not in placed]
    assert lost  # the cut 2024 cap unplaces measures
    root = ET.parse(written[0].parent / "sammenligning-veikart-1.svg").getroot()
    words = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Planen i grunnlaget" in words  # the legend names the ghosts
    assert any("Kutt 2024" in w for w in words)  # the subtitle names the scenario
    for item in lost:  # drawn as ghosts alone, with their IDs
        assert any(w.startswith(item) for w in words), item
    page = Page()
    page.feed((written[0].parent / "rapport.html").read_text(encoding="utf-8"))
    assert any(t.startswith("Veikartet i Kutt 2024") for t in page.tables)
