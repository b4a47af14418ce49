"""Scenarios (issue 16, §1): settings with their place, sharing, differences, explanations."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import BudgetLine, Catalogue, Criterion, Measure, Need, Origin
from okosys_plan.run.compare import assumed, compare
from okosys_plan.run.config import BadConfig, load_config
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.run.scenario import Scenario, build, check_setting
from okosys_plan.run.scenario_read import chosen, sheet_scenarios
from okosys_plan.text.errors import error_text
from okosys_plan.workbook.read import read_workbook
from tests.funding_sample import sample

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scenarios  # noqa: E402

ORIGIN = Origin("k.xlsx", "Behov", 2)


def toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "okosys-plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_toml_scenarios_are_read_with_dotted_settings(tmp_path: Path) -> None:
    path = toml(tmp_path, '[scenario.kutt]\nbudget.2024 = 176\nweight.Samfunnsnytte = 30\n'
                          'applied = "avslått"\ndrop_source = ["EU"]\nvolume_growth = 5\n'
                          'key = "likt"\nmax_parallel_per_owner = 2\nfrom = 2023\nto = 2026\n'
                          'criteria = "k.toml"\nhigh = 60\nmedium = 30\n')
    [found] = load_config(path).scenarios
    assert found == Scenario("kutt", {"Samfunnsnytte": 30.0}, tmp_path / "k.toml", 60.0, 30.0,
                             {2024: 176.0}, 2023, 2026, 2, "refused", ("EU",), 5.0, "flat",
                             str(path))
    config = found.config(RunConfig(budgets={2023: 100.0}))
    assert config.budgets == {2023: 100.0, 2024: 176.0}
    assert (config.first_year, config.last_year, config.funding_keys) == (2023, 2026, ("flat",))
    assert (config.thresholds.high, config.thresholds.medium) == (60.0, 30.0)


@pytest.mark.parametrize(("text", "where", "why"), [
    ("[scenario.a]\nwieght = 3\n", "[scenario.a] wieght", "unknown setting"),
    ("[scenario.a]\nbudget.2024 = \"mye\"\n", "[scenario.a] budget.2024", "must be a number"),
    ("[scenario.a]\nbudget.tjue = 3\n", "[scenario.a] budget.tjue", "the key must be a year"),
    ("[scenario.a]\nfrom = 2025.5\n", "[scenario.a] from", "must be a whole number"),
    ("[scenario.a]\napplied = \"kanskje\"\n", "[scenario.a] applied", "must be one of"),
    ("[scenario.a]\nkey = \"tilfeldig\"\n", "[scenario.a] key", "must be one of flat"),
    ("[scenario.a]\nfrom = 2026\nto = 2024\n", "[scenario.a] from/to", "from must not be"),
    ("[scenario]\na = 3\n", "[scenario.a]", "must be a table"),
])
def test_a_bad_toml_setting_names_the_file_and_key(tmp_path: Path, text: str, where: str,
                                                   why: str) -> None:
    path = toml(tmp_path, text)
    with pytest.raises(BadConfig) as raised:
        load_config(path)
    line = error_text(raised.value, "en")
    assert line.startswith(f"{path}: {where}: ") and why in line
    assert str(path) in error_text(raised.value, "nb")


def test_the_sheet_gives_scenarios_and_problems_with_their_place(tmp_path: Path) -> None:
    rows = [["Scenario", "Innstilling", "Verdi"],
            ["kutt", "budget.2024", 176], ["kutt", "weight.Nytte", 3],
            ["refs", "applied", "refused"], ["refs", "drop_source", "EU; Egen ramme"],
            ["feil", "wieght", 3], ["feil", "budget.2024", "mye"], [None, None, None]]
    path = sample(tmp_path, Scenarier=rows)
    found, problems = sheet_scenarios(read_workbook(path))
    assert [s.name for s in found] == ["kutt", "refs"]
    assert found[0].budgets == {2024: 176.0} and found[0].weights == {"Nytte": 3.0}
    assert found[1].applied == "refused" and found[1].drop_sources == ("EU", "Egen ramme")
    assert [(p.sheet, p.cell, p.column, p.value) for p in problems] == [
        ("Scenarier", "B6", "Innstilling", "wieght"), ("Scenarier", "C7", "Verdi", "mye")]
    assert message(problems[0], "en").startswith("Scenario 'feil', setting 'wieght': unknown")
    assert "innstilling «budget.2024»: må være et tall" in message(problems[1], "nb")
    assert hint(problems[1], "en") and hint(problems[1], "nb") != hint(problems[1], "en")


def test_a_sheet_without_its_headers_is_one_problem(tmp_path: Path) -> None:
    path = sample(tmp_path, Scenarier=[["Navn", "Hva"], ["a", "b"]])
    found, problems = sheet_scenarios(read_workbook(path))
    assert not found and [p.code for p in problems] == ["scenario-columns"]
    assert "Scenario, Innstilling, Verdi" in message(problems[0], "en")


def test_choosing_scenarios() -> None:
    a, b = build("A", []), build("b", [])
    assert chosen([a, b], []) == [a, b] and chosen([a, b], ["B", "a"]) == [b, a]
    with pytest.raises(Exception) as raised:
        chosen([a, b], ["c"])
    assert "the scenarios declared are A, b" in error_text(raised.value, "en")
    with pytest.raises(Exception) as none:
        chosen([], [])
    assert "no scenarios are declared" in error_text(none.value, "en")


def test_check_setting_folds_spreadsheet_whole_numbers() -> None:
    assert check_setting("from", 2025.0) == ("from", 2025)
    assert check_setting("budget. 2024 ", 1) == ("budget.2024", 1.0)


def test_funding_assumptions_change_the_lines(tmp_path: Path) -> None:
    lines = load_catalogue(sample(tmp_path)).funding
    statuses = [line.status for line in lines]
    assert statuses.count("Søkt") == 1
    assert [x.status for x in assumed(lines, "granted")].count("Bekreftet") == \
        statuses.count("Bekreftet") + 1
    assert len(assumed(lines, "refused")) == len(lines) - 1
    assert all(x.source != "Egen ramme" for x in assumed(lines, None, ["egen RAMME"]))
    assert assumed(lines, None) == lines


# --- properties over generated catalogues ----------------------------------------------

SMALL = settings(max_examples=15, deadline=None)


@SMALL
@given(st.integers(5, 60), st.integers(0, 10_000), st.booleans())
def test_a_scenario_like_the_base_has_no_differences(needs: int, seed: int,
                                                     same_key: bool) -> None:
    catalogue = bench_scenarios.make_catalogue(needs, seed)
    caps = {b.year: b.cap for b in catalogue.budgets}
    same = [Scenario("tom"), build("samme", [
        *((f"budget.{y}", c) for y, c in caps.items()),
        *((f"weight.{c.name}", c.weight) for c in catalogue.criteria),
        ("max_parallel_per_owner", 0), ("from", 2022), ("to", 2025), ("drop_source", ["Ingen"]),
        *([("key", "usage")] if same_key else [])])]
    base = RunConfig()
    comparison = compare(catalogue, base, same)
    assert [r.differences for r in comparison.scenarios] == [(), ()]
    assert comparison.scenarios[0].plan is comparison.base.plan  # shared, not made again
    assert comparison.scenarios[0].funding is comparison.base.funding


@SMALL
@given(st.integers(5, 60), st.integers(0, 10_000), st.floats(1.0, 3.0))
def test_raising_every_cap_never_unplaces_a_measure(needs: int, seed: int,
                                                    factor: float) -> None:
    catalogue = bench_scenarios.make_catalogue(needs, seed)
    caps = [(f"budget.{b.year}", b.cap * factor + 1000.0) for b in catalogue.budgets]
    comparison = compare(catalogue, RunConfig(), [build("mer", caps)])
    [run] = comparison.scenarios
    assert not [d for d in run.differences if d.kind == "unplaced"]
    placed = {p.item.id for p in comparison.base.plan.items if p.placed}
    assert placed <= {p.item.id for p in run.plan.items if p.placed}


def test_raising_one_cap_can_unplace_a_measure_in_the_greedy_plan() -> None:
    """The scheduler places in priority order, first fit (roadmap/schedule.py), and is
    not monotone: a 2022 cap twice as high lets T2 start earlier, and what it then takes
    of the later years leaves T3 no room. The comparison says so, naming T2."""
    catalogue = bench_scenarios.make_catalogue(33, 0)
    cap = next(b.cap for b in catalogue.budgets if b.year == 2022)
    comparison = compare(catalogue, RunConfig(), [build("mer", [("budget.2022", cap * 2)])])
    [unplaced] = [d for d in comparison.scenarios[0].differences if d.kind == "unplaced"]
    assert unplaced.subject == "T3" and unplaced.reason == "budget"
    assert unplaced.params["items"] == ("T2",)
    assert unplaced.text("en").startswith("T3 is no longer placed: the cap for 2022, 2023, "
                                          "2024, 2025 is used up by T2")


# --- the explanations -------------------------------------------------------------------


def _three() -> Catalogue:
    """B1 > B2 > B3 on Nytte; T17, T20, T21 cover one each at 10 MNOK; cap 2024 of 30."""
    needs = tuple(Need(f"B{i}", f"Behov {i}", replace(ORIGIN, row=i + 1), scores={"Nytte": s},
                       investment=10.0, annual_operations=0.0)
                  for i, s in ((1, 5.0), (2, 4.0), (3, 3.0)))
    measures = tuple(Measure(t, t, Origin("k.xlsx", "Tiltak", i + 2), owner="Digdir",
                             needs=(f"B{i + 1}",))
                     for i, t in enumerate(("T17", "T20", "T21")))
    budgets = tuple(BudgetLine(y, c, Origin("k.xlsx", "Budsjett", i + 2))
                    for i, (y, c) in enumerate(((2024, 30.0), (2025, 30.0))))
    return Catalogue("k.xlsx", needs, (Criterion("Nytte", 1.0),), measures, budgets=budgets,
                     sheets_present=frozenset({"Behov", "Tiltak", "Budsjett"}))


def test_a_move_names_the_items_that_took_the_cap() -> None:
    config = RunConfig(first_year=2024, last_year=2025)
    comparison = compare(_three(), config, [build("kutt", [("budget.2024", 20.0)])])
    [run] = comparison.scenarios
    [moved] = [d for d in run.differences if d.kind == "moved"]
    assert (moved.subject, moved.reason, moved.params["items"]) == ("T21", "budget",
                                                                     ("T17", "T20"))
    assert moved.text("nb") == ("T21 flyttes fra 2024-K1 til 2025-K1: rammen for 2024 er "
                                "brukt opp av T17 og T20")
    assert moved.text("en") == ("T21 moves from 2024-Q1 to 2025-Q1: the cap for 2024 is "
                                "used up by T17 and T20")
    budget = [d.subject for d in run.differences if d.kind == "budget"]
    assert budget == ["2024", "2025"]  # T21's 10 MNOK move from 2024 to 2025


def test_a_move_names_the_owner_and_its_items() -> None:
    config = RunConfig(first_year=2024, last_year=2026)
    comparison = compare(_three(), config, [build("en", [("max_parallel_per_owner", 1)])])
    [run] = comparison.scenarios
    moves = {d.subject: d for d in run.differences if d.kind == "moved"}
    assert set(moves) == {"T20", "T21"}
    assert moves["T20"].reason == "owner" and moves["T20"].params["items"] == ("T17",)
    assert moves["T21"].text("en") == ("T21 moves from 2024-Q1 to 2026-Q1: Digdir already "
                                       "runs T17 and T20 at the time")
    short = compare(_three(), replace(config, last_year=2025),
                    [build("en", [("max_parallel_per_owner", 1)])])
    [gone] = [d for d in short.scenarios[0].differences if d.kind == "unplaced"]
    assert gone.text("nb") == "T21 blir ikke lenger plassert: Digdir har allerede T17 og T20 " \
                              "på den tiden"


def test_a_move_names_the_dependency() -> None:
    catalogue = _three()
    measures = (*catalogue.measures[:2], replace(catalogue.measures[2], depends_on=("T20",)))
    catalogue = replace(catalogue, measures=measures)
    config = RunConfig(first_year=2024, last_year=2026)
    comparison = compare(catalogue, config, [build("en", [("max_parallel_per_owner", 1)])])
    [run] = comparison.scenarios
    moves = {d.subject: d for d in run.differences if d.kind == "moved"}
    # T21 waits for T20 in both; T20 now waits for the owner, so T21 waits longer for it.
    assert moves["T21"].reason == "dependency" and moves["T21"].params["dependency"] == "T20"
    assert moves["T21"].text("nb").endswith(": det venter på T20")


def test_weights_move_ranks_and_the_top() -> None:
    comparison = compare(_three(), RunConfig(), [build("snu", [("weight.nytte", 0.0)])],
                         top_k=1)
    [run] = comparison.scenarios
    assert run.prioritised is not comparison.base.prioritised
    kinds = {d.kind for d in run.differences}
    assert "rank" in kinds or "class" in kinds
    with pytest.raises(Exception) as raised:
        compare(_three(), RunConfig(), [build("x", [("weight.Ukjent", 1.0)])])
    assert "no such criterion; it has Nytte" in error_text(raised.value, "en")


@settings(max_examples=10, deadline=None)
@given(st.integers(20, 80), st.integers(0, 1000))
def test_the_named_takers_are_the_largest_placed_before(needs: int, seed: int) -> None:
    from okosys_plan.run.scenario_diff import PlanIndex, takers

    catalogue = bench_scenarios.make_catalogue(needs, seed)
    comparison = compare(catalogue, RunConfig(), [])
    plan = comparison.base.plan
    index = PlanIndex(plan)
    for planned in plan.items:
        for years in ((2022,), (2023, 2024), (2022, 2023, 2024, 2025)):
            amounts = {p.item.id: sum(p.cost.get(y, 0.0) for y in years) for p in plan.items
                       if p.placed and p.order < planned.order}
            expected = sorted((i for i, a in amounts.items() if a > 1e-6),
                              key=lambda i: (-amounts[i], bench_scenarios_key(i)))[:3]
            assert takers(index, planned, years) == tuple(expected)


def bench_scenarios_key(item_id: str) -> tuple[object, ...]:
    from okosys_plan.prioritise.scoring import natural_key

    return natural_key(item_id)


def test_compare_file_reads_the_sheet_and_the_settings(tmp_path: Path) -> None:
    from okosys_plan.errors import InvalidData
    from okosys_plan.run.compare import compare_file

    rows = [["Scenario", "Innstilling", "Verdi"], ["innvilget", "applied", "granted"]]
    path = sample(tmp_path, Scenarier=rows)
    config = replace(RunConfig(), scenarios=(build("flat", [("key", "flat")]),))
    comparison = compare_file(path, config)
    assert [r.name for r in comparison.scenarios] == ["flat", "innvilget"]
    assert [r.name for r in compare_file(path, config, ["INNVILGET"]).scenarios] == \
        ["innvilget"]
    granted = comparison.scenarios[1]
    assert granted.gap()[2023] == comparison.base.gap()[2023] - 0.5  # T1's 0.5 applied for
    bad = sample(tmp_path, "feil.xlsx", Scenarier=[*rows, ["x", "from", "snart"]])
    with pytest.raises(InvalidData) as raised:
        compare_file(bad, config)
    assert [p.cell for p in raised.value.problems] == ["C3"]  # type: ignore[attr-defined]
