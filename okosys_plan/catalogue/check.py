"""Load and validate one file: its catalogue and report, or why it could not be read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okosys_plan import collector
from okosys_plan.catalogue.load import build_catalogue
from okosys_plan.catalogue.model import Catalogue, Criterion, Report
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED, RawWorkbook, read_workbook


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
    return check_file_raw(path, max_unpacked, criteria)[0]


def check_file_raw(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED,
                   criteria: Sequence[Criterion] | None = None
                   ) -> tuple[Checked, RawWorkbook | None]:
    """As ``check_file``, with the raw sheets read (None when unreadable), for the sheets
    a layer above the catalogue reads itself (the Scenarier sheet)."""
    try:
        with collector.paused():
            raw = read_workbook(Path(path), max_unpacked)
    except UnreadableWorkbook as error:
        return Checked(path, error=error), None
    catalogue = build_catalogue(raw, criteria)
    return Checked(path, catalogue, validate(catalogue)), raw
