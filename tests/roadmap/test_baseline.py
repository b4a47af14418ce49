"""The adopted baseline: slippage in quarters, the status rows, the JSON file and its checks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.model import Origin
from okosys_plan.errors import OutputExists
from okosys_plan.roadmap.baseline import Baseline, BaselineItem, Change, baseline_of, slippage
from okosys_plan.roadmap.baseline_file import (
    BadBaseline,
    baseline_bytes,
    baseline_document,
    read_baseline,
    write_baseline,
)
from okosys_plan.roadmap.baseline_present import shift_text, status_document, status_table
from okosys_plan.roadmap.items import ItemKind, RoadmapItem
from okosys_plan.roadmap.schedule import plan_roadmap
from okosys_plan.roadmap.settings import RoadmapSettings
from okosys_plan.text.errors import error_text

ORIGIN = Origin("k.xlsx", "Tiltak", 2)
SETTINGS = RoadmapSettings(start_year=2022, end_year=2025)


def item(item_id: str, **fields: Any) -> RoadmapItem:
    values: dict[str, Any] = {"kind": ItemKind.MEASURE, "origin": ORIGIN, "title": item_id,
                              "investment": 0.0, "annual_operations": 0.0, **fields}
    if "start" in fields:
        values["fixed"] = True
    return RoadmapItem(item_id, **values)


@st.composite
def plans(draw: st.DrawFn) -> Any:
    count = draw(st.integers(1, 10))
    items = []
    for number in range(count):
        fields: dict[str, Any] = {
            "depends_on": tuple(f"T{d}" for d in draw(st.lists(st.integers(0, count - 1),
                                                              max_size=2))),
            "investment": draw(st.floats(0, 60)),
            "duration_years": draw(st.sampled_from([0.25, 0.5, 1.0, 2.0])),
            "owner": draw(st.sampled_from(["A", "B", None]))}
        if draw(st.booleans()):
            year = draw(st.integers(2022, 2025))
            fields.update(start=date(year, draw(st.integers(1, 12)), 1),
                          end=date(year, 12, draw(st.integers(1, 31))))
        items.append(item(f"T{number}", **fields))
    caps = draw(st.dictionaries(st.sampled_from(list(SETTINGS.years)), st.floats(0, 150),
                                max_size=4))
    return plan_roadmap(items, [], SETTINGS, caps)


@settings(max_examples=120, deadline=None)
@given(plans())
def test_a_baseline_equal_to_the_plan_yields_zero_slippage_everywhere(plan: Any) -> None:
    slips = slippage(baseline_of(plan), plan)
    placed = [p for p in plan.items if p.placed]
    assert len([s for s in slips if s.change is not Change.NOT_PLACED]) == len(placed)
    for slip in slips:
        if slip.change is Change.NOT_PLACED:
            continue  # not placed now and so never adopted: nothing to compare
        assert slip.change is Change.ON_PLAN
        assert slip.start_slip == 0 and slip.end_slip == 0 and slip.moved_by == ()
    _, _, rows = status_table(slips)
    assert all(row[6] in (0, None) and row[7] in (0, None) for row in rows)


def test_slippage_counts_quarters_and_marks_added_dropped_and_not_placed() -> None:
    baseline = Baseline((
        BaselineItem("T1", "Late", date(2023, 1, 1), date(2023, 12, 31)),
        BaselineItem("T2", "Early", date(2024, 4, 1), date(2024, 9, 30)),
        BaselineItem("T3", "Gone", date(2022, 1, 1), date(2022, 6, 30)),
        BaselineItem("T4", "No room", date(2022, 1, 1), date(2022, 6, 30)),
        BaselineItem("t5", "Same", date(2022, 2, 1), date(2022, 11, 30))))
    items = [item("T1", start=date(2023, 7, 1), end=date(2024, 6, 30)),
             item("T2", start=date(2024, 1, 1), end=date(2024, 6, 30)),
             item("T4", duration_years=9.0),
             item("T5", start=date(2022, 3, 1), end=date(2022, 12, 31)),
             item("T6", start=date(2025, 1, 1), end=date(2025, 3, 31))]
    slips = {s.id: s for s in slippage(baseline, plan_roadmap(items, [], SETTINGS, {}))}
    assert (slips["T1"].start_slip, slips["T1"].end_slip, slips["T1"].change) == (
        2, 2, Change.LATE)
    assert (slips["T2"].start_slip, slips["T2"].end_slip, slips["T2"].change) == (
        -1, -1, Change.EARLY)
    assert slips["T3"].change is Change.DROPPED and slips["T3"].end_slip is None
    assert slips["T4"].change is Change.NOT_PLACED
    assert slips["T5"].change is Change.ON_PLAN  # same quarters, other days; ID case ignored
    assert slips["T6"].change is Change.ADDED
    order = [s.id for s in slippage(baseline, plan_roadmap(items, [], SETTINGS, {}))]
    assert order == ["T1", "T5", "T2", "T4", "T3", "T6"]


def test_a_slipped_dependency_that_bounds_the_start_is_named() -> None:
    first = item("T1", start=date(2022, 1, 1), end=date(2022, 12, 31))
    after = item("T2", depends_on=("T1",), duration_years=0.5)
    adopted = baseline_of(plan_roadmap([first, after], [], SETTINGS, {}))
    late = replace(first, end=date(2023, 6, 30))
    slips = {s.id: s for s in slippage(adopted, plan_roadmap([late, after], [], SETTINGS, {}))}
    assert slips["T1"].end_slip == 2 and slips["T2"].start_slip == 2
    assert slips["T2"].moved_by == ("T1",)
    assert slips["T1"].moved_by == ()


def test_shift_text() -> None:
    assert shift_text(2, "nb") == "+2 kv."
    assert shift_text(-1, "nb") == "\u22121 kv."
    assert shift_text(2, "en") == "+2 qtr."
    assert shift_text(None, "nb") == ""


def _baseline() -> Baseline:
    items = [item("T1", start=date(2023, 1, 1), end=date(2023, 12, 31), owner="Digdir",
                  lane="Data"),
             item("T2", depends_on=("T1",), title="Kø \"sitat\" æøå")]
    return baseline_of(plan_roadmap(items, [], SETTINGS, {}), source="k.xlsx",
                       decided=date(2023, 3, 14), case="23/07")


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    baseline = _baseline()
    path = write_baseline(tmp_path / "veikart-vedtatt.json", baseline)
    assert read_baseline(path) == baseline
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "okosys-plan-baseline" and document["version"] == 1
    assert document["items"][0]["start_quarter"] == "2023-K1"
    with pytest.raises(OutputExists):
        write_baseline(path, baseline)
    write_baseline(path, baseline, force=True)


def test_json_bytes_are_deterministic() -> None:
    assert baseline_bytes(_baseline()) == baseline_bytes(_baseline())
    assert baseline_bytes(_baseline()).endswith(b"}\n")
    assert "æøå".encode() in baseline_bytes(_baseline())


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: {"format": "something-else"}, "format"),
    (lambda d: {**d, "version": 9}, "version"),
    (lambda d: {**d, "extra": 1}, "extra"),
    (lambda d: {**d, "items": {}}, "items"),
    (lambda d: {**d, "items": [{**d["items"][0], "start": "14.03.2023"}]}, "items[0].start"),
    (lambda d: {**d, "items": [d["items"][0], {**d["items"][1], "id": ""}]}, "items[1].id"),
    (lambda d: {**d, "items": [{**d["items"][0], "end": "2022-01-01"}]}, "items[0].end"),
    (lambda d: {**d, "decided": 2023}, "decided"),
    (lambda d: {**d, "horizon": [2025, 2022]}, "horizon"),
])
def test_a_broken_or_foreign_baseline_names_file_and_field(tmp_path: Path, change: Any,
                                                           field: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps(change(baseline_document(_baseline()))), encoding="utf-8")
    with pytest.raises(BadBaseline) as raised:
        read_baseline(path)
    line = error_text(raised.value, "nb")
    assert line.startswith(f"{path}: {field}: "), line
    assert error_text(raised.value, "en") == str(raised.value)


def test_unreadable_baselines(tmp_path: Path) -> None:
    for name, data in (("a.json", b"{not json"), ("b.json", b"\xff\xfe")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(BadBaseline, match="cannot be read"):
            read_baseline(tmp_path / name)
    with pytest.raises(BadBaseline, match="does not exist"):
        read_baseline(tmp_path / "missing.json")


def test_status_document_counts_and_rows() -> None:
    baseline = _baseline()
    plan = plan_roadmap([item("T1", start=date(2023, 4, 1), end=date(2024, 3, 31))], [],
                        SETTINGS, {})
    document = status_document(baseline, slippage(baseline, plan), "en")
    assert document["counts"]["late"] == 1 and document["counts"]["dropped"] == 1
    assert document["items"][0]["id"] == "T1" and document["items"][0]["end_slip"] == 1
    assert document["skate_case"] == "23/07" and document["decided"] == "2023-03-14"
