"""Which lane each roadmap item goes in, and the lanes' order, for every way of grouping. Pure.

- ``tema``: the settings' lanes in their order (shown even when empty), then other themes
  in order of first appearance, then items without a theme;
- ``ansvarlig``: owners alphabetically (Æ, Ø, Å after Z), then items without an owner;
- ``livshendelse``: an item appears in the lane of each of its life events, in the
  domain's order of life events, then other events, then items without one;
- ``status``: measure statuses, then need statuses, in the domain's order, then others,
  then items without a status;
- ``tjenestekjede``: an item appears in the lane of each service chain whose map names a
  need it covers (the Tjenestekjeder sheet), in the chains' order, then items in none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okosys_plan.catalogue.domain import LIFE_EVENTS, MEASURE_STATUSES, NEED_STATUSES
from okosys_plan.charts.roadmap.words import status_name, words
from okosys_plan.errors import UsageError
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.options import GROUP_CHOICES
from okosys_plan.roadmap.settings import RoadmapSettings

GROUP_BY = GROUP_CHOICES
_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # after z


@dataclass(frozen=True)
class Group:
    """One lane before layout: its name, the name shown, its theme colour and its items."""

    name: str
    shown: str
    accent: str
    items: tuple[RoadmapItem, ...]


def check_choice(value: str, choices: Sequence[str], option: str) -> str:
    """``value`` if it is one of ``choices``; else a UsageError naming the option."""
    if value in choices:
        return value
    raise UsageError.bad_option("{option} {value}: choose one of {allowed}", option=option,
                                value=value, allowed=", ".join(choices))


def group_items(items: Sequence[RoadmapItem], settings: RoadmapSettings, group_by: str,
                lang: str) -> list[Group]:
    """The lanes, in order, each with its items in the input order."""
    check_choice(group_by, GROUP_BY, "--group-by")
    keys = [lane_keys(item, group_by) for item in items]
    order = _order(settings, group_by, keys)
    groups = []
    for name in order:
        members = tuple(i for i, k in zip(items, keys, strict=True) if name in k)
        if members or (group_by == "tema" and name in settings.lanes):
            groups.append(Group(name, _shown(name, settings, group_by, lang),
                                settings.palette.get(name, "") if group_by == "tema" else "",
                                members))
    missing = tuple(i for i, k in zip(items, keys, strict=True) if not k)
    none = words(lang)[f"no_{group_by}"]
    if missing:
        groups.append(Group("", none, "", missing))
    return groups


def lane_keys(item: RoadmapItem, group_by: str) -> tuple[str, ...]:
    """The lanes an item belongs in (none: the 'without' lane, named "")."""
    if group_by == "tema":
        values: tuple[str | None, ...] = (item.lane,)
    elif group_by == "ansvarlig":
        values = (item.owner,)
    elif group_by == "status":
        values = (item.status,)
    elif group_by == "tjenestekjede":
        values = item.chains
    else:
        values = item.life_events
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _order(settings: RoadmapSettings, group_by: str, keys: Sequence[tuple[str, ...]]
           ) -> list[str]:
    """Every lane name in the order the lanes are drawn."""
    seen = list(dict.fromkeys(k for item_keys in keys for k in item_keys))
    if group_by == "ansvarlig":
        return sorted(seen, key=lambda name: (name.casefold().translate(_NORWEGIAN_ORDER),
                                              name))
    first = {"tema": settings.lanes, "livshendelse": LIFE_EVENTS,
             "status": MEASURE_STATUSES + NEED_STATUSES, "tjenestekjede": ()}[group_by]
    known = list(first) if group_by == "tema" else [k for k in first if k in seen]
    return known + [k for k in seen if k not in known]


def _shown(name: str, settings: RoadmapSettings, group_by: str, lang: str) -> str:
    """The lane's name as the chart shows it: the short theme name, a translated status."""
    if group_by == "tema":
        return settings.lane_labels.get(name, name)
    if group_by == "status":
        return status_name(name, lang)
    return name
