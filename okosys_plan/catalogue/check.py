"""Load and validate one file: its catalogue and report, or why it could not be read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.model import Catalogue, Criterion, Report
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED


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
