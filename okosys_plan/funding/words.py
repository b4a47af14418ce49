"""Every word the funding outputs show, in Norwegian bokmål (the default) and English."""

from __future__ import annotations

from collections.abc import Mapping

from okosys_plan.text.say import say

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: Mapping[str, str] = {
    "flat": "Flat",
    "usage": "Usage",
    "tiers": "Tiers",
    "benefit": "Benefit",
    "budget": "IT budget",
    "per_capita": "Per inhabitant",
    "membership": "Membership",
    "manual": "Manual",
    "hybrid": "Hybrid",
    "investering": "Investment",
    "drift": "Operations",
    "forvaltning": "Management",
    "videreutvikling": "Further development",
    "confirmed": "Confirmed",
    "applied": "Applied for",
    "unclear": "Unclear",
    "cost": "Cost",
    "gap": "Gap",
    "gap_if_applied": "Gap if applied is granted",
    "surplus": "Surplus",
    "grant-ended": "the co-funding grant has ended and operations are unfunded",
    "only-unclear": "funded only by unclear sources",
    "no-funding": "no funding at all",
    "total-below-10": "the project is below 10 MNOK",
    "total-above-100": "the project is above 100 MNOK",
    "scheme-above-50": "over 50 % from the scheme",
    "grant-years-above-3": "a grant over more than 3 budget years",
    "project-years-above-4": "the project runs over 4 years",
    "total-below-5": "the project is below 5 MNOK",
    "total-above-50": "the project is above 50 MNOK",
    "scheme-above-85": "over 85 % from the scheme",
    "grant-above-15": "a grant above 15 MNOK",
    "lines": "Costs sheet",
    "needs": "Needs (the measure's period)",
    "planned": "Needs (planned period)",
    "none": "No cost",
    "measure": "Measure",
    "need": "Need",
    "not_allocated": "Not allocated",
    "central": "Central",
    "no_theme": "(no theme)",
    "all": "All",
    "year": "Year",
    "yes": "Yes",
    "no": "No",
}


def word(key: str, lang: str) -> str:
    """The bokmål or (``lang="en"``) English text for ``key``; the key itself if unknown."""
    english = WORDS.get(key)
    return key if english is None else say(lang, english)
