"""Tjenestekjeder: each service chain's readiness, its breaks with their fixes, its map.

The links need the whole analysis (priorities, plan, funding), so the page runs it on the
current catalogue (without the sensitivity run, which the chains do not use). The maps
are drawn as SVG and served by the app as images.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template

from okosys_plan.app.current import current_analysis
from okosys_plan.app.server import page_lang

pages = Blueprint("chains", __name__)


@pages.get("/tjenestekjeder")
def chains() -> str:
    """The readiness table, then each chain: its map and its breaks in one line each."""
    from okosys_plan.chains.present import break_line, chain_tables

    results = current_analysis()
    found = results.chains if results is not None else None
    if found is None:
        return render_template("tjenestekjeder.html", maps=[], name=_name(results))
    lang = page_lang()
    _sheet, heads, rows = chain_tables(found, lang)[0]
    maps = [{"number": n, "name": m.name, "breaks": [break_line(b, lang) for b in m.breaks]}
            for n, m in enumerate(found.maps, start=1)]
    return render_template("tjenestekjeder.html", maps=maps, heads=heads, rows=rows,
                           name=_name(results))


def _name(results: Any) -> str:
    """The catalogue's file name ('' for none)."""
    return results.path.name if results is not None else ""


@pages.get("/tjenestekjeder/<int:number>.svg")
def chain_map(number: int) -> Response:
    """The chain's map as SVG (the chart ``okosys-plan kart`` draws)."""
    from okosys_plan.charts.chains.layout import layout_chain
    from okosys_plan.charts.chains.save import chain_bytes

    results = current_analysis()
    if results is None or results.chains is None or not 1 <= number <= len(results.chains.maps):
        abort(404)
    chain = results.chains.maps[number - 1]
    layout = layout_chain(chain, as_of=results.audit.as_of, source_name=results.path.name,
                          lang=page_lang())
    return Response(chain_bytes(layout, ["svg"])[0], mimetype="image/svg+xml")
