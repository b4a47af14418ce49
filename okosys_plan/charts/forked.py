"""Save charts on two cores: part of the files made by a forked child, the rest here.

A large roadmap's PNG (Agg drawing every glyph, then zlib) takes about as long as its SVG
and PDF together, and each format is a separate pass over the same finished figure, so a
child forked after drawing can save the PNG while this process saves the others
(``save_formats``). Two charts written together (the priority charts, the funding
charts) are split by chart instead: the child draws and saves the second while this
process draws and saves the first (``split``). The child runs the very same function on
the very same data, so the bytes do not change; where fork is missing, on one core, or
if the child fails, everything is made here.

The child never outlives this process: the kernel kills it when its parent dies
(``PR_SET_PDEATHSIG``), its stdin, stdout and stderr are /dev/null (so it never holds the
caller's pipe open: ``okosys-plan run | cat`` ends with the run), and a child that has not
answered within ``CHILD_TIMEOUT`` seconds is killed and its files made here.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

#: The format given to the child: the slowest one to save.
CHILD_FORMAT = "png"
#: Seconds the child may take before its files are made here instead.
CHILD_TIMEOUT = 300.0
#: Seconds spent looking at how idle the cores are, when the load average says busy.
IDLE_SAMPLE = 0.05
_PR_SET_PDEATHSIG = 1


def save_formats(save: Callable[[str], bytes], formats: Sequence[str]) -> list[bytes]:
    """``save(fmt)`` for each format, in order; the PNG in a child when that can help."""
    if CHILD_FORMAT not in formats or len(formats) < 2:
        return [save(fmt) for fmt in formats]
    others = [fmt for fmt in formats if fmt != CHILD_FORMAT]
    here, there = split(lambda: [save(fmt) for fmt in others], lambda: [save(CHILD_FORMAT)])
    found = dict(zip(others, here, strict=True))
    found[CHILD_FORMAT] = there[0]
    return [found[fmt] for fmt in formats]


def split(here: Callable[[], list[bytes]], there: Callable[[], list[bytes]]
          ) -> tuple[list[bytes], list[bytes]]:
    """``(here(), there())``, with ``there`` run by a forked child while this process runs ``here``.

    Both must give the same bytes wherever they run (a pure function of what is already
    in memory). Without a child (``_can_fork``), or if the child fails or is too slow,
    ``there`` runs here afterwards, so the result is the same in every case.
    """
    if not _can_fork():
        return here(), there()
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(there, writer, os.getpid()))
    child.start()
    writer.close()
    try:
        mine = here()
        received = _received(reader, CHILD_TIMEOUT)
        if received is None:
            child.kill()  # ended without an answer, or too slow: done here
        theirs = there() if received is None else received
    except BaseException:
        child.kill()  # this process failed or was interrupted: the child's work is not wanted
        raise
    finally:
        reader.close()
        child.join()
    return mine, theirs


def _can_fork() -> bool:
    """True when a forked child is safe and has a core of its own.

    That is on Linux, in a process that runs no other thread (a lock another thread holds
    would stay held in the child) and is not a multiprocessing daemon (which may have no
    children), with a core left idle by the last minute's load or, if that says busy,
    by the load of this moment: on busy cores the child only competes, and the two took
    longer than one process alone.
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    if multiprocessing.current_process().daemon:
        return False
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        return False
    if os.getloadavg()[0] + 0.5 < cores:  # this process counts for one
        return True
    # The load average lags a minute behind: a busy minute that has just ended (the
    # previous command) still counts. Look at the cores now instead.
    idle = _idle_cores(IDLE_SAMPLE)
    return idle is not None and idle + 0.5 >= min(cores, 2)


def _idle_cores(seconds: float) -> float | None:
    """How many cores stood idle on average during the next ``seconds`` (this process
    sleeping meanwhile), from /proc/stat; None where that cannot be read."""
    first = _cpu_times()
    time.sleep(seconds)
    last = _cpu_times()
    if first is None or last is None or last[1] <= first[1]:
        return None
    cpus = last[2]
    return cpus * (last[0] - first[0]) / (last[1] - first[1])


def _cpu_times() -> tuple[int, int, int] | None:
    """(idle, total) clock ticks of all cores together and the number of cores."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            lines = stat.read().splitlines()
        ticks = [int(t) for t in lines[0].split()[1:9]]  # user … steal; guest is in user
    except (OSError, ValueError, IndexError):
        return None
    cpus = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    return ticks[3] + ticks[4], sum(ticks), max(cpus, 1)  # idle + iowait


def _received(reader: Connection, timeout: float) -> list[bytes] | None:
    """The child's files, or None if it ended without sending them or took too long."""
    try:
        if not reader.poll(timeout):
            return None
        count = int.from_bytes(reader.recv_bytes(), "big")
        files = []
        for _ in range(count):
            if not reader.poll(timeout):
                return None
            files.append(reader.recv_bytes())
        return files
    except (EOFError, OSError):
        return None


def _send(there: Callable[[], list[bytes]], writer: Connection, parent: int) -> None:
    """In the child: make the files and send them (count, then each); on failure end quietly."""
    try:
        _bind_to_parent(parent)
        gc.disable()  # short-lived: a full collection would only copy the parent's pages
        files = there()
        writer.send_bytes(len(files).to_bytes(4, "big"))
        for data in files:
            writer.send_bytes(data)
        writer.close()
    except BaseException:  # the parent saves it again, and reports any error itself
        os._exit(1)


def _bind_to_parent(parent: int) -> None:
    """Die with the parent, take no signal the parent handles, hold none of its streams."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
    os.close(null)
