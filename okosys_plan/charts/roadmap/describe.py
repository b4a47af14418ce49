"""The roadmap's words that are built from data: subtitle, notes, tooltips, text alternative. Pure.

The text alternative (``describe``) says everything the picture shows: every lane with its
items (full title, period, status, planned or fixed, milestones, dependencies), the
markers and the as-of date, and what was left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from okosys_plan.catalogue.validate import id_key
from okosys_plan.charts.roadmap.model import Bar, Lane, Omitted, VLine
from okosys_plan.charts.roadmap.words import day, status_name, words
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.text.listing import LIST_MAX, capped


def period(start: date, end: date, started_before: bool, lang: str) -> str:
    """'Påbegynt–31.12.2025' or '01.01.2023–31.12.2025' (nb), ISO dates in English."""
    first = words(lang)["started_before"] if started_before else day(start, lang)
    return words(lang)["period"].format(start=first, end=day(end, lang))


def tooltip(item: RoadmapItem, lang: str) -> str:
    """A bar's tooltip: ID and full title, then period, status and planned."""
    assert item.start is not None and item.end is not None
    details = [period(item.start, item.end, item.started_before, lang)]
    if item.status:
        details.append(status_name(item.status, lang))
    if not item.fixed:
        details.append(words(lang)["planned_word"])
    return f"{item.id} {' '.join(item.title.split())}\n" + " · ".join(details)


def subtitle(settings_subtitle: str, source_name: str, as_of: date, lang: str) -> str:
    """The settings' subtitle, the catalogue's name and the as-of date, joined by ' · '."""
    parts = [settings_subtitle.strip()] if settings_subtitle.strip() else []
    if source_name:
        parts.append(words(lang)["source"].format(name=source_name))
    parts.append(words(lang)["as_of"].format(date=day(as_of, lang)))
    return " · ".join(parts)


def notes(omitted: Sequence[Omitted], undated: int, horizon: tuple[date, date],
          lang: str, hidden: int = 0, drawn: int = 0, emptied: Sequence[str] = ()) -> list[str]:
    """Footnotes: items outside the horizon by ID and period, how many have no period, how
    many are not drawn, and the lanes that look empty only because theirs are not drawn.

    Each list names at most ``listing.LIST_MAX`` items and counts the rest."""
    found = []
    outside = [o for o in omitted if o.reason != "invalid"]
    if outside:
        shown = capped([f"{o.id} ({period(o.start, o.end, False, lang)})" for o in outside],
                       lang)
        found.append(words(lang)["omitted"].format(first=day(horizon[0], lang),
                                                   last=day(horizon[1], lang), items=shown))
    invalid = [o.id for o in omitted if o.reason == "invalid"]
    if invalid:
        found.append(words(lang)["invalid"].format(items=capped(invalid, lang)))
    if undated:
        found.append(words(lang)["undated"].format(n=undated))
    if hidden:
        found.append(words(lang)["hidden"].format(n=hidden, shown=drawn))
    if emptied:
        names = [name.replace("\n", " ") for name in emptied]
        last = names.pop()
        lanes = (capped([*names, last], lang) if len(emptied) > LIST_MAX else
                 f"{', '.join(names)} {'and' if lang == 'en' else 'og'} {last}" if names else last)
        key = "hidden_lane" if len(emptied) == 1 else "hidden_lanes"
        found.append(words(lang)[key].format(lanes=lanes))
    return found


def describe(title: str, subtitle_text: str, lanes: Sequence[Lane], bars: Sequence[Bar],
             items: Sequence[RoadmapItem], lines: Sequence[VLine], notes_text: Sequence[str],
             lang: str) -> str:
    """The chart in words, for screen readers and the files' descriptions."""
    said = words(lang)
    by_id = {id_key(i.id): i for i in items}
    parts = [f"{title}. {subtitle_text}."]
    for lane in lanes:
        shown = [b for b in bars if b.lane == lane.name]
        if shown:
            entries = "; ".join(_spoken(b, by_id.get(id_key(b.id)), lang) for b in shown)
            parts.append(f"{said['lane_intro'].format(lane=lane.label.text.replace(chr(10), ' '))}"
                         f": {entries}.")
    markers = [f"{line.full_label} ({day(line.when, lang)})" for line in lines
               if line.kind == "marker"]
    if markers:
        parts.append(f"{said['markers_heading']}: {'; '.join(markers)}.")
    return " ".join([*parts, *notes_text])


def _spoken(bar: Bar, item: RoadmapItem | None, lang: str) -> str:
    """One bar in words: ID, title, period, status, planned, milestones, dependencies."""
    said = words(lang)
    details = [period(bar.start, bar.end, bar.started_before, lang)]
    if bar.status:
        details.append(status_name(bar.status, lang))
    if bar.planned:
        details.append(said["planned_word"])
    if item is not None and item.milestones:
        details.append(capped([f"{said['milestone'].lower()} {m.name} {day(m.when, lang)}"
                               for m in item.milestones], lang))
    if item is not None and item.depends_on:
        details.append(said["depends"].format(ids=capped(item.depends_on, lang)))
    return f"{bar.id} {' '.join(bar.title.split())} ({', '.join(details)})"
