"""The priority slides: the top of the ranking as a native table, the points per criterion
as a native stacked bar chart (its data editable in PowerPoint).

The table has the terminal's and the report's columns (rank, ID, title, score, class and,
when the weights were drawn, the rank interval and the share of draws in the top K). The
chart shows the same segments as the matplotlib chart (``charts.priority.layout``
``layout_contributions``): one series per criterion, one category per need, rank 1 on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.charts.geometry import shorten
from okosys_plan.report.deck import native
from okosys_plan.report.deck.shapes import inches
from okosys_plan.report.deck.slides import content_page, finish, set_notes
from okosys_plan.text.numbers import number, percent
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

#: The most needs the table and the chart show; fewer when fewer fit the slide.
TOP_N = 15
WORKBOOK = "prioritert-behov.xlsx"
CATEGORY_TITLE = 22  # characters of a title in the chart's category labels


def add_priority_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The priority list (table) and the points per criterion (stacked bar chart)."""
    if results.prioritised is None or not results.prioritised.ranking.needs:
        return  # nothing to list or chart: left out, not drawn empty
    _table_slide(deck, results, config.lang)
    _chart_slide(deck, results, config.lang)


def _table_slide(deck: Presentation, results: Results, lang: str) -> None:
    assert results.prioritised is not None
    ranking, sensitivity = results.prioritised.ranking, results.prioritised.sensitivity
    page = content_page(deck, say(lang, "Priority list"))
    left, top, width, height = page.area
    shown = ranking.needs[:min(TOP_N, native.fitting_rows(height - native.MORE_HEIGHT,
                                                          heading=2))]
    headers = [say(lang, w) for w in ("Rank", "ID", "Title", "Score", "Class")]
    weights = [0.7, 0.9, 5.0, 1.4, 1.2]
    right = [0, 3]
    if sensitivity is not None:
        headers += [say(lang, "Rank 5–95 %"), say(lang, "P(top {top_k})",
                                                   top_k=sensitivity.top_k)]
        weights += [1.6, 1.4]
        right += [5, 6]
    rows = [_row(scored, sensitivity, lang) for scored in shown]
    alt = say(lang, "The top {n} of {total} needs by rank: ", n=len(shown),
              total=len(ranking.needs)) + "; ".join(
        f"{r[0]}. {r[1]} {r[2]} ({r[3]}, {r[4]})" for r in rows)
    frame = native.add_table(page.shapes, (left, top, width, height), headers, rows, alt=alt,
                             weights=weights, right=right, heading=2,
                             name=say(lang, "Priority list"))
    more = native.more_line(len(shown), len(ranking.needs), say(
        lang, "see {file}", file=WORKBOOK), lang)
    lines = [line for line in (more, _counts(ranking, lang)) if line]
    native.add_more(page.shapes, (left, top + inches(frame.height) + 0.05, width,
                                  native.MORE_HEIGHT * len(lines)), "\n".join(lines))
    set_notes(page, alt)
    finish(page)


def _counts(ranking: Any, lang: str) -> str:
    """How many needs in each class, and what the marks mean (as the terminal says it)."""
    from okosys_plan.prioritise.explain import class_name
    from okosys_plan.prioritise.scoring import PriorityClass

    parts = ", ".join(f"{number(ranking.count(c), lang, 0)} {class_name(c, lang)}"
                      for c in PriorityClass)
    return say(lang, "{total} needs: {parts}. § = legal requirement (ranked first), * = some "
                     "criteria not scored.", total=number(len(ranking.needs), lang, 0),
               parts=parts)


def _row(scored: Any, sensitivity: Any, lang: str) -> list[str]:
    """One need's cells: rank, ID, title, score, class (and rank interval, top-K share)."""
    from okosys_plan.prioritise.explain import class_name

    score = "–" if scored.score is None else number(scored.score, lang)
    marks = ("§" if scored.legal_requirement else "") + ("*" if scored.incomplete else "")
    row = [str(scored.rank), f"{scored.id} {marks}".rstrip(), scored.title, score,
           class_name(scored.priority, lang) if scored.priority else "–"]
    if sensitivity is not None:
        stable = sensitivity.stability[scored.id]
        row += [f"{stable.rank_p05}–{stable.rank_p95}", percent(100 * stable.p_top_k, lang)]
    return row


def _chart_slide(deck: Presentation, results: Results, lang: str) -> None:
    from okosys_plan.charts.priority.layout import layout_contributions
    from okosys_plan.charts.priority.words import words

    assert results.prioritised is not None
    ranking = results.prioritised.ranking
    layout = layout_contributions(ranking, TOP_N, lang)
    page = content_page(deck, say(lang, "Points per criterion"))
    by_row = {row.y: row for row in layout.rows}
    order = sorted(layout.rows, key=lambda row: row.rank)  # rank 1 first (on top: reversed)
    points = {(by_row[s.y].need_id, s.criterion): s.width for s in layout.segments}
    series = []
    for index, criterion in enumerate(ranking.criteria):
        colour, patterned = native.series_colour(index)
        series.append(native.Series(criterion.name, tuple(
            points.get((row.need_id, criterion.name), 0.0) for row in order), colour,
            patterned))
    categories = [_category(ranking, row.need_id, row.rank) for row in order]
    frame = native.add_chart(page.shapes, page.area, "bar_stacked", categories, series,
                             alt=layout.description, axis_title=words(lang)["bars_x"],
                             reverse=True, name=say(lang, "Points per criterion"))
    axis = frame.chart.value_axis
    axis.minimum_scale, axis.maximum_scale = 0, 100
    set_notes(page, layout.description)
    finish(page)


def _category(ranking: Any, need_id: str, rank: int) -> str:
    """'1. B12 EU-lommebok for …': rank, ID and the title shortened."""
    found = ranking.find(need_id)
    title = shorten(found.title, CATEGORY_TITLE) if found is not None else ""
    return f"{rank}. {need_id} {title}".rstrip()
