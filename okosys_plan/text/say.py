"""Every text a user sees, in the language asked for, from one gettext catalogue per language.

The message id is the English text; ``locale/nb/LC_MESSAGES/okosys_plan.po`` translates it
into bokmål (the default language), ``locale/en/…`` lists the same ids with empty
translations (gettext then shows the id). Fields are ``str.format`` fields (``{name}``,
python-brace-format). The ``.po`` files are the source; the ``.mo`` files beside them are
compiled from them (``python3 -m okosys_plan.text.compile``) and a test fails when the two
differ. Catalogues are read on the first text asked for, once per process.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The languages there is a catalogue for; the first is the default.
LANGUAGES = ("nb", "en")
#: The gettext domain of the package's own texts.
DOMAIN = "okosys_plan"


class _Fields(dict[str, Any]):
    """Format fields where a field the caller did not give is empty, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def language(lang: str | None) -> str:
    """The language there is a catalogue for: ``en`` if asked for, otherwise nb."""
    return "en" if lang == "en" else "nb"


def locale_dir() -> Path:
    """The folder of the catalogues: ``<lang>/LC_MESSAGES/<domain>.po`` and ``.mo``."""
    return Path(__file__).parent / "locale"


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` for ``lang`` (read once per process)."""
    path = resources.files(__package__).joinpath(
        "locale", language(lang), "LC_MESSAGES", f"{domain}.mo")
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)


def say(lang: str, msgid: str, /, **params: Any) -> str:
    """``msgid`` (English) in ``lang``, its ``{fields}`` filled from ``params``."""
    text = translations(lang).gettext(msgid)
    return text.format_map(_Fields(params)) if params else text


def say_in(lang: str, context: str, msgid: str, /, **params: Any) -> str:
    """Like ``say``, in ``context`` (gettext's msgctxt) where the catalogue has one for it.

    An id with no entry in ``context`` is said as ``say`` says it, so a context is written
    into a ``.po`` only for the ids that read differently there ("Summary": "Oversikt" in a
    diff, "Sammendrag" in the report).
    """
    catalogue = translations(lang)
    text = catalogue.pgettext(context, msgid)
    if text is msgid:  # gettext hands back the very id it was given when it has no entry
        text = catalogue.gettext(msgid)
    return text.format_map(_Fields(params)) if params else text


def say_n(lang: str, singular: str, plural: str, count: int, /, **params: Any) -> str:
    """The singular or plural of a text for ``count``, as ``lang`` chooses (gettext ngettext)."""
    text = translations(lang).ngettext(singular, plural, count)
    return text.format_map(_Fields(params))


def both(msgid: str, /, **params: Any) -> tuple[str, str]:
    """``msgid`` in bokmål and in English, for an error that carries both (nb, en)."""
    return say("nb", msgid, **params), say("en", msgid, **params)


def say_raw(lang: str, msgid: str, /) -> str:
    """``msgid`` in ``lang`` with its fields unfilled (a template filled later)."""
    return translations(lang).gettext(msgid)
