"""Hostile and broken input, safe output, untouched input, and interrupted runs (issue 7)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from okosys_plan.export.sheets import write_sheets
from tests.conftest import need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">'
                    for i in range(2, 10)) + "]>")
EXTERNAL = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


MEMORY_LIMIT = 2 * 2**30  # bytes of address space: a blow-up fails instead of swapping


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli_run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, with time and memory limits (a hang fails)."""
    return subprocess.run([sys.executable, "-m", "okosys_plan", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, preexec_fn=_limit_memory)


def with_sheet_xml(tmp_path: Path, name: str, change: Any) -> Path:
    """A copy of the bundled catalogue with its first sheet's XML changed."""
    source = zipfile.ZipFile(BUNDLED)
    target = tmp_path / name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.namelist():
            data = source.read(item)
            if item == "xl/worksheets/sheet1.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    return target


def entity_sheet(doctype: str, reference: str) -> Any:
    def change(xml: str) -> str:
        body = xml[xml.index("<worksheet"):]
        cell = (f'<row r="900"><c r="A900" t="inlineStr"><is><t>{reference}</t></is></c></row>')
        return ('<?xml version="1.0" encoding="UTF-8"?>' + doctype
                + body.replace("<sheetData>", "<sheetData>" + cell, 1))
    return change


def assert_stops_clearly(result: subprocess.CompletedProcess[str], seconds: float,
                         started: float) -> None:
    assert result.returncode == 2, result.stderr
    assert time.monotonic() - started < seconds
    lines = [line for line in result.stderr.splitlines() if not line.startswith("•")]
    assert len(lines) == 1 and lines[0].startswith("okosys-plan: ")  # progress aside
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("name", "doctype", "reference"), [
    ("latter.xlsx", LAUGHS, "&lol9;"), ("ekstern.xlsx", EXTERNAL, "&xxe;")])
def test_xml_entities_are_never_expanded(tmp_path: Path, name: str, doctype: str,
                                         reference: str) -> None:
    path = with_sheet_xml(tmp_path, name, entity_sheet(doctype, reference))
    started = time.monotonic()
    result = cli_run("validate", str(path))
    assert_stops_clearly(result, 10, started)
    assert "root:" not in result.stderr + result.stdout  # /etc/passwd never read
    assert "lollol" not in result.stderr
    assert "XML-entiteter" in result.stderr  # says what it is, not just "damaged"


def test_a_truncated_workbook(tmp_path: Path) -> None:
    data = BUNDLED.read_bytes()
    path = tmp_path / "avkuttet.xlsx"
    path.write_bytes(data[: len(data) // 2])
    started = time.monotonic()
    result = cli_run("run", str(path), "-o", str(tmp_path / "ut"))
    assert_stops_clearly(result, 10, started)
    assert "skadet" in result.stderr and not (tmp_path / "ut").exists()


def test_flipped_bytes_inside_the_zip(tmp_path: Path) -> None:
    data = bytearray(BUNDLED.read_bytes())
    for index in range(len(data) // 3, len(data) // 3 + 300):
        data[index] ^= 0xA5
    path = tmp_path / "skadet.xlsx"
    path.write_bytes(bytes(data))
    started = time.monotonic()
    result = cli_run("score", str(path))
    assert_stops_clearly(result, 10, started)


def test_a_zip_bomb_stops_within_seconds(tmp_path: Path) -> None:
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("xl/workbook.xml", "<workbook/>")
        out.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 2**20))
    started = time.monotonic()
    result = cli_run("--max-unpacked", "64", "validate", str(path))
    assert_stops_clearly(result, 20, started)
    assert "zip" in result.stderr


def test_commands_never_modify_their_input(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(BUNDLED.read_bytes())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    stamp = path.stat().st_mtime_ns
    runner = CliRunner()
    for args in (["validate", str(path), "--annotate", str(tmp_path / "a.xlsx")],
                 ["score", str(path), "-o", str(tmp_path / "s.xlsx")],
                 ["plan", str(path), "-o", str(tmp_path / "p.xlsx")],
                 ["roadmap", str(path), "-o", str(tmp_path / "v.svg"), "--as-of", "2024-01-01"],
                 ["run", str(path), "-o", str(tmp_path / "ut"), "--as-of", "2024-01-01"]):
        assert runner.invoke(cli, args).exit_code == 0, args
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == stamp
    refused = runner.invoke(cli, ["score", str(path), "-o", str(path), "--force"])
    assert refused.exit_code == 2 and hashlib.sha256(path.read_bytes()).hexdigest() == before


FORMULAS = ["=HYPERLINK(\"http://evil\",\"klikk\")", "+1+1", "-2+3", "@SUM(A1)"]


def test_formula_like_text_is_written_as_text_everywhere(tmp_path: Path) -> None:
    rows = [need(f"B{i}", title) for i, title in enumerate(FORMULAS, start=1)]
    sheets = valid_sheets(*rows)
    sheets["Tiltak"] = [["ID", "Tittel", "Tema", "Start", "Slutt"],
                        *[[f"T{i}", title, "Digital identitet og tilgang", "2023", "2024"]
                          for i, title in enumerate(FORMULAS, start=1)]]
    path = tmp_path / "formler.xlsx"  # written with text cells: the titles are text, not formulas
    write_sheets(path, [(name, rows[0], rows[1:]) for name, rows in sheets.items()])
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["run", str(path), "-o", str(out), "--as-of", "2024-01-01"])
    assert result.exit_code == 0, result.output
    for name in ("prioritert-behov.xlsx", "plan.xlsx"):
        book = openpyxl.load_workbook(out / name)
        cells = [c for sheet in book for row in sheet.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value in FORMULAS]
        assert cells, name
        assert all(c.data_type == "s" for c in cells), name
    table = (out / "veikart-2022-2025.csv").read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(table), delimiter=";"):
        assert not any(cell[:1] in "=+-@" for cell in row if cell), row


