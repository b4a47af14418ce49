"""The ``diff`` command, and ``changes_since`` for the report, as library calls.

Both versions are loaded and validated first; a diff of an invalid catalogue is refused
(its problems, exit 1), since duplicate or broken IDs would make the comparison guesswork.
Each version is ranked with the same options and planned with the same roadmap settings,
so rank moves and roadmap moves come from the catalogue alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.messages import error_text
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.catalogue import EXIT_INVALID, EXIT_UNUSABLE, Checked, Outcome, check_file
from okosys_plan.diff.compare import CatalogueDiff, compare
from okosys_plan.diff.document import cloud_events, diff_document, event_lines
from okosys_plan.diff.present import changelog, diff_tables
from okosys_plan.errors import InvalidData
from okosys_plan.prioritise.api import PriorityOptions, prioritise
from okosys_plan.roadmap.settings import RoadmapSettings
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED


@dataclass(frozen=True)
class DiffRequest:
    """What ``diff`` was asked to write, and how."""

    output: Path | None = None  # the Excel file
    events: Path | None = None  # the CloudEvents, as JSON Lines
    force: bool = False
    lang: str = "nb"
    max_unpacked: int = DEFAULT_MAX_UNPACKED


def diff_catalogues(old: Catalogue, new: Catalogue, *, options: PriorityOptions | None = None,
                    settings: RoadmapSettings | None = None) -> CatalogueDiff:
    """Compare two catalogues, their rankings and their plans (bundled roadmap settings)."""
    from okosys_plan.cli.roadmap import roadmap_settings
    from okosys_plan.roadmap.planning import make_plan

    settings = settings or roadmap_settings(None)
    rankings = [prioritise(c, options or PriorityOptions()).ranking for c in (old, new)]
    plans = [make_plan(c, settings, r) for c, r in zip((old, new), rankings, strict=True)]
    return compare(old, new, rankings[0], rankings[1], plans[0], plans[1])


def changes_since(old: str | Path | Catalogue, new: str | Path | Catalogue, *,
                  options: PriorityOptions | None = None,
                  settings: RoadmapSettings | None = None,
                  max_unpacked: int = DEFAULT_MAX_UNPACKED) -> dict[str, Any]:
    """What changed from ``old`` to ``new`` (files or catalogues): the ``diff --json`` document.

    Raises ``UnreadableWorkbook`` for a file that is no spreadsheet and ``InvalidData`` for
    an old file with errors; the new version is the caller's and is not validated here.
    """
    if not isinstance(old, Catalogue):
        old = _load(Path(old), max_unpacked, strict=True)
    if not isinstance(new, Catalogue):
        new = _load(Path(new), max_unpacked, strict=False)
    return diff_document(diff_catalogues(old, new, options=options, settings=settings))


def _load(path: Path, max_unpacked: int, *, strict: bool) -> Catalogue:
    """A catalogue from ``path``; with ``strict``, refused when it has errors."""
    checked = check_file(path, max_unpacked)
    if checked.error is not None:
        raise checked.error
    assert checked.catalogue is not None and checked.report is not None
    if strict and not checked.report.valid:
        raise _invalid(path, len(checked.report.errors))
    return checked.catalogue


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
    lines = [f"okosys-plan: {c.path}: {error_text(_invalid(c.path, len(c.report.errors)), lang)}"
             for c in invalid if c.report is not None]
    return Outcome(text, {"valid": False, "files": entries}, EXIT_INVALID, lines)


def _entry(checked: Checked, lang: str) -> dict[str, Any]:
    if checked.error is not None:
        return {"path": str(checked.path), "valid": False,
                "error": error_text(checked.error, lang), "problems": []}
    assert checked.report is not None
    return {"path": str(checked.path), "valid": checked.report.valid, "error": None,
            "problems": [problem_dict(p, lang) for p in checked.report.problems]}


def _invalid(path: Path, count: int) -> InvalidData:
    """The error for a catalogue with ``count`` errors (its text says which file in English)."""
    return InvalidData("invalid-catalogue", f"{path}: the catalogue has {count} errors; nothing "
                       "was compared", count=count)


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
