"""The ``score`` and ``explain`` commands as library calls returning an ``Outcome``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okosys_plan.assess.model import Agreement
from okosys_plan.catalogue.chains import breaks_fixed_by
from okosys_plan.catalogue.check import Checked, check_file
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.cli.outcome import Common, Outcome, WithCommon, stopped
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.api import Prioritised, PriorityOptions, prioritise, priority_document
from okosys_plan.prioritise.criteria_file import load_criteria_file
from okosys_plan.prioritise.explain import differences, explain_need, explain_pair, need_document
from okosys_plan.prioritise.options import TOP
from okosys_plan.prioritise.present import top_table
from okosys_plan.prioritise.scoring import Ranking, ScoredNeed, Thresholds
from okosys_plan.text.later import Msg, msg
from okosys_plan.text.say import language, say


@dataclass(frozen=True)
class ScoreRequest(WithCommon):
    """What ``score`` was asked to do, beyond the ranking options."""

    criteria_file: Path | None = None
    high: float | None = None
    medium: float | None = None
    output: Path | None = None
    chart: Path | None = None
    top: int = TOP.default
    common: Common = field(default_factory=Common)
    #: Assessment workbooks (or folders of them): rank on several assessors' grades.
    assessments: tuple[Path, ...] = ()
    aggregate: str = "median"


def load_for_scoring(path: Path, request: ScoreRequest,
                     options: PriorityOptions) -> tuple[Checked, PriorityOptions]:
    """Load and validate ``path`` with the criteria asked for; settle the thresholds."""
    settings = load_criteria_file(request.criteria_file) if request.criteria_file else None
    criteria = settings.criteria if settings else None
    thresholds = (settings.thresholds if settings else None) or options.thresholds
    thresholds = _override(thresholds, request.high, request.medium)
    return check_file(path, request.max_unpacked, criteria), replace(options,
                                                                     thresholds=thresholds)


def _override(base: Thresholds, high: float | None, medium: float | None) -> Thresholds:
    from okosys_plan.prioritise.criteria_file import checked_thresholds

    def fail(reason: Msg) -> UsageError:
        return UsageError("bad-option", str(reason), text=reason)

    if high is None and medium is None:
        return base
    return checked_thresholds(base.high if high is None else high,
                              base.medium if medium is None else medium, fail)


def load_ranked(path: Path, request: ScoreRequest, options: PriorityOptions
                ) -> Outcome | tuple[Catalogue, Ranking]:
    """The valid catalogue and its ranking, or the outcome that stops the command."""
    checked, options = load_for_scoring(path, request, options)
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None
    return checked.catalogue, prioritise(checked.catalogue, options).ranking


def score_file(path: Path, options: PriorityOptions, request: ScoreRequest) -> Outcome:
    """Rank a catalogue; optionally write the Excel file and charts."""
    _check_outputs(path, request, with_intervals=options.draws > 0)
    checked, options = load_for_scoring(path, request, options)
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None and checked.report is not None
    catalogue, report = checked.catalogue, checked.report
    agreement, extra = None, []
    if request.assessments:
        from okosys_plan.cli.actions import assess

        assessments = assess.read_for(catalogue, request.assessments, request.max_unpacked)
        halted = assess.refused(assessments, request.lang)
        if halted is not None:
            return halted
        done = assess.assessed(catalogue, assessments, options, request.aggregate)
        result, agreement = done.prioritised, done.agreement
        checked = replace(checked, catalogue=done.catalogue)
        extra = assess.summary(agreement, assessments.problems, request.lang)
    else:
        result = prioritise(catalogue, options)
    written = _write(path, checked, result, request, agreement)
    document = priority_document(result, report.problems, request.lang)
    document["files"] = [str(p) for p in written]
    if agreement is not None:
        document["agreement"] = assess.document(agreement, assessments.problems, request.lang)
    text = top_table(result.ranking, result.sensitivity, top=request.top, lang=request.lang)
    notes = [*extra, *_notes(checked, written, request.lang)]
    needs = len(result.ranking.needs)
    if result.sensitivity is not None and (options.top_k or 0) > needs:
        notes.append(say(request.lang, "--top-k {top_k}: only {needs} needs; K = {needs} is used",
                                       top_k=options.top_k, needs=needs))
    return Outcome(text, document, stderr=notes)


def agreement_chart(chart: Path, lang: str) -> Path:
    """The assessors' strip chart beside the priority chart: ``<name>-enighet.<suffix>``."""
    word = _AGREEMENT_SUFFIX[language(lang)]
    return chart.with_name(f"{chart.stem}-{word}{chart.suffix}")


#: The agreement chart's file-name word in each language (a name, not a sentence).
_AGREEMENT_SUFFIX = {"nb": "enighet", "en": "agreement"}


