"""Geometry of the priority charts: stacked score bars and rank intervals. Pure, no matplotlib.

``layout_contributions`` splits each of the top N needs' score into the points each
criterion gives; ``layout_rank_intervals`` shows how far each rank moves when the weights
are drawn at random (``okosys_plan.prioritise.sensitivity``). Rows run top to bottom in rank order
(rank 1 at the top, so at the largest y). Every text is in Norwegian bokmål or English.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.catalogue.model import Direction
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    FIGURE_WIDTH,
    LABEL_MAX,
    MARGIN,
    NOTE_PT,
    LegendEntry,
    RefLine,
    Texts,
    figure_height,
    legend_columns,
    legend_rows,
    percent,
    shorten,
    trimmed,
    wrap,
)
from okosys_plan.charts.priority.words import class_name
from okosys_plan.charts.priority.words import words as words_in
from okosys_plan.prioritise.scoring import Method, PriorityClass, Ranking, ScoredNeed
from okosys_plan.prioritise.sensitivity import Sensitivity
from okosys_plan.text.numbers import number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LEGAL_MARK = "§"
INCOMPLETE_MARK = "*"
#: Room right of 100 points for the score written after each bar.
VALUE_ROOM = 9.0
LEGEND_LABEL_MAX = 40


@dataclass(frozen=True)
class Row:
    """One need's row: where it sits (y), its label and the value written beside it."""

    y: float
    need_id: str
    rank: int
    label: str
    value: float | None
    value_label: str
    legal: bool
    incomplete: bool


@dataclass(frozen=True)
class Segment:
    """One criterion's points in one need's bar: from ``x0``, ``width`` points long."""

    y: float
    x0: float
    width: float
    criterion: str
    colour: str
    hatch: str = ""
    hatch_colour: str = ""


@dataclass(frozen=True)
class BarLayout:
    """Everything the contributions chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    rows: tuple[Row, ...]
    segments: tuple[Segment, ...]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[float, ...]
    lines: tuple[RefLine, ...]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str
    bar_height: float = 0.72

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.priority.draw.draw_bars)."""
        from okosys_plan.charts.priority.draw import draw_bars

        draw_bars(axes, self)


@dataclass(frozen=True)
class Interval:
    """One need's rank interval: 5–95 % range, median and the rank with the given weights."""

    y: float
    need_id: str
    rank: int
    label: str
    low: int
    high: int
    median: int
    uncertain: bool
    p_top_k: float
    share_label: str
    colour: str
    marker: str


@dataclass(frozen=True)
class IntervalLayout:
    """Everything the rank-interval chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    rows: tuple[Interval, ...]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[float, ...]
    lines: tuple[RefLine, ...]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    share_header: str
    description: str
    base_marker: str = "|"
    base_colour: str = palette.TEXT

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.priority.draw.draw_intervals)."""
        from okosys_plan.charts.priority.draw import draw_intervals

        draw_intervals(axes, self)


# --- shared pieces ----------------------------------------------------------------------


def row_label(scored: ScoredNeed) -> str:
    """'1. B12 EU-lommebok for …  §': rank, ID, shortened title, marks; ≤ LABEL_MAX chars."""
    marks = (f" {LEGAL_MARK}" if scored.legal_requirement else "") + (
        f" {INCOMPLETE_MARK}" if scored.incomplete else "")
    prefix = f"{scored.rank}. {shorten(scored.id, 12)} "
    return prefix + shorten(scored.title, LABEL_MAX - len(prefix) - len(marks)) + marks


def _scope(shown: int, total: int, words: dict[str, str]) -> str:
    return words["all" if shown == total else "top"].format(n=shown, total=total)


def _ylim(rows: int) -> tuple[float, float]:
    return (-0.6, max(rows, 1) - 0.4)


def _mark_notes(rows: Sequence[ScoredNeed], words: dict[str, str]) -> list[str]:
    """Footnotes for the § and * marks that appear in ``rows``."""
    notes = [words["legal"]] if any(s.legal_requirement for s in rows) else []
    return notes + ([words["incomplete"]] if any(s.incomplete for s in rows) else [])


def _texts(title: str, subtitle: str, xlabel: str, notes: Sequence[str]) -> Texts:
    """Texts with the notes wrapped to the figure's width."""
    width = FIGURE_WIDTH - 2 * MARGIN
    lines = tuple(line for note in notes for line in wrap(note, width, NOTE_PT))
    return Texts(title, subtitle, xlabel, lines)


def _size(rows: int, legend: int, columns: int, texts: Texts) -> tuple[float, float]:
    return (FIGURE_WIDTH, figure_height(max(rows, 1), legend_rows(legend, columns),
                                        len(texts.notes)))


