"""Text built from a list of items, capped: 'B01, B02, B03 og 9 til' (nb), '… and 9 more' (en).

Every sentence, footnote, tooltip or summary that names items from the catalogue goes
through ``capped``, so its length is bounded by ``limit`` however many items there are
(the full lists are in the workbooks and the report's tables). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable

from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

#: The most items one sentence names before it counts the rest.
LIST_MAX = 12


def capped(items: Iterable[str], lang: str, limit: int = LIST_MAX, sep: str = ", ",
           where: str = "") -> str:
    """The items joined by ``sep``; past ``limit``, the first ``limit`` and how many more.

    ``where`` says where all of them are listed; it follows the count in parentheses
    ("… og 9 til (arket Oversikt viser alle)").
    """
    shown: list[str] = []
    rest = 0
    for item in items:
        if len(shown) < limit:
            shown.append(item)
        else:
            rest += 1
    text = sep.join(shown)
    if not rest:
        return text
    more = number(rest, lang, 0)
    tail = f" ({where})" if where else ""
    return say(lang, "{items} and {more} more", items=text, more=more) + tail


#: The most rows a terminal listing prints before it counts the rest.
LINES_MAX = 50


def capped_lines(lines: list[str], lang: str, limit: int = LINES_MAX, where: str = "",
                 indent: str = "  ") -> list[str]:
    """The first ``limit`` lines, then one line saying how many more (and where they are)."""
    if len(lines) <= limit:
        return lines
    more = number(len(lines) - limit, lang, 0)
    tail = f" ({where})" if where else ""
    return [*lines[:limit], indent + say(lang, "{items} and {more} more", items="…", more=more)
            + tail]
