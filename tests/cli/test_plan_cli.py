"""The plan command as a user runs it: JSON, the workbook, budgets and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.conftest import NEED_HEADERS, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
MEASURE_HEADERS = ["ID", "Tittel", "Tema", "Ansvarlig", "Start", "Slutt", "Behov",
                   "Avhengigheter"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def small(tmp_path: Path, budget: list[list[Any]] | None = None) -> Path:
    needs = [NEED_HEADERS, ["B1", "Grunnmur", "DIGDIR", None, None, 40, 5, None, None, None],
             ["B2", "Påbygg", "DIGDIR", None, None, 40, 2, None, None, None],
             ["B3", "Fast", "DIGDIR", None, None, 10, 2, None, None, None]]
    measures = [MEASURE_HEADERS, ["T1", "Fast", None, "Digdir", "2022", "2022", "B3", None],
                ["T2", "Påbygg", None, "Digdir", None, None, "B2", "T3"],
                ["T3", "Grunnmur", None, "Digdir", None, None, "B1", None]]
    sheets: dict[str, list[list[Any]]] = {"Behov": needs, "Tiltak": measures,
                                          "Kriterier": [["Kriterium", "Vekt"], ["Nytte", 1]]}
    if budget:
        sheets["Budsjett"] = budget
    return write_catalogue(tmp_path / "plan.xlsx", sheets)


def test_plan_json_lists_every_item_and_every_year(tmp_path: Path) -> None:
    result = invoke("plan", str(small(tmp_path, [["År", "Ramme"], [2022, 10]])), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["horizon"] == [2022, 2025]
    items = {i["id"]: i for i in document["items"]}
    assert set(items) == {"T1", "T2", "T3"}
    assert items["T1"]["fixed"] and items["T1"]["placed"] and items["T1"]["start"] == "2022-01-01"
    # T3 (B1, 40 MNOK) must wait for 2023: T1 (B3, 10 MNOK) fills 2022's cap of 10.
    assert items["T3"]["start"] == "2023-01-01" and items["T3"]["end"] == "2023-12-31"
    assert items["T2"]["start"] == "2024-01-01"  # after T3, which it depends on
    assert items["T3"]["cost"] == {"2022": 0.0, "2023": 40.0, "2024": 0.0, "2025": 0.0}
    assert [b["year"] for b in document["budget"]] == [2022, 2023, 2024, 2025]
    assert document["budget"][0] == {"year": 2022, "cap": 10, "fixed": 10.0, "planned": 0.0,
                                     "left": 0.0}
    assert document["budget"][1]["cap"] is None and document["budget"][1]["planned"] == 40.0


def test_budget_option_overrides_the_sheet_and_reasons_are_given(tmp_path: Path) -> None:
    path = small(tmp_path, [["År", "Ramme"], [2022, 500]])
    result = invoke("plan", str(path), "--json", *(f"--budget={y}=15" for y in range(2022, 2026)))
    document = json.loads(result.stdout)
    items = {i["id"]: i for i in document["items"]}
    assert not items["T3"]["placed"] and items["T3"]["reason"] == "no-budget-room"
    assert items["T2"]["reason"] == "dependency-not-placed"
    assert "T3" in items["T2"]["reason_text"]
    assert {w["code"] for w in document["warnings"]} == {"not-placed"}
    assert result.exit_code == 0


def test_plan_workbook_has_plan_and_budget_sheets(tmp_path: Path) -> None:
    out = tmp_path / "plan-ut.xlsx"
    result = invoke("plan", str(small(tmp_path)), "-o", str(out), "--from", "2023", "--to",
                    "2024")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    plan, budget = book["Plan"], book["Budsjett"]
    header = [c.value for c in plan[1]]
    assert header[:10] == ["ID", "Tittel", "Type", "Tema", "Ansvarlig", "Start", "Slutt",
                           "Fast", "Plassert", "Årsak"]
    assert header[10:] == ["2023 (MNOK)", "2024 (MNOK)", "Sum (MNOK)"]
    assert [r[0].value for r in budget.iter_rows(min_row=2)] == [2023, 2024]
    t3 = next(r for r in plan.iter_rows(min_row=2, values_only=True) if r[0] == "T3")
    assert t3[8] == "Ja" and t3[5].year == 2023 and t3[12] == 40  # its investment, in all


def test_the_bundled_catalogue_plans_with_its_budget() -> None:
    result = invoke("plan", str(BUNDLED), "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert all(b["cap"] is not None for b in document["budget"])
    assert all(i["placed"] or i["reason"] for i in document["items"])
    assert any(w["code"] == "outside-horizon" for w in document["warnings"])


def test_bad_usage_is_exit_two(tmp_path: Path) -> None:
    path = small(tmp_path)
    assert invoke("plan", str(path), "--budget", "2023").exit_code == 2
    assert invoke("plan", str(path), "--from", "2025", "--to", "2023").exit_code == 2
    settings = tmp_path / "v.toml"
    settings.write_text("[horizon]\nstart = 2030\nend = 2020\n", encoding="utf-8")
    result = invoke("plan", str(path), "--settings", str(settings))
    assert result.exit_code == 2 and "v.toml" in result.stderr
