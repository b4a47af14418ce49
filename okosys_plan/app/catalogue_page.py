"""Katalog: drop workbooks (or take the bundled one), see every problem, get a marked copy.

Each file is read by the same readers and checked by the same rules as ``okosys-plan
validate``; a file that cannot be read gets the same one line as in the terminal. The
problems are grouped by sheet, each with its cell, column, value, message and hint, and a
readable file can be downloaded as a copy with its problems marked in the cells.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file

from okosys_plan.app.server import page_lang, state_of
from okosys_plan.catalogue.present import problem_dict, summary_line

pages = Blueprint("pages", __name__)


@pages.get("/")
def catalogue() -> str:
    """The Katalog page with its upload form."""
    return render_template("katalog.html", results=[])


@pages.post("/katalog")
def check() -> str:
    """Check the uploaded workbooks (or the bundled one) and show every problem."""
    from okosys_plan.bundled import bundled_catalogue

    state = state_of(current_app)
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if request.form.get("bundled"):
        path = bundled_catalogue()
        kept = [state.uploads.keep(path.name, path.read_bytes())]
    else:
        kept = [state.uploads.keep(f.filename or "", f.read()) for f in files]
    if not kept:
        return render_template("katalog.html", results=[], notice="Choose at least one file.")
    results = [result_of(u) for u in kept]
    return render_template("katalog.html", results=results,
                           mergeable=[r["id"] for r in results if not r.get("error")])


def result_of(upload: Any) -> dict[str, Any]:
    """One file checked: its summary, its problems by sheet, or why it cannot be read."""
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.text.errors import error_text

    state = state_of(current_app)
    lang = page_lang()
    checked = check_file(upload.path)
    state.checked[upload.id] = checked
    if checked.error is not None or checked.report is None:
        error = checked.error
        return {"id": upload.id, "name": upload.name,
                "error": error_text(error, lang) if error is not None else ""}
    report = checked.report
    groups: dict[str, list[dict[str, Any]]] = {}
    for problem in checked.report.problems:
        groups.setdefault(problem.sheet or "", []).append(problem_dict(problem, lang))
    return {"id": upload.id, "name": upload.name, "summary": summary_line(report, lang),
            "valid": checked.report.valid, "groups": groups,
            "errors": len(checked.report.errors), "warnings": len(checked.report.warnings)}


def file_problem(problem: Any, lang: str) -> dict[str, Any]:
    """A problem as the pages show it, with the file it is in (several files in a table)."""
    return {**problem_dict(problem, lang), "file": problem.file or ""}


@pages.get("/katalog/<upload_id>/merket.xlsx")
def marked(upload_id: str) -> Any:
    """The upload as a copy with its problems marked in the cells."""
    from okosys_plan.catalogue.annotate import write_annotated

    state = state_of(current_app)
    upload, checked = state.uploads.get(upload_id), state.checked.get(upload_id)
    if upload is None or checked is None or checked.report is None:
        abort(404)
    target = state.uploads.scratch(f"merket-{upload_id}.xlsx")
    write_annotated(upload.path, checked.report, target, force=True, lang=page_lang())
    stem = upload.name.rsplit(".", 1)[0] or "katalog"
    return send_file(target, as_attachment=True, download_name=f"{stem}-merket.xlsx")
