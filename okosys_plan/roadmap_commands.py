"""The ``plan`` and ``roadmap`` commands as library calls returning an ``Outcome``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from okosys_plan.commands import Outcome
from okosys_plan.present import problems_table
from okosys_plan.prioritise import PriorityOptions, prioritise
from okosys_plan.priority_commands import ScoreRequest, load_for_scoring, stopped
from okosys_plan.roadmap.settings import RoadmapSettings, load_settings
from okosys_plan.scoring import PriorityClass

BUNDLED_SETTINGS = Path("roadmap") / "veikart.toml"


def bundled_settings() -> Path:
    """The bundled roadmap settings: in the working directory, else beside the package."""
    if BUNDLED_SETTINGS.exists():
        return BUNDLED_SETTINGS
    beside = Path(__file__).resolve().parents[1] / BUNDLED_SETTINGS
    return beside if beside.exists() else BUNDLED_SETTINGS


def roadmap_settings(path: Path | None, first: int | None = None,
                     last: int | None = None) -> RoadmapSettings:
    """Settings from ``path`` (or the bundled file), with the horizon overridden if asked."""
    return load_settings(path or bundled_settings()).with_horizon(first, last)


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


def plan_file(path: Path, options: PriorityOptions, request: PlanRequest) -> Outcome:
    """Schedule a catalogue's undated measures; optionally write the plan workbook."""
    from dataclasses import replace

    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.present import plan_document, plan_tables, plan_text

    settings = roadmap_settings(request.settings, request.first, request.last)
    if request.max_parallel is not None:
        settings = replace(settings, max_parallel_per_owner=request.max_parallel)
    checked, options = load_for_scoring(path, request.score, options)
    lang = request.score.lang
    halted = stopped(checked, lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None
    ranking = prioritise(checked.catalogue, options).ranking
    plan = make_plan(checked.catalogue, settings, ranking, budgets=request.budgets,
                     needs=request.needs, lowest=request.lowest)
    written = []
    if request.output is not None:
        from okosys_plan.export.sheets import write_sheets

        write_sheets(request.output, plan_tables(plan, lang), force=request.score.force,
                     inputs=(path,))
        written.append(request.output)
    document = plan_document(plan, lang)
    document["files"] = [str(p) for p in written]
    text = plan_text(plan, lang)
    other = [w for w in plan.warnings if w.code != "not-placed"]
    if other:
        text += "\n\n" + problems_table(other, lang)
    return Outcome(text, document, stderr=[str(p) for p in written])
