"""Every word the agreement chart shows, in Norwegian bokmål (the default) and English.

The English texts are the message ids of the catalogues in ``text/locale``; templates use
``str.format`` fields, which ``layout`` fills.
"""

from __future__ import annotations

from functools import cache

from okosys_plan.text.say import say_raw

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: dict[str, str] = {
    "title": "The assessors' grades per criterion, {scope}",
    "top": "top {n} of {total} needs",
    "all": "all {n} needs",
    "subtitle": "{count} assessors. A dot is a grade, the number in it how many gave it; "
                "the square is the aggregate ({rule}).",
    "x": "Grade on the criterion's scale",
    "dot": "Grade given (number: how many assessors)",
    "aggregate": "Aggregate ({rule})",
    "range": "Lowest to highest grade",
    "low": "Low agreement (hatched, criterion in bold)",
    "median": "median",
    "mean": "mean",
    "trimmed": "trimmed mean",
    "cell": "{criterion}: {rule} {aggregate}, grades {low}–{high} from {count} of {members} "
            "assessors",
    "cell_low": "{criterion}: {rule} {aggregate}, grades {low}–{high} from {count} of "
                "{members} assessors, low agreement",
    "ungraded": "{criterion}: no grades",
    "note": "Needs in rank order, each with one row per criterion. Low agreement: the "
            "assessors' grades spread widely (every level is on the workbook's {sheet} sheet).",
}


@cache
def words(lang: str) -> dict[str, str]:
    """The chart's words in ``lang`` ('en', else bokmål), their fields unfilled."""
    return {key: say_raw(lang, english) for key, english in WORDS.items()}
