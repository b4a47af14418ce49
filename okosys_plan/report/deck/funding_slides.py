"""The funding slides: cost, funding and gap per year as a native column chart, and what
each agency pays under each cost-sharing key as a native table.

The figures are the funding analysis' own (``FundingAnalysis.totals`` per year, each key's
``bills``), as the matplotlib charts (``charts.funding.layout``) and the report's funding
section show them; the chart's text alternative is ``layout_gap``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.charts import palette
from okosys_plan.report.deck import native
from okosys_plan.report.deck.shapes import add_text, inches
from okosys_plan.report.deck.slides import content_page, finish, set_notes
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_in

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

NOTE_PT = 14.0
NOTE_LINE = 0.3
BILLS_PT = 10.0
BILLS_ROW = 0.26


def add_funding_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The gap per year (chart) and the bills per agency and key (table)."""
    analysis = results.funding
    if analysis is None or not analysis.years:
        return
    _gap_slide(deck, analysis, config.lang)
    if analysis.keys and analysis.agencies:
        _bills_slide(deck, analysis, config.lang)


def gap_series(analysis: Any, lang: str) -> list[native.Series]:
    """Cost, confirmed, applied for and gap per year (MNOK), as the chart's series."""
    from okosys_plan.charts.funding.layout import APPLIED_COLOUR, CONFIRMED_COLOUR, GAP_COLOUR
    from okosys_plan.funding.words import word

    totals = [analysis.totals(year) for year in analysis.years]
    return [
        native.Series(say_in(lang, "funding-chart", "Cost"),
                      tuple(t.cost for t in totals), palette.MUTED[0]),
        native.Series(word("confirmed", lang), tuple(t.confirmed for t in totals),
                      CONFIRMED_COLOUR),
        native.Series(word("applied", lang), tuple(t.applied for t in totals), APPLIED_COLOUR,
                      patterned=True),
        native.Series(word("gap", lang), tuple(t.gap for t in totals), GAP_COLOUR,
                      patterned=True)]


def _gap_slide(deck: Presentation, analysis: Any, lang: str) -> None:
    from okosys_plan.charts.funding.layout import layout_gap
    from okosys_plan.charts.geometry import wrap_lines

    layout = layout_gap(analysis, lang)
    page = content_page(deck, say(lang, "Funding gap per year (MNOK)"))
    left, top, width, height = page.area
    note = " ".join(" ".join(layout.texts.notes).split())
    lines = wrap_lines(note, width, NOTE_PT, max_lines=2) if note else ()
    room = len(lines) * NOTE_LINE + (0.15 if lines else 0.0)
    native.add_chart(page.shapes, (left, top, width, height - room), "column",
                     [str(year) for year in analysis.years], gap_series(analysis, lang),
                     alt=layout.description, axis_title="MNOK",
                     name=say(lang, "Funding gap per year (MNOK)"))
    if lines:
        add_text(page.shapes, (left, top + height - room + 0.15, width, room - 0.15),
                 "\n".join(lines), size=NOTE_PT, anchor="top", name="Merknad")
    set_notes(page, f"{layout.texts.subtitle}\n{layout.description}")
    finish(page)


def bills(analysis: Any) -> list[tuple[str, list[float]]]:
    """Each agency with a bill: its name and its bill (MNOK, all years) under each key."""
    from okosys_plan.funding.money import ore_to_mnok

    by_key = {r.key: r.bills() for r in analysis.results}
    found = []
    for code in analysis.agencies:
        totals = [ore_to_mnok(sum(by_key[k].get(code, {}).values())) for k in analysis.keys]
        if any(totals):
            found.append((analysis.names.get(code, code), totals))
    return found


def _bills_slide(deck: Presentation, analysis: Any, lang: str) -> None:
    from okosys_plan.funding.words import word
    from okosys_plan.report.outputs import RUN_FILES
    from okosys_plan.report.words import say as report_say

    page = content_page(deck, report_say(lang, "bills"))
    left, top, width, height = page.area
    caption = report_say(lang, "bills_caption", first=analysis.years[0],
                         last=analysis.years[-1])
    add_text(page.shapes, (left, top, width, 0.35), caption, size=NOTE_PT, anchor="top",
             name="Forklaring")
    top, height = top + 0.45, height - 0.45
    found = bills(analysis)
    shown = found[:native.shown_rows(len(found), height, row_height=BILLS_ROW,
                                   size=BILLS_PT, heading=2)]
    headers = [report_say(lang, "agency"), *(word(k, lang) for k in analysis.keys)]
    rows = [[name, *(number(v, lang) for v in values)] for name, values in shown]
    keys = len(analysis.keys)
    alt = caption + ". " + "; ".join(
        f"{name}: " + ", ".join(f"{h} {v}" for h, v in zip(headers[1:], row[1:], strict=True))
        for (name, _), row in zip(shown, rows, strict=True))
    frame = native.add_table(page.shapes, (left, top, width, height), headers, rows, alt=alt,
                             weights=[2.0, *([1.0] * keys)], right=range(1, keys + 1),
                             size=BILLS_PT, row_height=BILLS_ROW, heading=2,
                             name=report_say(lang, "bills"))
    more = native.more_line(len(shown), len(found), say(
        lang, "see {file}", file=RUN_FILES["funding_workbook"]), lang)
    native.add_more(page.shapes, (left, top + inches(frame.height) + 0.05, width,
                                  native.MORE_HEIGHT), more)
    set_notes(page, alt)
    finish(page)
