"""Every word the funding outputs show, in Norwegian bokmål (the default) and English."""

from __future__ import annotations

from collections.abc import Mapping

# key: (bokmål, English)
WORDS: Mapping[str, tuple[str, str]] = {
    # the keys
    "flat": ("Likt", "Flat"),
    "usage": ("Bruk", "Usage"),
    "tiers": ("Trinn", "Tiers"),
    "benefit": ("Nytte", "Benefit"),
    "budget": ("IT-budsjett", "IT budget"),
    "per_capita": ("Per innbygger", "Per inhabitant"),
    "membership": ("Medlemskap", "Membership"),
    "manual": ("Manuell", "Manual"),
    "hybrid": ("Hybrid", "Hybrid"),
    # cost types and statuses
    "investering": ("Investering", "Investment"),
    "drift": ("Drift", "Operations"),
    "forvaltning": ("Forvaltning", "Management"),
    "videreutvikling": ("Videreutvikling", "Further development"),
    "confirmed": ("Bekreftet", "Confirmed"),
    "applied": ("Søkt", "Applied for"),
    "unclear": ("Uavklart", "Unclear"),
    "cost": ("Kostnad", "Cost"),
    "gap": ("Gap", "Gap"),
    "gap_if_applied": ("Gap om søkt innvilges", "Gap if applied is granted"),
    "surplus": ("Overskudd", "Surplus"),
    # flags
    "grant-ended": ("medfinansieringen er slutt og driften mangler finansiering",
                    "the co-funding grant has ended and operations are unfunded"),
    "only-unclear": ("bare uavklart finansiering", "funded only by unclear sources"),
    "no-funding": ("ingen finansiering", "no funding at all"),
    # co-funding rules
    "total-below-10": ("prosjektet er under 10 MNOK", "the project is below 10 MNOK"),
    "total-above-100": ("prosjektet er over 100 MNOK", "the project is above 100 MNOK"),
    "scheme-above-50": ("over 50 % fra ordningen", "over 50 % from the scheme"),
    "grant-years-above-3": ("tilskudd i mer enn 3 budsjettår", "a grant over more than 3 "
                            "budget years"),
    "project-years-above-4": ("prosjektet varer mer enn 4 år", "the project runs over 4 years"),
    # bases of a cost
    "lines": ("Kostnader", "Costs sheet"),
    "needs": ("Behov (tiltakets periode)", "Needs (the measure's period)"),
    "planned": ("Behov (planlagt periode)", "Needs (planned period)"),
    "none": ("Ingen kostnad", "No cost"),
    "measure": ("Tiltak", "Measure"),
    "need": ("Behov", "Need"),
    # other words
    "not_allocated": ("Ikke fordelt", "Not allocated"),
    "central": ("Sentralt", "Central"),
    "no_theme": ("(uten tema)", "(no theme)"),
    "all": ("Alle", "All"),
    "year": ("År", "Year"),
    "yes": ("Ja", "Yes"),
    "no": ("Nei", "No"),
}


def word(key: str, lang: str) -> str:
    """The bokmål or (``lang="en"``) English text for ``key``; the key itself if unknown."""
    pair = WORDS.get(key)
    if pair is None:
        return key
    return pair[1 if lang == "en" else 0]
