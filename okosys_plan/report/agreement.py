"""The report's section on the assessors: who scored, where they disagree, what to discuss.

Shown when the run had assessments (``Results.agreement``, an ``assess.model.Agreement``):
a short summary (the assessors, how many need × criterion cells have low agreement, the
assessors far from the others), the meeting's discussion list as a table, and the strip
chart (``charts["agreement"]``, from ``charts.agreement.save.agreement_svg``) with the
table behind it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from okosys_plan.assess.model import Agreement, Level
from okosys_plan.assess.tables import level_name, ordered_needs
from okosys_plan.assess.tables import word as sheet_word
from okosys_plan.charts.agreement.layout import TOP_N
from okosys_plan.charts.geometry import trimmed
from okosys_plan.report.html import figure, sub, table
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results
from okosys_plan.text.numbers import number


def agreement_section(main: ET.Element, results: Results, charts: dict[str, bytes],
                      lang: str) -> None:
    """Enighet og uenighet: the summary, the discussion list, the strip chart."""
    agreement: Agreement = results.agreement
    sub(main, "h2", say(lang, "agreement_heading"))
    _summary(main, agreement, lang)
    _discussion(main, agreement, lang)
    if "agreement" in charts and results.prioritised is not None:
        _chart(main, agreement, results, charts["agreement"], lang)


def low_cells(agreement: Agreement) -> tuple[int, int]:
    """How many need × criterion cells have low agreement, and how many cells there are."""
    cells = [c for row in agreement.cells.values() for c in row.values()]
    return sum(1 for c in cells if c.level is Level.LOW), len(cells)


def _summary(main: ET.Element, agreement: Agreement, lang: str) -> None:
    facts = sub(main, "ul")
    names = ", ".join(f"{a.name} ({a.agency})" if a.agency else a.name
                      for a in agreement.assessors)
    sub(facts, "li", say(lang, "agreement_assessors",
                         count=number(len(agreement.assessors), lang, 0), names=names))
    low, cells = low_cells(agreement)
    sub(facts, "li", say(lang, "agreement_low_cells", low=number(low, lang, 0),
                         cells=number(cells, lang, 0),
                         rule=sheet_word(agreement.rule.value, lang)))
    if agreement.outliers:
        named = ", ".join(say(lang, "agreement_outlier", name=o.assessor,
                              far=number(o.far, lang, 0), scored=number(o.scored, lang, 0))
                          for o in agreement.outliers)
        sub(facts, "li", say(lang, "agreement_outliers", names=named))
    else:
        sub(facts, "li", say(lang, "agreement_no_outliers"))


def _discussion(main: ET.Element, agreement: Agreement, lang: str) -> None:
    sub(main, "h3", say(lang, "agreement_discussion"))
    if not agreement.discussion:
        sub(main, "p", say(lang, "agreement_no_discussion"))
        return
    sub(main, "p", say(lang, "agreement_discussion_lead"))
    rows = [[(d.rank, d.rank), d.need, d.title,
             ", ".join(sheet_word(c, lang) for c in d.changes),
             (f"{number(d.score, lang)} ({number(d.low_score, lang)}–"
              f"{number(d.high_score, lang)})", d.score),
             ", ".join(d.criteria), "; ".join(f"{who}: {said}" for who, said in d.comments)]
            for d in agreement.discussion]
    table(main, say(lang, "agreement_discussion_headers").split("|"), rows,
          caption=say(lang, "agreement_discussion_caption", count=number(len(rows), lang, 0)),
          numeric=(0, 4))


def _chart(main: ET.Element, agreement: Agreement, results: Results, svg: bytes,
           lang: str) -> None:
    """The strip chart, with the cells of the needs it shows as its table."""
    assert results.prioritised is not None
    shown = [n for n in ordered_needs(agreement, results.prioritised.ranking)
             if n[2] is not None][:TOP_N]
    rows: list[list[Any]] = []
    for need, _, rank in shown:
        for criterion in agreement.criteria:
            cell = agreement.cells[need].get(criterion)
            if cell is None:
                continue
            rows.append([rank, need, criterion,
                         "" if cell.aggregate is None else trimmed(cell.aggregate, lang),
                         "" if cell.low is None else cell.low,
                         "" if cell.high is None else cell.high,
                         level_name(cell.level, lang) or ""])
    figure(main, svg, "enighet", say(lang, "agreement_chart_caption", n=len(shown)),
           (say(lang, "agreement_chart_headers").split("|"), rows, (0, 3, 4, 5)),
           say(lang, "show_table"))
