"""Geometry of the funding charts. Pure, no matplotlib.

``layout_gap``: per year, three bars side by side: the cost stacked by type, the funding
(confirmed, then applied for) and the gap (cost minus confirmed, solution by solution),
with values above the bars. ``layout_bills``: per agency, its bill under each key as
grouped horizontal bars. Amounts are MNOK, written the Norwegian way (``12,5``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    FIGURE_WIDTH,
    HEADER_HEIGHT,
    LEGEND_ROW_HEIGHT,
    MARGIN,
    NOTE_PT,
    NOTE_ROW_HEIGHT,
    LegendEntry,
    Texts,
    label_width,
    legend_columns,
    legend_rows,
    nice_ticks,
    wrap,
)
from okosys_plan.funding.analysis import COST_KEYS, Figures
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.money import ore_to_mnok
from okosys_plan.funding.words import word
from okosys_plan.text.listing import capped
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_in, say_n

COST_COLOURS = {"investering": palette.MUTED[0], "drift": palette.MUTED[1],
                "forvaltning": palette.MUTED[2], "videreutvikling": palette.MUTED[3]}
CONFIRMED_COLOUR = "#117733"
APPLIED_COLOUR = "#88CCEE"
GAP_COLOUR = "#D55E00"  # Okabe–Ito vermillion: edge and hatch of the gap bar (3.8:1)
BAR_LABEL_PT = 7.5
VALUE_PT = 7.5
PLOT_HEIGHT = 3.4  # inches of the gap chart's plot
AXIS_ROWS_HEIGHT = 0.75  # bar names, years and room below the gap chart's plot
VALUE_BAR = 0.13  # inches: thinner bars in the bills chart get no value label
MAX_PLOT_HEIGHT = 8.5  # the bills chart never grows beyond this (inches of plot)
GROUP_GAP = 0.2  # inches between agencies in the bills chart
#: The gap chart's note names at most this many solutions whose co-funding has ended (at
#: 10 000 needs it named 1 333 of them, and the note made the chart 23 inches tall).
LISTED_IDS = 12


@dataclass(frozen=True)
class Block:
    """One rectangle: a bar, or one segment of a stacked bar (data units)."""

    x: float
    y: float  # the bottom (vertical bars) or the left end (horizontal bars)
    length: float  # height (vertical) or width (horizontal)
    thickness: float
    colour: str
    edge: str
    hatch: str = ""
    hatch_colour: str = ""
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    """A text at a point (data units)."""

    x: float
    y: float
    text: str


@dataclass(frozen=True)
class GapLayout:
    """Everything the cost-against-funding chart shows."""

    size: tuple[float, float]
    texts: Texts
    blocks: tuple[Block, ...]
    values: tuple[Label, ...]  # written just above a bar
    bar_names: tuple[Label, ...]  # written under each bar
    years: tuple[Label, ...]  # written under each group
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    ticks: tuple[tuple[float, str], ...]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str


@dataclass(frozen=True)
class BillsLayout:
    """Everything the bills-per-agency chart shows (horizontal bars, first agency on top)."""

    size: tuple[float, float]
    texts: Texts
    blocks: tuple[Block, ...]
    values: tuple[Label, ...]  # written just right of a bar (few keys only)
    rows: tuple[Label, ...]  # agency codes at the groups' centres (x unused)
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    ticks: tuple[tuple[float, str], ...]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str


def _mnok(value: float, lang: str) -> str:
    """MNOK with one decimal; an øre either side of a half (from sharing) does not flip it."""
    return number(round(value, 4), lang, 1)


def _edge(fill: str) -> str:
    return palette.edge_for(fill)


def _span(years: Sequence[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _texts(title: str, subtitle: str, xlabel: str, notes: Sequence[str]) -> Texts:
    width = FIGURE_WIDTH - 2 * MARGIN
    return Texts(title, subtitle, xlabel,
                 tuple(line for note in notes for line in wrap(note, width, NOTE_PT)))


# --- cost against funding ----------------------------------------------------------------


def layout_gap(analysis: FundingAnalysis, lang: str = "nb") -> GapLayout:
    """Per year: cost by type, confirmed and applied-for funding, and the gap."""
    years = analysis.years
    totals = {y: analysis.totals(y) for y in years}  # each a pass over every solution
    by_type = [{t: sum(s.cost(y, (t,)) for s in analysis.solutions) for t in COST_KEYS}
               for y in years]
    blocks: list[Block] = []
    values: list[Label] = []
    names: list[Label] = []
    offsets = (-0.3, 0.0, 0.3)
    width = 0.27
    bar_names = tuple(say_in(lang, "funding-chart", w) for w in ("Cost", "Funding", "Gap"))
    for index, (figures, types) in enumerate(zip(totals.values(), by_type, strict=True)):
        centre = float(index)
        blocks += _stack(centre + offsets[0], width, [(types[t], COST_COLOURS[t], "")
                                                      for t in COST_KEYS])
        blocks += _stack(centre + offsets[1], width,
                         [(figures.confirmed, CONFIRMED_COLOUR, ""),
                          (figures.applied, APPLIED_COLOUR, "//")])
        blocks.append(Block(centre + offsets[2], 0.0, figures.gap, width, palette.WHITE,
                            GAP_COLOUR, "xx", GAP_COLOUR, dashed=True))
        tops = (figures.cost, figures.confirmed + figures.applied, figures.gap)
        values += [Label(centre + o, top, _mnok(top, lang)) for o, top in
                   zip(offsets, tops, strict=True)]
        names += [Label(centre + o, 0.0, n) for o, n in zip(offsets, bar_names, strict=True)]
    top = max([max(v.y for v in values)] if values else [1.0])
    values = _fitted_values(values, len(years), lang)
    ticks = nice_ticks(top * 1.1, lang)
    legend = _gap_legend(lang)
    columns = legend_columns([e.label for e in legend])
    texts = _texts(
        say(lang, "Cost, funding and gap per year, {span}", span=_span(years)),
        say(lang, "All solutions, MNOK. The gap is cost minus confirmed funding, solution by "
                  "solution."), "", _gap_notes(analysis, totals, lang))
    if not _names_fit(bar_names, len(years)):
        names = []
    height = (HEADER_HEIGHT + PLOT_HEIGHT + AXIS_ROWS_HEIGHT
              + legend_rows(len(legend), columns) * LEGEND_ROW_HEIGHT
              + len(texts.notes) * NOTE_ROW_HEIGHT + 2 * MARGIN)
    return GapLayout(
        (FIGURE_WIDTH, round(height, 2)), texts, tuple(blocks), tuple(values), tuple(names),
        tuple(Label(float(i), 0.0, str(y)) for i, y in enumerate(years)),
        (-0.55, len(years) - 0.45), (0.0, ticks[-1][0]), ticks, legend, columns,
        _gap_description(totals, texts.title, lang))


def _stack(x: float, width: float, parts: Sequence[tuple[float, str, str]]) -> list[Block]:
    """Segments stacked from 0 in order; empty ones left out."""
    blocks, bottom = [], 0.0
    for value, colour, hatch in parts:
        if value > 1e-9:
            blocks.append(Block(x, bottom, value, width, colour, _edge(colour), hatch,
                                palette.ink_for(colour) if hatch else ""))
            bottom += value
    return blocks


def _names_fit(names: Sequence[str], groups: int, points: float = BAR_LABEL_PT) -> bool:
    """True when the labels fit side by side over or under each bar."""
    plot = FIGURE_WIDTH - 2 * MARGIN - 0.6  # less the y tick labels
    room = plot / max(groups, 1) * 0.3  # the distance between two bars' centres
    return all(label_width(n, points) < room * 0.95 for n in names)


def _fitted_values(values: list[Label], groups: int, lang: str) -> list[Label]:
    """The values over the bars as they fit side by side: with one decimal, else whole
    MNOK, else none (the workbook and the text alternative have them all)."""
    if _names_fit([v.text for v in values], groups, VALUE_PT):
        return values
    whole = [replace(v, text=number(round(v.y, 4), lang, 0)) for v in values]
    return whole if _names_fit([v.text for v in whole], groups, VALUE_PT) else []


def _gap_legend(lang: str) -> tuple[LegendEntry, ...]:
    entries = [LegendEntry(word(t, lang), c, edge=_edge(c)) for t, c in COST_COLOURS.items()]
    entries += [LegendEntry(word("confirmed", lang), CONFIRMED_COLOUR,
                            edge=_edge(CONFIRMED_COLOUR)),
                LegendEntry(word("applied", lang), APPLIED_COLOUR, hatch="//",
                            hatch_colour=palette.ink_for(APPLIED_COLOUR),
                            edge=_edge(APPLIED_COLOUR)),
                LegendEntry(word("gap", lang), palette.WHITE, hatch="xx", hatch_colour=GAP_COLOUR,
                            edge=GAP_COLOUR, dashed=True)]
    return tuple(entries)


def _gap_notes(analysis: FundingAnalysis, totals: Mapping[int, Figures], lang: str
               ) -> list[str]:
    opens = analysis.gap_opens()
    if opens is None:
        return [say(lang, "No funding gap in these years.")]
    worst = max(totals, key=lambda y: totals[y].gap)
    gap, left = totals[worst].gap, totals[worst].gap_if_applied
    first = _mnok(totals[opens].gap, lang)
    found = "" if opens == worst else (say(lang, "The gap opens in {opens} ({first} MNOK). ",
                                                 opens=opens, first=first))
    found += (say(lang, "The gap is largest in {worst}: {gap} MNOK, {left} MNOK if everything "
                        "applied for is granted.", worst=worst, gap=_mnok(gap, lang),
                        left=_mnok(left, lang)))
    ended = sorted({s.id for s in analysis.solutions for f in s.flags
                    if f.code == "grant-ended"})
    if ended:
        found += (say(lang, " Co-funding has ended and operations are unfunded for {ids}.",
                            ids=_listed(ended, lang)))
    return [found]


def _listed(ids: Sequence[str], lang: str) -> str:
    """The IDs, or the first ``LISTED_IDS`` of them and how many more the workbook has."""
    return capped(ids, lang, LISTED_IDS, where=say(lang, "the Overview sheet lists them"))


def _gap_description(totals: Mapping[int, Figures], title: str, lang: str) -> str:
    """The text alternative: every year's figures in words."""
    parts = []
    for year, f in totals.items():
        parts.append(
            say(lang, "{year}: cost {cost}, confirmed {confirmed}, applied for {applied}, gap "
                      "{gap} MNOK", year=year, cost=_mnok(f.cost, lang),
                      confirmed=_mnok(f.confirmed, lang), applied=_mnok(f.applied, lang),
                      gap=_mnok(f.gap, lang)))
    return f"{title}. " + "; ".join(parts) + "."


