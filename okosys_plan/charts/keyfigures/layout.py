"""The key-figures chart: one indicator's values by year, a bar per group. Pure layout.

The report shows it beside its table (the text alternative). The indicator drawn is the
one with the most values over more than one group (for the bundled catalogue: the share
finding it easy to do right, state against municipalities, 2021 and 2022).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.catalogue.model import KeyFigure
from okosys_plan.charts.geometry import LegendEntry, Texts, language
from okosys_plan.charts.palette import STABLE, UNCERTAIN
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Okabe–Ito blue, vermillion, bluish green, reddish purple: distinct for colour blindness.
GROUP_COLOURS = (STABLE, UNCERTAIN, "#009E73", "#CC79A7")
BAR_WIDTH = 0.8


@dataclass(frozen=True)
class KeyBar:
    """One bar: a group's value in a year, with its printed value."""

    x: float
    width: float
    value: float
    colour: str
    label: str


@dataclass(frozen=True)
class KeyFigureLayout:
    """Bars, year ticks, legend and texts of the key-figures chart."""

    size: tuple[float, float]
    texts: Texts
    bars: tuple[KeyBar, ...]
    ticks: tuple[tuple[float, str], ...]
    legend: tuple[LegendEntry, ...]
    ymax: float
    ylabel: str
    description: str

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.keyfigures.draw.draw_key_figures)."""
        from okosys_plan.charts.keyfigures.draw import draw_key_figures

        draw_key_figures(axes, self)


def chosen_indicator(figures: Sequence[KeyFigure]) -> str | None:
    """The indicator to draw: most groups, then most values, then first seen."""
    best: tuple[int, int, int] | None = None
    chosen = None
    order = list(dict.fromkeys(f.indicator for f in figures))
    for position, name in enumerate(order):
        rows = [f for f in figures if f.indicator == name]
        key = (len({f.group for f in rows}), len(rows), -position)
        if best is None or key > best:
            best, chosen = key, name
    return chosen


def chosen_figures(figures: Sequence[KeyFigure]
                   ) -> tuple[str, list[KeyFigure], list[str], list[int]] | None:
    """The chosen indicator, its figures, its groups ('–' for none) in order of first
    appearance and its years; None when there are no key figures."""
    name = chosen_indicator(figures)
    if name is None:
        return None
    rows = [f for f in figures if f.indicator == name]
    return (name, rows, list(dict.fromkeys(f.group or "–" for f in rows)),
            sorted({f.year for f in rows}))


def layout_key_figures(figures: Sequence[KeyFigure], lang: str = "nb"
                       ) -> KeyFigureLayout | None:
    """The chart of the chosen indicator, or None when there are no key figures."""
    chosen = chosen_figures(figures)
    if chosen is None:
        return None
    name, rows, groups, years = chosen
    percent = name.casefold().startswith(("andel", "share")) and all(
        0 <= f.value <= 100 for f in rows)
    width = BAR_WIDTH / len(groups)
    bars = []
    for f in rows:
        index = groups.index(f.group or "–")
        x = years.index(f.year) - BAR_WIDTH / 2 + width * (index + 0.5)
        text = number(f.value, lang, 0) + (" %" if percent else "")
        bars.append(KeyBar(x, width * 0.92, f.value,
                           GROUP_COLOURS[index % len(GROUP_COLOURS)], text))
    legend = tuple(LegendEntry(g, GROUP_COLOURS[i % len(GROUP_COLOURS)])
                   for i, g in enumerate(groups))
    top = 100.0 if percent else max(f.value for f in rows) * 1.15 or 1.0
    texts = Texts(name, say(language(lang), "By year and group"), "", ())
    description = "; ".join(f"{f.group or '–'} {f.year}: {b.label}"
                            for f, b in zip(rows, bars, strict=True))
    return KeyFigureLayout((6.4, 3.6), texts, tuple(bars),
                           tuple((float(i), str(y)) for i, y in enumerate(years)), legend,
                           top, say(lang, "Per cent") if percent else "",
                           f"{name}: {description}")
