"""The command line's shared parts: the group, the shared options, number types, and how
an ``Outcome`` is printed. The one place the library's errors become a line and an exit
code (``_Group``); never a traceback."""

from __future__ import annotations

import errno
import json
import math
import sys
import warnings
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from okosys_plan import limits
from okosys_plan.cli.help import TextGroup
from okosys_plan.cli.stop import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    Terminated,
    checkpoint,
    error_exit,
    handled,
    json_error,
    lang_of,
    os_error_line,
    silence_stdout,
    stop,
)
from okosys_plan.errors import OkosysError
from okosys_plan.run.options import LANG
from okosys_plan.text.errors import error_text
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from okosys_plan.cli.outcome import Common, Outcome


F = TypeVar("F", bound=Callable[..., Any])


class Number(click.FloatRange):
    """Every numeric option's type: a finite number within a range, written either way.

    ``0,37`` or ``0.37``, ``200 000``, and with ``percent`` a trailing ``%``; NaN and the
    infinities are refused like any value out of range (click's usage error, exit 2).
    With ``whole`` the value must be a whole number and is given as an int.
    """

    def __init__(self, low: float | None = None, high: float | None = None, *,
                 whole: bool = False, low_open: bool = False, percent: bool = False) -> None:
        super().__init__(low, high, min_open=low_open)
        self.whole = whole
        self.percent = percent
        self.name = "integer range" if whole else "float range"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        """The number, checked: finite, whole if asked, within the range."""
        text = str(value)
        lang = "nb" if ctx is None else lang_of(ctx)  # --lang is eager: parsed before this
        plain = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(plain.removesuffix("%") if self.percent else plain)
        except ValueError:
            self.fail(say(lang, "'{value}' is not a number", value=value), param, ctx)
        if not math.isfinite(number):
            self.fail(say(lang, "'{value}' is not a finite number", value=value), param, ctx)
        if self.whole and not number.is_integer():
            self.fail(say(lang, "'{value}' is not a whole number", value=value), param, ctx)
        if not self._within(number):
            self.fail(say(lang, "'{value}' is outside {range}", value=value,
                          range=self._describe_range()), param, ctx)
        return int(number) if self.whole else number

    def _within(self, number: float) -> bool:
        low, high = self.min, self.max
        return ((low is None or (number > low if self.min_open else number >= low))
                and (high is None or (number < high if self.max_open else number <= high)))

    def _describe_range(self) -> str:
        """The range as help shows it: ``0<=x<=100``, ``x>0``, ``0<=x<=1e+12``."""
        low = "" if self.min is None else f"{_shown(self.min)}{'<' if self.min_open else '<='}"
        high = "" if self.max is None else f"{'<' if self.max_open else '<='}{_shown(self.max)}"
        return f"{low}x{high}"


