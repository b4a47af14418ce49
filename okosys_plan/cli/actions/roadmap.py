"""The ``plan`` and ``roadmap`` commands as library calls returning an ``Outcome``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan.bundled import bundled_settings
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.actions.prioritise import ScoreRequest, load_ranked
from okosys_plan.cli.outcome import Outcome
from okosys_plan.prioritise.api import PriorityOptions
from okosys_plan.prioritise.scoring import PriorityClass
from okosys_plan.roadmap.options import COLOUR_BY, GROUP_BY
from okosys_plan.roadmap.settings import (
    RoadmapSettings,
    default_chart,
    roadmap_settings,
)


@dataclass(frozen=True)
class PlanRequest:
    """What ``plan`` was asked to do."""

    settings: Path | None = None
    first: int | None = None
    last: int | None = None
    budgets: Mapping[int, float] = field(default_factory=dict)
    needs: bool = False
    lowest: PriorityClass | None = None
    max_parallel: int | None = None
    output: Path | None = None
    score: ScoreRequest = field(default_factory=ScoreRequest)
    save_baseline: Path | None = None  # write the plan as the adopted baseline (JSON)
    baseline: Path | None = None  # measure slippage against this baseline


def plan_file(path: Path, options: PriorityOptions, request: PlanRequest) -> Outcome:
    """Schedule a catalogue's undated measures; optionally write the plan workbook."""
    from dataclasses import replace

    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.present import plan_document, plan_tables, plan_text

    inputs = tuple(p for p in (path, request.settings or bundled_settings(),
                               request.score.criteria_file) if p is not None)
    inputs += tuple(p for p in (request.baseline,) if p is not None)
    targets = [p for p in (request.output, request.save_baseline) if p is not None]
    if targets:
        from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix

        if request.output is not None:
            check_suffix(request.output, WORKBOOK)
        if request.save_baseline is not None:
            check_suffix(request.save_baseline, (".json",))
        check_outputs(targets, force=request.score.force, inputs=inputs)
    adopted = _read_baseline(request.baseline)
    settings = roadmap_settings(request.settings, request.first, request.last)
    if request.max_parallel is not None:
        settings = replace(settings, max_parallel_per_owner=request.max_parallel)
    loaded = load_ranked(path, request.score, options)
    if isinstance(loaded, Outcome):
        return loaded
    catalogue, ranking = loaded
    lang = request.score.lang
    plan = make_plan(catalogue, settings, ranking, budgets=request.budgets,
                     needs=request.needs, lowest=request.lowest)
    adopted = adopted or _sheet_baseline(catalogue, settings)
    written = []
    status = _status(adopted, plan, lang)
    if request.output is not None:
        from okosys_plan.export.sheets import write_sheets

        tables = plan_tables(plan, lang) + ([status[2]] if status else [])
        write_sheets(request.output, tables, force=request.score.force, inputs=inputs)
        written.append(request.output)
    if request.save_baseline is not None:
        from okosys_plan.roadmap.baseline import baseline_of
        from okosys_plan.roadmap.baseline_file import write_baseline

        write_baseline(request.save_baseline, baseline_of(plan, source=catalogue.source),
                       force=request.score.force, inputs=inputs)
        written.append(request.save_baseline)
    document = plan_document(plan, lang)
    if status:
        document["baseline_status"] = status[1]
    document["files"] = [str(p) for p in written]
    text = plan_text(plan, lang) + (f"\n\n{status[0]}" if status else "")
    other = [w for w in plan.warnings if w.code != "not-placed"]
    if other:
        text += "\n\n" + problems_table(other, lang)
    return Outcome(text, document, stderr=[str(p) for p in written])


def _read_baseline(path: Path | None) -> Any:
    """The baseline file read and checked (None without one)."""
    if path is None:
        return None
    from okosys_plan.roadmap.baseline_file import read_baseline

    return read_baseline(path)


def _sheet_baseline(catalogue: Any, settings: RoadmapSettings) -> Any:
    """The catalogue's Vedtatt sheet as the baseline (None without one)."""
    from okosys_plan.roadmap.baseline import catalogue_baseline

    return catalogue_baseline(catalogue, settings.first_day)


