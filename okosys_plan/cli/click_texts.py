"""click's own texts ("Usage:", "Error: Invalid value for …", "Try … for help.") in bokmål.

click says them through the standard ``gettext`` functions, in gettext's current domain
and the language of the ``LANGUAGE`` variable. Norwegian is the default, so before click
parses anything the domain ``click`` is bound to ``text/locale`` (where only ``nb`` has a
``click.po``) and ``LANGUAGE`` is set to ``nb`` for this process, unless the run is English:
``--lang en`` on the command line (peeked at here, since click parses ``--lang`` itself) or
``OKOSYS_LANG=en``. A ``lang`` in okosys-plan.toml is not read this early: it sets the
language of okosys-plan's own messages, and click's stay in bokmål.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence

from okosys_plan.text.say import locale_dir

#: The gettext domain click's messages are looked up in.
DOMAIN = "click"


def asked_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language this run asks for before click has parsed it: 'en' or 'nb'."""
    lang = environ.get("OKOSYS_LANG", "nb")
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "nb"


#: The language the run asks for, as ``install`` found it (bokmål until then).
_ASKED = ["nb"]


def asked() -> str:
    """The language the run asked for when it started (bokmål if it did not say)."""
    return _ASKED[0]


def install(argv: Sequence[str]) -> str:
    """Make click speak the run's language; returns that language."""
    lang = asked_language(argv, os.environ)
    _ASKED[0] = lang
    if lang == "nb":
        gettext.bindtextdomain(DOMAIN, str(locale_dir()))
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = "nb"
    return lang
