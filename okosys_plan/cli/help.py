"""Help texts in the run's language: every command's and option's help is an English
message id, said from the catalogues when the help is shown.

click builds its commands when the program starts, before it knows the language, so the
ids are kept as they are and said when a help page or a command list is written: in the
language of ``--lang`` if click has read it already (it is eager, like ``--help``), else
the one the command line or ``OKOSYS_LANG`` asks for (``click_texts``), else bokmål.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import click

from okosys_plan.cli import click_texts


def help_language(ctx: click.Context | None) -> str:
    """The language help is shown in: --lang if read, else what the run asks for."""
    lang = ctx.meta.get("okosys.lang") if ctx is not None else None
    return str(lang) if lang else click_texts.asked()


def said(ctx: click.Context | None, msgid: str | None) -> str | None:
    """A help id in the help's language (None stays None)."""
    if not msgid:
        return msgid
    from okosys_plan.text.say import say

    # A docstring's id is wrapped in the source; in the catalogue it is one line.
    return say(help_language(ctx), " ".join(msgid.split()))


@contextlib.contextmanager
def _translated(ctx: click.Context, params: Sequence[click.Parameter]) -> Iterator[None]:
    """The options' help said in the help's language while the page is written."""
    kept = [(p, p.help) for p in params if isinstance(p, click.Option) and p.help]
    try:
        for param, msgid in kept:
            param.help = said(ctx, msgid)
        yield
    finally:
        for param, msgid in kept:
            param.help = msgid


class TextCommand(click.Command):
    """A command whose help, short help and options' help are message ids."""

    @contextlib.contextmanager
    def _said(self, ctx: click.Context | None) -> Iterator[None]:
        """The command's own help said in the help's language while it is written."""
        msgid = self.help
        self.help = said(ctx, msgid)
        try:
            yield
        finally:
            self.help = msgid

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's own text, said."""
        with self._said(ctx):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, each help said."""
        with _translated(ctx, self.params):
            super().format_options(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The line in the group's command list, said."""
        with self._said(click.get_current_context(silent=True)):
            return super().get_short_help_str(limit)


class TextGroup(TextCommand, click.Group):
    """A group whose commands and groups are made with translated help too."""

    command_class = TextCommand


#: A group made on a group (``weights``) is a plain translated group, not the main one.
TextGroup.group_class = TextGroup
