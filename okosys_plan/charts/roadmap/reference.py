"""Reference periods on the roadmap: a ghost bar under each bar, its shift, new and gone items.

Generic: the reference is any mapping item ID → (start, end) with a name for the legend
(the adopted baseline, "Vedtatt veikart"; or a base plan under a scenario's bars). Each
bar gets a thin outlined, hatched bar of its reference period in a band under it, marked
with the shift in quarters ('+2 kv.', '−1 kv.'); a bar without a reference period is
marked 'ny'; an item only in the reference (``Reference.only``) is drawn as a ghost alone,
with its ID and title. Shifts are ``roadmap.baseline.quarter_shift``, the figures of the
status table and the diff. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from okosys_plan.catalogue.validate import id_key
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LegendEntry, label_width
from okosys_plan.charts.roadmap.metrics import Metrics, Span
from okosys_plan.charts.roadmap.model import Ghost
from okosys_plan.charts.roadmap.time import Scale
from okosys_plan.charts.roadmap.words import words
from okosys_plan.roadmap.baseline import Baseline, quarter_shift
from okosys_plan.roadmap.baseline_present import shift_text
from okosys_plan.roadmap.items import RoadmapItem

GHOST_EDGE = "#4D4D4D"  # 7:1 on white and on the lane shading
GHOST_FILL = palette.WHITE
GHOST_HATCH = "////////"


@dataclass(frozen=True)
class Reference:
    """Reference periods to draw under the bars, and the name the legend gives them.

    ``periods``: item ID → (start, end) of the reference; ``only``: items in the
    reference but not on the roadmap now (drawn as a ghost alone, in their lane); with
    ``shifts`` off, no shift labels (only the ghosts and the 'ny' marks).
    """

    periods: Mapping[str, tuple[date, date]]
    label: str
    only: Sequence[RoadmapItem] = field(default_factory=tuple)
    shifts: bool = True

    def period(self, item_id: str) -> tuple[date, date] | None:
        """The item's reference period (IDs compared as IDs are), or None."""
        return self._keyed().get(id_key(item_id))

    def _keyed(self) -> dict[str, tuple[date, date]]:
        return {id_key(k): v for k, v in self.periods.items()}


@dataclass(frozen=True)
class GhostDraft:
    """A draft's reference part before it has a row: extent, shifts and label text."""

    period: tuple[date, date] | None
    x0: float
    x1: float
    start_shift: int | None
    end_shift: int | None
    text: str
    alone: bool


def ghost_draft(item: RoadmapItem, reference: Reference, scale: Scale, lang: str,
                alone: bool = False) -> GhostDraft:
    """The item's ghost: its reference period clipped to the horizon, its shift label."""
    period = reference.period(item.id)
    if period is None:
        x = max(scale.x(item.start), scale.start) if item.start else scale.start
        return GhostDraft(None, x, x, None, None, words(lang)["reference_new"], False)
    x0 = min(max(scale.x(period[0]), scale.start), scale.stop)
    x1 = max(min(scale.x_end(period[1]), scale.stop), x0)
    shifts: tuple[int | None, int | None] = (None, None)
    if not alone and item.start is not None and item.end is not None:
        shifts = (quarter_shift(period[0], item.start), quarter_shift(period[1], item.end))
    return GhostDraft(period, x0, x1, *shifts,
                      shift_label(*shifts, lang) if reference.shifts else "", alone)


def shift_label(start: int | None, end: int | None, lang: str) -> str:
    """'+2 kv.' when start and end moved alike, 'start +1 kv., slutt +2 kv.' when not."""
    if start is None or end is None or (start == 0 and end == 0):
        return ""
    if start == end:
        return shift_text(end, lang)
    return words(lang)["reference_both"].format(start=shift_text(start, lang),
                                                end=shift_text(end, lang))


def ghost_span(ghost: GhostDraft, metrics: Metrics, scale: Scale) -> Span | None:
    """Where the shift label goes in the ghost band: right of the ghost, else left; None
    when neither side of the horizon has room (the text alternative still says it)."""
    if not ghost.text:
        return None
    pad = scale.years(metrics.text_pad)
    width = scale.years(label_width(ghost.text, metrics.ghost_pt))
    if ghost.period is None:  # 'ny': where the bar starts
        start = min(ghost.x0, scale.stop - width)
        return Span(ghost.text, start, "left", start, start + width) if start >= scale.start \
            else None
    if ghost.x1 + pad + width <= scale.stop:
        return Span(ghost.text, ghost.x1 + pad, "left", ghost.x1 + pad, ghost.x1 + pad + width)
    if ghost.x0 - pad - width >= scale.start:
        return Span(ghost.text, ghost.x0 - pad, "right", ghost.x0 - pad - width, ghost.x0 - pad)
    return None


def baseline_reference(baseline: Baseline, placed: Sequence[RoadmapItem], label: str
                       ) -> Reference:
    """The reference of an adopted baseline: its periods, and as ghosts alone the items it
    has that are not on the roadmap now (dropped, or no longer placed)."""
    from okosys_plan.catalogue.model import Origin
    from okosys_plan.roadmap.items import ItemKind

    shown = {id_key(i.id) for i in placed}
    origin = Origin(baseline.source or "baseline", "", 0)
    only = tuple(RoadmapItem(i.id, i.title, ItemKind(i.kind), origin, lane=i.lane,
                             owner=i.owner, start=i.start, end=i.end, fixed=True)
                 for i in baseline.by_id().values() if id_key(i.id) not in shown)
    return Reference(baseline.periods(), label, only)


def plan_reference(reference: Sequence[RoadmapItem], placed: Sequence[RoadmapItem],
                   label: str) -> Reference:
    """The reference of another plan (the base under a scenario's bars): the periods of its
    dated items, and as ghosts alone those it places that ``placed`` does not."""
    shown = {id_key(i.id) for i in placed}
    periods = {i.id: (i.start, i.end) for i in reference
               if i.start is not None and i.end is not None}
    only = tuple(i for i in reference if id_key(i.id) not in shown and i.id in periods)
    return Reference(periods, label, only)


def ghost_y(row_top: float, metrics: Metrics) -> float:
    """The middle of the ghost band of the row starting at ``row_top``."""
    return row_top + metrics.pad + metrics.bar + metrics.ghost_gap + metrics.ghost_band / 2


def reference_legend(ghosts: Sequence[Ghost], label: str) -> list[LegendEntry]:
    """The reference's entry: an outlined, hatched patch named as the caller names it."""
    if not any(g.drawn for g in ghosts):
        return []
    return [LegendEntry(label, GHOST_FILL, "patch", GHOST_HATCH, GHOST_EDGE, edge=GHOST_EDGE)]


def reference_note(label: str, lang: str) -> str:
    """The footnote that says how to read the ghosts and their marks."""
    return words(lang)["reference_note"].format(label=label)


def reference_lines(ghosts: Sequence[Ghost], label: str, lang: str) -> tuple[str, ...]:
    """Every ghost in words for the text alternative: period, shift, new or gone."""
    said = words(lang)
    found = []
    for ghost in ghosts:
        if ghost.start is None or ghost.end is None:
            found.append(f"{ghost.id}: {said['reference_added'].format(label=label)}")
            continue
        when = said["period"].format(start=ghost.start.isoformat(), end=ghost.end.isoformat())
        if ghost.alone:
            found.append(f"{ghost.id}: {said['reference_gone'].format(label=label, period=when)}")
            continue
        shift = shift_label(ghost.start_shift, ghost.end_shift, lang) or said["reference_same"]
        found.append(f"{ghost.id}: {label} {when}; {shift}")
    return tuple(found)
