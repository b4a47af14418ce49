"""Save one figure in several formats on two cores: the PNG in a forked child, the rest here.

A large roadmap's PNG (Agg drawing every glyph, then zlib) takes about as long as its SVG
and PDF together, and each format is a separate pass over the same finished figure, so a
child forked after drawing can save the PNG while this process saves the others. The
child runs the very same function on the very same figure, so the bytes do not change;
where fork is missing, on one core, or if the child fails, everything is saved here.

The child never outlives this process: the kernel kills it when its parent dies
(``PR_SET_PDEATHSIG``), its stdin, stdout and stderr are /dev/null (so it never holds the
caller's pipe open: ``okosys-plan run | cat`` ends with the run), and a child that has not
answered within ``CHILD_TIMEOUT`` seconds is killed and its PNG saved here.
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
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

#: The format given to the child: the slowest one to save.
CHILD_FORMAT = "png"
#: Seconds the child may take before its PNG is saved here instead.
CHILD_TIMEOUT = 300.0
_PR_SET_PDEATHSIG = 1


def save_formats(save: Callable[[str], bytes], formats: Sequence[str]) -> list[bytes]:
    """``save(fmt)`` for each format, in order; the PNG in a child when that can help."""
    if CHILD_FORMAT not in formats or len(formats) < 2 or not _can_fork():
        return [save(fmt) for fmt in formats]
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(save, writer, os.getpid()))
    child.start()
    writer.close()
    try:
        here = {fmt: save(fmt) for fmt in formats if fmt != CHILD_FORMAT}
        received = _received(reader, CHILD_TIMEOUT)
        if received is None:
            child.kill()  # ended without an answer, or too slow: saved here
        here[CHILD_FORMAT] = received or save(CHILD_FORMAT)
    except BaseException:
        child.kill()  # this process failed or was interrupted: the PNG is not wanted
        raise
    finally:
        reader.close()
        child.join()
    return [here[fmt] for fmt in formats]


def _can_fork() -> bool:
    """True when a forked child is safe and has a core of its own.

    That is on Linux, in a process that runs no other thread (a lock another thread holds
    would stay held in the child) and is not a multiprocessing daemon (which may have no
    children), with a core that the last minute's load leaves idle: on busy cores the
    child only competes, and the two took longer than one process alone.
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    if multiprocessing.current_process().daemon:
        return False
    cores = len(os.sched_getaffinity(0))
    return cores >= 2 and os.getloadavg()[0] + 0.5 < cores  # this process counts for one


def _received(reader: Connection, timeout: float) -> bytes | None:
    """The child's bytes, or None if it ended without sending them or took too long."""
    try:
        if not reader.poll(timeout):
            return None
        return reader.recv_bytes()
    except (EOFError, OSError):
        return None


def _send(save: Callable[[str], bytes], writer: Connection, parent: int) -> None:
    """In the child: save the PNG and send its bytes; on any failure end quietly."""
    try:
        _bind_to_parent(parent)
        gc.disable()  # short-lived: a full collection would only copy the parent's pages
        writer.send_bytes(save(CHILD_FORMAT))
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
