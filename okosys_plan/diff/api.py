"""Compare two catalogues (or files): their needs, rankings and plans.

Each version is ranked with the same options and planned with the same roadmap settings,
so rank moves and roadmap moves come from the catalogue alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okosys_plan.catalogue.check import check_file
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.diff.compare import CatalogueDiff, compare
from okosys_plan.diff.document import diff_document
from okosys_plan.errors import InvalidData
from okosys_plan.prioritise.api import PriorityOptions, prioritise
from okosys_plan.roadmap.settings import RoadmapSettings
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED


def diff_catalogues(old: Catalogue, new: Catalogue, *, options: PriorityOptions | None = None,
                    settings: RoadmapSettings | None = None) -> CatalogueDiff:
    """Compare two catalogues, their rankings and their plans (bundled roadmap settings)."""
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.settings import roadmap_settings

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
        raise invalid_catalogue(path, len(checked.report.errors))
    return checked.catalogue


def invalid_catalogue(path: Path, count: int) -> InvalidData:
    """The error for a catalogue with ``count`` errors (the command line names the file)."""
    return InvalidData("catalogue-not-compared", f"The catalogue has {count} errors; nothing "
                       "was compared", path=str(path), count=count)
