"""Geometry of the agreement chart: a strip plot of the assessors' grades. Pure, no matplotlib.

For each of the top N needs by rank, a heading row (rank, ID, title), then one short row
per criterion: a dot for each grade given, with the number of assessors who gave it
written in the dot (so equal grades never hide each other), a thin line from the lowest
to the highest grade, an open square at the aggregate, and a hatched band behind the row
(its criterion in bold) where the assessors agree little. Rows run top to bottom in rank
order: the first need's heading has the largest y. Every text is bokmål or English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.assess.model import Agreement, Cell, Level
from okosys_plan.assess.tables import word as sheet_word
from okosys_plan.catalogue.model import Criterion
from okosys_plan.charts import palette
from okosys_plan.charts.agreement.words import words as words_in
from okosys_plan.charts.geometry import (
    AXIS_HEIGHT,
    FIGURE_WIDTH,
    HEADER_HEIGHT,
    LEGEND_ROW_HEIGHT,
    MARGIN,
    NOTE_PT,
    NOTE_ROW_HEIGHT,
    TEXT_PT,
    LegendEntry,
    Texts,
    fit_text,
    legend_columns,
    legend_rows,
    shorten,
    trimmed,
    wrap,
)
from okosys_plan.prioritise.scoring import Ranking, ScoredNeed

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Needs shown by default.
TOP_N = 15
#: Inches per criterion row; a need's heading row is ``HEADING_ROWS`` rows high.
ROW_INCHES = 0.2
HEADING_ROWS = 1.4
#: Longest criterion label, in characters.
CRITERION_MAX = 28
DOT_COLOUR = palette.STABLE
AGGREGATE_COLOUR = palette.TEXT
RANGE_COLOUR = palette.SECONDARY_TEXT
#: The low-agreement band: a light fill with grey hatching (3.7:1 on the fill, 4.5:1 on white).
BAND_FILL = "#FBE3D6"
BAND_HATCH = "////"
BAND_HATCH_COLOUR = "#767676"


@dataclass(frozen=True)
class Dot:
    """The assessors who gave one grade: where (the grade) and how many."""

    x: int
    count: int


@dataclass(frozen=True)
class StripRow:
    """One need's grades on one criterion."""

    y: float
    need: str
    criterion: str
    label: str
    dots: tuple[Dot, ...]
    aggregate: float | None
    span: tuple[int, int] | None  # lowest and highest grade
    scale: tuple[int, int]
    low: bool  # low agreement: a hatched band, the label in bold


@dataclass(frozen=True)
class Heading:
    """A need's heading row: rank, ID and title, written from the figure's left margin."""

    y: float
    need: str
    label: str


@dataclass(frozen=True)
class AgreementLayout:
    """Everything the agreement chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    headings: tuple[Heading, ...]
    rows: tuple[StripRow, ...]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[int, ...]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.agreement.draw.draw_agreement)."""
        from okosys_plan.charts.agreement.draw import draw_agreement

        draw_agreement(axes, self)


