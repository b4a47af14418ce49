"""The roadmap's legend: the colours in use, the cues and marks drawn, in balanced columns. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LegendEntry, label_width
from okosys_plan.charts.roadmap.model import Arrow, Bar, Ghost, Milestone, VLine
from okosys_plan.charts.roadmap.reference import Reference, reference_legend
from okosys_plan.charts.roadmap.style import colour_legend, cue_legend
from okosys_plan.charts.roadmap.time import AS_OF_LINE
from okosys_plan.charts.roadmap.words import words

LEGEND_PT = 8.0
LEGEND_HANDLE = 0.32  # inches per legend column besides its text: handle and padding
LEGEND_COLUMN_GAP = 0.19


def legend_entries(bars: Sequence[Bar], ghosts: Sequence[Ghost],
                   milestones: Sequence[Milestone], arrows: Sequence[Arrow],
                   lines: Sequence[VLine], colour_by: str, lang: str,
                   reference: Reference | None) -> list[LegendEntry]:
    """Colours in use, then the planned cue and the marks the chart shows."""
    said = words(lang)
    entries = colour_legend((b.status if colour_by == "status" else b.priority for b in bars),
                            colour_by, lang)
    if any(b.planned for b in bars):
        entries += cue_legend(lang)
    if reference is not None:
        entries += reference_legend(ghosts, reference.label)
    if milestones:
        entries.append(LegendEntry(said["milestone"], palette.TEXT, "marker", marker="D"))
    if arrows:
        entries.append(LegendEntry(said["dependency"], palette.SECONDARY_TEXT, "arrow"))
    if any(line.kind == "as_of" for line in lines):
        entries.append(LegendEntry(said["status_line"], AS_OF_LINE, "line"))
    if any(line.kind == "marker" for line in lines):
        entries.append(LegendEntry(said["marker"], palette.REFERENCE, "line", dashed=True))
    if any(b.continues_before or b.continues_after for b in bars):
        entries.append(LegendEntry(said["continues"], "#8C8C8C", "marker", marker=">"))
    return entries


def legend_columns(labels: Sequence[str], width: float) -> int:
    """The fewest legend rows that fit ``width``, in as few columns as keep them (balanced)."""
    fits = [c for c in range(1, len(labels) + 1) if legend_width(labels, c) <= width]
    if not fits:
        return 1
    rows = math.ceil(len(labels) / max(fits))
    return min(c for c in fits if math.ceil(len(labels) / c) == rows)


def legend_width(labels: Sequence[str], columns: int) -> float:
    """Width of the legend in ``columns`` columns, filled as matplotlib fills them."""
    rows, large = divmod(len(labels), columns)
    sizes = [rows + 1] * large + [rows] * (columns - large)
    widths, start = [], 0
    for size in sizes:
        if size:
            widths.append(max(label_width(t, LEGEND_PT) for t in labels[start:start + size]))
        start += size
    return sum(widths) + len(widths) * LEGEND_HANDLE + (len(widths) - 1) * LEGEND_COLUMN_GAP
