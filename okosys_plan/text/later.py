"""Texts said later, in the language of whoever reads them: the fields of an error.

An error is raised deep in the library, where nobody knows the reader's language, and said
by the command line (``text.errors.error_text``) in the language asked for. Its fields are
therefore language-neutral: plain values (a file name, a cell, a code), or one of these,
which say themselves in either language from the catalogue when the line is made:

- ``Msg``: a text of the catalogue with its own fields ("the file does not exist");
- ``Alternatives``: items joined as the language joins choices (".png, .svg or .pdf",
  ".png, .svg eller .pdf"; Babel's list patterns);
- ``Count``: a whole number written as the language writes it (1,048,576 / 1 048 576).

``str()`` of each is its English text, so ``str(error)`` and the English line agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okosys_plan.text.numbers import locale_of, number
from okosys_plan.text.say import say


@dataclass(frozen=True)
class Msg:
    """The catalogue's text for ``msgid``, its fields filled when it is said."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def said(self, lang: str) -> str:
        """The text in ``lang``; fields that are texts said later are said in it too."""
        return say(lang, self.msgid, **spoken(self.params, lang))

    def __str__(self) -> str:
        return self.said("en")


def msg(msgid: str, /, **params: Any) -> Msg:
    """``Msg(msgid, params)``, written as a call like ``say``'s."""
    return Msg(msgid, params)


@dataclass(frozen=True)
class Alternatives:
    """Items to choose from, joined as the language joins choices ("a, b or c")."""

    items: tuple[str, ...]

    def said(self, lang: str) -> str:
        """The items in ``lang``'s "or" list pattern."""
        from babel.lists import format_list

        return format_list(list(self.items), style="or", locale=locale_of(lang))

    def __str__(self) -> str:
        return self.said("en")


@dataclass(frozen=True)
class Count:
    """A whole number, grouped as the language groups digits."""

    value: int

    def said(self, lang: str) -> str:
        """The number in ``lang``'s digit grouping."""
        return number(self.value, lang, 0)

    def __str__(self) -> str:
        return self.said("en")


def spoken(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with every text said later said in ``lang``; other values as they are."""
    return {key: value.said(lang) if isinstance(value, (Msg, Alternatives, Count)) else value
            for key, value in params.items()}
