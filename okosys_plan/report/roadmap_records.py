"""One record per measure on the roadmap, for its table row, its bars' tooltips and the script.

A record holds what a reader asks of a bar: period (in quarters), owner, status,
dependencies, the needs it covers and its funding, plus where it is on the page: the
anchor of its table row (``tiltak-T01``) and, per bar, the lane and the SVG ids of the
bar, its label and its milestones. Every dated item of the plan has a record, drawn or
not (an item outside the horizon has a row and no bar). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from okosys_plan.charts.roadmap.model import RoadmapLayout
from okosys_plan.charts.roadmap.words import status_name, words
from okosys_plan.report.words import say
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.run.pipeline import Results
from okosys_plan.text.numbers import number, quarter_label


@dataclass(frozen=True)
class BarParts:
    """One bar of a measure: its lane and the page ids of the bar, its label and marks."""

    lane: str
    bar: str  # the id of the bar's link
    parts: tuple[str, ...]  # every id that belongs to the bar (the link first)


@dataclass(frozen=True)
class MeasureRecord:
    """A measure as the interactive roadmap shows it."""

    id: str
    anchor: str
    title: str
    lanes: tuple[str, ...]
    owner: str
    status: str
    period: str
    start: str
    end: str
    depends_on: tuple[str, ...]
    needs: tuple[str, ...]
    funding: str
    milestones: tuple[str, ...]
    bars: tuple[BarParts, ...]

    def document(self) -> dict[str, Any]:
        """The record as JSON types, for the script's data block."""
        return {"id": self.id, "anchor": self.anchor, "title": self.title,
                "lanes": list(self.lanes), "owner": self.owner, "status": self.status,
                "period": self.period, "start": self.start, "end": self.end,
                "depends_on": list(self.depends_on), "needs": list(self.needs),
                "funding": self.funding,
                "bars": [{"lane": b.lane, "bar": b.bar, "parts": list(b.parts)}
                         for b in self.bars]}

    def values(self) -> tuple[str, ...]:
        """The details in the order of ``detail_labels``: period, owner, status,
        dependencies, needs, funding ('–' for nothing)."""
        return tuple(value or "–" for value in (
            self.period, self.owner, self.status, ", ".join(self.depends_on),
            ", ".join(self.needs), self.funding))

    def details(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) for the tooltip and the details panel."""
        return list(zip(detail_labels(lang), self.values(), strict=True))

    def tooltip(self, lang: str) -> str:
        """The bar's native tooltip: ID and title, then one line per detail."""
        lines = [f"{self.id} {self.title}", *(f"{k}: {v}" for k, v in self.details(lang))]
        return "\n".join(lines)


def detail_labels(lang: str) -> tuple[str, ...]:
    """The names of a measure's details, in the order shown."""
    return tuple(say(lang, key) for key in ("detail_period", "detail_owner", "detail_status",
                                            "detail_depends", "detail_needs",
                                            "detail_funding"))


def measure_records(results: Results, layout: RoadmapLayout, lang: str, prefix: str
                    ) -> tuple[MeasureRecord, ...]:
    """A record for every dated item of the plan, in the plan's order.

    ``prefix`` is what the page puts before the chart's SVG ids (``html.inline_svg``).
    """
    assert results.plan is not None
    items = [i for i in results.plan.placed_items() if i.start and i.end]
    anchors = row_anchors([i.id for i in items])
    bars = _bars(layout, prefix)
    money = _funding(results, lang)
    return tuple(_record(item, anchor, bars.get(item.id, ()), money.get(item.id, ""), lang)
                 for item, anchor in zip(items, anchors, strict=True))


def row_anchors(ids: Sequence[str]) -> list[str]:
    """Unique row ids: 'tiltak-T01', letters other than A–Z, 0–9, _ and - as '_' ('.2' on)."""
    taken: dict[str, int] = {}
    found = []
    for item_id in ids:
        safe = "tiltak-" + (re.sub(r"[^A-Za-z0-9_-]", "_", item_id) or "_")
        taken[safe] = taken.get(safe, 0) + 1
        found.append(safe if taken[safe] == 1 else f"{safe}.{taken[safe]}")
    return found


def _bars(layout: RoadmapLayout, prefix: str) -> dict[str, tuple[BarParts, ...]]:
    """Item ID -> its bars in drawing order, each with the ids of its label and marks."""
    lanes = {lane.name: lane.name or lane.label.text.replace("\n", " ")
             for lane in layout.lanes}
    labels: dict[str, int] = {}
    for tag in layout.labels:
        if tag.kind in ("bar", "milestone"):
            labels[tag.owner] = labels.get(tag.owner, 0) + 1
    marks: dict[str, int] = {}
    for mark in layout.milestones:
        marks[mark.label.owner] = marks.get(mark.label.owner, 0) + 1
    found: dict[str, list[BarParts]] = {}
    for bar in layout.bars:  # the ids draw.py gives: 'label-bar-T01.1', 'mark-bar-T01.1', …
        parts = (f"{prefix}-{bar.gid}",
                 *(f"{prefix}-label-{bar.gid}.{n}" for n in range(1, labels.get(bar.gid, 0) + 1)),
                 *(f"{prefix}-mark-{bar.gid}.{n}" for n in range(1, marks.get(bar.gid, 0) + 1)))
        found.setdefault(bar.id, []).append(
            BarParts(lanes.get(bar.lane, bar.lane), f"{prefix}-link-{bar.gid}", parts))
    return {key: tuple(value) for key, value in found.items()}


def _record(item: RoadmapItem, anchor: str, bars: tuple[BarParts, ...], funding: str,
            lang: str) -> MeasureRecord:
    assert item.start is not None and item.end is not None
    first = words(lang)["started_before"] if item.started_before else quarter_label(
        item.start, lang)
    lanes = tuple(dict.fromkeys(b.lane for b in bars)) or ((item.lane,) if item.lane else ())
    return MeasureRecord(
        item.id, anchor, " ".join(item.title.split()), lanes, item.owner or "",
        status_name(item.status, lang) if item.status else "",
        f"{first}–{quarter_label(item.end, lang)}", item.start.isoformat(),
        item.end.isoformat(), tuple(item.depends_on), tuple(item.needs), funding,
        tuple(f"{m.name} ({m.when.isoformat()})" for m in item.milestones), bars)


def _funding(results: Results, lang: str) -> Mapping[str, str]:
    """Item ID -> its cost, confirmed funding and gap over the horizon, in words."""
    analysis = results.funding
    if analysis is None:
        return {}
    found = {}
    for solution in analysis.solutions:
        figures = [solution.figures(year) for year in analysis.years]
        cost = sum(f.cost for f in figures)
        confirmed = sum(f.confirmed for f in figures)
        if cost == 0 and confirmed == 0:
            continue
        found[solution.id] = say(lang, "funding_figures", cost=number(cost, lang),
                                 confirmed=number(confirmed, lang),
                                 gap=number(sum(f.gap for f in figures), lang))
    return found
