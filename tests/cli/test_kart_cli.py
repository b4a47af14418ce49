"""The kart command as a user runs it: one file set per chain, exit codes, --json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.chains.test_service_chains import ROWS, catalogue_with
from tests.cli.test_plan_cli import small

SVG = "{http://www.w3.org/2000/svg}"
VALID = [list(r) for r in ROWS]
VALID[5][9] = "B2"  # B99 does not exist: an error


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return catalogue_with(tmp_path, VALID, funded=True)


def test_one_file_set_per_chain_named_by_the_chain(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    result = invoke("kart", str(catalogue), "-o", str(out / "kart.png"), "-o",
                    str(out / "kart.svg"), "--as-of", "2026-12-07")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"kart-{slug}.{suffix}" for slug in ("dodsfall-og-arv", "ny-i-norge")
        for suffix in ("png", "svg", "md", "csv"))
    assert "Dødsfall og arv: 4 brudd: 3 med behov, 1 prioritert, 3 planlagt, 1 finansiert" in (
        result.stdout)
    root = ET.fromstring((out / "kart-dodsfall-og-arv.svg").read_bytes())
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for row in VALID[:6]:
        assert str(row[4]) in texts
    markdown = (out / "kart-dodsfall-og-arv.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Dødsfall og arv\n") and "Ingen har foreslått" in markdown
    assert (out / "kart-dodsfall-og-arv.png").read_bytes().startswith(b"\x89PNG")


def test_one_chain_keeps_the_name_given_and_the_bytes_repeat(catalogue: Path,
                                                             tmp_path: Path) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    for target in (first, second):
        result = invoke("kart", str(catalogue), "--chain", "ny i norge", "-o", str(target),
                        "--as-of", "2026-12-07")
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# Ny i Norge")
    assert (tmp_path / "a.csv").exists()


def test_an_unknown_chain_lists_the_chains(catalogue: Path, tmp_path: Path) -> None:
    result = invoke("kart", str(catalogue), "--chain", "Pensjon", "-o",
                    str(tmp_path / "k.png"))
    assert result.exit_code == 2
    assert "«Pensjon»" in result.stderr and "Dødsfall og arv eller Ny i Norge" in result.stderr
    assert not (tmp_path / "k.png").exists()


def test_a_catalogue_without_chains_is_told_to_add_the_sheet(tmp_path: Path) -> None:
    result = invoke("kart", str(small(tmp_path)), "-o", str(tmp_path / "k.png"))
    assert result.exit_code == 2
    assert "ingen tjenestekjeder" in result.stderr and "Tjenestekjeder" in result.stderr
    assert "okosys-plan template" in result.stderr
    assert not list(tmp_path.glob("k*"))


def test_an_invalid_catalogue_stops_with_its_problems(tmp_path: Path) -> None:
    path = catalogue_with(tmp_path, ROWS, funded=False)  # B99 is no need
    result = invoke("kart", str(path), "-o", str(tmp_path / "k.png"))
    assert result.exit_code == 1
    assert "B99" in result.stdout
    assert not list(tmp_path.glob("k*"))


def test_an_existing_output_is_kept_without_force(catalogue: Path, tmp_path: Path) -> None:
    target = tmp_path / "kart-ny-i-norge.png"
    target.write_bytes(b"old")
    result = invoke("kart", str(catalogue), "-o", str(tmp_path / "kart.png"))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"old"
    assert not (tmp_path / "kart-dodsfall-og-arv.png").exists()  # nothing half-written
    forced = invoke("kart", str(catalogue), "-o", str(tmp_path / "kart.png"), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes().startswith(b"\x89PNG")


def test_a_chart_suffix_that_is_no_chart_is_refused(catalogue: Path, tmp_path: Path) -> None:
    result = invoke("kart", str(catalogue), "-o", str(tmp_path / "kart.jpg"))
    assert result.exit_code == 2 and ".jpg" in result.stderr


def test_json_prints_only_the_document(catalogue: Path, tmp_path: Path) -> None:
    result = invoke("kart", str(catalogue), "--json", "--lang", "en", "--as-of", "2026-12-07",
                    "-o", str(tmp_path / "kart.svg"))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["files"] == [str(tmp_path / f"kart-{s}.{x}")
                                 for s in ("dodsfall-og-arv", "ny-i-norge")
                                 for x in ("svg", "md", "csv")]
    death = document["chains"][0]
    assert death["name"] == "Dødsfall og arv"
    assert death["readiness"]["breaks"] == 4 and death["readiness"]["funded"] == 1
    assert death["readiness"]["text"] == (
        "4 breaks: 3 with a need, 1 prioritised, 3 planned, 1 funded")
    breaks = {b["element"]: b for b in death["breaks"]}
    assert breaks["K3"]["badge"] == "L1" and breaks["K3"]["needs"][0]["priority"] == "Høy"
    assert breaks["K3"]["needs"][0]["measures"][0]["start"] == "2022-01-01"
    assert breaks["K5"]["needs"] == [] and breaks["K5"]["label"] == [
        "Nobody has proposed to fix it."]
    assert {a["from"] for a in death["arrows"]} == {"K1", "K2", "K5"}
    assert [(w["code"], w["cell"]) for w in document["warnings"]] == [
        ("break-without-need", "J6")]  # K5's break: the sheet's warning, said once
    k5 = next(e for e in death["elements"] if e["id"] == "K5")
    assert (k5["text"], k5["actor"], k5["triggers"], k5["layer"]) == (
        "Folkeregisteret", "SKE", ["K3"], "Data")
    only = invoke("kart", str(catalogue), "--json", "--chain", "Dødsfall og arv")
    assert only.exit_code == 0 and json.loads(only.stdout)["files"] == []  # json: no default

