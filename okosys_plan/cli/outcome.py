"""What a command has to say, the exit codes, and how a stopped command is said.

``Outcome`` carries an exit code (``cli.stop`` has the map), ``exit_code`` gives it for
checked files, and ``unreadable``/``stopped``/``stopped_files`` turn a file that could
not be read, or a catalogue with errors, into the outcome that ends the command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okosys_plan.catalogue.check import Checked
from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.cli.stop import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from okosys_plan.errors import UsageError
from okosys_plan.text.errors import error_text
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED


@dataclass(frozen=True)
class Common:
    """What every command shares: its language, ``--force``, and ``--max-unpacked`` (bytes)."""

    lang: str = "nb"
    force: bool = False
    max_unpacked: int = DEFAULT_MAX_UNPACKED


class WithCommon:
    """A request carrying the ``Common`` its command shares, and saying its parts."""

    common: Common

    @property
    def lang(self) -> str:
        """The command's language."""
        return self.common.lang

    @property
    def force(self) -> bool:
        """Whether existing outputs may be replaced."""
        return self.common.force

    @property
    def max_unpacked(self) -> int:
        """The unpacked-size limit of a workbook, in bytes."""
        return self.common.max_unpacked


#: The defaults: Norwegian, never replacing a file, 1 GiB unpacked at most.
COMMON = Common()



@dataclass
class Outcome:
    """What a command has to say: text for people, a JSON document, lines for stderr."""

    text: str
    document: dict[str, Any]
    exit_code: int = EXIT_OK
    stderr: list[str] = field(default_factory=list)


def exit_code(results: Sequence[Checked]) -> int:
    """2 if any file is unusable, else 1 if any has errors, else 0."""
    if any(r.error is not None for r in results):
        return EXIT_UNUSABLE
    if any(r.report is not None and not r.report.valid for r in results):
        return EXIT_INVALID
    return EXIT_OK


def unreadable(checked: Checked, lang: str) -> Outcome | None:
    """Exit 2 with one line when the file could not be read at all, else None."""
    if checked.error is None:
        return None
    line = f"okosys-plan: {error_text(checked.error, lang)}"
    return Outcome("", {"valid": False, "error": line}, EXIT_UNUSABLE, [line])


def stopped(checked: Checked, lang: str) -> Outcome | None:
    """One file: exit 2 when it is unreadable, 1 when the catalogue has errors, else None."""
    halted = unreadable(checked, lang)
    if halted is not None:
        return halted
    assert checked.report is not None
    if checked.report.valid:
        return None
    problems = checked.report.problems
    text = problems_table(problems, lang)
    document = {"valid": False, "problems": [problem_dict(p, lang) for p in problems]}
    count = len(checked.report.errors)
    error = UsageError("invalid-catalogue", f"The catalogue has {count} errors; nothing was "
                       "scored", count=count)
    line = error_text(error, lang)
    return Outcome(text, document, EXIT_INVALID, [f"okosys-plan: {line}"])


def stopped_files(checked: Sequence[Checked], lang: str,
                  invalid: Callable[[Path, int], Exception]) -> Outcome | None:
    """Several files: exit 2 when one is unreadable, 1 when a catalogue has errors (each
    said by ``invalid(path, count)``), else None; the document lists every file."""
    entries = [_entry(c, lang) for c in checked]
    unread = [c for c in checked if c.error is not None]
    if unread:
        lines = [f"okosys-plan: {error_text(c.error, lang)}" for c in unread if c.error]
        return Outcome("", {"valid": False, "files": entries}, EXIT_UNUSABLE, lines)
    bad = [c for c in checked if c.report is not None and not c.report.valid]
    if not bad:
        return None
    text = "\n\n".join(f"== {c.path}\n{problems_table(c.report.problems, lang)}"
                       for c in bad if c.report is not None)
    lines = [f"okosys-plan: {c.path}: "
             f"{error_text(invalid(c.path, len(c.report.errors)), lang)}"
             for c in bad if c.report is not None]
    return Outcome(text, {"valid": False, "files": entries}, EXIT_INVALID, lines)


def _entry(checked: Checked, lang: str) -> dict[str, Any]:
    if checked.error is not None:
        return {"path": str(checked.path), "valid": False,
                "error": error_text(checked.error, lang), "problems": []}
    assert checked.report is not None
    return {"path": str(checked.path), "valid": checked.report.valid, "error": None,
            "problems": [problem_dict(p, lang) for p in checked.report.problems]}
