"""Every word the scenario charts show, in Norwegian bokmål (the default) and English.

The English texts are the message ids of the catalogues in ``text/locale``; templates use
``str.format`` fields, which the layouts fill.
"""

from __future__ import annotations

from functools import cache

from okosys_plan.text.say import say_raw

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: dict[str, str] = {
    "gap_title": "The funding gap per year and scenario",
    "gap_subtitle": "MNOK: cost minus confirmed funding, solution by solution; the base "
                    "first in each year.",
    "gap_x": "Funding gap (MNOK)",
    "gap_year": "{year}: {values}",
    "gap_value": "{scenario} {gap} MNOK",
    "gap_none": "No year has a gap in any scenario.",
    "gap_note": "Every amount is on the bar's right. The comparison workbook has the figures "
                "per solution.",
    "slope_title": "Rank moves: {base} against {scenario}",
    "slope_subtitle": "The top {k} in either plan. Left: the rank in {base}; right: the rank "
                      "in {scenario}.",
    "slope_up": "Moves up",
    "slope_down": "Moves down (dashed)",
    "slope_same": "Same rank",
    "slope_limit": "Limit of the top {k}",
    "slope_note": "Below the line on the left: needs that enter the top {k} in {scenario}; "
                  "on the right: needs that leave it.",
    "slope_move_up": "{id} {title} moves up from {old} to {new}",
    "slope_move_down": "{id} {title} moves down from {old} to {new}",
    "slope_enters": "{id} {title} enters the top {k} ({old} to {new})",
    "slope_leaves": "{id} {title} leaves the top {k} ({old} to {new})",
    "slope_unchanged": "Needs that keep their rank: {count}.",
    "slope_nothing": "No need in the top {k} changes rank.",
}


@cache
def words(lang: str) -> dict[str, str]:
    """The charts' words in ``lang`` ('en', else bokmål), their fields unfilled."""
    return {key: say_raw(lang, english) for key, english in WORDS.items()}