def _shown(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() and abs(bound) < 1e10 else f"{bound:g}"


def whole_range(low: int, high: int) -> Number:
    return Number(low, high, whole=True)


YEAR = whole_range(limits.FIRST_YEAR, limits.LAST_YEAR)


class _Group(TextGroup):
    """Maps the library's errors to one clear line and an exit code; never a traceback.

    This is the one place where an ``OSError`` (a folder that cannot be written, a full
    disk, a name too long) becomes a line naming the path and the reason, exit 2, and
    where Ctrl-C and SIGTERM end the command with one line (exit 130 and 143).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _settings_file_defaults(ctx)
            return super().invoke(ctx)
        except click.ClickException as error:  # click's usage line on stderr, as always
            if ctx.meta.get("okosys.json"):
                json_error(error.format_message())
            raise
        except OkosysError as error:
            stop(ctx, error_text(error, lang_of(ctx)), error_exit(error))
        except KeyboardInterrupt as signalled:
            handled()
            stop(ctx, say(lang_of(ctx), "interrupted"),
                 EXIT_TERMINATED if isinstance(signalled, Terminated) else EXIT_INTERRUPTED)
        except OSError as error:
            if error.errno == errno.EPIPE:  # the reader of stdout is gone: say nothing more
                silence_stdout()
                ctx.meta.pop("okosys.json", None)
            stop(ctx, os_error_line(error, lang_of(ctx)), 2)


def _settings_file_defaults(ctx: click.Context) -> None:
    """okosys-plan.toml in the working directory, as the defaults of the command's options.

    ``run``, ``report`` and ``deck`` read the file whole themselves (``--config``); every
    other command takes the settings it has an option for (``run.defaults``), and its command
    line still wins. A bad file stops the command as a bad option does (exit 2).
    """
    with warnings.catch_warnings():  # click 8.2 keeps the command's name here, 9 in args
        warnings.simplefilter("ignore", DeprecationWarning)
        words = [*getattr(ctx, "protected_args", ()), *ctx.args]  # not parsed yet
    whole = ("run", "report", "deck")
    if not words or words[0] in whole or any(w in ("-h", "--help") for w in words):
        return
    from okosys_plan.run.config import find_config

    found = find_config(None)
    if found is None:
        return
    from okosys_plan.run.defaults import command_defaults

    ctx.meta["okosys.json"] = "--json" in words  # so that a bad file is a JSON error too
    ctx.default_map = command_defaults(found)
    ctx.meta["okosys.json"] = False


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Record the language. ``okosys-plan --lang en COMMAND``: the group's language holds for
    the command unless the command is given another (click says no parameter's source while
    its callback runs, so a command's default is told by its value)."""
    if ctx.parent is None:  # the group
        ctx.meta["okosys.lang.group"] = value
    elif value == LANG.default and "okosys.lang.group" in ctx.meta:
        value = str(ctx.meta["okosys.lang.group"])
    ctx.meta["okosys.lang"] = value
    return value


def lang_option(func: F) -> F:
    """The shared ``--lang`` option (Norwegian by default)."""
    return click.option(
        "--lang", type=click.Choice(["nb", "en"]), default=LANG.default, show_default=True,
        envvar="OKOSYS_LANG", callback=_set_lang, is_eager=True,
        help=LANG.help)(func)


def _set_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta["okosys.json"] = value
    return value


def json_option(func: F) -> F:
    """The shared ``--json`` option: stdout carries only the JSON document (on an error
    too: ``{"valid": false, "error": ...}``)."""
    return click.option("--json", "as_json", is_flag=True, callback=_set_json, is_eager=True,
                        help="Write the result as JSON on stdout.")(func)


def force_option(func: F) -> F:
    """The shared ``--force`` option."""
    return click.option("--force", is_flag=True,
                        help="Replace an existing output file.")(func)


def finish(outcome: Outcome, as_json: bool) -> None:
    """Print an outcome (only JSON on stdout with ``--json``) and exit with its code.

    A Ctrl-C or SIGTERM that a callback swallowed on the way ends the command here (130,
    143), as if it had not been: the outcome is not printed.
    """
    checkpoint()
    if as_json:
        # allow_nan=False: NaN and Infinity are not JSON; a document holding one is a bug
        click.echo(json.dumps(outcome.document, ensure_ascii=False, indent=2, allow_nan=False))
    elif outcome.text:
        click.echo(outcome.text)
    for line in outcome.stderr:
        click.echo(line, err=True)
    sys.exit(outcome.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="okosys-plan", prog_name="okosys-plan",
                      help="Show the version and exit.")  # click's own is made before its texts
@click.option("--max-unpacked", type=whole_range(1, limits.MAX_UNPACKED_MIB), default=1024,
              show_default=True, metavar="MIB", help="Largest unpacked size of a workbook (MiB), a"
                                                     " guard against zip bombs.")
@lang_option
@click.pass_context
def cli(ctx: click.Context, max_unpacked: int, lang: str) -> None:
    """okosys-plan: needs catalogue, priorities, Veikart 2.0 and funding for the common digital
    ecosystem, from the spreadsheets you already have."""
    ctx.meta["okosys.max_unpacked"] = max_unpacked * 1024 * 1024


def common(force: bool = False) -> Common:
    """What the running command shares with every other: its --lang, --force, the limit."""
    from okosys_plan.cli.outcome import Common

    return Common(lang_of(click.get_current_context()), force, unpack_limit())


def unpack_limit() -> int:
    return int(click.get_current_context().meta.get("okosys.max_unpacked", 1024**3))


def parse_as_of(ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    """--as-of: a date (2024-06-30 or 30.06.2024); today when not given (read here only)."""
    from okosys_plan.catalogue import coerce

    if value is None:
        return date.today()
    try:
        day = coerce.parse_date(value)
    except coerce.CoerceError:
        day = None
    if day is None:
        raise click.BadParameter(say(lang_of(ctx), "'{value}': write a date, for example "
                                     "2024-06-30", value=value))
    return day
