"""``score --assessments``: rank on several assessors' grades, as a library call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okosys_plan.assess.api import Assessed, agreement_document, assess, cell_document
from okosys_plan.assess.model import AggregateRule, Agreement, Assessments
from okosys_plan.assess.read import assessment_files, read_assessments
from okosys_plan.catalogue.model import Catalogue, Problem
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.outcome import Outcome
from okosys_plan.cli.stop import EXIT_INVALID
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.api import PriorityOptions
from okosys_plan.text.errors import error_text
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_n


def read_for(catalogue: Catalogue, paths: Sequence[Path], max_unpacked: int) -> Assessments:
    """The assessments in ``paths`` (files, or folders of them) for ``catalogue``."""
    return read_assessments(assessment_files(paths), [n.id for n in catalogue.needs],
                            catalogue.criteria, max_unpacked)


def refused(assessments: Assessments, lang: str) -> Outcome | None:
    """Exit 1 with every problem when an assessment has errors, else None."""
    errors = [p for p in assessments.problems if p.is_error]
    if not errors:
        return None
    problems = assessments.problems
    document = {"valid": False, "problems": [_problem(p, lang) for p in problems]}
    error = UsageError("invalid-assessments", f"The assessments have {len(errors)} errors; "
                       "nothing was scored", count=len(errors))
    return Outcome(problems_text(problems, lang), document, EXIT_INVALID,
                   [f"okosys-plan: {error_text(error, lang)}"])


def _problem(problem: Problem, lang: str) -> dict[str, Any]:
    """A problem as JSON, with the file it is in (there are several)."""
    return {"file": problem.file, **problem_dict(problem, lang)}


def problems_text(problems: Sequence[Problem], lang: str) -> str:
    """The problems file by file, each file's as ``validate`` shows a catalogue's."""
    files: dict[str | None, list[Problem]] = {}
    for problem in problems:
        files.setdefault(problem.file, []).append(problem)
    return "\n\n".join(f"== {file}\n{problems_table(group, lang)}"
                       for file, group in files.items())


def assessed(catalogue: Catalogue, assessments: Assessments, options: PriorityOptions,
             rule: str) -> Assessed:
    """The ranking on the aggregate grades (``rule``: median, mean or trimmed)."""
    return assess(catalogue, assessments, options, AggregateRule(rule))


def summary(agreement: Agreement, problems: Sequence[Problem], lang: str) -> list[str]:
    """A few lines for the terminal: who assessed, how much disagreement, what to discuss."""
    cells = [c for row in agreement.cells.values() for c in row.values() if c.level]
    low = sum(1 for c in cells if c.level is not None and c.level.value == "low")
    count = len(agreement.assessors)
    lines = [say_n(lang, "{count} assessor ({rule}); low agreement in {low} of {cells} "
                         "need × criterion cells",
                   "{count} assessors ({rule}); low agreement in {low} of {cells} "
                   "need × criterion cells", count,
                   count=count, rule=say(lang, agreement.rule.value),
                   low=number(low, lang, 0), cells=number(len(cells), lang, 0))]
    if agreement.discussion:
        lines.append(say_n(lang, "To discuss: {count} need whose class or top K the spread "
                                 "of opinions could change: {ids}",
                           "To discuss: {count} needs whose class or top K the spread of "
                           "opinions could change: {ids}", len(agreement.discussion),
                           count=len(agreement.discussion),
                           ids=", ".join(d.need for d in agreement.discussion[:10])))
    for outlier in agreement.outliers:
        lines.append(say(lang, "{assessor} is far from the others on {far} of {scored} needs",
                         assessor=outlier.assessor, far=outlier.far, scored=outlier.scored))
    warnings = sum(1 for p in problems if not p.is_error)
    if warnings:
        lines.append(say_n(lang, "{count} warning in the assessments",
                           "{count} warnings in the assessments", warnings, count=warnings))
    return lines


def document(agreement: Agreement, problems: Sequence[Problem], lang: str) -> dict[str, Any]:
    """The agreement, with the assessments' problems, for ``--json``."""
    return {**agreement_document(agreement),
            "problems": [_problem(p, lang) for p in problems]}


#: Each agreement level as said beside a criterion (English: the message ids).
_LEVELS = {"high": "high agreement", "medium": "medium agreement", "low": "low agreement"}


def need_agreement(agreement: Agreement, need: str, lang: str) -> tuple[str, dict[str, Any]]:
    """What the members gave one need, criterion by criterion: text and JSON."""
    cells = agreement.cells.get(need, {})
    lines = [say(lang, "The assessors' grades ({rule}):", rule=say(lang, agreement.rule.value))]
    for name, cell in cells.items():
        if not cell.count:
            lines.append(say(lang, "  {criterion}: not graded", criterion=name))
            continue
        level = say(lang, _LEVELS[cell.level.value] if cell.level else "one grade")
        lines.append(say(lang, "  {criterion}: {aggregate} (from {low} to {high}, "
                               "{count} assessors; {level})", criterion=name,
                         aggregate=number(cell.aggregate or 0.0, lang),
                         low=cell.low, high=cell.high, count=cell.count, level=level))
    low = agreement.low(need)
    if low:
        lines.append(say(lang, "Low agreement on: {criteria}", criteria=", ".join(low)))
    for assessor, comment in agreement.comments.get(need, ()):
        lines.append(say(lang, "  {assessor}: \u201c{comment}\u201d", assessor=assessor,
                         comment=comment))
    document = {"cells": [cell_document(c) for c in cells.values()], "low": list(low),
                "comments": [{"assessor": a, "comment": c}
                             for a, c in agreement.comments.get(need, ())]}
    return "\n".join(lines), document
