"""What a command has to say, and the exit codes: the one place they are decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from okosys_plan.catalogue.check import Checked

#: Exit codes: fine, invalid data, unusable input or bad usage.
EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


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
