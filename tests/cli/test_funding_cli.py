"""The funding command as a user runs it: JSON, the workbook, the charts and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan import load_catalogue
from okosys_plan.cli.main import cli
from okosys_plan.export.tables import HEADER_COLOURS
from okosys_plan.funding.api import analyse_funding
from okosys_plan.funding.keys import KeyOptions
from okosys_plan.funding.present import funding_document
from okosys_plan.prioritise.api import PriorityOptions, prioritise
from okosys_plan.report.outputs import write_funding_outputs
from okosys_plan.roadmap.settings import roadmap_settings
from tests.funding_sample import sample

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_json_is_exactly_the_library_document(tmp_path: Path) -> None:
    path = sample(tmp_path)
    result = invoke("funding", str(path), "--json", "--compare", "usage,tiers",
                    "--free-below", "200 000", "--volume-growth", "5")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    catalogue = load_catalogue(path)
    ranking = prioritise(catalogue, PriorityOptions()).ranking
    analysis = analyse_funding(catalogue, roadmap_settings(None), ranking,
                               keys=["usage", "tiers"], volume_growth=0.05,
                               options=KeyOptions(free_below=200_000))
    assert document == {**funding_document(analysis), "files": []}
    assert document["years"] == [2022, 2023, 2024, 2025]
    t1 = document["solutions"][0]
    assert t1["gap"] == {"2022": 1.0, "2023": 1.0, "2024": 0.0, "2025": 1.0}
    assert t1["applied"]["2023"] == 0.5 and t1["flags"][0]["code"] == "grant-ended"
    # 3 MNOK in 2022 by log-ins over the threshold: NAV 48/50.4 of it, in kroner.
    assert document["allocations"]["usage"]["NAV"]["2022"] == 2_857_142.86
    assert document["allocations"]["usage"]["Halden"]["2022"] == 0.0
    assert document["scenario"]["volume_growth"] == 0.05
    assert document["eligibility"][0] == {
        # T1 starts in 2022: the 2021–22 rules, whose larger category has no lower limit.
        "id": "T1", "title": "ID-porten", "eligible": True, "failed_rules": [],
        "project_cost": 2.0, "scheme": 1.0, "scheme_share": 0.5, "grant_years": [2022],
        "project_years": [2022, 2022], "rules_year": 2021, "rules_reason": "start-year"}


def test_text_output_in_english_names_where_the_gap_opens(tmp_path: Path) -> None:
    result = invoke("funding", str(sample(tmp_path)), "--key", "flat", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "The gap opens in 2022 (1.0 MNOK)." in result.stdout
    assert "T1  the co-funding grant has ended and operations are unfunded: 2023, 2025" \
        in result.stdout
    assert re.search(r"NAV\s+3\.25", result.stdout)  # flat: 2 MNOK of T1 + 1.25 of the rest


def test_workbook_sheets_styles_and_numbers(tmp_path: Path) -> None:
    out = tmp_path / "finansiering.xlsx"
    result = invoke("funding", str(sample(tmp_path)), "-o", str(out), "--volume-growth", "10")
    assert result.exit_code == 0, result.output
    assert str(out) in result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Oversikt", "Gap", "Fordeling", "Sammenligning", "Prinsipper",
                               "Medfinansiering", "Scenario", "Advarsler", "Innstillinger"]
    overview = book["Oversikt"]
    headers = [c.value for c in overview[1]]
    assert headers[:8] == ["ID", "Tittel", "Type", "Tema", "Ansvarlig", "Kostnadsgrunnlag", "År",
                           "Investering"]
    assert overview.freeze_panes == "C2" and overview.auto_filter.ref.startswith("A1:")
    assert overview["A1"].fill.fgColor.rgb.endswith(HEADER_COLOURS[0])
    row = [c.value for c in overview[2]]
    gap = headers.index("Gap")
    assert row[0] == "T1" and row[6] == 2022 and row[gap] == 1 and isinstance(row[gap], int)
    assert overview.cell(2, gap + 1).number_format == "#,##0.000"
    gaps = book["Gap"]
    assert [c.value for c in gaps[2]][:3] == ["Alle", 2022, 3]
    allocation = book["Fordeling"]
    amounts = [r for r in allocation.iter_rows(min_row=2, values_only=True)
               if r[0] == "Likt" and r[1] == "T1" and r[2] == 2022]
    assert sum(r[5] for r in amounts) == 3_000_000  # every krone of T1's 2022 cost
    cofunding = book["Medfinansiering"]
    assert [c.value for c in cofunding[2]][7:] == ["Ja", None, 2021]  # 2021–22 rules


def test_charts_carry_their_text_and_norwegian_numbers(tmp_path: Path) -> None:
    chart = tmp_path / "gap.svg"
    result = invoke("funding", str(sample(tmp_path)), "--chart", str(chart),
                    "--compare", "flat,usage")
    assert result.exit_code == 0, result.output
    text = chart.read_text(encoding="utf-8")
    assert "<title id=\"chart-title\">Kostnad, finansiering og gap per år, 2022–2025" in text
    assert ">2024</text>" in text and ">Gap</text>" in text
    assert "3,0" in text and "kostnad 3,0, bekreftet 2,0, søkt 0,0, gap 1,0 MNOK" in text
    bills = (tmp_path / "gap-fordeling.svg").read_text(encoding="utf-8")
    assert ">NAV</text>" in bills and ">Likt</text>" in bills and ">Bruk</text>" in bills
    assert "Ikke fordelt (data mangler): Bruk 5,0 MNOK." in bills


def test_bad_key_and_bad_chart_suffix_stop_with_exit_2_and_write_nothing(tmp_path: Path) -> None:
    path = sample(tmp_path)
    out = tmp_path / "ut.xlsx"
    result = invoke("funding", str(path), "--key", "bogus", "-o", str(out))
    assert result.exit_code == 2
    assert "ukjent fordelingsnøkkel «bogus»" in result.stderr and not out.exists()
    result = invoke("funding", str(path), "--compare", "flat,nope", "--lang", "en")
    assert result.exit_code == 2 and "unknown cost-sharing key 'nope'" in result.stderr
    result = invoke("funding", str(path), "-o", str(out), "--chart", str(tmp_path / "x.gif"))
    assert result.exit_code == 2 and not out.exists()
    result = invoke("funding", str(path), "--price", "ca. 0,37")
    assert result.exit_code == 2 and "er ikke et tall" in result.output
    assert "Traceback" not in result.output


def test_invalid_catalogue_exits_1_and_missing_data_still_exits_0(tmp_path: Path) -> None:
    bad = sample(tmp_path, "ugyldig.xlsx", Kostnader=[
        ["Tiltak", "År", "Kostnadstype", "Beløp (MNOK)"], ["T1", 2022, "Investering", "mye"]])
    assert invoke("funding", str(bad)).exit_code == 1
    result = invoke("funding", str(sample(tmp_path)), "--key", "usage", "--json")
    assert result.exit_code == 0
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["key-data-absent"]


def test_existing_output_needs_force(tmp_path: Path) -> None:
    path = sample(tmp_path)
    out = tmp_path / "f.xlsx"
    out.write_bytes(b"old")
    assert invoke("funding", str(path), "-o", str(out)).exit_code == 2
    assert out.read_bytes() == b"old"
    assert invoke("funding", str(path), "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != b"old"


def test_write_funding_outputs_for_run_is_deterministic(tmp_path: Path) -> None:
    catalogue = load_catalogue(BUNDLED)
    analysis = analyse_funding(catalogue, roadmap_settings(None), None)
    first = write_funding_outputs(analysis, tmp_path / "a" / "finansiering.xlsx", force=True)
    assert [p.name for p in first] == [
        "finansiering.xlsx", "finansiering-gap.png", "finansiering-fordeling.png",
        "finansiering-gap.svg", "finansiering-fordeling.svg"]
    second = write_funding_outputs(analysis, tmp_path / "b" / "finansiering.xlsx", force=True)
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_a_catalogue_without_measures_says_there_is_nothing_to_analyse(tmp_path: Path) -> None:
    from tests.conftest import valid_sheets, write_catalogue

    path = write_catalogue(tmp_path / "bare-behov.xlsx", valid_sheets())
    chart = tmp_path / "tom.png"
    result = invoke("funding", str(path), "--chart", str(chart), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "No measure, and no need with cost or funding lines of its own" in result.stdout
    assert chart.exists() and (tmp_path / "tom-fordeling.png").exists()


@pytest.mark.parametrize(("lang", "growth", "label"), [("nb", "2.5", "+2,5\u00a0%"),
                                                      ("en", "2.5", "+2.5%"),
                                                      ("nb", "10", "+10\u00a0%"),
                                                      ("en", "0,125", "+0.125%")])
def test_the_scenario_s_growth_is_written_as_the_locale_writes_a_percentage(
        tmp_path: Path, lang: str, growth: str, label: str) -> None:
    out = tmp_path / "f.xlsx"
    result = CliRunner().invoke(cli, ["funding", str(ROOT / "catalogue" / "behovskatalog.xlsx"),
                                      "--volume-growth", growth, "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).worksheets[4]
    labels = [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)]
    assert any(str(value).endswith(f"{label})") for value in labels), labels
