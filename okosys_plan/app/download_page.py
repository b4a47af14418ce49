"""Last ned: the whole job on the catalogue, every file ``run`` writes, one by one or zipped.

The job runs on the catalogue checked last (the bundled one if none was), as ``okosys-plan
run`` does (validation, priorities with the sensitivity run, plan, roadmap, funding,
service chains, the deck and the report), into a folder of its own in the app's private
uploads folder, as of today. An invalid catalogue writes nothing: the page says so and
sends the user to Katalog.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file

from okosys_plan.app.current import current_catalogue
from okosys_plan.app.server import page_lang, state_of
from okosys_plan.export.files import FIXED_ZIP_TIME

pages = Blueprint("download", __name__)


@pages.route("/last-ned", methods=["GET", "POST"])
def download() -> str:
    """The page: a button that makes every file, then the files and the zip."""
    checked = current_catalogue()
    if checked is None:
        return render_template("last_ned.html", files=[], name="", invalid=False)
    if request.method == "GET":
        return render_template("last_ned.html", files=[], name=checked.path.name,
                               invalid=False)
    folder = _run(checked.path)
    if folder is None:
        return render_template("last_ned.html", files=[], name=checked.path.name,
                               invalid=True)
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    return render_template("last_ned.html", files=files, name=checked.path.name,
                           run=folder.name, invalid=False)


def _run(path: Path) -> Path | None:
    """The whole job on ``path`` into a new folder; None when the catalogue is invalid."""
    from okosys_plan.report.outputs import write_outputs
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    state = state_of(current_app)
    number = len([p for p in state.uploads.folder.glob("run-*")]) + 1
    folder = state.uploads.scratch(f"run-{number}")
    folder.mkdir(mode=0o700)
    config = RunConfig(lang=page_lang())
    results = run_pipeline(path, config, date.today())
    if results.prioritised is None or results.plan is None:
        return None
    write_outputs(results, config, folder)
    return folder


def _folder(run: str) -> Path:
    """A run's folder, by its name (nothing outside the uploads folder)."""
    state = state_of(current_app)
    if not run.startswith("run-") or not run[4:].isdigit():
        abort(404)
    folder = state.uploads.scratch(run)
    if not folder.is_dir():
        abort(404)
    return folder


@pages.get("/last-ned/<run>/<name>")
def one_file(run: str, name: str) -> Any:
    """One file of a run."""
    folder = _folder(run)
    found = {p.name: p for p in folder.iterdir() if p.is_file()}.get(name)
    if found is None:
        abort(404)
    return send_file(found, as_attachment=True, download_name=name)


@pages.get("/last-ned/<run>.zip")
def zipped(run: str) -> Any:
    """Every file of a run in one zip (the same bytes for the same files)."""
    folder = _folder(run)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            info = zipfile.ZipInfo(f"okosys-plan/{path.name}", date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    buffer.seek(0)
    return send_file(buffer, as_attachment=True, download_name="okosys-plan.zip",
                     mimetype="application/zip")
