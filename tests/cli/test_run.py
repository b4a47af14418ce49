"""The whole job: settings file, invalid input, report --since, and the audit record."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from okosys_plan.prioritise.scoring import Method
from okosys_plan.run.config import load_config
from tests.conftest import need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_settings_file_sets_defaults_and_the_command_line_wins(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    (tmp_path / "okosys-plan.toml").write_text(
        'lang = "en"\n[scoring]\nmethod = "nnv"\ndraws = 50\nseed = 7\nhigh = 80\n'
        '[roadmap]\nfrom = 2023\nto = 2024\n[budget]\n2023 = 99.5\n', encoding="utf-8")
    config = load_config(tmp_path / "okosys-plan.toml")
    assert (config.lang, config.method, config.draws, config.seed) == ("en", Method.NNV, 50, 7)
    assert config.thresholds.high == 80 and config.budgets == {2023: 99.5}
    monkeypatch.chdir(tmp_path)
    result = invoke("run", str(BUNDLED), "--json", "--as-of", "2024-01-01")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    settings = document["audit"]["settings"]
    assert settings["method"] == "nnv" and settings["horizon"] == [2023, 2024]
    assert (tmp_path / "exports" / "veikart-2023-2024.png").is_file()
    assert "Writing the files" in result.stderr  # English from the settings file
    norsk = invoke("run", str(BUNDLED), "--json", "--lang", "nb", "-o", "ut")
    assert "Skriver filene" in norsk.stderr


@pytest.mark.parametrize(("content", "expected"), [
    ("[scoring]\nmetod = 1\n", "[scoring] metod"),
    ("lang = 'de'\n", "lang"),
    ("[scoring]\nhigh = 30\nmedium = 50\n", "high/medium"),
    ("[budget]\nneste = 5\n", "[budget] neste"),
    ("[roadmap.palette]\nX = 'rød'\n", "#RRGGBB"),
])
def test_a_bad_settings_file_is_one_line_and_exit_two(tmp_path: Path, content: str,
                                                      expected: str) -> None:
    config = tmp_path / "innstillinger.toml"
    config.write_text(content, encoding="utf-8")
    result = invoke("run", str(BUNDLED), "--config", str(config), "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert expected in result.stderr and "innstillinger.toml" in result.stderr
    assert not (tmp_path / "x").exists()


def test_an_invalid_catalogue_stops_after_validation(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "feil.xlsx", valid_sheets(need("B1", "En", Nytte=9)))
    out = tmp_path / "ut"
    result = invoke("run", str(path), "-o", str(out))
    assert result.exit_code == 1 and "G2" in result.stdout
    assert not out.exists()
    going = invoke("run", str(path), "-o", str(out), "--keep-going", "--json")
    assert going.exit_code == 1
    assert (out / "rapport.html").is_file() and json.loads(going.stdout)["files"]


def test_audit_record_names_the_input_and_every_file(tmp_path: Path) -> None:
    result = invoke("run", str(BUNDLED), "-o", str(tmp_path), "--as-of", "2023-06-30")
    assert result.exit_code == 0
    audit = json.loads((tmp_path / "revisjon.json").read_text(encoding="utf-8"))
    assert audit["input_sha256"] == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    assert audit["as_of"] == "2023-06-30" and audit["okosys_plan"]
    for name, digest in audit["files"].items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
    assert {"rapport.html", "plan.xlsx", "veikart-2022-2025.pdf"} <= set(audit["files"])
    deck = (tmp_path / "veikart.pptx").read_bytes()  # the deck, hashed like every file
    assert audit["files"]["veikart.pptx"] == hashlib.sha256(deck).hexdigest()
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert audit["input_sha256"] in html


def test_report_since_shows_what_changed(tmp_path: Path) -> None:
    old = write_catalogue(tmp_path / "gammel.xlsx", valid_sheets(need("B01", "En"),
                                                                  need("B02", "To")))
    new = write_catalogue(tmp_path / "ny.xlsx", valid_sheets(need("B01", "En"),
                                                              need("B02", "To"),
                                                              need("B03", "Tre nye")))
    out = tmp_path / "r.html"
    result = invoke("report", str(new), "--since", str(old), "-o", str(out), "--as-of",
                    "2024-01-01")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Endringer siden forrige versjon" in html and "1 lagt til" in html
    assert "B03 Tre nye" in html


def test_run_writes_every_documented_file_and_each_opens(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    import matplotlib.image

    from okosys_plan.report.outputs import RUN_FILES

    result = invoke("run", str(BUNDLED), "-o", str(tmp_path), "--as-of", "2024-03-01", "--json",
                    "--assessments", str(ROOT / "catalogue" / "vurderinger"))
    assert result.exit_code == 0, result.output
    written = {Path(p).name for p in json.loads(result.stdout)["files"]}
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for name in written:
        stem = name.split(".")[0]
        assert f"`{name}`" in doc or f"`{stem}." in doc or stem.startswith("veikart-") or (
            stem.startswith("kart-") and "`kart-NAME.png`" in doc), name
    for role, name in RUN_FILES.items():
        if role != "roadmap":
            assert name in written, role
    for name in sorted(written):
        path = tmp_path / name
        if name.endswith(".xlsx"):
            assert openpyxl.load_workbook(path).sheetnames, name
        elif name.endswith(".png"):
            image = matplotlib.image.imread(path)
            assert image.shape[1] >= 1200 and image.std() > 0.01, name
        elif name.endswith(".svg"):
            texts = [t.text for t in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}text")]
            assert any(texts), name
        elif name.endswith(".pdf"):
            assert path.read_bytes().startswith(b"%PDF-") and b"%%EOF" in path.read_bytes()[-64:]
        elif name.startswith("kart-") and name.endswith((".csv", ".md")):  # a chain's map
            text = path.read_text(encoding="utf-8-sig")
            assert ("D02" in text or "N02" in text) and "Hendelse" in text, name
        elif name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")),
                                   delimiter=";"))
            assert len(rows) > 20 and "T01" in {r[1] for r in rows[1:] if len(r) > 1}
        elif name.endswith(".md"):
            assert "| T01 |" in path.read_text(encoding="utf-8")
        elif name.endswith(".html"):
            assert "<h1>" in path.read_text(encoding="utf-8")
        elif name == "hendelser.json":  # the event catalogue of the service chains
            events = json.loads(path.read_text(encoding="utf-8"))["events"]
            assert events and all(e["type"].startswith("no.okosys.hendelse.") for e in events)
        elif name.endswith(".json"):
            assert json.loads(path.read_text(encoding="utf-8"))["files"]
        elif name.endswith(".pptx"):
            from pptx import Presentation

            assert [s.shapes.title.text for s in Presentation(str(path)).slides], name
        else:
            raise AssertionError(f"undocumented kind of file: {name}")
