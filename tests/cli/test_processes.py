"""Nothing outlives a command (issue 13, section 3): killed runs, signals, temporary files.

Real processes: ``okosys-plan run`` on the bundled catalogue, with the PNG child forced
on, is stopped at the moments that matter (the child alive, a temporary file open) by
SIGKILL, SIGTERM and SIGINT. Afterwards no process of its session is left, its stdout
reaches EOF (``okosys-plan run | cat`` ends), the next run leaves no temporary file, and
``revisjon.json`` never lists a hash that is not the file beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from okosys_plan.export.files import write_bytes_atomic
from okosys_plan.report.outputs import RUN_FILES
from tests.cli.test_paths import children, temporary_files
from tests.conftest import valid_sheets, write_catalogue

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
#: The command line, with the PNG child forced on even on busy cores.
FORKING = ("from okosys_plan.charts import forked; forked._can_fork = lambda: True; "
           "from okosys_plan.cli.main import main; main()")


def start_run(out: Path, as_of: str = "2024-06-30") -> subprocess.Popen[bytes]:
    """``okosys-plan run`` in its own session, stdout and stderr piped (as ``| cat``)."""
    return subprocess.Popen([sys.executable, "-c", FORKING, "run", str(BUNDLED), "-o", str(out),
                             "--as-of", as_of], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes],
             timeout: float = 120) -> bool:
    """Poll ``condition`` until it holds (True) or the process ends (False)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and process.poll() is None:
        if condition():
            return True
        time.sleep(0.002)
    return False


def gone(pids: list[int], timeout: float = 10) -> bool:
    """True once none of ``pids`` is a live (non-zombie) process."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        alive = [p for p in pids if _live(p)]
        if not alive:
            return True
        time.sleep(0.05)
    return False


def _live(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def audit_matches(folder: Path) -> None:
    """If there is a revisjon.json, every hash in it is the file beside it."""
    audit = folder / RUN_FILES["audit"]
    if not audit.exists():
        return
    for name, digest in json.loads(audit.read_text(encoding="utf-8"))["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Read both pipes to EOF (a child holding them would hang here) and the exit code."""
    _, stderr = process.communicate(timeout=30)
    return process.returncode, stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def old_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished run with another as-of date (other bytes) to stop a new run over."""
    out = tmp_path_factory.mktemp("old") / "ut"
    process = start_run(out, "2023-01-01")
    assert finish(process)[0] == 0
    return out


def _copy(folder: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for path in folder.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGKILL, -signal.SIGKILL),
                                           (signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_run_stopped_while_its_png_child_lives_leaves_nothing(
        tmp_path: Path, old_run: Path, sig: signal.Signals, code: int) -> None:
    out = _copy(old_run, tmp_path / "ut")
    process = start_run(out)
    found: list[int] = []

    def child() -> bool:
        found[:] = children(process.pid)
        return bool(found)

    assert wait_for(child, process), "the run never forked its PNG child"
    time.sleep(0.2)  # the child is saving the PNG now
    process.send_signal(sig)
    returncode, stderr = finish(process)
    assert returncode == code, stderr
    assert "Traceback" not in stderr and "Aborted!" not in stderr
    if sig != signal.SIGKILL:
        assert stderr.rstrip().splitlines()[-1] == "okosys-plan: avbrutt"
        assert temporary_files(out) == []
    assert gone(found) and children(process.pid) == []
    audit_matches(out)
    if sig == signal.SIGKILL:
        _next_run_is_clean(out)


def test_a_run_killed_while_writing_leaves_no_temporary_file_after_the_next(
        tmp_path: Path, old_run: Path) -> None:
    out = _copy(old_run, tmp_path / "ut")
    process = start_run(out)
    assert wait_for(lambda: bool(temporary_files(out)), process), "no file was being written"
    process.send_signal(signal.SIGKILL)
    assert finish(process)[0] == -signal.SIGKILL
    assert gone(children(process.pid))
    audit_matches(out)
    _next_run_is_clean(out)


def _next_run_is_clean(out: Path) -> None:
    process = start_run(out)
    returncode, stderr = finish(process)
    assert returncode == 0, stderr
    assert temporary_files(out) == []
    assert (out / RUN_FILES["audit"]).exists()
    audit_matches(out)


def test_a_run_that_fails_half_way_leaves_no_old_audit(tmp_path: Path, old_run: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = _copy(old_run, tmp_path / "ut")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(out / "veikart.png"))

    monkeypatch.setattr("okosys_plan.charts.roadmap.save.write_roadmap_charts", broken)
    result = CliRunner().invoke(cli, ["run", str(BUNDLED), "-o", str(out), "--as-of",
                                      "2024-06-30"])
    assert result.exit_code == 2 and "disken er full" in result.stderr
    assert not (out / RUN_FILES["audit"]).exists()  # the files beside it are new ones now
    assert temporary_files(out) == []


# --- Ctrl-C and SIGTERM in process --------------------------------------------------------------


@pytest.mark.parametrize(("lang", "line"), [("nb", "okosys-plan: avbrutt"),
                                            ("en", "okosys-plan: interrupted")])
def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         lang: str, line: str) -> None:
    catalogue = write_catalogue(tmp_path / "k.xlsx", valid_sheets())

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("okosys_plan.cli.actions.catalogue.check_file", interrupted)
    result = CliRunner().invoke(cli, ["validate", str(catalogue), "--lang", lang])
    assert result.exit_code == 130
    assert result.stderr.strip() == line and "Aborted" not in result.output


def test_sigterm_in_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    from okosys_plan.cli.main import Terminated
    from okosys_plan.export.files import write_atomic

    def stopped(handle: object) -> None:
        raise Terminated

    with pytest.raises(Terminated):
        write_atomic(tmp_path / "a.xlsx", stopped)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# --- stale temporary files ------------------------------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_our_stale_temporary_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = tmp_path / f".plan.xlsx.{dead}.k3j2.tmp"
    live = tmp_path / f".plan.xlsx.{os.getppid()}.a1b2.tmp"  # a run still writing
    other = tmp_path / f".annen.xlsx.{dead}.x9.tmp"  # another file's: cleaned when it is
    users = tmp_path / ".plan.xlsx.notater.tmp"  # not ours at all
    for path in (stale, live, other, users):
        path.write_bytes(b"x")
    write_bytes_atomic(tmp_path / "plan.xlsx", b"new")
    assert (tmp_path / "plan.xlsx").read_bytes() == b"new"
    assert not stale.exists() and live.exists() and other.exists() and users.exists()


@pytest.mark.parametrize("length", [1, 200, 240, 255])
def test_a_long_name_still_fits_its_temporary_file(tmp_path: Path, length: int) -> None:
    name = "æ" * (length // 2) + "x" * (length % 2)  # two bytes a letter: 255 at most
    write_bytes_atomic(tmp_path / name, b"data")
    assert (tmp_path / name).read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [name]
