"""Geometry of the gap chart: the funding gap per year, one bar per scenario. Pure.

Years run top to bottom, each with a heading row and one horizontal bar per scenario (the
base first). Every bar is named on its own row (so no legend is needed and the chart reads
in black and white) and carries its amount at its right end; the x-axis leaves room for
the longest amount beside the longest bar. Scenarios differ by colour and, after the
base, by hatching.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    AXIS_HEIGHT,
    FIGURE_WIDTH,
    HEADER_HEIGHT,
    MARGIN,
    NOTE_PT,
    NOTE_ROW_HEIGHT,
    ROW_HEIGHT,
    TEXT_PT,
    Texts,
    fit_text,
    label_width,
    nice_ticks,
    wrap,
)
from okosys_plan.charts.scenarios.words import words as words_in
from okosys_plan.text.numbers import number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Widest scenario label (inches) and the room kept between a bar's end and its amount.
LABEL_INCHES = 2.2
VALUE_PAD = 0.06
VALUE_PT = 8.0
#: A year's heading row, in bar rows.
HEADING_ROWS = 0.9
#: Base first, then each scenario: fill and hatch (the hatch tells them apart in grey).
FILLS = ("#332288", "#44AA99", "#CC6677", "#88CCEE", "#882255", "#117733", "#AA4499",
         "#999933", "#DDCC77")
HATCHES = ("", "//", "\\\\", "xx", "..", "++", "--", "oo", "**")
_EPSILON = 1e-9


@dataclass(frozen=True)
class GapBar:
    """One scenario's gap in one year."""

    y: float
    year: int
    scenario: str
    label: str
    gap: float
    text: str  # the amount as written beside the bar
    fill: str
    edge: str
    hatch: str
    hatch_colour: str


@dataclass(frozen=True)
class YearHeading:
    """A year's heading row, written from the figure's left margin."""

    y: float
    year: int


@dataclass(frozen=True)
class GapsLayout:
    """Everything the gap chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    headings: tuple[YearHeading, ...]
    bars: tuple[GapBar, ...]
    xlim: tuple[float, float]
    xticks: tuple[tuple[float, str], ...]
    ylim: tuple[float, float]
    description: str

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.scenarios.gap_draw)."""
        from okosys_plan.charts.scenarios.gap_draw import draw_gap

        draw_gap(axes, self)


def layout_gaps(gaps: Sequence[tuple[str, Mapping[int, float]]], lang: str = "nb") -> GapsLayout:
    """The gap chart of ``gaps``: (scenario name, {year: gap in MNOK}), the base first."""
    words = words_in(lang)
    years = sorted({year for _, by_year in gaps for year in by_year})
    headings: list[YearHeading] = []
    bars: list[GapBar] = []
    y = 0.0
    for year in years:
        y -= HEADING_ROWS if headings else 0.0
        headings.append(YearHeading(y, year))
        for index, (name, by_year) in enumerate(gaps):
            y -= 1.0
            bars.append(_bar(index, name, year, max(0.0, by_year.get(year, 0.0)), y, lang))
    texts = Texts(words["gap_title"], words["gap_subtitle"], words["gap_x"],
                  wrap(words["gap_note"], FIGURE_WIDTH - 2 * MARGIN, NOTE_PT))
    units = -y if bars else 1.0
    height = (HEADER_HEIGHT + (units + 1.0) * ROW_HEIGHT + AXIS_HEIGHT
              + len(texts.notes) * NOTE_ROW_HEIGHT + 2 * MARGIN)
    ticks = nice_ticks(_right(bars), lang)
    return GapsLayout((FIGURE_WIDTH, round(height, 2)), texts, tuple(headings), tuple(bars),
                      (0.0, ticks[-1][0]), ticks, (y - 0.7, 0.6),
                      _describe(texts.title, years, bars, words))


def _bar(index: int, name: str, year: int, gap: float, y: float, lang: str) -> GapBar:
    fill = FILLS[index % len(FILLS)]
    hatch = HATCHES[index % len(HATCHES)]
    return GapBar(y, year, name, fit_text(name, LABEL_INCHES, TEXT_PT), gap,
                  number(round(gap, 4), lang, 1), fill, palette.edge_for(fill), hatch,
                  palette.ink_for(fill) if hatch else "")


def plot_inches() -> float:
    """The plot's width: the figure less its margins and the scenario labels' column."""
    return FIGURE_WIDTH - 2 * MARGIN - LABEL_INCHES - 0.15


def _right(bars: Sequence[GapBar]) -> float:
    """The x-axis's end: every amount fits beside its bar, inside the plot."""
    plot = plot_inches()
    right = 1.0
    for bar in bars:
        room = plot - label_width(bar.text, VALUE_PT) - 2 * VALUE_PAD
        # the bar's end at gap / right of the plot, then the pad and the text
        right = max(right, bar.gap * plot / room if room > _EPSILON else bar.gap * 2)
    return right * 1.02


def _describe(title: str, years: Sequence[int], bars: Sequence[GapBar],
              words: Mapping[str, str]) -> str:
    """The text alternative: the title, then each year with every scenario's gap."""
    if not any(bar.gap > _EPSILON for bar in bars):
        return f"{title}. {words['gap_none']}"
    parts = []
    for year in years:
        values = ", ".join(words["gap_value"].format(scenario=b.scenario, gap=b.text)
                           for b in bars if b.year == year)
        parts.append(words["gap_year"].format(year=year, values=values))
    return f"{title}. " + "; ".join(parts) + "."