# --- bills per agency --------------------------------------------------------------------


def layout_bills(analysis: FundingAnalysis, lang: str = "nb") -> BillsLayout:
    """Each agency's bill (sum over the years) under each key, the largest bills on top."""
    keys = analysis.keys
    bills = {r.key: r.bills() for r in analysis.results}
    totals = {code: [ore_to_mnok(sum(bills[k].get(code, {}).values())) for k in keys]
              for code in analysis.agencies}
    order = sorted(analysis.agencies, key=lambda c: -max(totals[c], default=0.0))
    fit = (MAX_PLOT_HEIGHT / max(len(order), 1) - GROUP_GAP) / max(len(keys), 1)
    bar = max(0.07, min(0.16, fit))  # every agency if the bars can stay 0.07 in or more
    group = len(keys) * bar + GROUP_GAP
    shown = order[:max(5, int(MAX_PLOT_HEIGHT / group + 1e-9))]
    styles = [palette.series_style(i) for i in range(len(keys))]
    blocks, values, rows = [], [], []
    for row, code in enumerate(shown):
        centre = -row * group / bar  # data units: one bar is 1 high
        rows.append(Label(0.0, centre, code))
        for i, value in enumerate(totals[code]):
            y = centre + (len(keys) - 1) / 2 - i
            colour, hatch, hatch_colour = styles[i]
            blocks.append(Block(0.0, y, value, 0.86, colour, _edge(colour), hatch,
                                hatch_colour))
            if bar >= VALUE_BAR:  # a label needs a bar at least as tall as its text
                values.append(Label(value, y, _mnok(value, lang)))
    top = max((b.length for b in blocks), default=1.0)
    ticks = nice_ticks(top * (1.12 if values else 1.0), lang)
    legend = tuple(LegendEntry(word(k, lang), s[0], hatch=s[1], hatch_colour=s[2],
                               edge=_edge(s[0])) for k, s in zip(keys, styles, strict=True))
    columns = legend_columns([e.label for e in legend])
    texts = _texts(
        say(lang, "Each agency's bill under each key, {span}", span=_span(analysis.years)),
        ((say(lang, "Sum of the years, MNOK; "))
         if len(analysis.years) > 1 else "MNOK; ")
        + ((say(lang, "the gap is shared")) if analysis.share == "gap" else
           (say(lang, "the cost is shared"))),
        "MNOK", _bills_notes(analysis, len(shown), lang))
    half = (len(keys) - 1) / 2 + 0.5 + GROUP_GAP / bar / 2
    ylim = (rows[-1].y - half if rows else -1.0, half)
    plot = (ylim[1] - ylim[0]) * bar
    height = (HEADER_HEIGHT + plot + 0.55 + legend_rows(len(legend), columns)
              * LEGEND_ROW_HEIGHT + len(texts.notes) * NOTE_ROW_HEIGHT + 2 * MARGIN)
    return BillsLayout((FIGURE_WIDTH, round(height, 2)), texts, tuple(blocks), tuple(values),
                       tuple(rows), (0.0, ticks[-1][0]), ylim, ticks, legend, columns,
                       _bills_description(analysis, shown, totals, texts.title, lang))


