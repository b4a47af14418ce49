"""The meeting's slides, when the run has them: the discussion list (the needs whose class
or place in the top K the assessors' spread could change, ``assess.discuss``) and the
slippage against the adopted baseline (``roadmap.baseline``), each a native table in the
report's words (``report.agreement``, ``roadmap.baseline_present``).
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

LEAD_PT = 14.0
LEAD_HEIGHT = 0.45
CELL_LINES = 2


def add_discussion_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The needs to discuss (table), when the run combined several assessors' scores."""
    from okosys_plan.report.words import say as report_say

    agreement = results.agreement
    if agreement is None:
        return
    lang = config.lang
    page = content_page(deck, report_say(lang, "agreement_discussion"))
    left, top, width, height = page.area
    if not agreement.discussion:
        add_text(page.shapes, (left, top, width, LEAD_HEIGHT),
                 report_say(lang, "agreement_no_discussion"), size=LEAD_PT, anchor="top",
                 wrap=True, name="Forklaring")
        finish(page)
        return
    _lead(page, report_say(lang, "agreement_discussion_lead"), left, top, width)
    top, height = top + LEAD_HEIGHT + 0.2, height - LEAD_HEIGHT - 0.2
    headers = report_say(lang, "agreement_discussion_headers").split("|")
    rows = discussion_rows(agreement, lang)
    shown = rows[:native.shown_rows(len(rows), height, lines=CELL_LINES, heading=2)]
    alt = report_say(lang, "agreement_discussion_caption", count=number(len(rows), lang, 0))
    alt += ": " + "; ".join(f"{r[0]}. {r[1]} {r[2]} ({r[3]}; {r[4]})" for r in shown)
    frame = native.add_table(page.shapes, (left, top, width, height), headers, shown, alt=alt,
                             weights=[0.7, 0.8, 3.0, 2.0, 1.8, 2.0, 3.0], right=(0, 4),
                             lines=CELL_LINES, heading=2,
                             name=report_say(lang, "agreement_discussion"))
    _more(page, frame, len(shown), len(rows), "prioritert-behov.xlsx", lang)
    set_notes(page, alt)
    finish(page)


def discussion_rows(agreement: Any, lang: str) -> list[list[str]]:
    """The discussion list's rows, as the report writes them."""
    from okosys_plan.assess.tables import word as sheet_word

    return [[str(d.rank), d.need, d.title, ", ".join(sheet_word(c, lang) for c in d.changes),
             f"{number(d.score, lang)} ({number(d.low_score, lang)}–"
             f"{number(d.high_score, lang)})", ", ".join(d.criteria),
             "; ".join(f"{who}: {said}" for who, said in d.comments)]
            for d in agreement.discussion]


def add_status_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """Slippage against the adopted baseline (table, largest first), when one is given."""
    from okosys_plan.roadmap.baseline_present import status_text, status_title

    if results.status is None or results.baseline is None:
        return
    lang = config.lang
    page = content_page(deck, status_title(lang))
    left, top, width, height = page.area
    _lead(page, status_text(results.status, lang).splitlines()[0], left, top, width)
    top, height = top + LEAD_HEIGHT + 0.2, height - LEAD_HEIGHT - 0.2
    headers = [say(lang, h) for h in ("ID", "Title", "Adopted start", "Current start",
                                      "Start slippage (quarters)", "Adopted end",
                                      "Current end", "End slippage (quarters)", "Change")]
    rows = status_rows(results.status, lang)
    shown = rows[:native.shown_rows(len(rows), height, heading=3)]
    alt = status_title(lang) + ": " + "; ".join(
        f"{r[0]} {r[1]}: {r[8]} ({r[4]} / {r[7]})" for r in shown)
    frame = native.add_table(page.shapes, (left, top, width, height), headers, shown, alt=alt,
                             weights=[0.8, 3.0, 1.1, 1.1, 1.5, 1.1, 1.1, 1.5, 2.0],
                             right=(4, 7), heading=3, name=status_title(lang))
    _more(page, frame, len(shown), len(rows), "plan.xlsx", lang)
    set_notes(page, status_text(results.status, lang))
    finish(page)


def status_rows(slips: Any, lang: str) -> list[list[str]]:
    """Each item against the baseline: periods as quarters, slippage as '+2 kv.'."""
    from okosys_plan.roadmap.baseline_present import change_text, shift_text
    from okosys_plan.text.numbers import quarter_label

    def quarter(day: Any) -> str:
        return "–" if day is None else quarter_label(day, lang)

    rows = []
    for slip in slips:
        was = slip.baseline
        rows.append([slip.id, slip.title, quarter(was.start if was else None), quarter(slip.start),
                     shift_text(slip.start_slip, lang) or "–",
                     quarter(was.end if was else None), quarter(slip.end),
                     shift_text(slip.end_slip, lang) or "–", change_text(slip.change, lang)])
    return rows


def _lead(page: Any, text: str, left: float, top: float, width: float) -> None:
    """One lead sentence above the table (two lines at most)."""
    from okosys_plan.charts.geometry import wrap_lines

    lines = wrap_lines(text, width - 0.1, LEAD_PT * 0.8, max_lines=2)
    add_text(page.shapes, (left, top, width, LEAD_HEIGHT), "\n".join(lines),
             size=LEAD_PT * 0.8, anchor="top", name="Forklaring")


def _more(page: Any, frame: Any, shown: int, total: int, where: str, lang: str) -> None:
    """Under the table: how many rows are left out, and where they all are."""
    more = native.more_line(shown, total, say(lang, "see {file}", file=where), lang)
    native.add_more(page.shapes, (inches(frame.left), inches(frame.top) + inches(frame.height)
                                  + 0.05, inches(frame.width), native.MORE_HEIGHT), more)
