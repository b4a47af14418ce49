"""The report's status section against the adopted baseline, and run's plan workbook."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl

from okosys_plan.cli.actions.run import report_job
from okosys_plan.report.outputs import write_outputs
from okosys_plan.roadmap.baseline import baseline_of
from okosys_plan.roadmap.baseline_file import baseline_document, write_baseline
from okosys_plan.run.pipeline import RunConfig, run_pipeline

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
AS_OF = date(2023, 6, 30)


def adopted(tmp_path: Path) -> Path:
    """The bundled plan as a baseline, with T01 adopted a year earlier and T99 dropped since."""
    plan = run_pipeline(BUNDLED, RunConfig(draws=0), AS_OF).plan
    assert plan is not None
    document = baseline_document(replace(baseline_of(plan, source="behovskatalog.xlsx"),
                                         decided=date(2023, 3, 14), case="23/07"))
    first = next(i for i in document["items"] if i["id"] == "T01")
    first["end"] = f"{int(first['end'][:4]) - 1}{first['end'][4:]}"
    document["items"].append({**first, "id": "T99", "title": "Utgått tiltak"})
    path = tmp_path / "veikart-vedtatt.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_report_has_a_status_section_only_with_a_baseline(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    config = RunConfig(draws=0, baseline=adopted(tmp_path))
    assert report_job(BUNDLED, out, config, AS_OF).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<h2>Status veikartsaker mot vedtatt veikart</h2>" in html
    assert "Skate-sak 23/07" in html and "14. mars 2023" in html
    section = html[html.index("Status veikartsaker mot vedtatt"):]
    assert section.index(">T01<") < section.index(">T99<")  # late first, dropped last
    assert "Utgått siden vedtak" in section and "Senere enn vedtatt" in section
    assert "Vedtatt veikart" in html  # the roadmap's legend names the ghosts
    plain = tmp_path / "uten.html"
    assert report_job(BUNDLED, plain, RunConfig(draws=0), AS_OF).exit_code == 0
    assert "Status veikartsaker" not in plain.read_text(encoding="utf-8")


def test_run_writes_the_status_sheet_into_the_plan_workbook(tmp_path: Path) -> None:
    config = RunConfig(draws=0, baseline=adopted(tmp_path))
    results = run_pipeline(BUNDLED, config, AS_OF)
    assert results.status is not None
    folder = tmp_path / "exports"
    folder.mkdir()
    write_outputs(results, config, folder)
    sheet = openpyxl.load_workbook(folder / "plan.xlsx")["Status veikartsaker"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "T01" and rows[1][7] == 4 and rows[1][8] == "Senere enn vedtatt"
    assert rows[-1][0] == "T99" and rows[-1][8] == "Utgått siden vedtak"
    assert rows[-1][6] is None


def test_the_same_plan_saved_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    plan = run_pipeline(BUNDLED, RunConfig(draws=0), AS_OF).plan
    assert plan is not None
    one = write_baseline(tmp_path / "a.json", baseline_of(plan, source="k"))
    two = write_baseline(tmp_path / "b.json", baseline_of(plan, source="k"))
    assert one.read_bytes() == two.read_bytes()
