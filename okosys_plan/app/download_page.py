"""Last ned: the whole job on the catalogue, every file ``run`` writes, one by one or zipped.

The job runs in the background (``app.jobs``) on the catalogue checked last (the bundled
one if none was), as ``okosys-plan run`` does (validation, priorities with the sensitivity
run, plan, roadmap, funding, service chains, the deck and the report), into a folder of
its own in the app's private uploads folder, as of today; the page shows its step and
share done until it ends (updated in place with script, reloaded every two seconds
without). An invalid catalogue writes nothing: the page says so and sends the user to
Katalog.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from okosys_plan.app.current import current_catalogue
from okosys_plan.app.jobs import DONE, RUNNING, Job, start
from okosys_plan.app.server import page_lang, state_of
from okosys_plan.export.files import FIXED_ZIP_TIME

pages = Blueprint("download", __name__)


@pages.route("/last-ned", methods=["GET", "POST"])
def download() -> Any:
    """The page: a button that starts the job; while it runs, how far it has come; then
    the files and the zip (``?jobb=run-N`` names the job to show)."""
    checked = current_catalogue()
    if checked is None:
        return render_template("last_ned.html", name="", job=None)
    state = state_of(current_app)
    if request.method == "POST":
        with state.lock:  # one job at a time, each with a number of its own
            running = next((j for j in state.jobs.values() if j.state == RUNNING), None)
            job = running or _started(checked.path)
        return redirect(url_for("download.download", lang=page_lang(), jobb=job.name), 303)
    job = state.jobs.get(request.args.get("jobb", ""))
    return render_template("last_ned.html", name=checked.path.name, job=job)


def _started(path: Path) -> Job:
    """A new job on ``path`` into a new folder, started."""
    state = state_of(current_app)
    name = f"run-{len(state.jobs) + 1}"
    folder = state.uploads.scratch(name)
    folder.mkdir(mode=0o700)
    job = state.jobs[name] = Job(name, folder)
    start(job, path, page_lang(), date.today())
    return job


def _folder(run: str) -> Path:
    """A run's folder, by its name (nothing outside the uploads folder)."""
    state = state_of(current_app)
    if not run.startswith("run-") or not run[4:].isdigit():
        abort(404)
    job: Job | None = state.jobs.get(run)
    if job is None or job.state != DONE:
        abort(404)
    return job.folder


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
