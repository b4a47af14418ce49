"""Every word the charts show, in Norwegian bokmål (the default) and English.

The English texts are the message ids of the catalogues in ``text/locale``; templates use
``str.format`` fields, which ``layout`` fills.
"""

from __future__ import annotations

from functools import cache

from okosys_plan.prioritise.scoring import PriorityClass
from okosys_plan.text.say import say, say_raw

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: dict[str, str] = {
    "bars_title": "Points per criterion, {scope}",
    "bars_subtitle": "Each bar is the need's score, split into the points each criterion gives "
                     "(weight in brackets)",
    "bars_x": "Points (0–100)",
    "top": "top {n} of {total} needs",
    "all": "all {n} needs",
    "no_score": "no score",
    "reversed": "reversed",
    "legal": "§ Legal requirement: ranked first, whatever the score.",
    "incomplete": "* Incomplete: at least one criterion is unscored; the score uses the others.",
    "cost": "Reversed: a cost criterion, where a low value gives high points.",
    "nnv": "Ranked by net present value per invested krone (nnv); the bars show the weighted "
           "score.",
    "ranks_title": "Rank intervals as the weights vary, {scope}",
    "ranks_subtitle": "How far does each need move in the ranking when the criterion weights "
                      "are uncertain?",
    "ranks_x": "Rank (lower is better)",
    "top_k": "Top {k}",
    "share": "In top {k}",
    "beyond": "The top {k} boundary lies far to the right of the ranks shown and is not drawn.",
    "stable": "Median, clearly in or out of top {k}",
    "uncertain": "Median, uncertain for top {k} (10–90%)",
    "range": "5–95% of draws",
    "base": "Rank with the given weights",
    "caption": "{draws} weight sets drawn from a Dirichlet distribution around the given "
               "weights (concentration {c}), seed {seed}. Right column: the share of draws in "
               "which the need is among the top {k}.",
    "points": "{score} points",
    "legal_word": "legal requirement",
    "incomplete_word": "incomplete",
    "median": "median rank {median} (5–95%: {low}–{high}), in the top {k} in {share} of draws",
}
CLASS_NAMES = {PriorityClass.HIGH: "High", PriorityClass.MEDIUM: "Medium"}


@cache
def words(lang: str) -> dict[str, str]:
    """The charts' words in ``lang`` ('en', else bokmål), their fields unfilled."""
    return {key: say_raw(lang, english) for key, english in WORDS.items()}


def class_name(priority: PriorityClass, lang: str) -> str:
    """A priority class's name as the chart shows it."""
    return say(lang, CLASS_NAMES[priority])
