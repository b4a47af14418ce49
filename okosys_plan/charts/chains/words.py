"""Every word the service-chain map and its text alternative show, in bokmål and English.

Row kinds and break levels are data written in Norwegian (``catalogue.domain``); the
chart names them through these words, so the English map says them in English.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from okosys_plan.text.numbers import day as written_day
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_raw

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: dict[str, str] = {
    "row_Aktivitet": "Activities",
    "row_Hendelse": "Events",
    "row_Tjeneste": "Services and actors",
    "row_Data": "Data and registers",
    "level_Juridisk": "Legal",
    "level_Organisatorisk": "Organisational",
    "level_Semantisk": "Semantic",
    "level_Teknisk": "Technical",
    "source": "Source: {name}",
    "as_of": "As of {date}",
    "no_breaks": "No breaks",
    "readiness": "{breaks} breaks: {proposed} with a need, {prioritised} prioritised, "
                 "{planned} planned, {funded} funded",
    "readiness_one": "1 break: {proposed} with a need, {prioritised} prioritised, "
                     "{planned} planned, {funded} funded",
    "legend_break": "{level} break",
    "legend_triggers": "Triggers (from → to)",
    "legend_actor": "Service: its actor on the second line",
    "breaks_heading": "Breaks and the needs that address them",
    "break_line": "{number} {text} ({id}) – {level} break: {description}",
    "break_line_bare": "{number} {text} ({id}) – {level} break",
    "nobody": "Nobody has proposed to fix it.",
    "missing": "{id}: no such need in the catalogue",
    "need": "{id} {title}: {state}",
    "rank": "{klass}, rank {rank}",
    "not_scored": "not scored",
    "measure": "{id} {title} ({period})",
    "not_placed": "{id} {title} not on the roadmap",
    "no_measure": "no measure on the roadmap",
    "funded": "funded",
    "not_funded": "not funded (gap {gap} MNOK)",
    "funding_unknown": "funding not known",
    "quarter": "Q{q}",
    "rows_heading": "Elements by row",
    "triggers_heading": "Triggers",
    "triggers": "{source} triggers {target}",
    "column_row": "Row",
    "column_id": "ID",
    "column_step": "Step",
    "column_text": "Text",
    "column_actor": "Actor",
    "column_triggers": "Triggers",
    "column_break": "Break",
    "column_break_text": "Break description",
    "column_needs": "Needs and their state",
    "element": "{id} {text} (step {step})",
    "element_actor": "{id} {text} (step {step}, {actor})",
}
PRIORITY_NAMES: dict[str, str] = {"Høy": "High", "Middels": "Medium", "Lav": "Low"}


@cache
def words(lang: str) -> dict[str, str]:
    """The map's words in ``lang`` ('en', else bokmål), their fields unfilled."""
    return {key: say_raw(lang, english) for key, english in WORDS.items()}


def row_name(layer: str, lang: str) -> str:
    """A row kind (Aktivitet …) as the map names its band."""
    return words(lang).get(f"row_{layer}", layer)


def level_name(level: str, lang: str) -> str:
    """A break level (Juridisk …) in ``lang``."""
    return words(lang).get(f"level_{level}", level)


def level_letter(level: str, lang: str) -> str:
    """The letter of a break level's badge, its name's first: J, O, S, T (L, O, S, T in
    English)."""
    return (level_name(level, lang)[:1] or "?").upper()


def class_name(priority: str, lang: str) -> str:
    """A priority class (Høy, Middels, Lav) in ``lang``."""
    english = PRIORITY_NAMES.get(priority)
    return priority if english is None else say(lang, english)


def quarter(when: date, lang: str) -> str:
    """A date's quarter as the roadmap writes it: K2 2025 (Q2 2025 in English)."""
    return f"{words(lang)['quarter'].format(q=(when.month - 1) // 3 + 1)} {when.year}"


def period(start: date, end: date, lang: str) -> str:
    """A measure's period in quarters: K1 2025–K4 2026, or K2 2025 within one quarter."""
    first, last = quarter(start, lang), quarter(end, lang)
    return first if first == last else f"{first}–{last}"


def mnok(value: float, lang: str) -> str:
    """An amount in MNOK with one decimal: 40,0 (nb)."""
    return number(value, lang, 1)


def day(when: date, lang: str) -> str:
    """A date as people write it: 28. november 2026 (nb) or November 28, 2026 (en)."""
    return written_day(when, lang)
