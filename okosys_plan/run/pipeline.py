"""The whole job as one library call: validate → prioritise → plan → roadmap → funding.

``run_pipeline`` returns every intermediate result; ``run`` writes them to files and
``report`` turns them into HTML. Progress is reported through a callback, so the library
never prints. Today is a parameter (``as_of``), never read here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan import __version__
from okosys_plan.assess.options import AGGREGATE
from okosys_plan.catalogue.check import Checked, check_file_raw
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.prioritise.api import Prioritised, PriorityOptions, prioritise
from okosys_plan.prioritise.options import RUN_DRAWS, SEED
from okosys_plan.prioritise.scoring import DEFAULT_METHOD, Method, Thresholds
from okosys_plan.roadmap.options import COLOUR_BY, GROUP_BY
from okosys_plan.roadmap.schedule import Plan
from okosys_plan.roadmap.settings import RoadmapSettings
from okosys_plan.run.options import LANG
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED

Progress = Callable[[str], None]


def quiet(_step: str) -> None:
    """The progress callback that says nothing."""
    return None


@dataclass(frozen=True)
class RunConfig:
    """Every setting of the whole job (okosys-plan.toml, then the command line)."""

    lang: str = LANG.default
    method: Method = DEFAULT_METHOD
    criteria_file: Path | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    draws: int = RUN_DRAWS.default
    seed: int = SEED.default
    roadmap_file: Path | None = None
    first_year: int | None = None
    last_year: int | None = None
    budgets: dict[int, float] = field(default_factory=dict)
    group_by: str = GROUP_BY.default
    colour_by: str = COLOUR_BY.default
    palette: dict[str, str] = field(default_factory=dict)
    funding_keys: tuple[str, ...] = ()
    max_unpacked: int = DEFAULT_MAX_UNPACKED
    #: Assessment workbooks or folders of them (several assessors); none: the sheet's scores.
    assessments: tuple[Path, ...] = ()
    aggregate: str = AGGREGATE.default
    #: The scenarios of okosys-plan.toml (``run.scenario.Scenario``), for ``compare``.
    scenarios: tuple[Any, ...] = ()
    #: The adopted baseline (``roadmap.baseline_file``) to measure slippage against.
    baseline: Path | None = None
    #: The deck's PowerPoint template (``[deck] template``); none: the default 16:9 look.
    deck_template: Path | None = None

    def document(self) -> dict[str, Any]:
        """The settings as recorded in every output's audit record."""
        return {
            "lang": self.lang, "method": self.method.value,
            "criteria_file": str(self.criteria_file) if self.criteria_file else None,
            "thresholds": {"high": self.thresholds.high, "medium": self.thresholds.medium},
            "draws": self.draws, "seed": self.seed,
            "roadmap_file": str(self.roadmap_file) if self.roadmap_file else None,
            "horizon": [self.first_year, self.last_year],
            "budgets": {str(k): v for k, v in sorted(self.budgets.items())},
            "group_by": self.group_by, "colour_by": self.colour_by,
            "palette": dict(sorted(self.palette.items())),
            "funding_keys": list(self.funding_keys),
            # The files read are named in the audit (by name, with their SHA-256), as the
            # catalogue is: the same wherever the files lie (a checkout, an installed wheel).
            **({"aggregate": self.aggregate} if self.assessments else {}),
            **({"baseline": self.baseline.name} if self.baseline else {}),
            **({"deck_template": self.deck_template.name} if self.deck_template else {}),
        }


@dataclass(frozen=True)
class Audit:
    """Where an output came from: the input's SHA-256, the version, settings, as-of date."""

    input_name: str
    input_sha256: str
    version: str
    as_of: date
    settings: dict[str, Any]
    #: Each assessment read: (file name, SHA-256), in the order read.
    assessments: tuple[tuple[str, str], ...] = ()

    def document(self) -> dict[str, Any]:
        """The audit record as a JSON-ready dict."""
        found = {"input": self.input_name, "input_sha256": self.input_sha256,
                 "okosys_plan": self.version, "as_of": self.as_of.isoformat(),
                 "settings": self.settings}
        if self.assessments:
            found["assessments_sha256"] = dict(self.assessments)
        return found


