"""The goals and key figures slides: the catalogue's goals as a native table, its key
figures as a native column chart (the indicator the report's chart shows, a series per
group) beside the table of every key figure. Each slide is left out when the catalogue
has nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.report.deck import native
from okosys_plan.report.deck.shapes import inches
from okosys_plan.report.deck.slides import content_page, finish, set_notes
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

GOAL_LINES = 3  # lines a goal's cell may take


def add_goal_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """Goals (table) and key figures (chart and table), each when the catalogue has them."""
    catalogue = results.checked.catalogue
    if catalogue is None:
        return
    if catalogue.goals:
        _goals_slide(deck, catalogue.goals, config.lang, results.audit.input_name)
    if catalogue.key_figures:
        _figures_slide(deck, catalogue.key_figures, config.lang, results.audit.input_name)


def _goals_slide(deck: Presentation, goals: Any, lang: str, source: str) -> None:
    from okosys_plan.report.words import say as report_say

    page = content_page(deck, say(lang, "Goals"))
    left, top, width, height = page.area
    headers = report_say(lang, "goal_headers").split("|")
    shown = goals[:native.shown_rows(len(goals), height, lines=GOAL_LINES)]
    rows = [[g.goal, g.result or "", g.assessment or ""] for g in shown]
    alt = "; ".join(" – ".join(cell for cell in row if cell) for row in rows)
    frame = native.add_table(page.shapes, (left, top, width, height), headers, rows,
                             alt=f"{say(lang, 'Goals')}: {alt}", weights=[4.0, 4.0, 2.0],
                             lines=GOAL_LINES, name=say(lang, "Goals"))
    more = native.more_line(len(shown), len(goals), say(lang, "see {file}", file=source), lang)
    native.add_more(page.shapes, (left, top + inches(frame.height) + 0.05, width,
                                  native.MORE_HEIGHT), more)
    set_notes(page, "\n".join(" – ".join(c for c in (g.goal, g.result, g.assessment) if c)
                              for g in goals))
    finish(page)


def figure_series(figures: Any) -> tuple[str, list[str], list[native.Series]] | None:
    """The chosen indicator, its years and a series per group (None where a year lacks one)."""
    from okosys_plan.charts.keyfigures.layout import GROUP_COLOURS, chosen_figures

    chosen = chosen_figures(figures)
    if chosen is None:
        return None
    name, rows, groups, years = chosen
    series = []
    for index, group in enumerate(groups):
        values = {f.year: f.value for f in rows if (f.group or "–") == group}
        series.append(native.Series(group, tuple(values.get(y) for y in years),
                                    GROUP_COLOURS[index % len(GROUP_COLOURS)],
                                    patterned=index % 2 == 1))
    return name, [str(y) for y in years], series


def _figures_slide(deck: Presentation, figures: Any, lang: str, source: str) -> None:
    from okosys_plan.charts.keyfigures.layout import layout_key_figures
    from okosys_plan.report.words import say as report_say

    page = content_page(deck, say(lang, "Key figures"))
    left, top, width, height = page.area
    chosen, layout = figure_series(figures), layout_key_figures(figures, lang)
    table_left = left
    if chosen is not None and layout is not None:
        name, years, series = chosen
        chart_width = width * 0.52
        from okosys_plan.report.deck.shapes import add_text

        add_text(page.shapes, (left, top, chart_width, 0.35), name, size=14, bold=True,
                 anchor="top", name="Indikator")
        native.add_chart(page.shapes, (left, top + 0.4, chart_width, height - 0.4), "column",
                         years, series, alt=layout.description, number_format="0",
                         axis_title=layout.ylabel, name=name)
        table_left = left + chart_width + 0.3
    table_width = left + width - table_left
    headers = report_say(lang, "figure_headers").split("|")
    shown = figures[:native.shown_rows(len(figures), height, lines=2)]
    rows = [[f.indicator, f.group or "", str(f.year), number(f.value, lang, 0)]
            for f in shown]
    alt = "; ".join(f"{r[0]}, {r[1]} {r[2]}: {r[3]}" for r in rows)
    frame = native.add_table(page.shapes, (table_left, top, table_width, height), headers,
                             rows, alt=f"{say(lang, 'Key figures')}: {alt}",
                             weights=[4.0, 1.6, 1.0, 1.1], right=(2, 3), lines=2,
                             name=say(lang, "Key figures"))
    more = native.more_line(len(shown), len(figures), say(lang, "see {file}", file=source),
                            lang)
    native.add_more(page.shapes, (table_left, top + inches(frame.height) + 0.05, table_width,
                                  native.MORE_HEIGHT), more)
    set_notes(page, alt)
    finish(page)
