"""Costs, funding, gaps, flags, co-funding rules, sharing and warnings, on hand-made data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okosys_plan import load_catalogue
from okosys_plan.catalogue.model import CostLine, FundingLine, Origin
from okosys_plan.funding.allocate import allocate, amount
from okosys_plan.funding.analysis import Figures, Solution
from okosys_plan.funding.api import FundingAnalysis, analyse_funding
from okosys_plan.funding.cofunding import check
from okosys_plan.funding.keys import Allocation, KeyOptions
from okosys_plan.funding.money import mnok_to_ore
from okosys_plan.funding.payers import PayerBook
from okosys_plan.roadmap.settings import RoadmapSettings
from tests.funding_sample import USAGE, sample

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = RoadmapSettings(start_year=2022, end_year=2025)
ORIGIN = Origin("t.xlsx", "Kostnader", 2)


def analyse(folder: Path, **kwargs: object) -> FundingAnalysis:
    changes = {k: v for k, v in kwargs.items() if k[0].isupper()}
    options = {k: v for k, v in kwargs.items() if not k[0].isupper()}
    return analyse_funding(load_catalogue(sample(folder, **changes)), SETTINGS, None,
                           **options)  # type: ignore[arg-type]


def by_id(analysis: FundingAnalysis) -> dict[str, Solution]:
    return {s.id: s for s in analysis.solutions}


def test_gap_is_cost_less_confirmed_and_less_applied_if_granted(tmp_path: Path) -> None:
    t1 = analyse(tmp_path).solutions[0]
    assert t1.id == "T1" and t1.basis.value == "lines"
    # 2022: cost 2 + 1 = 3, confirmed 1 + 1 = 2; 2023: cost 1, 0.5 applied for.
    assert t1.figures(2022) == Figures(3.0, 2.0, 0.0, 0.0, 1.0, 1.0)
    assert t1.figures(2023) == Figures(1.0, 0.0, 0.5, 0.0, 1.0, 0.5)
    assert t1.figures(2024).gap == 0.0 and t1.figures(2025).gap == 1.0
    assert t1.cost(2022, ("investering",)) == 2.0 and t1.cost(2025, ("forvaltning",)) == 1.0
    assert t1.sources == {"Medfinansiering": {2022: 1.0, 2023: 0.0, 2024: 0.0, 2025: 0.0},
                          "Egen ramme": {2022: 1.0, 2023: 0.5, 2024: 1.0, 2025: 0.0}}


def test_surplus_is_not_a_negative_gap_and_totals_never_net_gaps(tmp_path: Path) -> None:
    funding = [["Tiltak", "År", "Kilde", "Beløp (MNOK)", "Status"],
               ["T1", 2022, "Egen ramme", 5, "Bekreftet"],
               ["T2", 2023, "Egen ramme", 1, "Bekreftet"]]
    found = analyse(tmp_path, Finansiering=funding)
    t1 = found.solutions[0]
    assert t1.figures(2022).gap == 0.0 and t1.surplus(2022) == 2.0
    # 2023: T1 gap 1 (cost 1), T2 gap 1.997264 - 1; no surplus to net against.
    assert found.totals(2023).gap == pytest.approx(1.0 + 0.997264)
    assert found.totals(2022).gap == 0.0 and found.gap_opens() == 2023


def test_a_measure_without_lines_spreads_its_needs_over_its_period(tmp_path: Path) -> None:
    t2 = by_id(analyse(tmp_path))["T2"]
    # B2's 4 MNOK over 2023-01-01..2024-12-31: 365 and 366 of 731 days.
    assert t2.basis.value == "needs"
    assert t2.cost(2023) == round(4 * 365 / 731, 6)
    assert t2.cost(2024) == round(4 * 366 / 731, 6)
    assert t2.cost(2022) == 0.0 and t2.cost(2025) == 0.0


def test_an_undated_measure_gets_the_planned_period_and_operations(tmp_path: Path) -> None:
    measures = [["ID", "Tittel", "Tema", "Ansvarlig", "Start", "Slutt", "Behov"],
                ["T1", "ID-porten", None, "Digdir", "2022", "2025", "B2"],
                ["T3", "Uten datoer", None, "Digdir", None, None, "B1"]]
    t3 = by_id(analyse(tmp_path, Tiltak=measures))["T3"]
    # B1: 6 MNOK investment over one planned year (2022), then 1 MNOK a year of operations
    # from the end year on; the plan places it at the start of the horizon.
    assert t3.basis.value == "planned"
    assert [t3.cost(y, ("investering",)) for y in range(2022, 2026)] == [6.0, 0.0, 0.0, 0.0]
    assert [t3.cost(y, ("drift",)) for y in range(2022, 2026)] == [1.0, 1.0, 1.0, 1.0]


def test_flags_grant_ended_only_unclear_and_no_funding(tmp_path: Path) -> None:
    found = by_id(analyse(tmp_path))
    flags = {sid: [(f.code, f.years) for f in s.flags] for sid, s in found.items()}
    # T1's co-funding ended in 2022; operations in 2023 and 2025 have a gap (2024 is covered).
    assert flags == {"T1": [("grant-ended", (2023, 2025))],
                     "T2": [("only-unclear", (2024,))],
                     "B3": [("no-funding", (2024,))]}


def test_needs_with_their_own_lines_are_solutions_and_themes_add_up(tmp_path: Path) -> None:
    found = analyse(tmp_path)
    assert [s.id for s in found.solutions] == ["T1", "T2", "B3"]
    assert found.solutions[2].kind == "need"
    themes = found.themes()
    assert set(themes) == {"Digital identitet og tilgang", "Hendelser, meldinger og dialog",
                           "Deling av data og nasjonale grunndata"}
    for year in found.years:
        assert sum(t[year].cost for t in themes.values()) == pytest.approx(
            found.totals(year).cost)


def _cost(year: int, kind: str, amount: float) -> CostLine:
    return CostLine("T9", year, kind, amount, ORIGIN)


def _grant(year: int, amount: float, source: str = "Medfinansiering") -> FundingLine:
    return FundingLine("T9", year, source, amount, "Søkt", ORIGIN)


def test_cofunding_rules_each_named_when_broken() -> None:
    lines = [_cost(y, "Investering", 1.6) for y in range(2020, 2025)]  # 8 MNOK over 5 years
    grants = [_grant(y, 1.5) for y in range(2020, 2024)]  # 6 MNOK over 4 budget years
    found = check("T9", "Alt galt", [*lines, _cost(2025, "Drift", 50)], grants)
    assert found.project_cost == 8.0 and found.scheme == 6.0 and found.share == 0.75
    assert found.failed_rules == ("total-below-10", "scheme-above-50", "grant-years-above-3",
                                  "project-years-above-4")  # operations are not the project
    assert not found.eligible
    big = check("T9", "For stort", [_cost(2022, "Investering", 101)], [])
    assert big.failed_rules == ("total-above-100",)
    good = check("T9", "Innenfor", [_cost(y, "Videreutvikling", 10) for y in (2022, 2023)],
                 [_grant(2022, 10), _grant(2023, 0), _grant(2022, 0, "Egen ramme")])
    assert good.eligible and good.share == 0.5 and good.grant_years == (2022, 2023)


def test_bundled_measures_with_real_grants_meet_the_rules() -> None:
    catalogue = load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    found = {e.id: e for e in analyse_funding(catalogue, SETTINGS, None).eligibility}
    # T11: settlement after death, 13 375 642 kr co-funding (2020) of 26.8 MNOK.
    assert found["T11"].scheme == 13.375642 and found["T11"].eligible
    assert found["T11"].rules_year == 2019  # its project starts in 2020: 2019's rules
    # T03 (2022–2027) starts in 2022: the 2021–22 rules have no length limit; today's do.
    assert found["T03"].rules_year == 2021 and found["T03"].eligible
    assert found["T03"].rules_reason == "start-year"


# --- sharing -------------------------------------------------------------------------------


def test_usage_and_flat_bills_by_hand(tmp_path: Path) -> None:
    found = analyse(tmp_path, keys=["usage", "flat"], options=KeyOptions(free_below=200_000))
    usage = {r.key: r for r in found.results}["usage"].shares
    t1 = next(s for s in usage if s.solution == "T1" and s.year == 2022)
    # 3 MNOK by log-ins; Halden (95 000) is under the threshold: NAV 48/50.4, Oslo 2.4/50.4.
    assert t1.allocation.shares == {"NAV": 285_714_286, "Oslo": 14_285_714, "Halden": 0}
    flat = {r.key: r for r in found.results}["flat"].shares
    t2 = next(s for s in flat if s.solution == "T2" and s.year == 2023)
    # T2 has no Bruk rows: every agency pays, 199 726 400 øre / 4.
    assert t2.allocation.shares == dict.fromkeys(["Digdir", "NAV", "Oslo", "Halden"],
                                                 49_931_600)


def test_every_allocation_sums_to_its_amount_in_ore() -> None:
    catalogue = load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    found = analyse_funding(catalogue, SETTINGS, None, volume_growth=0.05, share="gap")
    for result in (*found.results, *found.scenario):
        for share in result.shares:
            alloc = share.allocation
            assert min(alloc.shares.values(), default=0) >= 0
            assert alloc.billed + alloc.unallocated + alloc.central == \
                share.amount + alloc.surplus
            solution = next(s for s in found.solutions if s.id == share.solution)
            assert share.amount == mnok_to_ore(solution.figures(share.year).gap)


def test_missing_volume_is_a_warning_at_its_cell_and_not_allocated(tmp_path: Path) -> None:
    usage = [list(r) for r in USAGE]
    usage[3][3] = None  # Halden's Volum, cell D4
    found = analyse(tmp_path, Bruk=usage, keys=["usage"])
    missing = [p for p in found.problems if p.code == "key-data-missing"]
    assert len(missing) == 1
    problem = missing[0]
    assert (problem.sheet, problem.cell, problem.column, problem.value) == \
        ("Bruk", "D4", "Volum", "T1")
    assert problem.params["agencies"] == "Halden" and problem.params["amount"] == "6,0"
    result = found.results[0]
    unallocated = result.per_year("unallocated")
    # T1 (3, 1, 1, 1 MNOK) is wholly not allocated, never shared among the others, and T2
    # and B3 (no Bruk rows) are not either: key-data-absent, one warning for both.
    assert unallocated == {2022: 300_000_000, 2023: mnok_to_ore(1 + 1.997264),
                           2024: mnok_to_ore(1 + 2.002736 + 1), 2025: 100_000_000}
    assert result.bills()["NAV"] == {2022: 0, 2023: 0, 2024: 0, 2025: 0}
    absent = [p for p in found.problems if p.code == "key-data-absent"]
    assert len(absent) == 1 and absent[0].params["solutions"] == "T2, B3"


def test_missing_it_budget_points_at_the_agency_row(tmp_path: Path) -> None:
    agencies = [["Kode", "Navn", "Type", "Innbyggere", "IT-budsjett (MNOK)"],
                ["Digdir", "Digdir", "Stat", None, 800], ["NAV", "NAV", "Stat", None, None]]
    found = analyse(tmp_path, Virksomheter=agencies, Bruk=[USAGE[0]], keys=["budget"])
    problem = next(p for p in found.problems if p.code == "key-data-missing")
    assert (problem.sheet, problem.cell, problem.column) == \
        ("Virksomheter", "E3", "IT-budsjett (MNOK)")
    assert problem.params["agencies"] == "NAV" and problem.params["solutions"] == "T1, T2, B3"


def test_manual_shares_off_100_are_warned_and_used_in_proportion(tmp_path: Path) -> None:
    usage = [list(r) for r in USAGE]
    usage[3][5] = 30  # 60 + 30 + 30 = 120
    found = analyse(tmp_path, Bruk=usage, keys=["manual"])
    problem = next(p for p in found.problems if p.code == "shares-not-100")
    assert (problem.cell, problem.value, problem.params["total"]) == ("F2", "T1", 120)
    t1 = next(s for s in found.results[0].shares if s.solution == "T1" and s.year == 2022)
    assert t1.allocation.shares == {"NAV": 150_000_000, "Oslo": 75_000_000,
                                    "Halden": 75_000_000}


def test_volume_growth_moves_an_agency_over_the_threshold(tmp_path: Path) -> None:
    # Halden's 95 000 log-ins grown 50 % a year: 142 500 in 2023, 213 750 in 2024.
    found = analyse(tmp_path, keys=["usage"], volume_growth=0.5,
                    options=KeyOptions(free_below=200_000))
    before = found.results[0].bills()["Halden"]
    after = found.scenario[0].bills()["Halden"]
    assert before[2024] == 0 and after[2023] == 0 and after[2024] > 0


def test_year_and_bad_choices(tmp_path: Path) -> None:
    found = analyse(tmp_path, year=2027)
    assert found.years == (2027,)
    from okosys_plan.errors import UsageError
    for kwargs in ({"keys": ["nope"]}, {"share": "all"}, {"keys": []},
                   {"options": KeyOptions(operations_key="hybrid")},
                   {"volume_growth": -1.0}, {"options": KeyOptions(price=-1)}):
        with pytest.raises(UsageError):
            analyse(tmp_path, **kwargs)


def test_principle_figures_by_hand(tmp_path: Path) -> None:
    found = analyse(tmp_path, keys=["usage", "membership"])
    usage, membership = found.principles()
    assert usage.largest_payer == "NAV" and usage.zero_payers == 1  # Digdir uses nothing
    # Under usage every user pays the same price per log-in (to a fraction of an øre).
    assert usage.price_min == pytest.approx(usage.price_max, rel=1e-6)
    assert membership.zero_payers == 0 and membership.largest_share == pytest.approx(0.25)


def test_the_bundled_analysis_runs_every_key() -> None:
    # Its speed is measured in benchmarks/run_all, not asserted here.
    catalogue = load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    found = analyse_funding(catalogue, SETTINGS, None)
    assert found.gap_opens() == 2022 and len(found.results) == 9
    assert date(2022, 1, 1).year in found.years


def test_growth_counts_from_the_horizon_start_even_for_one_year(tmp_path: Path) -> None:
    # Halden's 95 000 log-ins grown 50 % a year from 2022: 320 625 in 2025.
    found = analyse(tmp_path, keys=["usage"], year=2025, volume_growth=0.5,
                    options=KeyOptions(free_below=200_000))
    assert found.results[0].bills()["Halden"] == {2025: 0}
    assert found.scenario[0].bills()["Halden"][2025] > 0


def _plain(allocation: Allocation) -> tuple[object, ...]:
    return (dict(allocation.shares), allocation.unallocated, allocation.central,
            allocation.surplus, allocation.missing, allocation.reason)


@pytest.mark.parametrize("growth", [None, 0.05])
def test_weights_kept_between_solutions_give_what_each_alone_would(tmp_path: Path,
                                                                   growth: float | None) -> None:
    """The analysis keeps each payer set's weights and sums bills payer set by payer set;
    every share and bill must be what a fresh, solution-by-solution computation gives."""
    catalogue = load_catalogue(sample(tmp_path))
    found = analyse_funding(catalogue, SETTINGS, None, volume_growth=growth)
    book = PayerBook(catalogue, SETTINGS.start_year, growth)
    solutions = {s.id: s for s in found.solutions}
    for result in found.scenario if growth else found.results:
        bills: dict[str, dict[int, int]] = {}
        for share in result.shares:
            alone = allocate(result.key, amount(solutions[share.solution], share.year),
                             book.payers(share.solution, share.year),
                             book.members(share.solution, share.year), found.options)
            assert _plain(share.allocation) == _plain(alone), (result.key, share.solution)
            for code, ore in alone.shares.items():
                bills.setdefault(code, {}).setdefault(share.year, 0)
                bills[code][share.year] += ore
        assert result.bills() == bills
        assert [list(years) for years in result.bills().values()] == \
            [list(years) for years in bills.values()]  # the same order, too
        assert list(result.bills()) == list(bills)