def _bills_notes(analysis: FundingAnalysis, shown: int, lang: str) -> list[str]:
    notes = [] if analysis.agencies else [
        say(lang, "No agencies: the Agencies and Usage sheets are empty.")]
    hidden = len(analysis.agencies) - shown
    if hidden > 0:
        other = say_n(lang, "the last one is", "the other {count} are", hidden, count=hidden)
        notes.append(say(lang, "Showing the {shown} agencies with the largest bills; {other} "
                               "in the Comparison sheet.", shown=shown, other=other))
    for what, english in (("unallocated", "Not allocated (data missing)"),
                          ("central", "Paid centrally")):
        sums = [(r.key, sum(r.per_year(what).values())) for r in analysis.results]
        listed = "; ".join(f"{word(k, lang)} {_mnok(ore_to_mnok(s), lang)}"
                           for k, s in sums if s)
        if listed:
            notes.append(f"{say(lang, english)}: {listed} MNOK.")
    return notes


def _bills_description(analysis: FundingAnalysis, shown: Sequence[str],
                       totals: dict[str, list[float]], title: str, lang: str) -> str:
    keys = [word(k, lang) for k in analysis.keys]
    parts = [f"{code}: " + ", ".join(f"{k} {_mnok(v, lang)}" for k, v in
                                     zip(keys, totals[code], strict=True)) for code in shown]
    return f"{title} (MNOK). " + "; ".join(parts) + "."
