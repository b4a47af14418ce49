"""``okosys-plan weights ahp``: criterion weights from members' pairwise comparisons.

Kept free of click, like every ``cli.actions`` module: read every member's matrix, stop
with every problem if any is bad (exit 1), else combine them by the geometric mean, compute
the weights and their consistency, and write them for scoring if asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.messages import hint, message
from okosys_plan.catalogue.model import Problem, Severity
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.outcome import COMMON, Common, Outcome
from okosys_plan.cli.stop import EXIT_INVALID, EXIT_OK
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.ahp import (
    CR_LIMIT,
    AhpResult,
    Matrix,
    ahp,
    complete_matrix,
    geometric_mean,
)
from okosys_plan.prioritise.pairwise import (
    Judgements,
    check_output,
    criteria_from_weights,
    read_judgements,
    write_criteria,
)
from okosys_plan.text.say import say_in

# key: English text, the message id of its bokmål translation (text/locale)
_UI: dict[str, str] = {
    "title": "Weights from pairwise comparisons (AHP)",
    "members": "geometric mean of {count} members",
    "criterion": "Criterion",
    "weight": "Weight",
    "consistent": "consistent",
    "yes": "yes",
    "no": "no",
    "wrote": "Wrote {path}",
    "warning": "warning",
    "invalid": "No weights computed: {count} errors in the input files",
}


def _ui(lang: str, key: str, **params: Any) -> str:
    return say_in(lang, "weights", _UI[key], **params)


def weights_ahp(paths: Sequence[Path], output: Path | None = None, *,
                common: Common = COMMON) -> Outcome:
    """Weights from one or more members' matrices; with ``output``, write them for scoring."""
    lang, force, max_unpacked = common.lang, common.force, common.max_unpacked
    inputs = tuple(paths)
    if output is not None:
        check_output(output, force=force, inputs=inputs)
    members = [read_judgements(path, max_unpacked) for path in paths]
    if not all(member.valid for member in members):
        return _invalid(members, lang)
    result = ahp(combined(members), members[0].names)
    if output is not None:
        write_criteria(output, criteria_from_weights(result), result, force=force,
                       inputs=inputs)
    warnings = inconsistency_warnings(result, [m.file for m in members])
    document = ahp_document(result, members, output, warnings, lang)
    text = _table(result, len(members), lang)
    if output is not None:
        text += "\n" + _ui(lang, "wrote", path=output)
    stderr = [f"okosys-plan: {_ui(lang, 'warning')}: {message(w, lang)}. {hint(w, lang)}"
              for w in warnings]
    return Outcome(text, document, EXIT_OK, stderr)


def combined(members: Sequence[Judgements]) -> Matrix:
    """Every member's full matrix in the first member's order, combined by geometric mean."""
    first = members[0]
    order = [schema.normalise(name) for name in first.names]
    return geometric_mean([_aligned(member, first, order) for member in members])


def _aligned(member: Judgements, first: Judgements, order: list[str]) -> Matrix:
    keys = [schema.normalise(name) for name in member.names]
    if sorted(keys) != sorted(order):
        missing = [n for n, k in zip(first.names, order, strict=True) if k not in keys]
        extra = [n for n, k in zip(member.names, keys, strict=True) if k not in order]
        raise UsageError(
            "criteria-differ",
            f"{member.file} does not have the same criteria as {first.file}: "
            f"missing {_listed(missing)}; extra {_listed(extra)}",
            file=member.file, first=first.file, missing=_listed(missing), extra=_listed(extra))
    index = [keys.index(key) for key in order]
    return complete_matrix(member.cells)[np.ix_(index, index)]


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "-"


def inconsistency_warnings(result: AhpResult, files: Sequence[str]) -> list[Problem]:
    """A warning naming the most inconsistent judgement when CR is above 0.10."""
    judgement = result.most_inconsistent
    if result.consistent or judgement is None:
        return []
    params = {"cr": f"{result.cr:.3f}", "limit": f"{CR_LIMIT:.2f}",
              "row": result.criteria[judgement.row], "column": result.criteria[judgement.column],
              "given": _number(judgement.given), "consistent": _number(judgement.consistent)}
    return [Problem(Severity.WARNING, "ahp-inconsistent", None, None, None, round(result.cr, 4),
                    params, ", ".join(files))]


def _number(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 1e-9 else f"{value:.2f}"


def ahp_document(result: AhpResult | None, members: Sequence[Judgements], output: Path | None,
                 warnings: Sequence[Problem], lang: str) -> dict[str, Any]:
    """The JSON document: weights and consistency, or every problem when there are none."""
    judgement = result.most_inconsistent if result is not None else None
    return {
        "valid": result is not None,
        "members": [member.file for member in members],
        "weights": result.by_name() if result is not None else {},
        "lambda_max": result.lambda_max if result is not None else None,
        "ci": result.ci if result is not None else None,
        "cr": result.cr if result is not None else None,
        "random_index": result.random_index if result is not None else None,
        "consistent": result.consistent if result is not None else None,
        "most_inconsistent": None if judgement is None or result is None else {
            "row": result.criteria[judgement.row], "column": result.criteria[judgement.column],
            "given": judgement.given, "consistent": judgement.consistent},
        "warnings": [{**problem_dict(w, lang), "file": w.file} for w in warnings],
        "problems": [{**problem_dict(p, lang), "file": p.file}
                     for m in members for p in m.problems],
        "output": str(output) if output is not None and result is not None else None,
    }


def _table(result: AhpResult, count: int, lang: str) -> str:
    width = max(len(_ui(lang, "criterion")), *(len(name) for name in result.criteria))
    title = _ui(lang, "title")
    if count > 1:
        title += ", " + _ui(lang, "members", count=count)
    lines = [title, f"  {_ui(lang, 'criterion'):<{width}}  {_ui(lang, 'weight'):>6}"]
    lines += [f"  {name:<{width}}  {weight:>6.4f}" for name, weight in result.by_name().items()]
    answer = _ui(lang, "yes" if result.consistent else "no")
    lines.append(f"λmax {result.lambda_max:.4f}   CI {result.ci:.4f}   CR {result.cr:.4f}   "
                 f"{_ui(lang, 'consistent')}: {answer}")
    return "\n".join(lines)


def _invalid(members: Sequence[Judgements], lang: str) -> Outcome:
    blocks = []
    for member in members:
        if member.problems:
            blocks += [f"== {member.file}", problems_table(member.problems, lang)]
    count = sum(1 for m in members for p in m.problems if p.is_error)
    blocks.append(_ui(lang, "invalid", count=count))
    return Outcome("\n".join(blocks), ahp_document(None, members, None, [], lang), EXIT_INVALID)