def layout_agreement(agreement: Agreement, ranking: Ranking, top_n: int = TOP_N,
                     lang: str = "nb") -> AgreementLayout:
    """The strip plot of the top ``top_n`` needs by rank that the agreement has cells for."""
    words = words_in(lang)
    rule = words[agreement.rule.value]
    scales = _scales(agreement, ranking)
    shown = [s for s in ranking.needs if s.id in agreement.cells][:max(0, top_n)]
    headings: list[Heading] = []
    rows: list[StripRow] = []
    y = 0.0
    for scored in shown:
        y -= HEADING_ROWS if headings else 0.0
        label = f"{scored.rank}. {scored.id} {scored.title}"
        headings.append(Heading(y, scored.id, fit_text(label, FIGURE_WIDTH - 2 * MARGIN,
                                                       TEXT_PT, bold=True)))
        for criterion in agreement.criteria:
            cell = agreement.cells[scored.id].get(criterion)
            if cell is not None:
                y -= 1.0
                rows.append(_row(cell, y, scales[criterion]))
    legend = _legend(rule, words)
    columns = legend_columns([e.label for e in legend])
    scope = words["all" if len(shown) == len(ranking.needs) else "top"].format(
        n=len(shown), total=len(ranking.needs))
    note = words["note"].format(sheet=sheet_word("agreement_sheet", lang))
    texts = Texts(words["title"].format(scope=scope),
                  words["subtitle"].format(count=len(agreement.assessors), rule=rule),
                  words["x"], wrap(note, FIGURE_WIDTH - 2 * MARGIN, NOTE_PT))
    low = min((lo for lo, _ in scales.values()), default=1)
    high = max((hi for _, hi in scales.values()), default=5)
    units = -y if headings else 1.0
    return AgreementLayout(
        size=_size(units, len(legend), columns, texts), texts=texts, headings=tuple(headings),
        rows=tuple(rows), xlim=(low - 0.6, high + 0.6), ylim=(y - 0.7, 0.8),
        xticks=tuple(range(low, high + 1)), legend=legend, legend_columns=columns,
        description=_describe(texts.title, shown, agreement, rule, lang))


def _scales(agreement: Agreement, ranking: Ranking) -> dict[str, tuple[int, int]]:
    """Each criterion's scale, from the ranking's criteria (1–5 for one it lacks)."""
    known: dict[str, Criterion] = {c.name: c for c in ranking.criteria}
    return {name: ((known[name].scale_min, known[name].scale_max) if name in known else (1, 5))
            for name in agreement.criteria}


def _row(cell: Cell, y: float, scale: tuple[int, int]) -> StripRow:
    counts = Counter(g for g in cell.grades if g is not None)
    span = None if cell.low is None or cell.high is None else (cell.low, cell.high)
    return StripRow(y, cell.need, cell.criterion, shorten(cell.criterion, CRITERION_MAX),
                    tuple(Dot(x, n) for x, n in sorted(counts.items())), cell.aggregate, span,
                    scale, cell.level is Level.LOW)


def _legend(rule: str, words: dict[str, str]) -> tuple[LegendEntry, ...]:
    return (LegendEntry(words["dot"], DOT_COLOUR, "marker", marker="o"),
            LegendEntry(words["aggregate"].format(rule=rule), AGGREGATE_COLOUR, "marker",
                        marker="s"),
            LegendEntry(words["range"], RANGE_COLOUR, "line"),
            LegendEntry(words["low"], BAND_FILL, "patch", BAND_HATCH, BAND_HATCH_COLOUR))


def _size(units: float, entries: int, columns: int, texts: Texts) -> tuple[float, float]:
    height = (HEADER_HEIGHT + (units + 1.5) * ROW_INCHES + AXIS_HEIGHT
              + legend_rows(entries, columns) * LEGEND_ROW_HEIGHT
              + len(texts.notes) * NOTE_ROW_HEIGHT + 2 * MARGIN)
    return (FIGURE_WIDTH, round(height, 2))


def _describe(title: str, shown: Sequence[ScoredNeed], agreement: Agreement, rule: str,
              lang: str) -> str:
    """The text alternative: the title, then each need with every criterion's grades."""
    words = words_in(lang)
    items = []
    for scored in shown:
        row = agreement.cells[scored.id]
        cells = [_spoken(row[c], rule, len(agreement.assessors), words, lang)
                 for c in agreement.criteria if c in row]
        items.append(f"{scored.rank}. {scored.id} {scored.title}: " + ", ".join(cells))
    return f"{title}. " + "; ".join(items) + "." if items else f"{title}."


def _spoken(cell: Cell, rule: str, members: int, words: dict[str, str], lang: str) -> str:
    if cell.aggregate is None or cell.low is None or cell.high is None:
        return words["ungraded"].format(criterion=cell.criterion)
    key = "cell_low" if cell.level is Level.LOW else "cell"
    return words[key].format(criterion=cell.criterion, rule=rule,
                             aggregate=trimmed(cell.aggregate, lang), low=cell.low,
                             high=cell.high, count=cell.count, members=members)