@dataclass(frozen=True)
class Results:
    """What the whole job found; later steps are None when the input was invalid."""

    path: Path
    audit: Audit
    checked: Checked
    settings: RoadmapSettings | None = None
    prioritised: Prioritised | None = None
    plan: Plan | None = None
    funding: Any = None
    #: The assessors' combined scores (``assess.model.Agreement``) when assessments were given.
    agreement: Any = None
    #: The assessments read (``assess.model.Assessments``), with their problems.
    assessments: Any = None
    #: The base and every declared scenario side by side (``run.compare.Comparison``), when
    #: okosys-plan.toml or the workbook's Scenarier sheet declares any.
    comparison: Any = None
    #: The adopted baseline (``roadmap.baseline.Baseline``) and the plan's slippage against
    #: it (``roadmap.baseline.Slip``, largest first), when ``RunConfig.baseline`` is given.
    baseline: Any = None
    status: Any = None
    #: The service chains (``chains.model.ServiceChains``): maps with their breaks' state,
    #: readiness and the event catalogue, when the catalogue has a Tjenestekjeder sheet.
    chains: Any = None


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_pipeline(path: Path, config: RunConfig, as_of: date, *, keep_going: bool = False,
                 progress: Progress = quiet,
                 on_block: Callable[[int, int], None] | None = None) -> Results:
    """Validate, then (if valid, or ``keep_going``) prioritise, plan and analyse funding."""
    from okosys_plan.prioritise.criteria_file import load_criteria_file
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.settings import roadmap_settings

    progress("validate")
    criteria = load_criteria_file(config.criteria_file) if config.criteria_file else None
    thresholds = (criteria.thresholds if criteria and criteria.thresholds else
                  config.thresholds)
    checked, raw = check_file_raw(path, config.max_unpacked,
                                  criteria.criteria if criteria else None)
    from_sheet = _sheet_scenarios(raw, checked)
    checked = from_sheet.checked
    audit = Audit(path.name, sha256(path) if path.is_file() else "", __version__, as_of,
                  config.document())
    results = Results(path, audit, checked)
    if checked.catalogue is None or checked.report is None:
        return results
    if not checked.report.valid and not keep_going:
        return results
    settings = roadmap_settings(config.roadmap_file, config.first_year, config.last_year)
    if config.palette:
        settings = replace(settings, palette={**settings.palette, **config.palette})
    progress("prioritise")
    options = PriorityOptions(config.method, thresholds, config.draws, config.seed)
    catalogue = checked.catalogue
    if config.assessments:
        from okosys_plan.assess.read import assessment_files

        files = assessment_files(config.assessments)
        results = replace(results, audit=replace(audit, assessments=tuple(
            (p.name, sha256(p)) for p in files if p.is_file())))
        ranked = _assessed(catalogue, files, options, config, keep_going, on_block)
        if ranked.prioritised is None:
            return replace(results, assessments=ranked.assessments)
        catalogue, prioritised = ranked.catalogue, ranked.prioritised
        checked = replace(checked, catalogue=catalogue)
        results = replace(results, checked=checked, agreement=ranked.agreement,
                          assessments=ranked.assessments)
    else:
        prioritised = prioritise(catalogue, options, on_block=on_block)
    progress("plan")
    plan = make_plan(catalogue, settings, prioritised.ranking, budgets=config.budgets)
    progress("funding")
    funding = _funding(checked, settings, prioritised, config, plan)
    comparison = None
    if config.scenarios or from_sheet.scenarios:
        from okosys_plan.run.compare import compare
        from okosys_plan.run.scenario_read import merged

        progress("scenarios")
        comparison = compare(catalogue, config, merged(config.scenarios, from_sheet.scenarios),
                             raw=raw)
    from okosys_plan.chains.api import service_chains

    results = replace(results, settings=settings, prioritised=prioritised, plan=plan,
                      funding=funding, comparison=comparison,
                      chains=service_chains(catalogue, prioritised.ranking, plan, funding))
    return _against_baseline(results, config, plan)


@dataclass(frozen=True)
class _FromSheet:
    """The Scenarier sheet's scenarios, and the check with its problems added."""

    checked: Checked
    scenarios: tuple[Any, ...] = ()


def _sheet_scenarios(raw: Any, checked: Checked) -> _FromSheet:
    """The workbook's Scenarier sheet read; its problems join the catalogue's (errors stop
    the run as any sheet's do)."""
    if raw is None or checked.report is None:
        return _FromSheet(checked)
    from okosys_plan.run.scenario_read import sheet_scenarios

    scenarios, problems = sheet_scenarios(raw)
    if problems:
        report = replace(checked.report, problems=(*checked.report.problems, *problems))
        checked = replace(checked, report=report)
    return _FromSheet(checked, tuple(scenarios))


def _against_baseline(results: Results, config: RunConfig, plan: Plan) -> Results:
    """The results with the slippage against the adopted baseline (unchanged without one)."""
    from okosys_plan.roadmap.baseline import catalogue_baseline, slippage
    from okosys_plan.roadmap.baseline_file import read_baseline

    catalogue = results.checked.catalogue
    assert results.settings is not None and catalogue is not None
    adopted = (read_baseline(config.baseline) if config.baseline is not None
               else catalogue_baseline(catalogue, results.settings.first_day))
    if adopted is None:
        return results
    return replace(results, baseline=adopted, status=slippage(adopted, plan))


@dataclass(frozen=True)
class _Ranked:
    """The ranking on several assessors' grades (None when the assessments have errors)."""

    catalogue: Catalogue
    prioritised: Prioritised | None
    agreement: Any
    assessments: Any


def _assessed(catalogue: Catalogue, files: list[Path], options: PriorityOptions,
              config: RunConfig, keep_going: bool,
              on_block: Callable[[int, int], None] | None) -> _Ranked:
    """Read the assessments and rank on them; errors stop here unless ``keep_going``."""
    from okosys_plan.assess.api import assess
    from okosys_plan.assess.model import AggregateRule
    from okosys_plan.assess.read import read_assessments

    assessments = read_assessments(files, [n.id for n in catalogue.needs],
                                   catalogue.criteria, config.max_unpacked)
    if any(p.is_error for p in assessments.problems) and not keep_going:
        return _Ranked(catalogue, None, None, assessments)
    done = assess(catalogue, assessments, options, AggregateRule(config.aggregate),
                  on_block=on_block)
    return _Ranked(done.catalogue, done.prioritised, done.agreement, assessments)


def _funding(checked: Checked, settings: RoadmapSettings, prioritised: Prioritised,
             config: RunConfig, plan: Plan) -> Any:
    """The funding analysis of the catalogue under the roadmap's horizon."""
    from okosys_plan.funding.allocate import KEYS
    from okosys_plan.funding.api import analyse_funding

    assert checked.catalogue is not None
    return analyse_funding(checked.catalogue, settings, prioritised.ranking,
                           keys=config.funding_keys or KEYS, plan=plan)
