"""``run`` with several assessors: the bundled job out of the box, settings, errors."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.assess.fill import write_filled

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
ASSESSMENTS = ROOT / "catalogue" / "vurderinger"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("run")
    here = Path.cwd()
    try:
        import os

        os.chdir(ROOT)  # the bundled files by their short paths, as a user runs it
        result = invoke("run", "-o", str(folder), "--json", "--as-of", "2026-12-07")
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return folder, json.loads(result.stdout)


def test_the_bundled_job_shows_the_assessors_out_of_the_box(
        bundled_run: tuple[Path, dict[str, Any]]) -> None:
    folder, document = bundled_run
    agreement = document["agreement"]
    assert [a["name"] for a in agreement["assessors"]] == [
        f"Illustrativt medlem {x}" for x in "ABCDE"]
    assert any(c["agreement"] == "low" for c in agreement["cells"])
    assert document["audit"]["settings"]["aggregate"] == "median"
    assert sorted(document["audit"]["assessments_sha256"]) == [
        f"vurdering-{x}.xlsx" for x in "abcde"]
    assert {"enighet.png", "enighet.svg"} <= {p.name for p in folder.iterdir()}
    svg = (folder / "enighet.svg").read_text(encoding="utf-8")
    assert "Samfunnsnytte" in svg and "<title" in svg
    book = openpyxl.load_workbook(folder / "prioritert-behov.xlsx", read_only=True)
    assert {"Vurderinger", "Enighet", "Diskusjon", "Avvik"} <= set(book.sheetnames)
    rows = sum(1 for _ in book["Vurderinger"].iter_rows(min_row=2))
    assert rows == 49 * 8 * 5
    html = (folder / "rapport.html").read_text(encoding="utf-8")
    assert "Enighet og uenighet" in html
    for entry in agreement["discussion"]:
        assert entry["id"] in html


def test_every_file_the_run_read_is_in_its_audit(bundled_run: tuple[Path, dict[str, Any]]
                                                 ) -> None:
    folder, _ = bundled_run
    import hashlib

    audit = json.loads((folder / "revisjon.json").read_text(encoding="utf-8"))
    assert {"enighet.png", "enighet.svg"} <= set(audit["files"])
    assert audit["assessments_sha256"] == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ASSESSMENTS.glob("*.xlsx"))}


def test_a_named_catalogue_runs_without_assessments_unless_asked(tmp_path: Path) -> None:
    result = invoke("run", str(BUNDLED), "-o", str(tmp_path / "a"), "--json",
                    "--as-of", "2026-12-07")
    assert result.exit_code == 0
    assert "agreement" not in json.loads(result.stdout)
    assert not (tmp_path / "a" / "enighet.png").exists()
    asked = invoke("run", str(BUNDLED), "-o", str(tmp_path / "b"), "--json",
                   "--as-of", "2026-12-07", "--assessments", str(ASSESSMENTS),
                   "--aggregate", "mean")
    assert asked.exit_code == 0
    assert json.loads(asked.stdout)["agreement"]["aggregate"] == "mean"


def test_the_settings_file_names_the_assessments_relative_to_itself(tmp_path: Path) -> None:
    shutil.copytree(ASSESSMENTS, tmp_path / "runde")
    config = tmp_path / "okosys-plan.toml"
    config.write_text('[assessments]\nfiles = "runde"\naggregate = "trimmed"\n',
                      encoding="utf-8")
    result = invoke("run", str(BUNDLED), "--config", str(config), "-o", str(tmp_path / "ut"),
                    "--json", "--as-of", "2026-12-07")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["agreement"]["aggregate"] == "trimmed"
    config.write_text("[assessments]\nfiles = 3\n", encoding="utf-8")
    bad = invoke("run", str(BUNDLED), "--config", str(config), "-o", str(tmp_path / "x"))
    assert bad.exit_code == 2 and "[assessments] files" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_assessments_with_errors_stop_the_run_before_any_file(tmp_path: Path) -> None:
    bad = write_filled(tmp_path / "feil.xlsx", "Feil", {"B01": {"Bredde": 0}}, ["Bredde"])
    result = invoke("run", str(BUNDLED), "-o", str(tmp_path / "ut"), "--json",
                    "--assessments", str(bad), "--as-of", "2026-12-07")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["assessments"]["problems"]
    assert [(p["file"], p["code"], p["cell"]) for p in problems if p["severity"] == "error"] \
        == [("feil.xlsx", "out-of-range", "E6")]
    assert "Vurderingene har 1 feil" in result.stderr
    assert not (tmp_path / "ut" / "prioritert-behov.xlsx").exists()
    going = invoke("run", str(BUNDLED), "-o", str(tmp_path / "ut"), "--keep-going",
                   "--assessments", str(bad), "--as-of", "2026-12-07")
    assert going.exit_code == 1 and (tmp_path / "ut" / "prioritert-behov.xlsx").exists()


def test_the_bundled_assessments_are_what_their_build_script_makes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "catalogue"))
    try:
        import build_assessments
    finally:
        sys.path.pop(0)
    built = build_assessments.build(tmp_path, BUNDLED)
    assert [p.name for p in built] == sorted(p.name for p in ASSESSMENTS.glob("*.xlsx"))
    for path in built:
        assert path.read_bytes() == (ASSESSMENTS / path.name).read_bytes(), path.name
    assert all(re.match(r"Illustrativt medlem [A-E]$", name)
               for name in (a.assessor.name for _, a in build_assessments.assessments(BUNDLED)))


def test_report_takes_the_assessments_and_refuses_faulty_ones(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    done = invoke("report", str(BUNDLED), "-o", str(out), "--assessments", str(ASSESSMENTS),
                  "--as-of", "2026-12-07")
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert "Enighet og uenighet" in html and "Hva karakterene betyr" in html
    bad = write_filled(tmp_path / "feil.xlsx", "Feil", {"B01": {"Bredde": 9}}, ["Bredde"])
    refused = invoke("report", str(BUNDLED), "-o", str(tmp_path / "x.html"),
                     "--assessments", str(bad), "--as-of", "2026-12-07")
    assert refused.exit_code == 1 and "out-of-range" not in refused.stderr
    assert "Vurderingene har 1 feil" in refused.stderr
    assert not (tmp_path / "x.html").exists()
