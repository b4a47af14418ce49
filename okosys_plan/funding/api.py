"""The funding analysis as one library call: ``analyse_funding``. Pure (no I/O).

Costs, funding and gaps per solution and year (``analysis``), the co-funding check per
measure (``cofunding``), every agency's bill under each sharing key (``allocate``), the
principle figures per key (``principles``) and the warnings, in one ``FundingAnalysis``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from okosys_plan import collector, limits
from okosys_plan.catalogue.model import Catalogue, Problem
from okosys_plan.errors import UsageError
from okosys_plan.funding import analysis
from okosys_plan.funding.allocate import KEYS, SHARE_MODES, KeyResult, allocate_all, key_name
from okosys_plan.funding.cofunding import Eligibility, eligibility, rules_warnings
from okosys_plan.funding.keys import KeyOptions
from okosys_plan.funding.payers import PayerBook
from okosys_plan.funding.principles import Principles, principles
from okosys_plan.funding.warnings import sharing_warnings
from okosys_plan.prioritise.scoring import Ranking
from okosys_plan.roadmap.schedule import Plan
from okosys_plan.roadmap.settings import RoadmapSettings


@dataclass(frozen=True)
class FundingAnalysis:
    """Everything the funding command shows, as plain figures (MNOK; bills in øre)."""

    source: str
    years: tuple[int, ...]
    share: str  # "cost" or "gap": what the keys share
    solutions: tuple[analysis.Solution, ...]
    eligibility: tuple[Eligibility, ...]
    results: tuple[KeyResult, ...]
    agencies: tuple[str, ...]  # every agency code, Virksomheter's order first
    names: Mapping[str, str]  # agency code -> name
    options: KeyOptions = field(default_factory=KeyOptions)
    scenario: tuple[KeyResult, ...] = ()
    volume_growth: float | None = None  # a share a year (0.05 = 5 %)
    problems: tuple[Problem, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys compared, in order."""
        return tuple(r.key for r in self.results)

    def totals(self, year: int) -> analysis.Figures:
        """All solutions' figures in ``year`` (added up once per year)."""
        made: dict[int, analysis.Figures] = self.__dict__.setdefault("_totals", {})
        if year not in made:
            made[year] = analysis.totals(self.solutions, year)
        return made[year]

    def themes(self) -> dict[str, dict[int, analysis.Figures]]:
        """Theme -> year -> figures (added up once; a fresh copy)."""
        made = self.__dict__.get("_themes")
        if made is None:
            made = self.__dict__["_themes"] = analysis.by_theme(self.solutions, self.years)
        return {theme: dict(by_year) for theme, by_year in made.items()}

    def gap_opens(self) -> int | None:
        """The first year with a funding gap."""
        return analysis.gap_opens({y: self.totals(y) for y in self.years})

    def principles(self, scenario: bool = False) -> tuple[Principles, ...]:
        """Each key's principle figures (of the volume-growth scenario if asked)."""
        return tuple(principles(r, self.agencies, self.years)
                     for r in (self.scenario if scenario else self.results))


def analyse_funding(catalogue: Catalogue, settings: RoadmapSettings,
                    ranking: Ranking | None = None, *, keys: Sequence[str] = KEYS,
                    share: str = "cost", year: int | None = None,
                    volume_growth: float | None = None,
                    options: KeyOptions | None = None,
                    plan: Plan | None = None) -> FundingAnalysis:
    """Analyse a (valid) catalogue's costs, funding, gaps and cost sharing.

    The years are the horizon of ``settings`` (only ``year`` if given, the horizon widened
    to hold it); undated measures are placed as ``make_plan`` places them. ``keys`` are
    key names (see ``allocate.KEYS``); ``volume_growth`` a yearly share (0.05 for 5 %).
    """
    from okosys_plan.roadmap.planning import make_plan

    options = options or KeyOptions()
    names, options = _checked(keys, share, options, volume_growth)
    if year is not None:
        settings = settings.with_horizon(min(settings.start_year, year),
                                         max(settings.end_year, year))
    years = (year,) if year is not None else tuple(settings.years)
    if plan is None or year is not None:  # a plan made for this horizon can be reused
        plan = make_plan(catalogue, settings, ranking)
    with collector.paused():  # many small objects, none in a cycle
        solutions = analysis.solutions(catalogue, plan, years)
        book = PayerBook(catalogue, settings.start_year)
        results = allocate_all(solutions, book, names, years, share, options)
        scenario: tuple[KeyResult, ...] = ()
        if volume_growth is not None:
            grown = PayerBook(catalogue, settings.start_year, volume_growth)
            scenario = allocate_all(solutions, grown, names, years, share, options)
        found = eligibility(catalogue, plan)
        problems = (*[w for w in plan.warnings if w.code == "not-placed"],
                    *sharing_warnings(results, book, catalogue, options),
                    *rules_warnings(found))
    return FundingAnalysis(
        catalogue.source, years, share, solutions, found, results,
        book.order, {a.code: a.name for a in catalogue.agencies}, options, scenario,
        volume_growth, tuple(problems))


def _checked(keys: Sequence[str], share: str, options: KeyOptions,
             growth: float | None) -> tuple[tuple[str, ...], KeyOptions]:
    """The key names and options, checked; UsageError for a bad one."""
    names = tuple(dict.fromkeys(key_name(k) for k in keys))
    if not names:
        raise UsageError.bad_option("no cost-sharing key given")
    if share not in SHARE_MODES:
        raise UsageError.bad_option("--share {share}: use cost or gap", share=share)
    operations = key_name(options.operations_key)
    if operations == "hybrid":
        raise UsageError.bad_option("hybrid cannot share operations by hybrid")
    if not limits.finite_in(options.free_below, 0, limits.MAX_FREE_BELOW) or (
            options.price is not None and not limits.finite_in(options.price, 0, limits.MAX_PRICE)):
        raise UsageError.bad_option("the free threshold and the price must be numbers from 0 "
                                    "(at most {free_most:g} and {price_most:g})",
                                    free_most=limits.MAX_FREE_BELOW, price_most=limits.MAX_PRICE)
    if growth is not None and (not limits.finite_in(growth, -1, limits.MAX_GROWTH / 100)
                               or growth == -1):
        raise UsageError.bad_option("the volume growth must be above -100 % and at most {most:g} %",
                                    most=limits.MAX_GROWTH)
    return names, replace(options, operations_key=operations)
