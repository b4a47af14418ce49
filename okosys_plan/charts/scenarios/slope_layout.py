"""Geometry of the slope chart: each need's rank in the base and in a scenario. Pure.

The needs shown are the top K of either plan. The left column lists them in the base's
rank order, the right column in the scenario's, one row each, so no two labels ever share
a row; a line joins a need's two rows: solid where it moves up, dashed where it moves
down, thin and grey where it keeps its rank. A line across the chart after the K-th row
marks the top K: below it on the left are the needs that enter the top K in the scenario,
below it on the right those that leave it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okosys_plan.catalogue.validate import id_key
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import (
    AXIS_HEIGHT,
    FIGURE_WIDTH,
    HEADER_HEIGHT,
    LEGEND_ROW_HEIGHT,
    MARGIN,
    NOTE_PT,
    NOTE_ROW_HEIGHT,
    SUBTITLE_PT,
    TITLE_PT,
    LegendEntry,
    Texts,
    fit_text,
    legend_columns,
    legend_rows,
    wrap,
)
from okosys_plan.charts.scenarios.words import words as words_in
from okosys_plan.prioritise.scoring import Ranking, ScoredNeed

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Needs in the top K by default.
TOP_K = 10
ROW_INCHES = 0.26
LABEL_PT = 8.0
#: The room between the two label columns, where the lines run.
SLOPE_INCHES = 1.9
#: The longest a scenario's name is in the subtitle and note.
NAME_INCHES = 2.2
LABEL_INCHES = (FIGURE_WIDTH - 2 * MARGIN - SLOPE_INCHES) / 2 - 0.1
UP = palette.STABLE
DOWN = palette.UNCERTAIN
SAME = "#767676"  # 4.5:1 on white
LIMIT = palette.REFERENCE


@dataclass(frozen=True)
class Slope:
    """One need: its row on each side (None where it is not ranked) and its two ranks."""

    id: str
    title: str
    left: float | None
    right: float | None
    old: int | None
    new: int | None

    @property
    def move(self) -> str:
        """'up', 'down' or 'same' (a need on one side only: 'same')."""
        if self.old is None or self.new is None or self.old == self.new:
            return "same"
        return "up" if self.new < self.old else "down"


@dataclass(frozen=True)
class SlopeLayout:
    """Everything the slope chart shows, as plain numbers and strings."""

    size: tuple[float, float]
    texts: Texts
    slopes: tuple[Slope, ...]
    left_labels: tuple[tuple[float, str], ...]
    right_labels: tuple[tuple[float, str], ...]
    limit: float | None  # the y of the top-K line, None when every row is in the top K
    ylim: tuple[float, float]
    legend: tuple[LegendEntry, ...]
    legend_columns: int
    description: str

    def draw(self, axes: Axes) -> None:
        """Draw this layout on ``axes`` (okosys_plan.charts.scenarios.slope_draw)."""
        from okosys_plan.charts.scenarios.slope_draw import draw_slope

        draw_slope(axes, self)


def layout_slope(base: tuple[str, Ranking], scenario: tuple[str, Ranking],
                 top_k: int = TOP_K, lang: str = "nb") -> SlopeLayout:
    """The slope chart of the top ``top_k`` needs of the base and of one scenario."""
    words = words_in(lang)
    (base_name, old), (name, new) = base, scenario
    k = max(1, top_k)
    before, after = _ranked(old), _ranked(new)
    shown = dict.fromkeys([*(id_key(s.id) for s in before[:k]),
                           *(id_key(s.id) for s in after[:k])])
    left = [s for s in before if id_key(s.id) in shown]
    right = [s for s in after if id_key(s.id) in shown]
    left_rows = {id_key(s.id): -float(i) for i, s in enumerate(left)}
    right_rows = {id_key(s.id): -float(i) for i, s in enumerate(right)}
    old_by = {id_key(s.id): s for s in left}
    new_by = {id_key(s.id): s for s in right}
    slopes = tuple(_slope(key, old_by.get(key), new_by.get(key), left_rows, right_rows)
                   for key in shown)
    rows = max(len(left), len(right), 1)
    limit = -(k - 0.5) if rows > k else None
    legend = (LegendEntry(words["slope_up"], UP, "line"),
              LegendEntry(words["slope_down"], DOWN, "line", dashed=True),
              LegendEntry(words["slope_same"], SAME, "line"),
              *((LegendEntry(words["slope_limit"].format(k=k), LIMIT, "line", dashed=True),)
                if limit is not None else ()))
    columns = legend_columns([e.label for e in legend])
    short, short_base = (fit_text(n, NAME_INCHES, SUBTITLE_PT) for n in (name, base_name))
    notes = (wrap(words["slope_note"].format(k=k, scenario=short), FIGURE_WIDTH - 2 * MARGIN,
                  NOTE_PT) if limit is not None else ())
    width = FIGURE_WIDTH - 2 * MARGIN
    texts = Texts(fit_text(words["slope_title"].format(base=base_name, scenario=name), width,
                           TITLE_PT, bold=True),
                  fit_text(words["slope_subtitle"].format(k=k, base=short_base, scenario=short),
                           width, SUBTITLE_PT), "", notes)
    height = (HEADER_HEIGHT + (rows + 0.6) * ROW_INCHES + AXIS_HEIGHT * 0.5
              + legend_rows(len(legend), columns) * LEGEND_ROW_HEIGHT
              + len(notes) * NOTE_ROW_HEIGHT + 2 * MARGIN)
    return SlopeLayout(
        (FIGURE_WIDTH, round(height, 2)), texts, slopes,
        tuple((left_rows[id_key(s.id)], _label(s)) for s in left),
        tuple((right_rows[id_key(s.id)], _label(s)) for s in right), limit,
        (-(rows - 1) - 0.6, 0.6), legend, columns,
        _describe(texts.title, slopes, k, words))


def _ranked(ranking: Ranking) -> list[ScoredNeed]:
    return sorted(ranking.needs, key=lambda s: s.rank)


def _slope(key: str, old: ScoredNeed | None, new: ScoredNeed | None,
           left: Mapping[str, float], right: Mapping[str, float]) -> Slope:
    known = new or old
    assert known is not None
    return Slope(known.id, known.title, left.get(key), right.get(key),
                 old.rank if old else None, new.rank if new else None)


def _label(scored: ScoredNeed) -> str:
    return fit_text(f"{scored.rank}. {scored.id} {scored.title}", LABEL_INCHES, LABEL_PT)


def _describe(title: str, slopes: Sequence[Slope], k: int, words: Mapping[str, str]) -> str:
    """The text alternative: the title, then every need that moves, the largest move first."""
    moved = sorted((s for s in slopes if s.move != "same"),
                   key=lambda s: (-abs((s.old or 0) - (s.new or 0)), s.new or 0))
    parts = []
    for slope in moved:
        assert slope.old is not None and slope.new is not None
        key = ("slope_enters" if slope.old > k >= slope.new else
               "slope_leaves" if slope.new > k >= slope.old else
               "slope_move_up" if slope.move == "up" else "slope_move_down")
        parts.append(words[key].format(id=slope.id, title=slope.title, old=slope.old,
                                       new=slope.new, k=k))
    rest = len(slopes) - len(moved)
    if not parts:
        return f"{title}. " + words["slope_nothing"].format(k=k)
    tail = " " + words["slope_unchanged"].format(count=rest) if rest else ""
    return f"{title}. " + "; ".join(parts) + "." + tail
