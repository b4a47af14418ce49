"""Scheduling: costs by hand, the placement rules, and properties that must always hold."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.model import CostLine, Measure, Need, Origin
from okosys_plan.prioritise.scoring import PriorityClass
from okosys_plan.roadmap.costs import CostProfile, profile, spread
from okosys_plan.roadmap.items import ItemKind, RoadmapItem, _cost_shares
from okosys_plan.roadmap.schedule import plan_roadmap
from okosys_plan.roadmap.settings import RoadmapSettings

ORIGIN = Origin("k.xlsx", "Tiltak", 2)
SETTINGS = RoadmapSettings(start_year=2022, end_year=2025)
YEARS = range(2022, 2026)


def item(item_id: str, **fields: Any) -> RoadmapItem:
    values: dict[str, Any] = {"kind": ItemKind.MEASURE, "origin": ORIGIN, "title": item_id,
                              "investment": 0.0, "annual_operations": 0.0, **fields}
    if "start" in fields:
        values["fixed"] = True
    return RoadmapItem(item_id, **values)


def test_investment_is_spread_by_days_and_operations_run_from_the_end_year() -> None:
    # 1 July 2023 – 30 June 2024: 184 days in 2023, 182 in 2024 (leap year), 366 in all.
    cost = spread(CostProfile(36.6, 2.0), date(2023, 7, 1), date(2024, 6, 30), YEARS)
    assert cost[2022] == 0.0
    assert cost[2023] == pytest.approx(36.6 * 184 / 366)
    assert cost[2024] == pytest.approx(36.6 * 182 / 366 + 2.0)
    assert cost[2025] == pytest.approx(2.0)


def test_profile_from_cost_lines() -> None:
    lines = [CostLine("T1", 2022, "Investering", 10, ORIGIN),
             CostLine("T1", 2023, "Videreutvikling", 5, ORIGIN),
             CostLine("T1", 2023, "Drift", 4, ORIGIN), CostLine("T1", 2024, "Drift", 2, ORIGIN),
             CostLine("T1", 2024, "Forvaltning", 2, ORIGIN)]
    assert profile(item("T1"), lines) == CostProfile(15.0, 4.0)  # (4 + 2 + 2) / 2 years
    assert profile(item("T1", investment=3.0), []) == CostProfile(3.0, 0.0)


def test_a_need_covered_by_two_measures_is_split_evenly_never_twice() -> None:
    needs = [Need("B1", "b", ORIGIN, investment=10.0, annual_operations=2.0),
             Need("B2", "c", ORIGIN, investment=4.0)]
    measures = [Measure("T1", "a", ORIGIN, needs=("B1", "B2")),
                Measure("T2", "b", ORIGIN, needs=("b1",))]
    shares = _cost_shares(measures, needs)
    assert shares["t1"] == (pytest.approx(9.0), pytest.approx(1.0))
    assert shares["t2"] == (pytest.approx(5.0), pytest.approx(1.0))


def test_higher_priority_goes_first_and_the_budget_holds() -> None:
    low = item("T1", investment=80.0, priority=PriorityClass.LOW, rank=9)
    high = item("T2", investment=80.0, priority=PriorityClass.HIGH, rank=2)
    plan = plan_roadmap([low, high], [], SETTINGS, {2022: 100, 2023: 100})
    by_id = {p.item.id: p for p in plan.items}
    assert by_id["T2"].item.start == date(2022, 1, 1)
    assert by_id["T1"].item.start == date(2023, 1, 1)  # no room in 2022 any more
    assert [b.planned for b in plan.budget][:2] == [pytest.approx(80.0), pytest.approx(80.0)]


def test_dependencies_end_before_the_dependant_starts() -> None:
    base = item("T1", start=date(2022, 1, 1), end=date(2022, 8, 15))
    after = item("T2", depends_on=("T1",))
    plan = plan_roadmap([after, base], [], SETTINGS, {})
    placed = {p.item.id: p.item for p in plan.items}
    assert placed["T2"].start == date(2022, 10, 1) and placed["T2"].end == date(2023, 9, 30)


def test_a_dependency_through_a_covered_need() -> None:
    measure = item("T1", start=date(2022, 1, 1), end=date(2023, 12, 31), needs=("B5",))
    need = item("B9", kind=ItemKind.NEED, depends_on=("B5",), duration_years=0.5)
    plan = plan_roadmap([measure, need], [], SETTINGS, {})
    assert plan.items[1].item.start == date(2024, 1, 1)
    assert plan.items[1].item.end == date(2024, 6, 30)


@pytest.mark.parametrize(("items", "reason", "params"), [
    ([item("T1", duration_years=4.5)], "longer-than-horizon", {"years": 4.5}),
    ([item("T0", start=date(2022, 1, 1), end=date(2025, 6, 30)),
      item("T1", depends_on=("T0",))], "dependency-ends-late", {"dependency": "T0"}),
    ([item("T0", duration_years=9), item("T1", depends_on=("T0",))], "dependency-not-placed",
     {"dependency": "T0"}),
    ([item("T1", investment=500.0)], "no-budget-room", {"years": [2022, 2023, 2024, 2025]}),
])
def test_what_cannot_be_placed_says_why(items: list[RoadmapItem], reason: str,
                                        params: dict[str, Any]) -> None:
    plan = plan_roadmap(items, [], SETTINGS, dict.fromkeys(YEARS, 100.0))
    last = plan.items[-1]
    assert not last.placed and last.reason == reason and dict(last.reason_params) == params
    assert any(w.code == "not-placed" and w.value == last.item.id for w in plan.warnings)


def test_a_cycle_is_not_placed() -> None:
    plan = plan_roadmap([item("T1", depends_on=("T2",)), item("T2", depends_on=("T1",))], [],
                        SETTINGS, {})
    assert {p.reason for p in plan.items} <= {"dependency-cycle", "dependency-not-placed"}
    assert not any(p.placed for p in plan.items)


def test_owner_limit() -> None:
    busy = item("T0", owner="NAV", start=date(2022, 1, 1), end=date(2023, 6, 30))
    plan = plan_roadmap([busy, item("T1", owner="nav")], [],
                        RoadmapSettings(max_parallel_per_owner=1), {})
    assert plan.items[1].item.start == date(2023, 7, 1)
    full = plan_roadmap([item("T0", owner="KS", start=date(2022, 1, 1),
                              end=date(2025, 12, 31)), item("T1", owner="KS")], [],
                        RoadmapSettings(max_parallel_per_owner=1), {})
    assert full.items[1].reason == "owner-busy"


def test_fixed_items_over_the_cap_are_a_warning_with_year_and_amount() -> None:
    fixed = item("T0", start=date(2023, 1, 1), end=date(2023, 12, 31), investment=120.0)
    plan = plan_roadmap([fixed, item("T1", investment=1.0)], [], SETTINGS, {2023: 100.0},
                        cap_origins={2023: Origin("k.xlsx", "Budsjett", 3)},
                        locate=lambda origin, key: f"B{origin.row}")
    warning = next(w for w in plan.warnings if w.code == "fixed-over-budget")
    assert (warning.sheet, warning.cell, warning.params["year"]) == ("Budsjett", "B3", 2023)
    assert warning.params["amount"] == 120.0 and warning.params["cap"] == 100.0
    budget = {b.year: b for b in plan.budget}
    assert budget[2023].left == pytest.approx(-20.0) and budget[2023].planned == 0.0


def test_outside_the_horizon_is_a_warning_but_pabegynt_is_not() -> None:
    late = item("T0", start=date(2024, 1, 1), end=date(2027, 12, 31))
    begun = item("T1", start=date(2022, 1, 1), end=date(2023, 12, 31), started_before=True)
    plan = plan_roadmap([late, begun], [], SETTINGS, {})
    assert [(w.code, w.params["id"]) for w in plan.warnings] == [("outside-horizon", "T0")]


# --- properties -------------------------------------------------------------------------


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[RoadmapItem], dict[int, float]]:
    count = draw(st.integers(1, 12))
    items = []
    for number in range(count):
        deps = draw(st.lists(st.integers(0, count - 1), max_size=3))
        fixed = draw(st.booleans()) and draw(st.booleans())
        fields: dict[str, Any] = {
            "depends_on": tuple(f"T{d}" for d in deps),
            "investment": draw(st.floats(0, 60)), "annual_operations": draw(st.floats(0, 10)),
            "duration_years": draw(st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0])),
            "owner": draw(st.sampled_from(["A", "B", None])),
            "rank": draw(st.one_of(st.none(), st.integers(1, 20))),
            "priority": draw(st.sampled_from([*PriorityClass, None]))}
        if fixed:
            year = draw(st.integers(2021, 2025))
            fields.update(start=date(year, 1, 1), end=date(year, 12, 31))
        items.append(item(f"T{number}", **fields))
    caps = draw(st.dictionaries(st.sampled_from(list(YEARS)), st.floats(0, 150), max_size=4))
    return items, caps


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.sampled_from([None, 1, 2]))
def test_a_plan_never_breaks_a_dependency_or_a_cap(
        scenario: tuple[list[RoadmapItem], dict[int, float]], limit: int | None) -> None:
    items, caps = scenario
    rules = RoadmapSettings(max_parallel_per_owner=limit)
    plan = plan_roadmap(items, [], rules, caps)
    placed = {p.item.id: p for p in plan.items if p.placed}
    for planned in plan.items:
        if not planned.placed or planned.fixed:
            continue
        start = planned.item.start
        assert start is not None and planned.item.end is not None
        assert rules.first_day <= start <= planned.item.end <= rules.last_day
        for dependency in planned.item.depends_on:
            assert dependency in placed, "a planned item's dependency is placed"
            end = placed[dependency].item.end
            assert end is not None and end < start
    for year in plan.budget:
        if year.cap is not None:
            assert year.planned <= max(0.0, year.cap - year.fixed) + 1e-6
    assert plan == plan_roadmap(items, [], rules, caps)  # same input, same plan
