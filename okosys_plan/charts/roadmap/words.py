"""Every word the roadmap chart and its text alternative show, in bokmål and English.

Statuses are data written in Norwegian; the English chart translates the known ones and
shows any other status as written.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from okosys_plan.text.numbers import day as written_day
from okosys_plan.text.say import say, say_raw

# key: English text, the message id of its bokmål translation (text/locale)
WORDS: dict[str, str] = {
    "quarter": "Q{q}",
    "as_of": "As of {date}",
    "source": "Source: {name}",
    "no_tema": "No theme",
    "no_ansvarlig": "No owner",
    "no_livshendelse": "No life event",
    "no_status": "No status",
    "no_tjenestekjede": "In no service chain",
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
    "folded": "{n} milestones are not drawn: they would give a measure more than {rows} rows "
              "of milestones below it; the text version lists them all.",
    "hidden_lane": "The lane {lanes} is empty because none of its items are among those drawn.",
    "hidden_lanes": "The lanes {lanes} are empty because none of their items are among those "
                    "drawn.",
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
    "reference_new": "new",
    "reference_both": "start {start}, end {end}",
    "reference_note": "The thin outlined bar under a bar is its period in {label}; +2 qtr. "
                      "means two quarters later than there, −1 qtr. one quarter earlier; "
                      "'new' marks an item not in {label}; an outline without a bar is an "
                      "item no longer on the roadmap.",
    "reference_added": "not in {label} (new)",
    "reference_gone": "in {label} {period}, no longer on the roadmap",
    "reference_same": "as there",
}

# A status (data, in bokmål) to its English name, the message id of the name shown.
STATUS_EN: dict[str, str] = {
    "Planlagt": "Planned", "Pågår": "In progress", "I rute": "On track",
    "Mindre forsinkelser": "Minor delays", "Større forsinkelser": "Major delays",
    "Fullført": "Completed", "Meldt inn": "Submitted", "Under vurdering": "Under review",
    "Anbefalt": "Recommended", "Prioritert": "Prioritised", "Under utredning": "Being studied",
    "Under gjennomføring": "Being implemented", "Løst": "Solved", "Avvist": "Rejected",
    "Slått sammen": "Merged", "Parkert": "Parked",
}
PRIORITY_NAMES: dict[str, str] = {"Høy": "High", "Middels": "Medium", "Lav": "Low"}


@cache
def words(lang: str) -> dict[str, str]:
    """The roadmap's words in ``lang`` ('en', else bokmål), their fields unfilled."""
    return {key: say_raw(lang, english) for key, english in WORDS.items()}


def status_name(status: str, lang: str) -> str:
    """A status as the chart shows it: as written in bokmål, translated when known in English."""
    english = STATUS_EN.get(status)
    return status if english is None else say(lang, english)


def day(when: date, lang: str) -> str:
    """A date as people write it: 28. november 2026 (nb) or November 28, 2026 (en)."""
    return written_day(when, lang)
