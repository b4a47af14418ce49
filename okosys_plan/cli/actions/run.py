"""``run`` and ``report`` as calls returning an ``Outcome``: the whole job, then its text.

The files are written by ``okosys_plan.report.outputs``; here the pipeline's stops become
exit codes and the closing summary is said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan import collector
from okosys_plan.catalogue.present import catalogue_summary, problems_table, summary_dict
from okosys_plan.cli.outcome import Outcome, exit_code, unreadable
from okosys_plan.cli.stop import EXIT_INVALID, EXIT_OK
from okosys_plan.report.outputs import RUN_FILES, report_bytes, run_inputs, write_outputs
from okosys_plan.run.options import OUTPUT_DIR
from okosys_plan.run.pipeline import Progress, Results, RunConfig, quiet, run_pipeline
from okosys_plan.text.say import say


@dataclass(frozen=True)
class RunRequest:
    """Where ``run`` writes and how it behaves."""

    output_dir: Path = Path(OUTPUT_DIR.default)
    as_of: date = date(2022, 1, 1)
    keep_going: bool = False
    config_file: Path | None = None  # an input too: never written over


def run_job(path: Path, config: RunConfig, request: RunRequest,
            progress: Progress = quiet,
            on_block: Callable[[int, int], None] | None = None) -> Outcome:
    """The whole job on one catalogue, with every output written into the folder."""
    with collector.settled() as settle:
        def stepping(step: str) -> None:
            """Report the step; what the steps before it made is settled (kept to the end)."""
            if step in SETTLE_BEFORE:
                settle()
            progress(step)

        return _run_job(path, config, request, stepping, on_block)


#: The steps before which the results made so far are settled (``collector.settled``).
SETTLE_BEFORE = frozenset({"prioritise", "write"})


def _run_job(path: Path, config: RunConfig, request: RunRequest, progress: Progress,
             on_block: Callable[[int, int], None] | None) -> Outcome:
    from okosys_plan.export.files import check_outputs

    inputs = run_inputs(path, config, request.config_file)
    fixed = [request.output_dir / name for role, name in RUN_FILES.items() if role != "roadmap"]
    check_outputs(fixed, force=True, inputs=inputs)  # the names known before any work
    if config.deck_template is not None:  # a template that cannot be used: before any work
        from okosys_plan.report.deck.build import check_template

        check_template(config.deck_template)
    results = run_pipeline(path, config, request.as_of, keep_going=request.keep_going,
                           progress=progress, on_block=on_block)
    checked, lang = results.checked, config.lang
    halted = unreadable(checked, lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None and checked.report is not None
    text = catalogue_summary(checked.catalogue, checked.report, lang)
    if checked.report.problems:
        text = problems_table(checked.report.problems, lang) + "\n\n" + text
    document = summary_dict(checked.catalogue, checked.report, lang)
    document["audit"] = results.audit.document()
    code = exit_code([checked])
    stop: list[str] = []
    if results.assessments is not None:
        text, code, stop = _assessments(results, document, text, code, lang)
    if results.prioritised is None:
        return Outcome(text, document, code, stop)
    progress("write")
    written = write_outputs(results, config, request.output_dir, progress, inputs)
    document.update(_outcome_facts(results, lang))
    document["files"] = [str(p) for p in written]
    text += "\n\n" + _closing_text(results, written, lang)
    if results.agreement is not None:
        from okosys_plan.cli.actions.assess import summary

        text += "\n\n" + "\n".join(summary(results.agreement, (), lang))
    return Outcome(text, document, EXIT_INVALID if code == EXIT_INVALID else EXIT_OK)


def _assessments(results: Results, document: dict[str, Any], text: str, code: int,
                 lang: str) -> tuple[str, int, list[str]]:
    """The assessments' problems before the text, their facts in the document, the code."""
    from okosys_plan.cli.actions import assess as assessing

    problems = results.assessments.problems
    if problems:
        text = f"{assessing.problems_text(problems, lang)}\n\n{text}"
    halted = assessing.refused(results.assessments, lang)
    if results.agreement is not None:
        document["agreement"] = assessing.document(results.agreement, problems, lang)
    elif halted is not None:
        document["assessments"] = {"problems": halted.document["problems"]}
    if halted is None:
        return text, code, []
    return text, EXIT_INVALID, halted.stderr