def _check_outputs(path: Path, request: ScoreRequest, *, with_intervals: bool) -> None:
    """The workbook (.xlsx) and charts (.png, .svg, .pdf) asked for, before any work."""
    from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix

    targets = [request.output] if request.output else []
    if request.output:
        check_suffix(request.output, WORKBOOK)
    if request.chart:
        from okosys_plan.charts.priority.save import chart_paths
        from okosys_plan.charts.save import chart_format

        chart_format(request.chart)
        targets += chart_paths(request.chart, with_intervals, request.lang)
        if request.assessments:
            targets.append(agreement_chart(request.chart, request.lang))
    check_outputs(targets, force=request.force, inputs=(path, request.criteria_file,
                                                        *request.assessments))


def _write(path: Path, checked: Checked, result: Prioritised, request: ScoreRequest,
           agreement: Agreement | None = None) -> list[Path]:
    """Write the workbook and charts asked for; every target is checked before any write."""
    from okosys_plan.export.files import check_target

    targets = [request.output] if request.output else []
    if request.chart:
        from okosys_plan.charts.priority.save import chart_paths
        from okosys_plan.charts.save import chart_format

        chart_format(request.chart)  # a bad suffix stops before anything is written
        targets += chart_paths(request.chart, result.sensitivity is not None, request.lang)
        if agreement is not None:
            targets.append(agreement_chart(request.chart, request.lang))
    inputs = (path, request.criteria_file, *request.assessments)
    for target in targets:
        check_target(target, force=request.force, inputs=inputs)
    assert checked.catalogue is not None
    if request.output:
        from okosys_plan.prioritise.workbook import write_priority_workbook

        extra = []
        if agreement is not None:
            from okosys_plan.assess.tables import agreement_tables

            extra = agreement_tables(agreement, result.ranking, request.lang)
        write_priority_workbook(request.output, result.ranking, checked.catalogue,
                                result.sensitivity, lang=request.lang, force=True,
                                extra=extra)
    if request.chart:
        from okosys_plan.charts.priority.save import write_priority_charts

        write_priority_charts(request.chart, result.ranking, result.sensitivity,
                              top_n=request.top, lang=request.lang, force=True)
        if agreement is not None:
            from okosys_plan.charts.agreement.save import write_agreement_charts

            write_agreement_charts([agreement_chart(request.chart, request.lang)], agreement,
                                   result.ranking, lang=request.lang, force=True)
    return targets


def _notes(checked: Checked, written: list[Path], lang: str) -> list[str]:
    assert checked.report is not None
    lines = [str(p) for p in written]
    warnings = len(checked.report.warnings)
    if warnings:
        lines.append(say(lang, "{warnings} warnings in the catalogue (okosys-plan validate "
                               "shows them)", warnings=warnings))
    return lines


def explain_file(path: Path, ids: tuple[str, ...], options: PriorityOptions,
                 request: ScoreRequest) -> Outcome:
    """Explain one need's score, or what sets two needs apart."""
    checked, options = load_for_scoring(path, request, options)
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    assert checked.catalogue is not None
    agreement = None
    if request.assessments:
        from okosys_plan.cli.actions import assess

        assessments = assess.read_for(checked.catalogue, request.assessments,
                                      request.max_unpacked)
        halted = assess.refused(assessments, request.lang)
        if halted is not None:
            return halted
        done = assess.assessed(checked.catalogue, assessments, replace(options, draws=0),
                               request.aggregate)
        ranking, agreement = done.prioritised.ranking, done.agreement
    else:
        ranking = prioritise(checked.catalogue, replace(options, draws=0)).ranking
    found = [_find(ranking, need_id, path) for need_id in ids]
    lang = request.lang
    if len(found) == 1:
        text = explain_need(ranking, found[0], lang, checked.catalogue.chain_elements)
        document: dict[str, Any] = {"method": ranking.method.value,
                                    "need": need_document(found[0])}
        fixed = breaks_fixed_by(checked.catalogue.chain_elements, found[0].id)
        if fixed:
            document["chains"] = [{"chain": e.chain, "element": e.id, "level": e.break_level,
                                   "break": e.break_text} for e in fixed]
        if agreement is not None:
            from okosys_plan.cli.actions.assess import need_agreement

            lines, document["agreement"] = need_agreement(agreement, found[0].id, lang)
            text = f"{text}\n\n{lines}"
        return Outcome(text, {**document, "text": text})
    if found[0] is found[1]:
        raise UsageError.bad_option("{first} and {second} are the same need: give two "
                                    "different IDs, or one to explain one need",
                                    first=ids[0], second=ids[1])
    text = explain_pair(ranking, found[0], found[1], lang)
    upper, lower = sorted(found[:2], key=lambda s: s.rank)
    return Outcome(text, {"method": ranking.method.value, "need": need_document(found[0]),
                          "other": need_document(found[1]), "above": upper.id,
                          "difference": differences(upper, lower), "text": text})


def _find(ranking: Ranking, need_id: str, path: Path) -> ScoredNeed:
    scored = ranking.find(need_id)
    if scored is not None:
        return scored
    close = difflib.get_close_matches(need_id, [s.id for s in ranking.needs], n=3)
    suggestion = msg("; did you mean {names}?", names=", ".join(close)) if close else ""
    raise UsageError("unknown-need", f"No need '{need_id}' in {path}{suggestion}", id=need_id,
                     file=str(path), suggestion=suggestion)
