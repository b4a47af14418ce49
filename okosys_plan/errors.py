"""The small exception hierarchy; exit codes are mapped from it in one place (the CLI).

An error carries a stable ``code`` and ``params`` so the CLI can say it in the user's
language (``okosys_plan.text.errors.error_text``); ``str(error)`` is the English text.
"""

from __future__ import annotations

from typing import Any


class OkosysError(Exception):
    """Base class for every error okosys-plan raises on purpose."""

    def __init__(self, code: str, english: str, **params: Any) -> None:
        super().__init__(english)
        self.code = code
        self.params = params


class UnreadableWorkbook(OkosysError, ValueError):
    """The file cannot be read as a spreadsheet at all."""

    #: Its line ends with what to do about the file (``text.errors.refusal_step``).
    refused_file = True

    def __init__(self, code: str, english: str, **params: Any) -> None:
        from okosys_plan.text.errors import refusal_step

        step = refusal_step(code, "en")
        if step and not english.endswith(step):
            english = f"{english}; {step}"
        super().__init__(code, english, **params)


class OutputExists(OkosysError, FileExistsError):
    """An output file exists and --force was not given."""


class UsageError(OkosysError, ValueError):
    """The call itself is wrong: a bad option value, an input used as output."""

    @classmethod
    def bad_option(cls, msgid: str, /, **fields: Any) -> UsageError:
        """A bad option value, said from one English message id in the reader's language."""
        from okosys_plan.text.later import Msg

        text = Msg(msgid, fields)
        return cls("bad-option", str(text), text=text)


class InvalidData(OkosysError, ValueError):
    """The data was read but is not valid enough to go on."""
