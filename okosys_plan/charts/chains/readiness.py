"""The chains' readiness as a small chart: each chain's breaks by how far their fixes came.

One bar per chain, the length its number of breaks, cut into the stages a break has
reached (each break counted once, at its furthest): planned and funded, planned, only
prioritised, only proposed (a need exists), and no need. Stages differ in lightness and
the first three are hatched differently, so the chart reads in black and white; a
segment wide enough carries its count. Pure layout; ``draw`` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.chains.model import Break, ChainMap
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    AXIS_HEIGHT,
    FIGURE_WIDTH,
    HEADER_HEIGHT,
    LEGEND_ROW_HEIGHT,
    MARGIN,
    ROW_HEIGHT,
    TEXT_PT,
    LegendEntry,
    Texts,
    fit_text,
    label_width,
    legend_columns,
    legend_rows,
    nice_ticks,
)
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LABEL_INCHES = 1.9  # the chains' names left of the bars
COUNT_PT = 8.5
#: (message id, fill, hatch) of each stage, the furthest first.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("Planned and funded", "#117733", ""),
    ("Planned, not funded", "#44AA99", "///"),
    ("Prioritised, not planned", "#88CCEE", "\\\\\\"),
    ("With a need, not prioritised", "#DDCC77", "..."),
    ("No need proposed", palette.WHITE, "xx"),
)


@dataclass(frozen=True)
class Segment:
    """One stage of one chain's bar: where it starts, how many breaks, how it looks."""

    stage: int
    x0: float
    count: int
    fill: str
    edge: str
    hatch: str
    ink: str
    text: str  # the count, or "" when the segment is too narrow for it


@dataclass(frozen=True)
class ReadinessRow:
    """One chain's bar."""

    y: float
    name: str
    label: str
    breaks: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ReadinessLayout:
    """Everything the readiness chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    rows: tuple[ReadinessRow, ...]
    xlim: tuple[float, float]
    xticks: tuple[tuple[float, str], ...]
    ylim: tuple[float, float]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.chains.readiness_draw)."""
        from okosys_plan.charts.chains.readiness_draw import draw_readiness

        draw_readiness(axes, self)


def stage(found: Break) -> int:
    """How far the break's fix has come: 0 planned and funded … 4 no need."""
    if found.funded:
        return 0
    if found.planned:
        return 1
    if found.prioritised:
        return 2
    return 3 if found.proposed else 4


def layout_readiness(maps: Sequence[ChainMap], lang: str = "nb") -> ReadinessLayout:
    """The readiness chart of the chains, in their order, top to bottom."""
    most = max((len(m.breaks) for m in maps), default=0)
    ticks = nice_ticks(max(most, 1), lang)
    ticks = tuple(t for t in ticks if float(t[0]).is_integer())  # whole breaks only
    right = ticks[-1][0]
    plot = FIGURE_WIDTH - 2 * MARGIN - LABEL_INCHES - 0.15
    rows = tuple(_row(chain, -float(index), right, plot, lang)
                 for index, chain in enumerate(maps, start=1))
    legend = tuple(LegendEntry(say(lang, name), fill, "patch", hatch,
                               palette.edge_for(fill), edge=palette.edge_for(fill))
                   for name, fill, hatch in STAGES)
    columns = legend_columns([e.label for e in legend])
    texts = Texts(say(lang, "Readiness of the service chains"),
                  say(lang, "Each chain's breaks by how far the needs that fix them have come"),
                  say(lang, "Breaks"))
    height = (HEADER_HEIGHT + (len(rows) + 1) * ROW_HEIGHT + AXIS_HEIGHT
              + legend_rows(len(legend), columns) * LEGEND_ROW_HEIGHT + 2 * MARGIN)
    return ReadinessLayout((FIGURE_WIDTH, round(height, 2)), texts, rows, (0.0, right), ticks,
                           (-len(rows) - 0.6, -0.4), legend, columns,
                           _describe(texts.title, rows, lang))


def _row(chain: ChainMap, y: float, right: float, plot: float, lang: str) -> ReadinessRow:
    """One chain's bar: its breaks counted at their furthest stage, left to right."""
    counts = [0] * len(STAGES)
    for found in chain.breaks:
        counts[stage(found)] += 1
    segments, x = [], 0.0
    for index, count in enumerate(counts):
        if not count:
            continue
        _name, fill, hatch = STAGES[index]
        text = number(count, lang, 0)
        wide = count / right * plot >= label_width(text, COUNT_PT) + 0.12
        segments.append(Segment(index, x, count, fill, palette.edge_for(fill), hatch,
                                palette.ink_for(fill), text if wide else ""))
        x += count
    return ReadinessRow(y, chain.name, fit_text(chain.name, LABEL_INCHES, TEXT_PT),
                        len(chain.breaks), tuple(segments))


def _describe(title: str, rows: Sequence[ReadinessRow], lang: str) -> str:
    """The chart in words: each chain's breaks and the count at each stage."""
    parts = []
    for row in rows:
        stages = "; ".join(f"{say(lang, STAGES[s.stage][0]).lower()}: {s.count}"
                           for s in row.segments)
        parts.append(say(lang, "{chain}: {breaks} breaks", chain=row.name,
                         breaks=number(row.breaks, lang, 0))
                     + (f" — {stages}" if stages else ""))
    return f"{title}. " + ". ".join(parts) + "."