def _status(adopted: Any, plan: Any, lang: str
            ) -> tuple[str, dict[str, Any], tuple[str, list[str], list[list[Any]]]] | None:
    """The status against the baseline: terminal text, JSON and the sheet (None without)."""
    if adopted is None:
        return None
    from okosys_plan.roadmap.baseline import slippage
    from okosys_plan.roadmap.baseline_present import status_document, status_table, status_text

    slips = slippage(adopted, plan)
    return (status_text(slips, lang), status_document(adopted, slips, lang),
            status_table(slips, lang))


def reference_of(adopted: Any, plan: Any, lang: str) -> Any:
    """The chart's reference from a baseline: adopted periods, dropped items as ghosts."""
    from okosys_plan.charts.roadmap.reference import baseline_reference
    from okosys_plan.text.say import say

    return baseline_reference(adopted, plan.placed_items(), say(lang, "Adopted Veikart"))


@dataclass(frozen=True)
class RoadmapRequest:
    """What ``roadmap`` was asked to draw."""

    as_of: date
    outputs: tuple[Path, ...] = ()
    group_by: str = GROUP_BY.default
    colour_by: str = COLOUR_BY.default
    planned: bool = False
    settings: Path | None = None
    first: int | None = None
    last: int | None = None
    as_json: bool = False
    score: ScoreRequest = field(default_factory=ScoreRequest)
    baseline: Path | None = None  # draw the adopted periods as ghosts (implies planned)


def roadmap_file(path: Path, options: PriorityOptions, request: RoadmapRequest) -> Outcome:
    """Draw the roadmap (dated items, or with ``planned`` the plan's) and its text version."""
    from okosys_plan.charts.roadmap.document import roadmap_document
    from okosys_plan.charts.roadmap.layout import layout_roadmap
    from okosys_plan.roadmap.planning import make_plan

    if request.outputs:  # every name checked (suffix, input, existing) before any work
        from okosys_plan.charts.roadmap.save import roadmap_targets
        from okosys_plan.export.files import check_outputs

        check_outputs(roadmap_targets(request.outputs), force=request.score.force,
                      inputs=(path, request.settings or bundled_settings(), request.baseline))
    adopted = _read_baseline(request.baseline)
    settings = roadmap_settings(request.settings, request.first, request.last)
    loaded = load_ranked(path, request.score, options)
    if isinstance(loaded, Outcome):
        return loaded
    catalogue, ranking = loaded
    lang = request.score.lang
    plan = make_plan(catalogue, settings, ranking)
    adopted = adopted or _sheet_baseline(catalogue, settings)
    planned = request.planned or adopted is not None  # a baseline is a whole plan
    items = plan.placed_items() if planned else tuple(p.item for p in plan.items if p.fixed)
    warnings = [w for w in plan.warnings if planned or w.code != "not-placed"]
    layout = layout_roadmap(items, settings, as_of=request.as_of, group_by=request.group_by,
                            colour_by=request.colour_by, source_name=catalogue.source,
                            lang=lang, reference=None if adopted is None
                            else reference_of(adopted, plan, lang))
    written = _write_roadmap(path, layout, request, settings)
    document = roadmap_document(layout)
    document["warnings"] = [problem_dict(w, lang) for w in warnings]
    document["files"] = [str(p) for p in written]
    status = _status(adopted, plan, lang)
    if status:
        document["baseline_status"] = status[1]
    text = "\n".join([*(status[:1] if status else []), *(str(p) for p in written)])
    if warnings:
        text = problems_table(warnings, lang) + ("\n\n" + text if text else "")
    return Outcome(text, document)


def _write_roadmap(path: Path, layout: Any, request: RoadmapRequest,
                   settings: RoadmapSettings) -> list[Path]:
    from okosys_plan.charts.roadmap.save import write_roadmap_charts

    outputs = request.outputs or (() if request.as_json else (default_chart(settings),))
    if not outputs:
        return []
    return write_roadmap_charts(outputs, layout, force=request.score.force,
                                inputs=(path, request.settings or bundled_settings()))
