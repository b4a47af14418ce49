"""The ``compare`` command as a call returning an ``Outcome`` (the work: ``run.compare``).

The workbook is read once; its catalogue is validated (errors: exit 1, like every other
command), its Scenarier sheet read (a problem: exit 1, with its place), and the scenarios
chosen from it and the settings file (none declared, or a name not declared: exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from okosys_plan.cli.outcome import Common, Outcome, WithCommon, stopped, unreadable
from okosys_plan.run.pipeline import RunConfig


@dataclass(frozen=True)
class CompareRequest(WithCommon):
    """What ``compare`` was asked to do."""

    names: tuple[str, ...] = ()  # --scenario (all when none)
    output: Path | None = None  # the Excel file
    top_k: int = 10
    common: Common = field(default_factory=Common)


def compare_file(path: Path, config: RunConfig, request: CompareRequest,
                 inputs: Sequence[Path] = ()) -> Outcome:
    """Compare the base run of ``path`` with its scenarios; write the workbook if asked."""
    from okosys_plan.catalogue.check import Checked
    from okosys_plan.catalogue.load import build_catalogue
    from okosys_plan.catalogue.present import problem_dict, problems_table
    from okosys_plan.catalogue.validate import validate
    from okosys_plan.cli.stop import EXIT_INVALID
    from okosys_plan.errors import UnreadableWorkbook
    from okosys_plan.prioritise.criteria_file import load_criteria_file
    from okosys_plan.run.compare import compare
    from okosys_plan.run.scenario_present import comparison_document, comparison_text
    from okosys_plan.run.scenario_read import chosen, merged, sheet_scenarios
    from okosys_plan.workbook.read import read_workbook

    if request.output is not None:
        from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix

        check_suffix(request.output, WORKBOOK)
        check_outputs([request.output], force=request.force, inputs=(path, *inputs))
    criteria = load_criteria_file(config.criteria_file) if config.criteria_file else None
    try:
        raw = read_workbook(path, request.max_unpacked)
    except UnreadableWorkbook as error:
        halted = unreadable(Checked(path, error=error), request.lang)
        assert halted is not None
        return halted
    catalogue = build_catalogue(raw, criteria.criteria if criteria else None)
    report = validate(catalogue)
    halted = stopped(Checked(path, catalogue, report), request.lang)
    if halted is not None:
        return halted
    from_sheet, problems = sheet_scenarios(raw)
    if problems:
        return Outcome(problems_table(problems, request.lang),
                       {"valid": False, "problems": [problem_dict(p, request.lang)
                                                     for p in problems]}, EXIT_INVALID)
    scenarios = chosen(merged(config.scenarios, from_sheet), request.names)
    if criteria and criteria.thresholds:
        from dataclasses import replace

        config = replace(config, thresholds=criteria.thresholds)
    comparison = compare(catalogue, config, scenarios, top_k=request.top_k, raw=raw)
    stderr = []
    if request.output is not None:
        from okosys_plan.export.sheets import write_sheets
        from okosys_plan.run.scenario_present import comparison_tables

        write_sheets(request.output, comparison_tables(comparison, request.lang), force=True)
        stderr.append(str(request.output))
    return Outcome(comparison_text(comparison, request.lang),
                   comparison_document(comparison, request.lang, report.warnings),
                   stderr=stderr)
