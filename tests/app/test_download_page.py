"""Last ned in the app: the whole job's files one by one and as one zip."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
from pptx import Presentation

from okosys_plan.app.server import AppState
from tests.app.test_app import BASE, client, state, text, token  # noqa: F401 (fixtures)


def finished(client: Any, state: AppState) -> Any:  # noqa: F811
    """Start the job, follow it to its page, wait for its thread, and load the page."""
    started = client.post("/last-ned", data={"token": token(client)}, base_url=BASE)
    assert started.status_code == 303
    address = started.headers["Location"]
    assert re.search(r"jobb=run-\d+", address)
    for job in state.jobs.values():
        if job.thread is not None:
            job.thread.join(timeout=600)
    return client.get(address, base_url=BASE)


def test_every_file_of_the_run_is_offered_and_the_zip_holds_them(client: Any, state: AppState  # noqa: F811
                                                                 ) -> None:
    page = client.get("/last-ned", base_url=BASE).data.decode()
    assert "behovskatalog.xlsx" in page and 'aria-current="page">Last ned' in page
    made = finished(client, state)
    assert made.status_code == 200
    assert "Alle filene er laget" in made.data.decode() and "hx-trigger" not in made.data.decode()
    links = re.findall(r'href="(/last-ned/run-\d+/([^"]+))"', made.data.decode())
    names = {name for _, name in links}
    assert {"prioritert-behov.xlsx", "plan.xlsx", "veikart.pptx", "rapport.html",
            "revisjon.json", "hendelser.json"} <= names
    workbook = client.get(dict((n, u) for u, n in links)["plan.xlsx"], base_url=BASE)
    assert "Plan" in openpyxl.load_workbook(io.BytesIO(workbook.data)).sheetnames
    zip_link = re.search(r'href="(/last-ned/run-\d+\.zip)"', made.data.decode())
    assert zip_link is not None
    archive = zipfile.ZipFile(io.BytesIO(client.get(zip_link.group(1), base_url=BASE).data))
    inside = {n.split("/", 1)[1] for n in archive.namelist()}
    assert inside == names
    deck = Presentation(io.BytesIO(archive.read("okosys-plan/veikart.pptx")))
    assert len(deck.slides) > 5


def test_a_run_folder_outside_the_uploads_is_not_served(client: Any) -> None:  # noqa: F811
    assert client.get("/last-ned/../x.zip", base_url=BASE).status_code == 404
    assert client.get("/last-ned/run-99/plan.xlsx", base_url=BASE).status_code == 404
    assert client.get("/last-ned/etc/passwd", base_url=BASE).status_code == 404
    assert "Den siden finnes ikke." in text(client.get("/last-ned/run-x.zip",
                                                       base_url=BASE).data)


def test_while_the_job_runs_the_page_shows_its_step_and_share(client: Any, state: AppState  # noqa: F811
                                                              ) -> None:
    from okosys_plan.app.jobs import Job

    folder = state.uploads.scratch("run-7")
    folder.mkdir()
    job = state.jobs["run-7"] = Job("run-7", folder)
    job.reached("prioritise")
    job.drawn(1, 2)
    page = client.get("/last-ned?jobb=run-7", base_url=BASE).data.decode()
    assert "Prioriterer (med følsomhetsanalyse) …" in page
    assert 'value="18"' in page  # 1.5 of 8 steps
    assert 'hx-trigger="every 1s"' in page and 'http-equiv="refresh"' in page
    assert client.get("/last-ned/run-7.zip", base_url=BASE).status_code == 404  # not yet
    again = client.post("/last-ned", data={"token": token(client)}, base_url=BASE)
    assert "jobb=run-7" in again.headers["Location"]  # one job at a time


def test_a_defect_in_the_job_is_said_without_a_trace(client: Any, state: AppState,  # noqa: F811
                                                     monkeypatch: Any) -> None:
    import okosys_plan.run.pipeline as pipeline

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "run_pipeline", broken)
    page = finished(client, state).data.decode()
    assert "Noe gikk galt i okosys-plan" in page and "boom" not in page
    assert "Traceback" not in page


def test_stopping_the_app_stops_its_job_before_its_folder_goes(state: AppState) -> None:  # noqa: F811
    import threading

    from okosys_plan.app.jobs import STOPPED, Job

    folder = state.uploads.scratch("run-1")
    folder.mkdir()
    job = state.jobs["run-1"] = Job("run-1", folder)
    started = threading.Event()

    def steps() -> None:  # a job between two steps until it is asked to stop
        started.set()
        try:
            while True:
                job.reached("plan")
        except Exception as stopped:
            job.state = STOPPED if type(stopped).__name__ == "Stopped" else "failed"

    job.thread = threading.Thread(target=steps, daemon=True)
    job.thread.start()
    started.wait(5)
    state.close()
    assert not job.thread.is_alive() and job.state == STOPPED
    assert not state.uploads.folder.exists()
