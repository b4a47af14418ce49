"""The ``diff`` command as a call returning an ``Outcome`` (the comparison: ``diff.api``).

Both versions are loaded and validated first; a diff of an invalid catalogue is refused
(its problems, exit 1), since duplicate or broken IDs would make the comparison guesswork.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.check import Checked, check_file
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.outcome import EXIT_INVALID, EXIT_UNUSABLE, Outcome
from okosys_plan.diff.api import diff_catalogues, invalid_catalogue
from okosys_plan.diff.compare import CatalogueDiff
from okosys_plan.diff.document import cloud_events, diff_document, event_lines
from okosys_plan.diff.present import changelog, diff_tables
from okosys_plan.text.errors import error_text
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED


@dataclass(frozen=True)
class DiffRequest:
    """What ``diff`` was asked to write, and how."""

    output: Path | None = None  # the Excel file
    events: Path | None = None  # the CloudEvents, as JSON Lines
    force: bool = False
    lang: str = "nb"
    max_unpacked: int = DEFAULT_MAX_UNPACKED


def diff_files(old: Path, new: Path, request: DiffRequest) -> Outcome:
    """Compare two catalogue files; print a changelog, optionally write Excel and events."""
    _check_targets(request, (old, new))
    checked = [check_file(path, request.max_unpacked) for path in (old, new)]
    halted = stopped(checked, request.lang)
    if halted is not None:
        return halted
    catalogues = [c.catalogue for c in checked if c.catalogue is not None]
    diff = diff_catalogues(catalogues[0], catalogues[1])
    written = _write(diff, request, basis=f"{_sha256(old)}:{_sha256(new)}")
    return Outcome(changelog(diff, request.lang), diff_document(diff),
                   stderr=[str(p) for p in written])


def stopped(checked: Sequence[Checked], lang: str) -> Outcome | None:
    """Exit 2 when a file is unreadable, 1 when a catalogue has errors, else None."""
    entries = [_entry(c, lang) for c in checked]
    unreadable = [c for c in checked if c.error is not None]
    if unreadable:
        lines = [f"okosys-plan: {error_text(c.error, lang)}" for c in unreadable if c.error]
        return Outcome("", {"valid": False, "files": entries}, EXIT_UNUSABLE, lines)
    invalid = [c for c in checked if c.report is not None and not c.report.valid]
    if not invalid:
        return None
    text = "\n\n".join(f"== {c.path}\n{problems_table(c.report.problems, lang)}"
                       for c in invalid if c.report is not None)
    lines = [f"okosys-plan: {c.path}: "
             f"{error_text(invalid_catalogue(c.path, len(c.report.errors)), lang)}"
             for c in invalid if c.report is not None]
    return Outcome(text, {"valid": False, "files": entries}, EXIT_INVALID, lines)


def _entry(checked: Checked, lang: str) -> dict[str, Any]:
    if checked.error is not None:
        return {"path": str(checked.path), "valid": False,
                "error": error_text(checked.error, lang), "problems": []}
    assert checked.report is not None
    return {"path": str(checked.path), "valid": checked.report.valid, "error": None,
            "problems": [problem_dict(p, lang) for p in checked.report.problems]}


def _check_targets(request: DiffRequest, inputs: tuple[Path, ...]) -> None:
    """Refuse bad or clashing outputs before anything is written."""
    from okosys_plan.export.files import EVENTS, WORKBOOK, check_outputs, check_suffix

    if request.output is not None:
        check_suffix(request.output, WORKBOOK)
    if request.events is not None:
        check_suffix(request.events, EVENTS)
    targets = [t for t in (request.output, request.events) if t is not None]
    check_outputs(targets, force=request.force, inputs=inputs)


def _write(diff: CatalogueDiff, request: DiffRequest, basis: str) -> list[Path]:
    """Write the Excel file and the event file asked for."""
    written = []
    if request.output is not None:
        from okosys_plan.export.sheets import write_sheets

        write_sheets(request.output, diff_tables(diff, request.lang), force=True)
        written.append(request.output)
    if request.events is not None:
        from okosys_plan.export.files import write_bytes_atomic

        lines = event_lines(cloud_events(diff, basis=basis))
        write_bytes_atomic(request.events, lines.encode("utf-8"))
        written.append(request.events)
    return written


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
