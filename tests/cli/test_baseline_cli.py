"""The adopted baseline from the command line: plan --save-baseline, --baseline, roadmap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.cli.test_plan_cli import small

SVG = "{http://www.w3.org/2000/svg}"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def saved(tmp_path: Path) -> tuple[Path, Path]:
    catalogue = small(tmp_path)
    target = tmp_path / "veikart-vedtatt.json"
    result = invoke("plan", str(catalogue), "--save-baseline", str(target))
    assert result.exit_code == 0, result.output
    return catalogue, target


def test_a_saved_baseline_equal_to_the_plan_has_no_slippage(tmp_path: Path) -> None:
    catalogue, target = saved(tmp_path)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "okosys-plan-baseline"
    assert [i["id"] for i in document["items"]] == ["T1", "T2", "T3"]
    result = invoke("plan", str(catalogue), "--baseline", str(target), "--json")
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)["baseline_status"]
    assert status["counts"]["on-plan"] == 3 and status["counts"]["late"] == 0
    assert all(i["start_slip"] == 0 and i["end_slip"] == 0 for i in status["items"])


def test_the_status_sheet_sorted_by_slippage_with_the_dependency_that_moved_it(
        tmp_path: Path) -> None:
    catalogue, target = saved(tmp_path)  # no cap: T3 in 2022, T2 in 2023
    output = tmp_path / "plan-ut.xlsx"
    result = invoke("plan", str(catalogue), "--baseline", str(target), "--budget", "2022=10",
                    "-o", str(output), "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["baseline_status"]["items"]
    assert [(i["id"], i["start_slip"], i["end_slip"]) for i in items] == [
        ("T2", 4, 4), ("T3", 4, 4), ("T1", 0, 0)]
    assert items[0]["moved_by"] == ["T3"] and items[1]["moved_by"] == []
    sheet = openpyxl.load_workbook(output)["Status veikartsaker"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == ("ID", "Tittel", "Vedtatt start", "Vedtatt slutt", "Nå start",
                           "Nå slutt", "Forskyvning start (kvartaler)",
                           "Forskyvning slutt (kvartaler)")
    assert rows[1][0] == "T2" and rows[1][6:9] == (4, 4, "Senere enn vedtatt")
    assert rows[1][10] == "Digdir" and rows[1][11] == "T3"
    assert rows[1][2].date().isoformat() == "2023-01-01"
    assert rows[3][0] == "T1" and rows[3][8] == "Som vedtatt"


def test_save_baseline_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    catalogue, target = saved(tmp_path)
    before = target.read_bytes()
    result = invoke("plan", str(catalogue), "--save-baseline", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    again = invoke("plan", str(catalogue), "--save-baseline", str(target), "--force")
    assert again.exit_code == 0 and target.read_bytes() == before  # same plan, same bytes
    wrong = invoke("plan", str(catalogue), "--save-baseline", str(tmp_path / "b.txt"))
    assert wrong.exit_code == 2 and ".json" in wrong.stderr


def test_a_broken_baseline_stops_with_file_and_field(tmp_path: Path) -> None:
    catalogue, target = saved(tmp_path)
    document = json.loads(target.read_text(encoding="utf-8"))
    document["items"][1]["end"] = "31.12.2023"
    target.write_text(json.dumps(document), encoding="utf-8")
    for command in ("plan", "roadmap"):
        result = invoke(command, str(catalogue), "--baseline", str(target))
        assert result.exit_code == 2, result.output
        assert f"{target}: items[1].end: må være en dato skrevet ÅÅÅÅ-MM-DD" in result.stderr
        assert "Traceback" not in result.output
    foreign = tmp_path / "other.json"
    foreign.write_text('{"hello": 1}', encoding="utf-8")
    result = invoke("plan", str(catalogue), "--baseline", str(foreign), "--lang", "en")
    assert result.exit_code == 2 and "format: not an okosys-plan baseline" in result.stderr


def test_roadmap_with_a_baseline_draws_ghosts_and_says_the_slippage(tmp_path: Path) -> None:
    catalogue, target = saved(tmp_path)
    chart = tmp_path / "veikart.svg"
    result = invoke("roadmap", str(catalogue), "--baseline", str(target), "-o", str(chart),
                    "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    document["items"][2]["start"] = "2021-07-01"  # T3 adopted two quarters earlier …
    document["items"][2]["end"] = "2022-06-30"
    document["items"].pop(1)  # … T2 not adopted at all
    moved = tmp_path / "flyttet.json"
    moved.write_text(json.dumps(document), encoding="utf-8")
    result = invoke("roadmap", str(catalogue), "--baseline", str(moved), "-o", str(chart),
                    "--as-of", "2023-06-30", "--force", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["reference"]["label"] == "Vedtatt veikart"
    assert {g["id"]: g["label"] for g in found["reference"]["ghosts"]} == {
        "T1": None, "T2": "ny", "T3": "+2 kv."}
    assert found["baseline_status"]["counts"]["added"] == 1
    svg = ET.parse(chart).getroot()
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "+2 kv." in texts and "Vedtatt veikart" in texts
    table = chart.with_suffix(".md").read_text(encoding="utf-8")
    assert "T3: Vedtatt veikart" in table and "+2 kv." in table
