"""The priority list as a library call: rank a catalogue, optionally stress-test it.

``prioritise(catalogue, options)`` returns the ranking and sensitivity; ``priority_document``
turns them into the JSON document the CLI prints (``okosys-plan score --json``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from okosys_plan.catalogue.model import Catalogue, Problem
from okosys_plan.catalogue.present import problem_dict
from okosys_plan.prioritise.explain import need_document
from okosys_plan.prioritise.options import SCORE_DRAWS, SEED
from okosys_plan.prioritise.scoring import DEFAULT_METHOD, Method, Ranking, Thresholds, score_needs
from okosys_plan.prioritise.sensitivity import Panels, Sensitivity, sensitivity


@dataclass(frozen=True)
class PriorityOptions:
    """How to rank: the method, class thresholds, and the sensitivity run (0 draws: none)."""

    method: Method = DEFAULT_METHOD
    thresholds: Thresholds = field(default_factory=Thresholds)
    draws: int = SCORE_DRAWS.default
    seed: int = SEED.default
    concentration: float | None = None
    top_k: int | None = None


@dataclass(frozen=True)
class Prioritised:
    """A ranking, and how stable it is when a sensitivity run was asked for."""

    ranking: Ranking
    sensitivity: Sensitivity | None = None


def prioritise(catalogue: Catalogue, options: PriorityOptions | None = None, *,
               on_block: Callable[[int, int], None] | None = None,
               panels: Callable[[Sequence[str]], Panels] | None = None) -> Prioritised:
    """Score and rank a catalogue's needs on the criteria it has columns for.

    ``on_block(done, total)`` reports the sensitivity run's progress. ``panels``, given the
    need IDs in rank order, draws assessor panels' grades for the sensitivity run (several
    assessors: ``assess.resample``).
    """
    options = options or PriorityOptions()
    ranking = score_needs(catalogue.needs, catalogue.scored_criteria, options.method,
                          options.thresholds)
    stability = None
    if options.draws > 0 and ranking.needs:
        stability = sensitivity(ranking, options.draws, options.seed,
                                concentration=options.concentration, top_k=options.top_k,
                                on_block=on_block,
                                panels=panels([s.id for s in ranking.needs]) if panels else None)
    return Prioritised(ranking, stability)


def priority_document(result: Prioritised, problems: Sequence[Problem] = (),
                      lang: str = "nb") -> dict[str, Any]:
    """The priority list as a JSON-ready dict (what ``score --json`` prints).

    ``problems`` are the catalogue's validation problems; its warnings are included.
    """
    ranking, stability = result.ranking, result.sensitivity
    needs = [need_document(s) for s in ranking.needs]
    if stability is not None:
        for entry in needs:
            entry["stability"] = _stability(stability, entry["id"])
    document: dict[str, Any] = {
        "method": ranking.method.value,
        "thresholds": {"high": ranking.thresholds.high, "medium": ranking.thresholds.medium},
        "criteria": [{"name": c.name, "weight": c.weight, "direction": c.direction.value,
                      "min": c.scale_min, "max": c.scale_max} for c in ranking.criteria],
        "needs": needs,
    }
    if stability is not None:
        document["sensitivity"] = sensitivity_document(stability)
    document["warnings"] = [problem_dict(p, lang) for p in problems if not p.is_error]
    return document


def _stability(result: Sensitivity, need_id: str) -> dict[str, Any]:
    s = result.stability[need_id]
    return {"median_rank": s.median_rank, "rank_p05": s.rank_p05, "rank_p95": s.rank_p95,
            "p_top_k": s.p_top_k, "uncertain": s.uncertain}


def sensitivity_document(result: Sensitivity) -> dict[str, Any]:
    """The settings and one-at-a-time findings of a sensitivity run as a dict."""
    return {
        "draws": result.draws,
        "seed": result.seed,
        "concentration": result.concentration,
        "top_k": result.top_k,
        "uncertain": list(result.uncertain()),
        "weight_changes": [{"criterion": c.criterion, "factor": c.factor,
                            "entered": list(c.entered), "left": list(c.left)}
                           for c in result.changes],
    }
