"""Every word the roadmap chart and its text alternative show, in bokmål and English.

Statuses are data written in Norwegian; the English chart translates the known ones and
shows any other status as written.
"""

from __future__ import annotations

from datetime import date

from okosys_plan.charts.geometry import language

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "quarter": "K{q}",
        "as_of": "Per {date}",
        "source": "Kilde: {name}",
        "no_tema": "Uten tema",
        "no_ansvarlig": "Uten ansvarlig",
        "no_livshendelse": "Ingen livshendelse",
        "no_status": "Uten status",
        "no_prioritet": "Uten prioritet",
        "other_status": "Annen status",
        "decided": "Fastsatt periode",
        "planned": "Foreslått periode (plassert av plan)",
        "milestone": "Milepæl",
        "dependency": "Avhengighet: forutsetning → tiltak",
        "marker": "Vedtak og hendelser",
        "status_line": "Statusdato",
        "continues": "Fortsetter utenfor perioden",
        "omitted": "Utenfor {first}–{last}, ikke vist: {items}.",
        "invalid": "Slutter før de starter, ikke vist: {items}.",
        "undated": "{n} uten periode er ikke vist (plan kan plassere dem).",
        "hidden": "{n} med lavere prioritet er ikke tegnet: figuren viser de {shown} viktigste; "
                  "plan.xlsx og tekstversjonen med plan --json lister alle.",
        "folded": "{n} milepæler er ikke tegnet: de ville gitt et tiltak mer enn {rows} rader "
                  "med milepæler under seg; tekstversjonen lister alle.",
        "hidden_lane": "Banen {lanes} er tom fordi ingen av elementene der er blant de tegnede.",
        "hidden_lanes": "Banene {lanes} er tomme fordi ingen av elementene der er blant de "
                        "tegnede.",
        "started_before": "Påbegynt",
        "yes": "Ja",
        "no": "Nei",
        "lane_tema": "Tema",
        "lane_other": "Bane",
        "id": "ID",
        "title": "Tittel",
        "start": "Start",
        "end": "Slutt",
        "status": "Status",
        "planned_column": "Plassert av plan",
        "milestones_column": "Milepæler",
        "depends": "avhenger av {ids}",
        "period": "{start}–{end}",
        "continues_after": "fortsetter etter {last}",
        "planned_word": "foreslått av plan",
        "lane_intro": "Bane {lane}",
        "milestones_heading": "Milepæler",
        "dependencies_heading": "Avhengigheter",
        "markers_heading": "Vedtak og hendelser",
    },
    "en": {
        "quarter": "Q{q}",
        "as_of": "As of {date}",
        "source": "Source: {name}",
        "no_tema": "No theme",
        "no_ansvarlig": "No owner",
        "no_livshendelse": "No life event",
        "no_status": "No status",
        "no_prioritet": "No priority",
        "other_status": "Other status",
        "decided": "Fixed period",
        "planned": "Proposed period (placed by plan)",
        "milestone": "Milestone",
        "dependency": "Dependency: prerequisite → item",
        "marker": "Decisions and events",
        "status_line": "Status date",
        "continues": "Continues outside the period",
        "omitted": "Outside {first}–{last}, not shown: {items}.",
        "invalid": "End before they start, not shown: {items}.",
        "undated": "{n} without a period not shown (plan can place them).",
        "hidden": "{n} of lower priority are not drawn: the chart shows the {shown} most "
                  "important; plan.xlsx and plan --json list them all.",
        "folded": "{n} milestones are not drawn: they would give a measure more than "
                  "{rows} rows of milestones below it; the text version lists them all.",
        "hidden_lane": "The lane {lanes} is empty because none of its items are among those "
                       "drawn.",
        "hidden_lanes": "The lanes {lanes} are empty because none of their items are among "
                        "those drawn.",
        "started_before": "Started before",
        "yes": "Yes",
        "no": "No",
        "lane_tema": "Theme",
        "lane_other": "Lane",
        "id": "ID",
        "title": "Title",
        "start": "Start",
        "end": "End",
        "status": "Status",
        "planned_column": "Placed by plan",
        "milestones_column": "Milestones",
        "depends": "depends on {ids}",
        "period": "{start} to {end}",
        "continues_after": "continues after {last}",
        "planned_word": "proposed by plan",
        "lane_intro": "Lane {lane}",
        "milestones_heading": "Milestones",
        "dependencies_heading": "Dependencies",
        "markers_heading": "Decisions and events",
    },
}

STATUS_EN: dict[str, str] = {
    "Planlagt": "Planned", "Pågår": "In progress", "I rute": "On track",
    "Mindre forsinkelser": "Minor delays", "Større forsinkelser": "Major delays",
    "Fullført": "Completed", "Meldt inn": "Submitted", "Under vurdering": "Under review",
    "Anbefalt": "Recommended", "Prioritert": "Prioritised", "Under utredning": "Being studied",
    "Under gjennomføring": "Being implemented", "Løst": "Solved", "Avvist": "Rejected",
    "Slått sammen": "Merged", "Parkert": "Parked",
}
PRIORITY_NAMES: dict[str, dict[str, str]] = {
    "nb": {"Høy": "Høy", "Middels": "Middels", "Lav": "Lav"},
    "en": {"Høy": "High", "Middels": "Medium", "Lav": "Low"},
}


def words(lang: str) -> dict[str, str]:
    """The roadmap's words in ``lang`` ('en', else bokmål)."""
    return WORDS[language(lang)]


def status_name(status: str, lang: str) -> str:
    """A status as the chart shows it: as written in bokmål, translated when known in English."""
    return STATUS_EN.get(status, status) if language(lang) == "en" else status


def day(when: date, lang: str) -> str:
    """A date as people write it: 28.11.2026 (nb) or 2026-11-28 (en)."""
    return when.isoformat() if language(lang) == "en" else when.strftime("%d.%m.%Y")
