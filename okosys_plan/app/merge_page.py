"""Katalog, several submissions: merge the files just checked into one catalogue.

The same merge as ``okosys-plan merge`` (every row and column kept, each row's origin
named, an ID used in two files an error unless renumbered, likely duplicates said). A
merge without errors is kept as a new upload, checked as any file is, and becomes the
catalogue the other pages work on; it can be downloaded as it is.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file

from okosys_plan.app.catalogue_page import file_problem, result_of
from okosys_plan.app.server import page_lang, state_of

pages = Blueprint("merge", __name__)
MERGED_NAME = "sammenslått-katalog.xlsx"


@pages.post("/katalog/slaa-sammen")
def merge() -> str:
    """Merge the uploads named in the form, in their order; show what merging found."""
    from okosys_plan.catalogue.merge import merge_catalogues, write_merged

    state = state_of(current_app)
    lang = page_lang()
    ids = request.form.getlist("upload")
    checked = [state.checked.get(i) for i in ids]
    if len(ids) < 2 or any(c is None or c.catalogue is None for c in checked) or any(
            state.uploads.get(i) is None for i in ids):
        abort(404)
    merged = merge_catalogues([c.catalogue for c in checked if c is not None],
                              renumber=bool(request.form.get("renumber")))
    problems = [file_problem(p, lang) for p in merged.problems]
    outcome: dict[str, Any] = {"names": [state.uploads.kept[i].name for i in ids],
                               "problems": problems, "renumbered": merged.mapping,
                               "needs": len(merged.needs), "ids": ids,
                               "renumber": bool(request.form.get("renumber"))}
    if any(p.is_error for p in merged.problems):
        return render_template("katalog.html", results=[], merged=outcome)
    scratch = Path(tempfile.mkdtemp(dir=state.uploads.folder)) / MERGED_NAME
    write_merged(merged, scratch, force=True)
    upload = state.uploads.keep(MERGED_NAME, scratch.read_bytes())
    shutil.rmtree(scratch.parent)
    result = result_of(upload)
    outcome |= {"upload": upload.id, "valid": bool(result.get("valid"))}
    return render_template("katalog.html", results=[result], merged=outcome)


@pages.get("/katalog/<upload_id>/fil.xlsx")
def original(upload_id: str) -> Any:
    """An upload as it is (the merged catalogue, to take home)."""
    upload = state_of(current_app).uploads.get(upload_id)
    if upload is None:
        abort(404)
    return send_file(upload.path, as_attachment=True, download_name=upload.name)