# --- contributions ----------------------------------------------------------------------


def layout_contributions(ranking: Ranking, top_n: int = 20, lang: str = "nb") -> BarLayout:
    """Stacked bars of the top ``top_n`` needs, one segment per criterion, rank 1 on top."""
    words = words_in(lang)
    shown = ranking.needs[:max(0, top_n)]
    styles = {c.name: palette.series_style(i) for i, c in enumerate(ranking.criteria)}
    rows = tuple(_bar_row(s, len(shown) - 1 - i, lang) for i, s in enumerate(shown))
    segments = tuple(seg for s, row in zip(shown, rows, strict=True)
                     for seg in _segments(ranking, s, row.y, styles))
    legend = tuple(_criterion_entry(c.name, c.weight, c.direction, styles[c.name], lang)
                   for c in ranking.criteria)
    columns = legend_columns([e.label for e in legend])
    texts = _texts(words["bars_title"].format(scope=_scope(len(shown), len(ranking.needs),
                                                           words)),
                   words["bars_subtitle"], words["bars_x"], _bar_notes(ranking, shown, words))
    return BarLayout(
        size=_size(len(rows), len(legend), columns, texts), texts=texts, rows=rows,
        segments=segments, xlim=(0.0, 100.0 + VALUE_ROOM), ylim=_ylim(len(rows)),
        xticks=tuple(float(x) for x in range(0, 101, 10)),
        lines=_threshold_lines(ranking, lang), legend=legend, legend_columns=columns,
        description=_describe(texts.title, [
            f"{_spoken(s, words)}: {_points(r, words)}" for s, r in zip(shown, rows, strict=True)]))


def _bar_row(scored: ScoredNeed, y: float, lang: str) -> Row:
    words = words_in(lang)
    label = words["no_score"] if scored.score is None else number(scored.score, lang)
    # The label sits at the bar's end (the exact points); it shows the score as shown.
    return Row(y, scored.id, scored.rank, row_label(scored), scored.exact_score, label,
               scored.legal_requirement, scored.incomplete)


def _segments(ranking: Ranking, scored: ScoredNeed, y: float,
              styles: dict[str, tuple[str, str, str]]) -> list[Segment]:
    """The need's positive points per criterion, laid end to end from 0 in criterion order."""
    segments, x0 = [], 0.0
    for criterion in ranking.criteria:
        points = scored.contributions.get(criterion.name, 0.0)
        if points > 0:
            colour, hatch, ink = styles[criterion.name]
            segments.append(Segment(y, x0, points, criterion.name, colour, hatch, ink))
            x0 += points
    return segments


def _criterion_entry(name: str, weight: float, direction: Direction,
                     style: tuple[str, str, str], lang: str) -> LegendEntry:
    details = percent(weight, lang)
    if direction is Direction.COST:
        details += f", {words_in(lang)['reversed']}"
    colour, hatch, ink = style
    return LegendEntry(f"{shorten(name, LEGEND_LABEL_MAX)} ({details})", colour, "patch",
                       hatch, ink)


def _bar_notes(ranking: Ranking, shown: Sequence[ScoredNeed],
               words: dict[str, str]) -> list[str]:
    notes = _mark_notes(shown, words)
    if any(c.direction is Direction.COST for c in ranking.criteria):
        notes.append(words["cost"])
    if ranking.method is Method.NNV:
        notes.append(words["nnv"])
    return notes


def _threshold_lines(ranking: Ranking, lang: str) -> tuple[RefLine, ...]:
    """Dashed lines at the Høy and Middels thresholds that fall inside 0–100."""
    limits = ((ranking.thresholds.high, PriorityClass.HIGH),
              (ranking.thresholds.medium, PriorityClass.MEDIUM))
    return tuple(RefLine(x, f"{class_name(cls, lang)} ≥ {trimmed(x, lang)}", palette.REFERENCE)
                 for x, cls in limits if 0 < x < 100)


def _points(row: Row, words: dict[str, str]) -> str:
    return row.value_label if row.value is None else words["points"].format(
        score=row.value_label)


def _spoken(scored: ScoredNeed, words: dict[str, str]) -> str:
    """A need as the text alternative names it: rank, ID, full title, marks in words."""
    marks = [words[w] for w, on in (("legal_word", scored.legal_requirement),
                                     ("incomplete_word", scored.incomplete)) if on]
    return f"{scored.rank}. {scored.id} {scored.title}" + (f" ({', '.join(marks)})"
                                                          if marks else "")


def _describe(title: str, items: Sequence[str]) -> str:
    """A text alternative for the chart: its title, then one entry per row."""
    return f"{title}. " + "; ".join(items) + ("." if items else "")


# --- rank intervals ---------------------------------------------------------------------