def test_svg_and_html_escape_user_text(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & "sitat"'
    sheets = valid_sheets(need("B1", hostile))
    sheets["Tiltak"] = [["ID", "Tittel", "Tema", "Start", "Slutt"],
                        ["T1", hostile, "Digital identitet og tilgang", "2023", "2024"]]
    path = write_catalogue(tmp_path / "fiendtlig.xlsx", sheets)
    out = tmp_path / "ut"
    assert CliRunner().invoke(cli, ["run", str(path), "-o", str(out), "--as-of",
                                    "2024-01-01"]).exit_code == 0
    for name in ("veikart-2022-2025.svg", "prioritering.svg", "rapport.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "<script>alert" not in text, name
        assert "&lt;script&gt;alert" in text, name


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


@pytest.mark.parametrize("kill_after", [0.8, 1.6, 2.4])
def test_an_interrupted_run_leaves_old_or_new_files_never_half(tmp_path: Path,
                                                               kill_after: float) -> None:
    out = tmp_path / "ut"
    first = cli_run("run", str(BUNDLED), "-o", str(out), "--as-of", "2023-01-01")
    assert first.returncode == 0, first.stderr
    old = _snapshot(out)
    reference = tmp_path / "ref"
    assert cli_run("run", str(BUNDLED), "-o", str(reference), "--as-of",
                   "2024-06-30").returncode == 0
    new = _snapshot(reference)
    process = subprocess.Popen([sys.executable, "-m", "okosys_plan", "run", str(BUNDLED), "-o",
                                str(out), "--as-of", "2024-06-30"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    for name, data in _snapshot(out).items():
        assert data in (old.get(name), new.get(name)), name


def test_control_characters_in_cells_never_break_an_output(tmp_path: Path) -> None:
    """A CSV can carry control characters no workbook, SVG or HTML may hold: they become �."""
    source = tmp_path / "kontroll.csv"
    source.write_text("ID,Tittel,Samfunnsnytte\nB1,Fin\x01tittel\x07,4\nB2,Vanlig,3\n",
                      encoding="utf-8")
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["run", str(source), "-o", str(out), "--as-of",
                                      "2024-01-01"])
    assert result.exit_code == 0, result.output
    import xml.etree.ElementTree as ET

    for svg in out.glob("*.svg"):
        ET.parse(svg)  # well-formed
    html = (out / "rapport.html").read_text(encoding="utf-8")
    assert "\x01" not in html and "Fin\ufffdtittel\ufffd" in html
    titles = [c.value for row in openpyxl.load_workbook(out / "prioritert-behov.xlsx")[
        "Prioritert"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Fin\ufffdtittel\ufffd" in titles
