"""What each command does, as library calls returning an ``Outcome`` the CLI prints.

Kept free of click so every command can be called and tested from Python. Heavy modules
(openpyxl writers) are imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.messages import error_text
from okosys_plan.catalogue.model import Catalogue, Criterion, Report
from okosys_plan.catalogue.present import problem_dict, problems_table, summary_line, ui
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


@dataclass
class Outcome:
    """What a command has to say: text for people, a JSON document, lines for stderr."""

    text: str
    document: dict[str, Any]
    exit_code: int = EXIT_OK
    stderr: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Checked:
    """One file's catalogue and report, or why it could not be read."""

    path: Path
    catalogue: Catalogue | None = None
    report: Report | None = None
    error: UnreadableWorkbook | None = None


def check_file(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED,
               criteria: Sequence[Criterion] | None = None) -> Checked:
    """Load and validate one file; an unreadable file is kept as its error."""
    try:
        catalogue = load_catalogue(path, criteria=criteria, max_unpacked=max_unpacked)
    except UnreadableWorkbook as error:
        return Checked(path, error=error)
    return Checked(path, catalogue, validate(catalogue))


def exit_code(results: Sequence[Checked]) -> int:
    """2 if any file is unusable, else 1 if any has errors, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_UNUSABLE
    if any(r.report is not None and not r.report.valid for r in results):
        return EXIT_INVALID
    return EXIT_OK


def validate_files(paths: Sequence[Path], *, lang: str = "nb", annotate: Path | None = None,
                   force: bool = False, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Outcome:
    """Validate files; with ``annotate``, write a marked-up copy of the (single) workbook."""
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
                force: bool = False, lang: str = "nb",
                max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Outcome:
    """Merge submissions into one workbook; see ``okosys_plan.catalogue.merge``."""
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
    done = f"{output}: {len(merged.needs)} " + ("behov" if lang != "en" else "needs")
    return Outcome("\n".join(t for t in (text, done if code == EXIT_OK else "") if t),
                   document, code)
