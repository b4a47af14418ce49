"""The whole job in the background: one thread per run, its step and share done kept for
the Last ned page to show while the files are made.

A job writes into a folder of its own in the app's private uploads folder, as
``okosys-plan run`` writes into ``exports/``. It ends ``done`` (every file written),
``invalid`` (the catalogue has errors: nothing written), ``failed`` (a defect in
okosys-plan, logged; the page says so without a trace) or ``stopped`` (the app stopped
while it ran: it ends at its next step, before its folder is removed).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okosys_plan.run.steps import STEPS

#: The steps a job takes, in order, for its share done (scenarios only with a Scenarier sheet).
ORDER = ("validate", "prioritise", "plan", "funding", "scenarios", "roadmap", "deck",
         "report")
RUNNING, DONE, INVALID, FAILED, STOPPED = "running", "done", "invalid", "failed", "stopped"


class Stopped(Exception):
    """The app is stopping: the job ends at its next step, writing nothing more."""


@dataclass
class Job:
    """One run of the whole job: where it writes, how far it has come, how it ended."""

    name: str  # run-N: its folder's name and its address
    folder: Path
    step: str = "validate"
    draws: tuple[int, int] = (0, 0)  # the sensitivity run's blocks: done, total
    state: str = RUNNING
    files: list[str] = field(default_factory=list)
    message: str = ""  # why the job refused its input (the terminal's one line)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    thread: threading.Thread | None = field(default=None, repr=False)
    stopping: threading.Event = field(default_factory=threading.Event, repr=False)

    def reached(self, step: str) -> None:
        """The job begins ``step`` (or stops here, when the app is stopping)."""
        self._stop_if_asked()
        with self.lock:
            self.step = step

    def drawn(self, done: int, total: int) -> None:
        """The sensitivity run has drawn ``done`` of ``total`` blocks."""
        self._stop_if_asked()
        with self.lock:
            self.draws = (done, total)

    def stop(self, seconds: float = 30.0) -> None:
        """Ask the job to stop at its next step, and wait for it (at most ``seconds``)."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=seconds)

    def _stop_if_asked(self) -> None:
        if self.stopping.is_set():
            raise Stopped

    @property
    def percent(self) -> int:
        """How much of the job is done, 0–100 (the draws count inside their step)."""
        with self.lock:
            at = ORDER.index(self.step) if self.step in ORDER else 0
            done, total = self.draws
            inside = done / total if self.step == "prioritise" and total else 0.0
            return 100 if self.state != RUNNING else int(100 * (at + inside) / len(ORDER))

    @property
    def step_text(self) -> str:
        """The step's name (English: a message id)."""
        return STEPS.get(self.step, STEPS["write"])


def start(job: Job, path: Path, lang: str, as_of: date) -> threading.Thread:
    """Run the whole job on the catalogue at ``path`` into ``job.folder``, in a thread."""
    job.thread = threading.Thread(target=_work, args=(job, path, lang, as_of), daemon=True,
                                  name=f"okosys-plan {job.name}")
    job.thread.start()
    return job.thread


def _work(job: Job, path: Path, lang: str, as_of: date) -> None:
    """The job itself: as ``okosys-plan run``, with the job's progress kept."""
    from okosys_plan.errors import OkosysError
    from okosys_plan.report.outputs import write_outputs
    from okosys_plan.run.pipeline import RunConfig, run_pipeline
    from okosys_plan.text.errors import error_text

    try:
        config = RunConfig(lang=lang)
        results = run_pipeline(path, config, as_of, progress=job.reached, on_block=job.drawn)
        if results.prioritised is None or results.plan is None:
            job.state = INVALID
            return
        write_outputs(results, config, job.folder, progress=job.reached)
        job.files = sorted(p.name for p in job.folder.iterdir() if p.is_file())
        job.state = DONE
    except OkosysError as error:  # input it cannot use (a file changed under it): said
        job.message, job.state = error_text(error, lang), INVALID
    except Stopped:  # the app stops: its folder goes with it
        job.state = STOPPED
    except Exception:  # a defect: logged for a report, said on the page without a trace
        logging.getLogger("okosys_plan.app").exception("the job %s failed", job.name)
        job.state = FAILED
