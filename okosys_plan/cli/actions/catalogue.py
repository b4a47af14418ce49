"""``validate`` and ``merge`` as calls returning an ``Outcome`` the CLI prints.

Each command module in ``cli/`` is kept free of click (only ``cli.main`` parses), so every
command can be called and tested from Python. Heavy modules (openpyxl writers) are
imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.check import Checked, check_file
from okosys_plan.catalogue.present import problem_dict, problems_table, summary_line, ui
from okosys_plan.cli.outcome import COMMON, Common, Outcome, exit_code
from okosys_plan.cli.stop import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from okosys_plan.text.errors import error_text
from okosys_plan.text.say import say


def validate_files(paths: Sequence[Path], *, annotate: Path | None = None,
                   common: Common = COMMON) -> Outcome:
    """Validate files; with ``annotate``, write a marked-up copy of the (single) workbook."""
    lang, force, max_unpacked = common.lang, common.force, common.max_unpacked
    if annotate is not None:
        from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix

        check_suffix(annotate, WORKBOOK)
        check_outputs([annotate], force=force, inputs=paths)
    results = [check_file(path, max_unpacked) for path in paths]
    if annotate is not None and results[0].report is not None:
        from okosys_plan.catalogue.annotate import write_annotated

        write_annotated(results[0].path, results[0].report, annotate, force=force, lang=lang)
    document = {
        "valid": all(r.report is not None and r.report.valid for r in results),
        "files": [_file_entry(r, lang) for r in results],
    }
    errors = [f"okosys-plan: {error_text(r.error, lang)}" for r in results if r.error]
    return Outcome(_validate_text(results, lang), document, exit_code(results), errors)


def _file_entry(result: Checked, lang: str) -> dict[str, Any]:
    if result.error is not None:
        problem = {"severity": "error", "code": result.error.code, "sheet": None, "cell": None,
                   "column": None, "value": None, "message": error_text(result.error, lang),
                   "hint": ""}
        return {"path": str(result.path), "valid": False, "needs": 0, "problems": [problem]}
    assert result.report is not None
    return {
        "path": str(result.path),
        "valid": result.report.valid,
        "needs": result.report.needs,
        "problems": [problem_dict(p, lang) for p in result.report.problems],
    }


def _validate_text(results: Sequence[Checked], lang: str) -> str:
    blocks = []
    for result in results:
        if result.report is None:
            continue
        if len(results) > 1:
            blocks.append(f"== {result.path}")
        blocks.append(problems_table(result.report.problems, lang))
        blocks.append(summary_line(result.report, lang))
    if len(results) > 1:
        reports = [r.report for r in results if r.report is not None]
        blocks.append(ui(lang, "total", files=len(results),
                         errors=sum(len(r.errors) for r in reports),
                         warnings=sum(len(r.warnings) for r in reports)))
    return "\n".join(blocks)


def merge_files(paths: Sequence[Path], output: Path, *, renumber: bool = False,
                common: Common = COMMON) -> Outcome:
    """Merge submissions into one workbook; see ``okosys_plan.catalogue.merge``."""
    lang, force, max_unpacked = common.lang, common.force, common.max_unpacked
    from okosys_plan.catalogue.merge import merge_catalogues, write_merged
    from okosys_plan.export.files import WORKBOOK, check_outputs, check_suffix

    check_suffix(output, WORKBOOK)
    check_outputs([output], force=force, inputs=paths)
    results = [check_file(path, max_unpacked) for path in paths]
    unreadable = [r for r in results if r.error is not None]
    if unreadable:
        lines = [f"okosys-plan: {error_text(r.error, lang)}" for r in unreadable if r.error]
        return Outcome("", {"valid": False, "files": [_file_entry(r, lang) for r in results]},
                       EXIT_UNUSABLE, lines)
    catalogues = [r.catalogue for r in results if r.catalogue is not None]
    merged = merge_catalogues(catalogues, renumber=renumber)
    code = EXIT_INVALID if any(p.is_error for p in merged.problems) else EXIT_OK
    if code == EXIT_OK:
        write_merged(merged, output, force=force, inputs=tuple(paths))
    document = {"valid": code == EXIT_OK, "output": str(output) if code == EXIT_OK else None,
                "needs": len(merged.needs), "renumbered": merged.mapping,
                "problems": [problem_dict(p, lang) for p in merged.problems]}
    text = problems_table(merged.problems, lang) if merged.problems else ""
    done = f"{output}: {len(merged.needs)} " + (say(lang, "needs"))
    return Outcome("\n".join(t for t in (text, done if code == EXIT_OK else "") if t),
                   document, code)
