"""The one line of each difference between a scenario and the base, in nb or en.

"T21 flyttes fra 2024-K1 til 2025-K2: rammen for 2024 er brukt opp av T17 og T20".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from okosys_plan.roadmap.reasons import reason_text
from okosys_plan.text.numbers import number, quarter_label
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from okosys_plan.run.scenario_diff import Difference


def line(difference: Difference, lang: str = "nb") -> str:
    """The difference in one line, in ``lang``."""
    return str(_SAY[difference.kind](difference, lang))


def joined(items: Sequence[str], lang: str) -> str:
    """'T17', 'T17 og T20', 'T12, T17 og T20' (en: 'and')."""
    if len(items) < 2:
        return "".join(items)
    return say(lang, "{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def _mnok(ore: float, lang: str) -> str:
    return number(ore / 100 / 1_000_000, lang, 1)


def _years(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def _why(d: Difference, lang: str) -> str:
    p = d.params
    if d.reason == "dependency" and p.get("dependency"):
        return say(lang, "it waits for {dependency}", dependency=p["dependency"])
    if d.reason == "owner" and p.get("owner"):
        if p.get("items"):
            return say(lang, "{owner} already runs {items} at the time", owner=p["owner"],
                       items=joined(p["items"], lang))
        return say(lang, "{owner} already runs as many items at once as allowed",
                   owner=p["owner"])
    if p.get("years") and p.get("items"):
        return say(lang, "the cap for {years} is used up by {items}", years=_years(p["years"]),
                   items=joined(p["items"], lang))
    if p.get("years"):
        return say(lang, "the cap for {years} has no room", years=_years(p["years"]))
    return say(lang, "other items take or free the budget's room")


def _say_moved(d: Difference, lang: str) -> str:
    from datetime import date

    old = quarter_label(date.fromisoformat(d.base), lang)
    new = quarter_label(date.fromisoformat(d.scenario), lang)
    if d.params.get("later"):
        return say(lang, "{id} moves from {old} to {new}: {why}", id=d.subject, old=old,
                   new=new, why=_why(d, lang))
    return say(lang, "{id} moves forward from {old} to {new}: {why} no longer holds it as "
               "long", id=d.subject, old=old, new=new, why=_why(d, lang))


def _say_unplaced(d: Difference, lang: str) -> str:
    p = dict(d.params)
    code = str(p.pop("code", ""))
    if code == "no-budget-room" and p.get("items"):
        why = say(lang, "the cap for {years} is used up by {items}",
                  years=_years(p.get("years", ())), items=joined(p["items"], lang))
    elif code == "owner-busy" and p.get("items"):
        why = say(lang, "{owner} already runs {items} at the time", owner=p.get("owner", ""),
                  items=joined(p["items"], lang))
    else:
        why = reason_text(code or None, p, lang)
    return say(lang, "{id} is no longer placed: {why}", id=d.subject, why=why)


def _say_placed(d: Difference, lang: str) -> str:
    from datetime import date

    return say(lang, "{id} is now placed, from {new}", id=d.subject,
               new=quarter_label(date.fromisoformat(d.scenario), lang))


def _score(value: Any, lang: str) -> str:
    return "–" if value is None else number(value, lang, 1)


_SAY: dict[str, Any] = {
    "rank": lambda d, lang: say(lang, "{id} moves from rank {old} to {new}", id=d.subject,
                                old=d.base, new=d.scenario),
    "class": lambda d, lang: say(lang, "{id} changes class from {old} to {new} (score {was} → "
                                 "{now})", id=d.subject, old=d.base, new=d.scenario,
                                 was=_score(d.params.get("old_score"), lang),
                                 now=_score(d.params.get("new_score"), lang)),
    "top-enter": lambda d, lang: say(lang, "{id} enters the top {k} (rank {old} → {new})",
                                     id=d.subject, k=d.params["k"], old=d.base or "–",
                                     new=d.scenario),
    "top-leave": lambda d, lang: say(lang, "{id} leaves the top {k} (rank {old} → {new})",
                                     id=d.subject, k=d.params["k"], old=d.base,
                                     new=d.scenario or "–"),
    "moved": _say_moved,
    "unplaced": _say_unplaced,
    "placed": _say_placed,
    "budget": lambda d, lang: say(lang, "Budget use {year}: {old} → {new} MNOK (cap {old_cap} "
                                  "→ {cap})", year=d.subject, old=number(d.base, lang),
                                  new=number(d.scenario, lang),
                                  old_cap=_score(d.params.get("old_cap"), lang),
                                  cap=_score(d.params.get("cap"), lang)),
    "gap": lambda d, lang: say(lang, "Funding gap {year}: {old} → {new} MNOK (if the applied-for "
                               "funding is granted: {old_applied} → {new_applied})",
                               year=d.subject, old=number(d.base, lang),
                               new=number(d.scenario, lang),
                               old_applied=number(d.params["old_if_applied"], lang),
                               new_applied=number(d.params["if_applied"], lang)),
    "bill": lambda d, lang: say(lang, "{agency} pays {old} → {new} MNOK in all ({key})",
                                agency=d.subject, old=_mnok(d.base, lang),
                                new=_mnok(d.scenario, lang), key=d.params["key"]),
}
