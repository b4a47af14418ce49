"""Colours and legend of the roadmap: by status or by priority class, planned items hatched. Pure.

Status colours group statuses by phase (not started, under way, on track, delayed, done),
so a need's status and a measure's status in the same phase share a colour. The colours
are Okabe–Ito and Paul Tol colours that stay apart for the common forms of colour
blindness and also differ in lightness; bar text is black or white, whichever has the
higher contrast (at least 4.5:1), and every bar has an edge with at least 3:1 against
the lane shading. Planned bars (placed by ``plan``, not fixed in the catalogue) are a
pale tint with a hatch and a dashed edge, so the difference never rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LegendEntry
from okosys_plan.charts.roadmap.words import PRIORITY_NAMES, status_name, words
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.text.say import say

BAND = "#F2F2F2"  # shading of every other lane
PLANNED_HATCH = "////"
PLANNED_TINT = 0.6  # share of white mixed into a planned bar's colour
#: (colour, statuses) in the order the legend lists them.
STATUS_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("#88CCEE", ("Planlagt", "Meldt inn", "Under vurdering", "Anbefalt", "Prioritert")),
    ("#0072B2", ("Pågår", "Under utredning", "Under gjennomføring")),
    ("#00755A", ("I rute",)),
    ("#E69F00", ("Mindre forsinkelser",)),
    ("#B34700", ("Større forsinkelser",)),
    ("#BBBBBB", ("Fullført", "Løst")),
    ("#DDCC77", ("Avvist", "Slått sammen", "Parkert")),
)
OTHER_STATUS = "#AA4499"
NONE = "#FFFFFF"  # no status or no priority: white with a grey edge
PRIORITY_COLOURS: dict[str, str] = {"Høy": "#882255", "Middels": "#CC6677", "Lav": "#EECCDD"}
COLOUR_BY = ("status", "prioritet")


@dataclass(frozen=True)
class BarStyle:
    """How one bar looks: fill, edge, text colour, hatch, and the key it is coloured by."""

    fill: str
    edge: str
    ink: str
    hatch: str
    key: str


def colour_key(item: RoadmapItem, colour_by: str) -> str:
    """The status or priority class (bokmål) the item is coloured by; '' for none."""
    if colour_by == "prioritet":
        return item.priority.value if item.priority is not None else ""
    return item.status or ""


def base_colour(key: str, colour_by: str) -> str:
    """The fill for a status or priority class."""
    if not key:
        return NONE
    if colour_by == "prioritet":
        return PRIORITY_COLOURS.get(key, NONE)
    return next((colour for colour, statuses in STATUS_FAMILIES if key in statuses),
                OTHER_STATUS)


def bar_style(item: RoadmapItem, colour_by: str) -> BarStyle:
    """The item's bar style: solid when its period is fixed, tinted and hatched when planned."""
    key = colour_key(item, colour_by)
    colour = base_colour(key, colour_by)
    fill = colour if item.fixed else palette.mix(colour, palette.WHITE, PLANNED_TINT)
    edge = palette.edge_for(colour, BAND)
    return BarStyle(fill, edge, palette.ink_for(fill), "" if item.fixed else PLANNED_HATCH, key)


def colour_legend(keys: Iterable[str], colour_by: str, lang: str) -> list[LegendEntry]:
    """One entry per colour in use, naming every status or class it stands for here."""
    used = list(dict.fromkeys(keys))
    entries = []
    for colour, members in _groups(colour_by, lang):
        shown = [name for key, name in members if key in used]
        if shown:
            entries.append(LegendEntry(", ".join(shown), colour, "patch", edge=palette.edge_for(
                colour, BAND)))
    others = [k for k in used if k and base_colour(k, colour_by) == OTHER_STATUS]
    if others:
        entries.append(LegendEntry(words(lang)["other_status"], OTHER_STATUS, "patch",
                                   edge=palette.edge_for(OTHER_STATUS, BAND)))
    if "" in used:
        entries.append(LegendEntry(words(lang)[f"no_{colour_by}"], NONE, "patch",
                                   edge=palette.edge_for(NONE, BAND)))
    return entries


def _groups(colour_by: str, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(colour, [(key, shown name)]) for every colour of the scheme, in legend order."""
    if colour_by == "prioritet":
        return [(colour, [(key, say(lang, PRIORITY_NAMES[key]))])
                for key, colour in PRIORITY_COLOURS.items()]
    return [(colour, [(s, status_name(s, lang)) for s in statuses])
            for colour, statuses in STATUS_FAMILIES]


def cue_legend(lang: str) -> list[LegendEntry]:
    """The fixed-versus-planned entries: a solid bar and a tinted, hatched, dashed one."""
    grey = "#8C8C8C"
    edge = palette.edge_for(grey, BAND)
    return [LegendEntry(words(lang)["decided"], grey, "patch", edge=edge),
            LegendEntry(words(lang)["planned"], palette.mix(grey, palette.WHITE, PLANNED_TINT),
                        "patch", PLANNED_HATCH, edge, edge=edge, dashed=True)]
