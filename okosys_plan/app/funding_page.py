"""Finansiering: cost, funding and the gap per year, and each agency's bill under each key.

The same analysis as ``okosys-plan funding`` and the run's ``finansiering.xlsx`` (the
current catalogue, its plan, the bundled settings): the gap per year for all solutions
as a chart and a table, then each agency's bill over the plan's years, one column per
cost-sharing key, side by side.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template

from okosys_plan.app.current import current_analysis
from okosys_plan.app.server import page_lang

pages = Blueprint("funding", __name__)


@pages.get("/finansiering")
def funding() -> str:
    """The gap per year (chart and table) and the bills per agency and key."""
    from okosys_plan.funding.tables import compare_table, gap_table
    from okosys_plan.funding.words import word
    from okosys_plan.text.numbers import number

    results = current_analysis()
    analysis = results.funding if results is not None else None
    if analysis is None:
        return render_template("finansiering.html", ready=False)
    lang = page_lang()
    gap = gap_table(analysis, lang)
    everything = word("all", lang)
    gap_rows = [[row[1], *(number(v, lang) for v in row[2:])] for row in gap.rows
                if row[0] == everything]
    bills = compare_table(analysis, analysis.results, "compare", lang)
    years = analysis.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    bill_rows = [[row[1] or row[0], *(number(v, lang, 0) for v in row[3:])]
                 for row in bills.rows if str(row[2]) == span]
    return render_template("finansiering.html", ready=True, name=results.path.name,
                           gap_heads=gap.headers[1:], gap_rows=gap_rows,
                           bill_heads=[bills.headers[1], *bills.headers[3:]],
                           bill_rows=bill_rows, span=span)


@pages.get("/finansiering/gap.svg")
def gap_chart() -> Response:
    """The gap chart as SVG (the one ``okosys-plan funding`` draws)."""
    from okosys_plan.charts.funding.draw import funding_chart_bytes
    from okosys_plan.charts.funding.layout import layout_gap

    results: Any = current_analysis()
    if results is None or results.funding is None:
        abort(404)
    svg = funding_chart_bytes(layout_gap(results.funding, page_lang()), "svg")
    return Response(svg, mimetype="image/svg+xml")