def _outcome_facts(results: Results, lang: str) -> dict[str, Any]:
    from okosys_plan.prioritise.explain import need_document

    assert results.prioritised is not None and results.plan is not None
    ranking = results.prioritised.ranking
    from okosys_plan.report.funding import largest_gap

    worst = largest_gap(results.funding) if results.funding is not None else None
    return {"top": [need_document(s) for s in ranking.needs[:5]],
            "not_placed": [p.item.id for p in results.plan.items if not p.placed],
            "largest_gap": None if worst is None else {"id": worst[0], "title": worst[1],
                                                       "year": worst[2], "mnok": worst[3]}}


def _closing_text(results: Results, written: list[Path], lang: str) -> str:
    from okosys_plan.prioritise.present import top_table
    from okosys_plan.roadmap.reasons import reason_text
    from okosys_plan.text.listing import LIST_MAX, capped_lines

    assert results.prioritised is not None and results.plan is not None
    lines = [top_table(results.prioritised.ranking, top=5, lang=lang), ""]
    missing = [p for p in results.plan.items if not p.placed]
    lines.append(say(lang, "Not placed on the roadmap:"))
    where = (say(lang, "plan.xlsx lists them all"))
    lines += capped_lines([f"  {p.item.id}: {reason_text(p.reason, p.reason_params, lang)}"
                           for p in missing], lang, LIST_MAX, where) or ["  –"]
    lines += ["", *_gap_lines(results, lang)]
    lines += ["", say(lang, "Files written:")]
    lines += [f"  {p}" for p in written]
    return "\n".join(lines)


def _gap_lines(results: Results, lang: str) -> list[str]:
    from okosys_plan.report.funding import largest_gap
    from okosys_plan.text.numbers import number

    if results.funding is None:
        return []
    opens, worst = results.funding.gap_opens(), largest_gap(results.funding)
    if opens is None or worst is None:
        return [say(lang, "No funding gap.")]
    amount = number(worst[3], lang)
    return [say(lang, "The funding gap opens in {opens}; the largest: {id} {title}, {amount} "
                      "MNOK in {year}.", opens=opens, id=worst[0], title=worst[1], amount=amount,
                      year=worst[2])]


def report_job(path: Path, output: Path, config: RunConfig, as_of: date, *,
               since: Path | None = None, force: bool = False,
               config_file: Path | None = None) -> Outcome:
    """Write the HTML report of one catalogue (and what changed since ``since``)."""
    from okosys_plan.export.files import HTML, check_outputs, check_suffix, write_bytes_atomic
    from okosys_plan.paths import regular_input

    check_suffix(output, HTML)
    inputs = (*run_inputs(path, config, config_file), *((since,) if since else ()))
    check_outputs([output], force=force, inputs=inputs)
    if since is not None and since.exists():
        regular_input(since)  # a FIFO or device is refused before the work, not after
    results = run_pipeline(path, config, as_of)
    checked, lang = results.checked, config.lang
    halted = unreadable(checked, lang)
    if halted is None and results.assessments is not None:
        from okosys_plan.cli.actions.assess import refused

        halted = refused(results.assessments, lang)  # nothing written: exit 1, every problem
    if halted is not None:
        return halted
    changes = _changes(since, path, config) if since is not None else None
    write_bytes_atomic(output, report_bytes(results, config, changes))
    document = {"valid": checked.report is not None and checked.report.valid,
                "output": str(output), "audit": results.audit.document()}
    return Outcome(str(output), document, exit_code([checked]))


def _changes(since: Path, path: Path, config: RunConfig) -> dict[str, Any]:
    """What changed since an older version of the catalogue."""
    from okosys_plan.diff.api import changes_since

    return changes_since(since, path, max_unpacked=config.max_unpacked)
