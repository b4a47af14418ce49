"""The base run and each scenario, side by side: ``compare`` returns a ``Comparison``.

What does not change between them is made once and shared: the workbook is read once
(a scenario with its own criteria file builds its catalogue from the same read sheets);
the scores are made again only when weights, class limits or criteria change; the plan
only when caps, horizon, owner capacity or the ranking change (its items only when the
ranking changes); the funding analysis only when the plan places some item otherwise or
a funding assumption changes, once for every key the runs sharing it need. No sensitivity
run (compare ranks only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.model import Catalogue, FundingLine
from okosys_plan.prioritise.api import Prioritised, PriorityOptions, prioritise
from okosys_plan.roadmap.schedule import Plan
from okosys_plan.roadmap.settings import RoadmapSettings
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.run.scenario import BadScenario, Scenario
from okosys_plan.run.scenario_diff import Difference, differences
from okosys_plan.text.later import msg

#: How many needs count as the top when entering and leaving it is shown.
TOP_K = 10
#: The key of the agencies' bills when neither the settings nor the scenario name one.
DEFAULT_KEY = "usage"


@dataclass(frozen=True)
class ScenarioRun:
    """One column of the comparison: the base (``scenario`` None) or a scenario.

    ``catalogue`` is the catalogue as ranked (weights of the scenario applied) and
    ``funded`` the one the funding analysis saw (its funding assumptions applied);
    ``prioritised`` holds the ``Ranking``; ``plan`` the ``Plan`` (every item with its
    holds); ``funding`` the ``funding.api.FundingAnalysis`` (shared by runs that differ only
    in the key, so its ``results`` may hold other keys too: the run's is ``key``; its
    ``scenario`` results are the volume growth's); ``differences`` what differs from the
    base, largest first within each kind (empty for the base).
    """

    name: str
    scenario: Scenario | None
    config: RunConfig
    settings: RoadmapSettings
    catalogue: Catalogue
    funded: Catalogue
    prioritised: Prioritised
    plan: Plan
    funding: Any
    key: str
    differences: tuple[Difference, ...] = ()

    def bills(self) -> dict[str, dict[int, int]]:
        """Agency -> year -> øre under ``key`` (the volume growth's when it has one)."""
        results = self.funding.scenario or self.funding.results
        return dict(next(r for r in results if r.key == self.key).bills())

    def gap(self) -> dict[int, float]:
        """Year -> the funding gap (MNOK): cost not covered by confirmed funding."""
        return {y: self.funding.totals(y).gap for y in self.funding.years}

    def budget_use(self) -> dict[int, tuple[float, float | None]]:
        """Year -> (what fixed and planned items take, the cap or None), MNOK."""
        return {b.year: (b.fixed + b.planned, b.cap) for b in self.plan.budget}


@dataclass(frozen=True)
class Comparison:
    """The base and every scenario asked for, with what differs (for terminal, workbook,
    JSON and the charts).

    ``base`` is the run of the settings themselves; ``scenarios`` one ``ScenarioRun`` per
    scenario, in the order asked for (each with its ``differences`` from the base);
    ``top_k`` the size of the top whose entering and leaving is shown; ``years`` every year
    of any run's horizon, in order.
    """

    source: str
    base: ScenarioRun
    scenarios: tuple[ScenarioRun, ...]
    top_k: int = TOP_K

    @property
    def runs(self) -> tuple[ScenarioRun, ...]:
        """The base, then the scenarios."""
        return (self.base, *self.scenarios)

    @property
    def years(self) -> tuple[int, ...]:
        """Every year of any run's horizon."""
        return tuple(sorted({y for r in self.runs for y in r.settings.years}))


class _Shared:
    """What the runs share, each made once per distinct input (small dict caches)."""

    def __init__(self, catalogue: Catalogue, raw: Any, config: RunConfig) -> None:
        self.catalogue, self.raw, self.config = catalogue, raw, config
        self.catalogues: dict[Any, Catalogue] = {None: catalogue}
        self.ranked: dict[Any, Prioritised] = {}
        self.plans: dict[Any, Plan] = {}
        self.funded: dict[Any, tuple[Catalogue, Any]] = {}
        self.settings: dict[Any, RoadmapSettings] = {}
        self.items: dict[Any, Any] = {}
        self.dates: dict[int, tuple[Plan, Any]] = {}  # id(plan) -> (plan, its items' dates)

    def criteria_catalogue(self, config: RunConfig, name: str) -> tuple[Catalogue, Any]:
        """The catalogue under ``config``'s criteria file (the base's when it is the same)."""
        from okosys_plan.prioritise.criteria_file import load_criteria_file

        path = config.criteria_file
        if path == self.config.criteria_file:
            return self.catalogue, None
        criteria = load_criteria_file(path) if path else None
        if path not in self.catalogues:
            if self.raw is None:
                raise BadScenario(name, "criteria", msg("a criteria file needs the workbook"))
            from okosys_plan.catalogue.load import build_catalogue

            self.catalogues[path] = build_catalogue(self.raw, criteria.criteria
                                                    if criteria else None)
        return self.catalogues[path], criteria

    def roadmap(self, config: RunConfig, parallel: int | None) -> RoadmapSettings:
        """The roadmap settings of the horizon and owner capacity asked for."""
        from okosys_plan.roadmap.settings import roadmap_settings

        key = (config.roadmap_file, config.first_year, config.last_year, parallel)
        if key not in self.settings:
            found = roadmap_settings(config.roadmap_file, config.first_year, config.last_year)
            if config.palette:
                found = replace(found, palette={**found.palette, **config.palette})
            if parallel is not None:
                found = replace(found, max_parallel_per_owner=parallel or None)
            self.settings[key] = found
        return self.settings[key]


def compare(catalogue: Catalogue, config: RunConfig, scenarios: Sequence[Scenario], *,
            top_k: int = TOP_K, raw: Any = None) -> Comparison:
    """Run the base (``config``) and each scenario on a valid ``catalogue``; see the module.

    ``raw`` is the ``workbook.read.RawWorkbook`` the catalogue was built from, needed only
    by a scenario with its own criteria file. ``BadScenario`` when a scenario names a
    criterion the catalogue does not have, or its class limits contradict.
    """
    shared = _Shared(catalogue, raw, config)
    planned = [_planned("", None, config, shared),
               *[_planned(s.name, s, s.config(config), shared) for s in scenarios]]
    keys: dict[Any, list[str]] = {}  # runs that differ only in the key share one analysis
    for run in planned:
        keys.setdefault(run.funding_group, [])
        if run.key not in keys[run.funding_group]:
            keys[run.funding_group].append(run.key)
    done = [_funded(run, shared, tuple(keys[run.funding_group])) for run in planned]
    base = done[0]
    runs = tuple(replace(run, differences=differences(base, run, top_k)) for run in done[1:])
    return Comparison(catalogue.source, base, runs, top_k)


def compare_file(path: Path, config: RunConfig, names: Sequence[str] = (), *,
                 top_k: int = TOP_K, max_unpacked: int | None = None) -> Comparison:
    """Read the catalogue at ``path`` once and compare its base with the scenarios named
    (all declared: ``config.scenarios`` from okosys-plan.toml, then its Scenarier sheet).

    ``InvalidData`` when the catalogue or its Scenarier sheet has errors (the problems are
    the error's ``problems``); ``UsageError`` when no scenario is declared or a name is
    not; ``UnreadableWorkbook`` for a file that is no spreadsheet.
    """
    from okosys_plan.catalogue.load import build_catalogue
    from okosys_plan.catalogue.validate import validate
    from okosys_plan.errors import InvalidData
    from okosys_plan.prioritise.criteria_file import load_criteria_file
    from okosys_plan.run.scenario_read import chosen, merged, sheet_scenarios
    from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED, read_workbook

    criteria = load_criteria_file(config.criteria_file) if config.criteria_file else None
    raw = read_workbook(path, max_unpacked or DEFAULT_MAX_UNPACKED)
    catalogue = build_catalogue(raw, criteria.criteria if criteria else None)
    errors = list(validate(catalogue).errors)
    from_sheet, problems = sheet_scenarios(raw)
    errors += problems
    if errors:
        error = InvalidData("catalogue-not-compared", f"The catalogue has {len(errors)} "
                            "errors; nothing was compared", count=len(errors))
        error.problems = tuple(errors)  # type: ignore[attr-defined]
        raise error
    if criteria and criteria.thresholds:
        config = replace(config, thresholds=criteria.thresholds)
    return compare(catalogue, config, chosen(merged(config.scenarios, from_sheet), names),
                   top_k=top_k, raw=raw)


@dataclass(frozen=True)
class _Planned:
    """A run ranked and planned, its funding still to be analysed."""

    name: str
    scenario: Scenario | None
    config: RunConfig
    settings: RoadmapSettings
    catalogue: Catalogue
    prioritised: Prioritised
    plan: Plan
    key: str
    funding_group: Any


def _planned(name: str, scenario: Scenario | None, config: RunConfig,
             shared: _Shared) -> _Planned:
    catalogue, criteria = shared.criteria_catalogue(config, name)
    thresholds = (criteria.thresholds if criteria and criteria.thresholds
                  else config.thresholds)
    if scenario is not None and scenario.weights:
        catalogue = _weighted(catalogue, scenario)
    score_key = (config.criteria_file, tuple((c.name, c.weight) for c in catalogue.criteria),
                 thresholds, config.method)
    if score_key not in shared.ranked:
        options = PriorityOptions(config.method, thresholds, draws=0)
        shared.ranked[score_key] = prioritise(catalogue, options)
    prioritised = shared.ranked[score_key]
    parallel = scenario.max_parallel if scenario is not None else None
    settings = shared.roadmap(config, parallel)
    plan_key = (score_key, tuple(sorted(config.budgets.items())), settings.start_year,
                settings.end_year, settings.max_parallel_per_owner)
    if plan_key not in shared.plans:
        shared.plans[plan_key] = _plan(shared, score_key, catalogue, settings, prioritised,
                                       config)
    key = config.funding_keys[0] if config.funding_keys else DEFAULT_KEY
    plan = shared.plans[plan_key]
    if id(plan) not in shared.dates:  # plans that place every item alike share the funding
        shared.dates[id(plan)] = (plan, tuple((p.item.id, p.placed, p.item.start,
                                               p.item.end) for p in plan.items))
    dates = (shared.dates[id(plan)][1], settings.start_year, settings.end_year)
    group = (dates, scenario.applied if scenario else None,
             scenario.drop_sources if scenario else (),
             scenario.volume_growth if scenario else None)
    return _Planned(name, scenario, config, settings, catalogue, prioritised,
                    plan, key, group)


def _plan(shared: _Shared, score_key: Any, catalogue: Catalogue, settings: RoadmapSettings,
          prioritised: Prioritised, config: RunConfig) -> Plan:
    """``roadmap.planning.make_plan``, its items shared by plans of the same ranking."""
    from okosys_plan.roadmap.items import roadmap_items
    from okosys_plan.roadmap.planning import caps, locator
    from okosys_plan.roadmap.schedule import plan_roadmap

    items_key = (score_key, settings.start_year, settings.end_year, settings.duration_years)
    if items_key not in shared.items:
        shared.items[items_key] = roadmap_items(catalogue, settings, prioritised.ranking)
    yearly, origins = caps(catalogue, config.budgets)
    return plan_roadmap(shared.items[items_key], catalogue.costs, settings, yearly,
                        locate=locator(catalogue), cap_origins=origins)


def _funded(run: _Planned, shared: _Shared, keys: tuple[str, ...]) -> ScenarioRun:
    """The run with its funding analysis (made once per group, with every key it needs)."""
    from okosys_plan.funding.api import analyse_funding

    if run.funding_group not in shared.funded:
        _, applied, drops, growth = run.funding_group
        funded = replace(run.catalogue, funding=assumed(run.catalogue.funding, applied, drops))
        shared.funded[run.funding_group] = (funded, analyse_funding(
            funded, run.settings, run.prioritised.ranking, keys=keys, plan=run.plan,
            volume_growth=None if growth is None else growth / 100))
    funded, funding = shared.funded[run.funding_group]
    return ScenarioRun(run.name, run.scenario, run.config, run.settings, run.catalogue, funded,
                       run.prioritised, run.plan, funding, run.key)


def _weighted(catalogue: Catalogue, scenario: Scenario) -> Catalogue:
    """The catalogue with the scenario's criterion weights."""
    known = {c.name.casefold(): c.name for c in catalogue.criteria}
    weights = {}
    for name, weight in scenario.weights.items():
        if name.casefold() not in known:
            raise BadScenario(scenario.name, f"weight.{name}", msg(
                "the catalogue has no such criterion; it has {known}",
                known=", ".join(known.values())))
        weights[known[name.casefold()]] = weight
    criteria = tuple(replace(c, weight=weights.get(c.name, c.weight))
                     for c in catalogue.criteria)
    return replace(catalogue, criteria=criteria)


def assumed(lines: Sequence[FundingLine], applied: str | None,
            drops: Sequence[str] = ()) -> tuple[FundingLine, ...]:
    """Funding lines under the assumptions: applied-for ones (status Søkt) ``granted``
    (counted as Bekreftet) or ``refused`` (left out); the sources in ``drops`` left out."""
    dropped = {s.casefold() for s in drops}
    found = []
    for line in lines:
        if line.source.casefold() in dropped:
            continue
        if (line.status or "").casefold() == "søkt":
            if applied == "refused":
                continue
            if applied == "granted":
                line = replace(line, status="Bekreftet")
        found.append(line)
    return tuple(found)
