"""Rank a catalogue on several assessors' grades: aggregate, rank, and say where they differ.

The aggregate grades replace the Behov sheet's scores for every need some assessor graded
(a need no assessor graded keeps the sheet's scores, so a round on a subset of needs
ranks the rest as before); a criterion without a Behov column counts when assessors
graded it. The ranking's stability run draws assessor panels besides weights
(``assess.resample``), and the discussion list and the outliers are worked out on the
ranking (``assess.discuss``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from okosys_plan.assess.aggregate import aggregate, grade_array
from okosys_plan.assess.discuss import discussion, outliers
from okosys_plan.assess.model import AggregateRule, Agreement, Assessments, Cell
from okosys_plan.assess.resample import resampler
from okosys_plan.catalogue.model import Catalogue, Need
from okosys_plan.prioritise.api import Prioritised, PriorityOptions, prioritise
from okosys_plan.prioritise.sensitivity import Panels, default_top_k


@dataclass(frozen=True)
class Assessed:
    """The ranking on the aggregate grades, and what the assessments add up to."""

    prioritised: Prioritised
    agreement: Agreement
    catalogue: Catalogue  # the catalogue with the aggregate grades as its scores


def assess(catalogue: Catalogue, assessments: Assessments,
           options: PriorityOptions | None = None,
           rule: AggregateRule = AggregateRule.MEDIAN, *,
           on_block: Callable[[int, int], None] | None = None) -> Assessed:
    """Aggregate ``assessments``, rank on the result, find the discussion list and outliers."""
    options = options or PriorityOptions()
    needs = [need.id for need in catalogue.needs]
    criteria = catalogue.criteria
    grades = grade_array(assessments, needs, criteria)
    agreement = aggregate(assessments, needs, criteria, rule, grades)
    graded = replace(catalogue, needs=tuple(_graded(n, agreement.cells[n.id])
                                            for n in catalogue.needs),
                     missing_criteria=tuple(
                         name for name in catalogue.missing_criteria
                         if not any(row[name].count for row in agreement.cells.values())))
    # The panels are drawn from the assessors in name order, so the order the files were
    # given in changes no draw.
    names = assessments.names
    canonical = sorted(range(len(names)), key=lambda a: (names[a].casefold(), names[a]))
    at = {need: i for i, need in enumerate(needs)}
    used = [criteria.index(c) for c in graded.scored_criteria]

    def panels(order: Sequence[str]) -> Panels:
        ordered = grades[canonical][:, [at[need] for need in order]][:, :, used]
        return resampler(ordered, graded.scored_criteria, rule)

    prioritised = prioritise(graded, options, on_block=on_block,
                             panels=panels if len(assessments.assessments) > 1 else None)
    ranking = prioritised.ranking
    ordered = grades[:, [at[s.id] for s in ranking.needs]][:, :, used]
    top_k = prioritised.sensitivity.top_k if prioritised.sensitivity else default_top_k(ranking)
    agreement = replace(agreement,
                        discussion=discussion(agreement, ranking, ordered, top_k),
                        outliers=outliers(agreement, grades[:, :, used],
                                          graded.scored_criteria))
    return Assessed(prioritised, agreement, graded)


def _graded(need: Need, cells: Mapping[str, Cell]) -> Need:
    """``need`` with the aggregate grades as its scores, if any assessor graded it."""
    if not any(cell.count for cell in cells.values()):
        return need
    return replace(need, scores={name: cell.aggregate for name, cell in cells.items()})


def agreement_document(agreement: Agreement) -> dict[str, Any]:
    """The assessments' outcome as a JSON-ready dict (``score --json``, ``run --json``)."""
    return {
        "aggregate": agreement.rule.value,
        "assessors": [{"name": a.name, "agency": a.agency, "file": a.file}
                      for a in agreement.assessors],
        "cells": [cell_document(cell) for row in agreement.cells.values()
                  for cell in row.values()],
        "discussion": [{"id": d.need, "title": d.title, "rank": d.rank,
                        "changes": list(d.changes), "low_score": d.low_score,
                        "score": d.score, "high_score": d.high_score, "stake": d.stake,
                        "criteria": list(d.criteria),
                        "comments": [{"assessor": a, "comment": c} for a, c in d.comments]}
                       for d in agreement.discussion],
        "outliers": [{"assessor": o.assessor, "far": o.far, "scored": o.scored,
                      "distance": o.distance} for o in agreement.outliers],
    }


def cell_document(cell: Cell) -> dict[str, Any]:
    """One need and criterion's cell as a JSON-ready dict."""
    return {"id": cell.need, "criterion": cell.criterion, "count": cell.count,
            "aggregate": cell.aggregate, "min": cell.low, "max": cell.high, "iqr": cell.iqr,
            "agreement": cell.level.value if cell.level else None,
            "grades": list(cell.grades)}
