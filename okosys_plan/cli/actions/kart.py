"""The ``kart`` command as a library call returning an ``Outcome``: service-chain maps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan.bundled import bundled_settings
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.actions.prioritise import ScoreRequest, load_for_scoring
from okosys_plan.cli.outcome import Outcome, stopped
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.api import PriorityOptions
from okosys_plan.text.later import Alternatives


@dataclass(frozen=True)
class MapRequest:
    """What ``kart`` was asked to draw."""

    as_of: date
    chain: str | None = None
    outputs: tuple[Path, ...] = ()
    as_json: bool = False
    score: ScoreRequest = field(default_factory=ScoreRequest)


def map_file(path: Path, request: MapRequest) -> Outcome:
    """Draw every chain of the catalogue (or the one asked for) with its text version."""
    from okosys_plan.charts.chains.document import chain_document
    from okosys_plan.charts.chains.layout import layout_chain
    from okosys_plan.charts.chains.save import (
        DEFAULT_NAME,
        check_chain_targets,
        write_chain_charts,
    )
    from okosys_plan.charts.chains.text_alternative import summary
    from okosys_plan.charts.save import chart_format

    for output in request.outputs:  # a bad suffix stops before anything is read
        chart_format(output)
    loaded = _load(path, request.score)
    if isinstance(loaded, Outcome):
        return loaded
    catalogue, ranking, warnings = loaded  # the plan's own warnings are plan's to say
    lang = request.score.lang
    chains = _linked(catalogue, ranking)
    if chains is None:
        raise UsageError.bad_option(
            "{path} has no service chains (no Tjenestekjeder sheet, or an empty one): add the "
            "sheet (okosys-plan template writes a workbook with it; docs/tjenestekjeder.md)",
            path=path)
    maps = _chosen(chains, request.chain)
    outputs = request.outputs or (() if request.as_json else (DEFAULT_NAME,))
    targets = (check_chain_targets(outputs, maps, force=request.score.force,
                                   inputs=(path, bundled_settings())) if outputs else [])
    layouts = [layout_chain(m, as_of=request.as_of, source_name=catalogue.source, lang=lang)
               for m in maps]
    written = [p for t, layout in zip(targets, layouts, strict=False)
               for p in write_chain_charts(t, layout)]
    document: dict[str, Any] = {
        "valid": True, "files": [str(p) for p in written],
        "chains": [chain_document(layout) for layout in layouts],
        "warnings": [problem_dict(w, lang) for w in warnings]}
    text = "\n".join([*(summary(m, lang) for m in maps), *(str(p) for p in written)])
    if warnings:
        text = problems_table(warnings, lang) + "\n\n" + text
    return Outcome(text, document)


def _load(path: Path, request: ScoreRequest) -> Outcome | tuple[Any, Any, list[Any]]:
    """The valid catalogue, its ranking and the warnings on its Tjenestekjeder sheet (a
    break nobody has proposed to fix …), or the outcome that stops the command."""
    from okosys_plan.catalogue.schema import CHAINS
    from okosys_plan.prioritise.api import prioritise

    checked, options = load_for_scoring(path, request, PriorityOptions())
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None and checked.report is not None
    names = {name.casefold() for name in CHAINS.names}
    warnings = [w for w in checked.report.warnings if (w.sheet or "").casefold() in names]
    return checked.catalogue, prioritise(checked.catalogue, options).ranking, warnings


def _linked(catalogue: Any, ranking: Any) -> Any:
    """The catalogue's chains linked to priority, plan and funding (None without any)."""
    from okosys_plan.chains.api import service_chains
    from okosys_plan.funding.api import analyse_funding
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.settings import roadmap_settings

    if not catalogue.chain_elements:
        return None
    settings = roadmap_settings(None)
    plan = make_plan(catalogue, settings, ranking)
    funding = analyse_funding(catalogue, settings, ranking, plan=plan)
    return service_chains(catalogue, ranking, plan, funding)


def _chosen(chains: Any, name: str | None) -> list[Any]:
    """Every chain, or the one named (exit 2 listing the chains when there is none)."""
    if name is None:
        return list(chains.maps)
    found = chains.chain(name)
    if found is None:
        raise UsageError.bad_option("no chain is called '{name}'; choose {chains}",
                                    name=name,
                                    chains=Alternatives(tuple(m.name for m in chains.maps)))
    return [found]