def layout_rank_intervals(ranking: Ranking, sensitivity: Sensitivity, top_n: int = 20,
                          lang: str = "nb") -> IntervalLayout:
    """Median rank and 5–95 % interval of the top ``top_n`` needs by base rank, K marked."""
    words = words_in(lang)
    k = sensitivity.top_k
    shown = ranking.needs[:max(0, top_n)]
    rows = tuple(_interval(s, sensitivity, len(shown) - 1 - i, lang)
                 for i, s in enumerate(shown))
    reach = max((max(r.high, r.rank, math.ceil(r.median)) for r in rows), default=k + 2)
    lines, right = _top_k_line(k, reach, words)
    legend = _interval_legend(k, words)
    columns = legend_columns([e.label for e in legend])
    beyond = [] if lines else [words["beyond"].format(k=k)]
    texts = _texts(words["ranks_title"].format(scope=_scope(len(shown), len(ranking.needs),
                                                            words)),
                   words["ranks_subtitle"], words["ranks_x"],
                   [_caption(sensitivity, lang), *beyond, *_mark_notes(shown, words)])
    described = [f"{_spoken(s, words)}: " + words["median"].format(
        median=r.median, low=r.low, high=r.high, k=k, share=r.share_label)
        for s, r in zip(shown, rows, strict=True)]
    return IntervalLayout(
        size=_size(len(rows), len(legend), columns, texts), texts=texts, rows=rows,
        xlim=(0.4, right + 0.6), ylim=_ylim(len(rows)), xticks=_rank_ticks(right),
        lines=lines,
        legend=legend, legend_columns=columns, share_header=words["share"].format(k=k),
        description=_describe(texts.title, described))


def _top_k_line(k: int, reach: int, words: dict[str, str]
                ) -> tuple[tuple[RefLine, ...], int]:
    """The top-K line and the axis' last rank: the line when K is within twice the ranks
    shown (``reach``), else no line and an axis that ends just past them (a line at 579
    beside ranks up to 30 would squeeze every interval into the axis' first twentieth).

    The label ends at the line when the line is in the right half (a centred label would
    run into the share column's header, whatever the scale of the axis), else it is
    centred over it.
    """
    if k > 2 * reach + 5:
        return (), reach + max(2, math.ceil(reach * 0.05))
    right = max(k + 2, reach)
    line_x = k + 0.5
    align = "right" if line_x - 0.4 > (right + 0.6 - 0.4) / 2 else "center"
    return (RefLine(line_x, words["top_k"].format(k=k), palette.REFERENCE, align),), right


def _caption(sensitivity: Sensitivity, lang: str) -> str:
    """How the ranks were drawn: draws, concentration, seed, and what the right column is."""
    return words_in(lang)["caption"].format(
        draws=_integer(sensitivity.draws, lang), c=number(sensitivity.concentration, lang, 0),
        seed=sensitivity.seed, k=sensitivity.top_k)


def _interval(scored: ScoredNeed, sensitivity: Sensitivity, y: float, lang: str) -> Interval:
    stability = sensitivity.stability.get(scored.id)
    if stability is None:
        raise ValueError(f"no rank stability for need {scored.id}: was the sensitivity "
                         "run on this ranking?")
    uncertain = stability.uncertain
    return Interval(
        y, scored.id, scored.rank, row_label(scored), stability.rank_p05, stability.rank_p95,
        stability.median_rank, uncertain, stability.p_top_k, percent(stability.p_top_k, lang),
        palette.UNCERTAIN if uncertain else palette.STABLE, "D" if uncertain else "o")


def _interval_legend(k: int, words: dict[str, str]) -> tuple[LegendEntry, ...]:
    return (LegendEntry(words["stable"].format(k=k), palette.STABLE, "marker", marker="o"),
            LegendEntry(words["uncertain"].format(k=k), palette.UNCERTAIN, "marker",
                        marker="D"),
            LegendEntry(words["range"], palette.SECONDARY_TEXT, "line"),
            LegendEntry(words["base"], palette.TEXT, "marker", marker="|"))


def _rank_ticks(right: int) -> tuple[float, ...]:
    """Rank 1 and round ranks (steps of 1, 2, 5, 10, 20 …) up to ``right``, twenty at most."""
    step, factors = 1, itertools.cycle((2.0, 2.5, 2.0))
    while right / step > 20:
        step = round(step * next(factors))
    first = {1} if step >= 5 or step == 1 else set()  # 1 beside 2 would crowd
    return tuple(float(t) for t in sorted({*first, *range(step, right + 1, step)}))


def _integer(value: int, lang: str) -> str:
    """A whole number with thousands grouped: 10 000 (nb, no-break space) or 10,000 (en)."""
    return number(value, lang, 0)
