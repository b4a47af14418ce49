"""How a command stops: one line on stderr (and a JSON document with --json), an exit code.

The exit codes are mapped here, and only here.

Used by the CLI's group (``okosys_plan.cli.app._Group``), the one place where the library's
errors, an ``OSError`` and Ctrl-C or SIGTERM become that line.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys

import click

from okosys_plan.errors import InvalidData, OkosysError


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that every temporary file is removed."""


#: The signal's exception not yet handled. Python ignores an exception raised inside a
#: ``__del__`` or a weakref callback (matplotlib's transforms have such callbacks), so a
#: Ctrl-C that lands there would be lost; it is raised again at the next checkpoint.
_PENDING: list[KeyboardInterrupt] = []


def on_signal(signum: int, _frame: object) -> None:
    """SIGINT and SIGTERM: stop where the program is (temporary files are removed)."""
    error = Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
    _PENDING[:] = [error]
    raise error


def checkpoint() -> None:
    """Raise again a signal's exception that a callback swallowed (none: do nothing)."""
    if _PENDING:
        raise _PENDING[0]


def handled() -> None:
    """The signal's exception has reached the command's end: nothing is pending."""
    _PENDING.clear()


#: The exit codes, the one map of them: fine (warnings allowed), invalid data, unusable
#: input or bad usage.
EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
#: Exit codes of a run stopped by Ctrl-C (SIGINT) and by SIGTERM: 128 + the signal.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


def error_exit(error: OkosysError) -> int:
    """An error's exit code: 1 for data that is not valid enough, else 2 (unusable)."""
    return EXIT_INVALID if isinstance(error, InvalidData) else EXIT_UNUSABLE


def lang_of(ctx: click.Context) -> str:
    """The language of the command's messages (set by --lang or the config)."""
    return str(ctx.meta.get("okosys.lang", "nb"))


def stop(ctx: click.Context, line: str, code: int) -> None:
    """End the command with one line on stderr (and, with --json, a document on stdout)."""
    if ctx.meta.get("okosys.json"):
        json_error(f"okosys-plan: {line}")
    with contextlib.suppress(OSError, ValueError):  # stderr may be closed too
        click.echo(f"okosys-plan: {line}", err=True)
    ctx.exit(code)


def json_error(line: str) -> None:
    """With --json, an error is a JSON document on stdout too."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(json.dumps({"valid": False, "error": line}, ensure_ascii=False, indent=2))


def os_error_line(error: OSError, lang: str) -> str:
    """An OSError as one line: the path it concerns and the reason, in ``lang``."""
    from okosys_plan.paths import os_reason

    reason = os_reason(error.errno, error.strerror, lang)
    return f"{error.filename}: {reason}" if error.filename else reason


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
