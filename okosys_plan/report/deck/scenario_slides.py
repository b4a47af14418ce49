"""The scenario slides (when the run compared scenarios): the base and each scenario side
by side as a native table (placed, not placed, moved, differences, the largest gap), and
the funding gap per year and scenario as a native column chart.

The figures are the comparison's own (``run.compare.Comparison``): the same the report's
Scenarier section and the comparison workbook (``run.scenario_present``) show; the
chart's series are ``report.scenario_outputs.gaps``, its text alternative
``layout_gaps``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.report.deck import native
from okosys_plan.report.deck.shapes import add_text, inches
from okosys_plan.report.deck.slides import content_page, finish, set_notes
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

WORKBOOK = "sammenligning.xlsx"
LEAD_PT = 14.0
#: Differences listed under the table, the largest of each scenario first.
LISTED = 2


def add_scenario_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The scenarios' overview (table) and the gap per year and scenario (chart)."""
    comparison = results.comparison
    if comparison is None or not comparison.scenarios:
        return
    _overview_slide(deck, comparison, config.lang)
    if comparison.years:
        _gap_slide(deck, comparison, config.lang)


def overview_rows(comparison: Any, lang: str) -> list[list[str]]:
    """Per run (the base first): name, placed, not placed, moved, differences, largest gap."""
    from okosys_plan.report.scenario_outputs import gaps

    rows = []
    for (name, by_year), run in zip(gaps(comparison, lang), comparison.runs, strict=True):
        placed = sum(1 for p in run.plan.items if p.placed)
        moved = sum(1 for d in run.differences if d.kind == "moved")
        worst = max(by_year.items(), key=lambda item: (item[1], -item[0]), default=None)
        gap = "–" if worst is None or worst[1] <= 0 else say(
            lang, "{amount} MNOK in {year}", amount=number(worst[1], lang), year=worst[0])
        rows.append([name, number(placed, lang, 0),
                     number(len(run.plan.items) - placed, lang, 0),
                     "–" if run is comparison.base else number(moved, lang, 0),
                     "–" if run is comparison.base else number(len(run.differences), lang, 0),
                     gap])
    return rows


def _overview_slide(deck: Presentation, comparison: Any, lang: str) -> None:
    from okosys_plan.report.words import say as report_say

    page = content_page(deck, report_say(lang, "scenarios_heading"))
    left, top, width, height = page.area
    headers = [say(lang, w) for w in ("Scenario", "Placed", "Not placed", "Moved",
                                      "Differences", "Largest gap")]
    rows = overview_rows(comparison, lang)
    shown = rows[:native.shown_rows(len(rows), height / 2)]
    alt = report_say(lang, "scenarios_overview") + ": " + "; ".join(
        ", ".join(f"{h} {c}" for h, c in zip(headers, row, strict=True)) for row in shown)
    frame = native.add_table(page.shapes, (left, top, width, height), headers, shown, alt=alt,
                             weights=[3.0, 1.2, 1.4, 1.2, 1.4, 2.6], right=range(1, 6),
                             name=report_say(lang, "scenarios_overview"))
    below = top + inches(frame.height) + 0.1
    more = native.more_line(len(shown), len(rows), say(lang, "see {file}", file=WORKBOOK),
                            lang)
    if more:
        native.add_more(page.shapes, (left, below, width, native.MORE_HEIGHT), more)
        below += native.MORE_HEIGHT
    lines = _differences(comparison, lang, width, int((top + height - below - 0.2) / 0.3))
    if lines:
        add_text(page.shapes, (left, below + 0.2, width, 0.3 * len(lines)), "\n".join(lines),
                 size=LEAD_PT, anchor="top", name="Forskjeller")
    set_notes(page, alt + "\n" + "\n".join(
        f"{run.name}: {d.text(lang)}" for run in comparison.scenarios
        for d in run.differences[:10]))
    finish(page)


def _differences(comparison: Any, lang: str, width: float, room: int) -> list[str]:
    """Each scenario's largest differences, one line each, as many as ``room`` lines."""
    from okosys_plan.charts.geometry import fit_text

    lines = []
    for run in comparison.scenarios:
        shown = run.differences[:LISTED] if run.differences else ()
        texts = [d.text(lang) for d in shown] or [say(lang, "No differences from the base.")]
        lines += [fit_text(f"{run.name}: {text}", width - 0.1, LEAD_PT) for text in texts]
    return lines[:max(0, room)]


def _gap_slide(deck: Presentation, comparison: Any, lang: str) -> None:
    from okosys_plan.charts.scenarios.gap_layout import layout_gaps
    from okosys_plan.report.scenario_outputs import gaps
    from okosys_plan.report.words import say as report_say

    found = gaps(comparison, lang)
    years = list(comparison.years)
    series = []
    for index, (name, by_year) in enumerate(found):
        colour, patterned = native.series_colour(index)
        series.append(native.Series(name, tuple(by_year.get(y) for y in years),
                                    colour, patterned or index % 2 == 1))
    title = report_say(lang, "scenarios_gap_caption")
    page = content_page(deck, title)
    alt = layout_gaps(found, lang).description
    native.add_chart(page.shapes, page.area, "column", [str(y) for y in years], series,
                     alt=alt, axis_title="MNOK", name=title)
    set_notes(page, alt)
    finish(page)
