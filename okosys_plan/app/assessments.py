"""Several members' assessments on Prioritering: uploaded (or the bundled ones), read with
the same reader as ``okosys-plan prioritise --assessments``, ranked on their aggregate.

The files are kept in the app's private uploads folder for the catalogue they were given
for; the page ranks on them until they are removed. A file that cannot be read gets the
terminal's one line; problems in a readable one are listed with file, sheet and cell, and
while any is an error the page ranks on the catalogue's own scores and says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for

from okosys_plan.app.catalogue_page import file_problem
from okosys_plan.app.current import current_catalogue, remembered
from okosys_plan.app.server import page_lang, state_of

pages = Blueprint("assessments", __name__)


@dataclass(frozen=True)
class Read:
    """The assessments given for the current catalogue, as read."""

    names: tuple[str, ...]  # the files, as the user named them
    assessments: Any | None  # assess.model.Assessments, None when a file is unreadable
    unreadable: str = ""  # the one line for a file that is not a spreadsheet
    problems: tuple[dict[str, Any], ...] = ()

    @property
    def usable(self) -> bool:
        """True when the ranking can be made on them (read, and no error among them)."""
        return self.assessments is not None and not any(
            p.is_error for p in self.assessments.problems)


@pages.post("/prioritering/vurderinger")
def give() -> Any:
    """Keep the uploaded assessments (or the bundled ones, or none) for the catalogue."""
    from okosys_plan.bundled import bundled_assessments

    state = state_of(current_app)
    checked = current_catalogue()
    if checked is not None:
        kept = state.assessments.setdefault(str(checked.path), [])
        if request.form.get("forget"):
            kept.clear()
        elif request.form.get("bundled"):
            folder = bundled_assessments()
            files = sorted(folder.glob("*.xlsx")) if folder else []
            kept[:] = [state.uploads.keep(p.name, p.read_bytes()) for p in files]
        else:
            given = [f for f in request.files.getlist("assessments") if f and f.filename]
            if given:
                kept[:] = [state.uploads.keep(f.filename or "", f.read()) for f in given]
    return redirect(url_for("priority.priority", lang=page_lang()) + "#vurderinger", 303)


def given_assessments(catalogue: Any, path: Path) -> Read | None:
    """The assessments given for the catalogue at ``path`` as read, or None for none."""
    kept = state_of(current_app).assessments.get(str(path))
    if not kept:
        return None
    key = ("assessments", str(path), tuple(str(u.path) for u in kept), page_lang())
    return remembered(key, lambda: _read(catalogue, kept))  # type: ignore[no-any-return]


def _read(catalogue: Any, kept: list[Any]) -> Read:
    """Read every kept file against the catalogue's needs and criteria."""
    from okosys_plan.assess.read import read_assessments
    from okosys_plan.errors import OkosysError
    from okosys_plan.text.errors import error_text

    names = tuple(u.name for u in kept)
    lang = page_lang()
    try:
        found = read_assessments([u.path for u in kept], [n.id for n in catalogue.needs],
                                 catalogue.criteria)
    except OkosysError as error:
        return Read(names, None, unreadable=error_text(error, lang))
    problems = tuple(file_problem(p, lang) for p in found.problems)
    return Read(names, found, problems=problems)


def ranked_on(catalogue: Any, read: Read, options: Any) -> Any:
    """The ranking on the assessments' aggregate (median) grades: assess.api.Assessed."""
    from okosys_plan.assess.api import assess

    assert read.assessments is not None  # only for usable ones
    return assess(catalogue, read.assessments, options)


def discussion_rows(assessed: Any, lang: str) -> tuple[list[str], list[list[str]]]:
    """The discussion list: the needs whose place the disagreement could change."""
    from okosys_plan.assess.tables import discussion_table
    from okosys_plan.text.numbers import number

    table = discussion_table(assessed.agreement, lang)
    rows = [["" if cell is None else number(cell, lang) if isinstance(cell, float) else
             str(cell) for cell in row] for row in table.rows]
    return list(table.headers), rows
