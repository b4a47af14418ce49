"""Veikart: the roadmap of the current catalogue, its yearly budget caps as fields,
re-planned when they change, and scenarios of caps side by side.

The page plans as ``okosys-plan plan`` does (the current catalogue's ranking and the
bundled Veikart 2.0 settings), with the caps the user typed in place of the Budsjett
sheet's: a field is prefilled with the sheet's cap, and a blank field means no cap that
year. A set of caps can be kept under a name (a scenario, for as long as the app runs) and
compared with the catalogue's own caps and the Scenarier sheet's scenarios, every start
side by side.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from markupsafe import Markup

from okosys_plan.app.current import collector_paused, current_analysis, remembered
from okosys_plan.app.replan import Caps, own_caps, replanned
from okosys_plan.app.server import page_lang
from okosys_plan.app.typed import number_or_none, plain
from okosys_plan.app.veikart_scenarios import (
    forget_action,
    scenario_action,
    sheet_scenarios,
    side_by_side,
)
from okosys_plan.text.say import say

pages = Blueprint("roadmap", __name__)
MAX_CAP = 1_000_000.0  # MNOK a year: more is a typing mistake


@pages.route("/veikart", methods=["GET", "POST"])
def roadmap() -> str:
    """The roadmap with the caps as typed (or the catalogue's), and the saved scenarios."""
    results = current_analysis()
    if results is None or results.plan is None:
        return render_template("veikart.html", ready=False)
    lang = page_lang()
    source = request.form if request.method == "POST" else request.args
    fields, caps, errors = typed_caps(results, source, lang)
    notice = forget_action(results, lang) if request.method == "POST" else ""
    if caps is not None and request.method == "POST" and not notice:
        notice, errors = scenario_action(results, caps, errors, lang)
    plan = replanned(results, caps) if caps is not None else None
    view = _view(results, plan, caps, lang) if plan is not None and caps is not None else ""
    return render_template(
        "veikart.html", ready=True, name=results.path.name, fields=fields, errors=errors,
        notice=notice, rows=_rows(plan, lang) if plan else [],
        placed=sum(1 for p in plan.items if p.placed) if plan else 0,
        budget=_budget(plan, lang) if plan else [], chart=_chart_args(caps, lang), view=view,
        caps_wrong=caps is None,
        side=side_by_side(results, lang), sheet=sheet_scenarios(results, lang))


def typed_caps(results: Any, source: Any, lang: str
               ) -> tuple[dict[int, str], Caps | None, dict[str, str]]:
    """The caps as typed per year (the catalogue's where nothing was sent), the caps as
    numbers (None while one is wrong), and what is wrong with them by field name."""
    default = dict(own_caps(results))
    years = range(results.settings.start_year, results.settings.end_year + 1)
    fields: dict[int, str] = {}
    found: list[tuple[int, float]] = []
    errors: dict[str, str] = {}
    for year in years:
        given = default.get(year)
        typed = str(source.get(f"cap-{year}", "" if given is None else plain(given, lang)))
        fields[year] = typed
        if not typed.strip():
            continue  # blank: no cap that year
        value = number_or_none(typed)
        if value is None or not 0 <= value <= MAX_CAP:
            errors[f"cap-{year}"] = say(lang, "A cap is an amount in MNOK from 0 to {most}, or "
                                        "blank for no cap.", most=plain(MAX_CAP, lang))
        else:
            found.append((year, value))
    return fields, None if errors else tuple(found), errors


def _view(results: Any, plan: Any, caps: Caps, lang: str) -> Markup:
    """The interactive Veikart (report.roadmap_view) of ``plan``: chart, details, filters
    and the measure table; the funding per measure only for the catalogue's own caps (the
    analysis is of its plan). Made once per catalogue, caps and language: going back to
    caps tried before (a scenario, the catalogue's own) draws nothing again."""
    from okosys_plan.report.roadmap_view import roadmap_view_html

    def view() -> Markup:
        own = caps == own_caps(results)
        shown = replace(results, plan=plan, funding=results.funding if own else None)
        layout, svg = _drawn(results, plan, lang)
        return Markup(roadmap_view_html(shown, lang, layout=layout, svg=svg))

    found: Markup = remembered(("view", str(results.path), results.audit.as_of, caps, lang),
                               view)
    return found


def _drawn(results: Any, plan: Any, lang: str) -> tuple[Any, bytes]:
    """The roadmap layout of ``plan`` and its SVG (the collector paused while drawing)."""
    from okosys_plan.charts.roadmap.layout import layout_roadmap
    from okosys_plan.charts.roadmap.save import roadmap_bytes

    catalogue = results.checked.catalogue
    layout = layout_roadmap(plan.placed_items(), results.settings, as_of=results.audit.as_of,
                            source_name=catalogue.source if catalogue else "", lang=lang)
    with collector_paused():
        return layout, roadmap_bytes(layout, ["svg"])[0]


def _rows(plan: Any, lang: str) -> list[dict[str, Any]]:
    """One row per measure: ID, title, lane, owner, start and end quarter, or why not placed."""
    from okosys_plan.roadmap.reasons import reason_text
    from okosys_plan.text.numbers import quarter_label

    rows = []
    for planned in plan.items:
        item = planned.item
        placed = planned.placed and item.start is not None and item.end is not None
        rows.append({"id": item.id, "title": item.title, "lane": item.lane or "",
                     "owner": item.owner or "", "fixed": planned.fixed,
                     "start": quarter_label(item.start, lang) if placed else "",
                     "end": quarter_label(item.end, lang) if placed else "",
                     "reason": "" if placed else
                     reason_text(planned.reason, planned.reason_params, lang)})
    return rows


def _budget(plan: Any, lang: str) -> list[list[str]]:
    """Per year: the cap, what fixed measures take, what the plan adds, what is left."""
    from okosys_plan.text.numbers import number

    def shown(value: float | None) -> str:
        return "–" if value is None else number(value, lang)

    return [[str(b.year), shown(b.cap), shown(b.fixed), shown(b.planned), shown(b.left)]
            for b in plan.budget]


def _chart_args(caps: Caps | None, lang: str) -> dict[str, str] | None:
    """The chart's address arguments for these caps (None: no chart while a cap is wrong)."""
    if caps is None:
        return None
    return {"lang": lang, "caps": ",".join(f"{y}:{c!r}" for y, c in caps) or "none"}


@pages.get("/veikart/veikart.svg")
def chart() -> Response:
    """Veikart 2.0 as an SVG file under the caps in the address (``caps=2023:120.0,...``),
    for the user to take home."""
    results = current_analysis()
    caps = _caps_from_address(request.args.get("caps", ""))
    if results is None or results.plan is None or caps is None:
        abort(404)
    svg = _drawn(results, replanned(results, caps), page_lang())[1]
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Content-Disposition": "attachment; filename=veikart.svg"})


@pages.get("/veikart/veikart.<kind>")
def script(kind: str) -> Response:
    """The interactive Veikart's script and style sheet (the report inlines them)."""
    from okosys_plan.report.roadmap_view import ROADMAP_SCRIPT, ROADMAP_STYLE

    found = {"js": (ROADMAP_SCRIPT, "text/javascript"), "css": (ROADMAP_STYLE, "text/css")}
    if kind not in found:
        abort(404)
    path, mimetype = found[kind]
    return Response(path.read_bytes(), mimetype=mimetype)


def _caps_from_address(text: str) -> Caps | None:
    """``2023:120.0,2024:90.0`` (or ``none``) as caps; None when it is not that."""
    if text == "none":
        return ()
    found = []
    for part in text.split(","):
        year, _, cap = part.partition(":")
        try:
            value = float(cap)
            found.append((int(year), value))
        except ValueError:
            return None
        if not 0 <= value <= MAX_CAP:
            return None
    return tuple(sorted(found))
