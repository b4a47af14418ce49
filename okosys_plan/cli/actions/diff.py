"""The ``diff`` command as a call returning an ``Outcome`` (the comparison: ``diff.api``).

Both versions are loaded and validated first; a diff of an invalid catalogue is refused
(its problems, exit 1), since duplicate or broken IDs would make the comparison guesswork.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from okosys_plan.catalogue.check import check_file
from okosys_plan.cli.outcome import Common, Outcome, WithCommon, stopped_files
from okosys_plan.diff.api import diff_catalogues, invalid_catalogue
from okosys_plan.diff.compare import CatalogueDiff
from okosys_plan.diff.document import cloud_events, diff_document, event_lines
from okosys_plan.diff.present import changelog, diff_tables


@dataclass(frozen=True)
class DiffRequest(WithCommon):
    """What ``diff`` was asked to write, and how."""

    output: Path | None = None  # the Excel file
    events: Path | None = None  # the CloudEvents, as JSON Lines
    common: Common = field(default_factory=Common)


def diff_files(old: Path, new: Path, request: DiffRequest) -> Outcome:
    """Compare two catalogue files; print a changelog, optionally write Excel and events."""
    _check_targets(request, (old, new))
    checked = [check_file(path, request.max_unpacked) for path in (old, new)]
    halted = stopped_files(checked, request.lang, invalid_catalogue)
    if halted is not None:
        return halted
    catalogues = [c.catalogue for c in checked if c.catalogue is not None]
    diff = diff_catalogues(catalogues[0], catalogues[1])
    written = _write(diff, request, basis=f"{_sha256(old)}:{_sha256(new)}")
    return Outcome(changelog(diff, request.lang), diff_document(diff),
                   stderr=[str(p) for p in written])


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
