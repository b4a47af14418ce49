"""The interactive Veikart: chart, data block and measure table as one HTML fragment.

Without script it reads as it is: every bar is a link to its measure's row in the table
(``<a href="#tiltak-T01">``) with a native tooltip (``<title>``) giving its period,
owner, status, dependencies, needs and funding. With ``ROADMAP_SCRIPT`` (vanilla, no
inline handlers, no eval, so it runs under ``script-src 'self'``) the fragment gains a
details panel filled on hover and focus, and filters by lane, owner and status. The
script's data is the ``<script type="application/json" id="veikart-data">`` block, with
``< > &`` written as JSON escapes so no text can end the block.

The chart's ``style`` attributes become SVG presentation attributes, so the fragment
draws the same under ``style-src 'self'`` (the app) as inline (the report).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from okosys_plan.charts.roadmap.model import RoadmapLayout
from okosys_plan.charts.roadmap.words import words
from okosys_plan.report.html import inline_svg, sub, table
from okosys_plan.report.roadmap_records import MeasureRecord, detail_labels, measure_records
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results, RunConfig

STATIC = Path(__file__).with_name("static")
#: The script that makes the fragment interactive: inline it, or serve it as a file.
ROADMAP_SCRIPT = STATIC / "roadmap.js"
#: The fragment's style sheet (bars' focus and hover, the panel, the filters, the row).
ROADMAP_STYLE = STATIC / "roadmap.css"

PREFIX = "veikart"  # the chart's SVG ids in the page start with this
VIEW_ID = "veikart-visning"
DATA_ID = "veikart-data"


def roadmap_view(results: Results, lang: str = "nb", *, config: RunConfig | None = None,
                 layout: RoadmapLayout | None = None, svg: bytes | None = None) -> ET.Element:
    """The Veikart fragment of ``results``: ``<div id="veikart-visning">`` with the chart,
    the script's data and the measure table.

    ``layout`` and ``svg`` when already made (the same layout the SVG was drawn from);
    else drawn here with ``config`` (by default the run's defaults in ``lang``).
    """
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.report.outputs import roadmap_layout

    if layout is None:
        layout = roadmap_layout(results, config or RunConfig(lang=lang))
    if svg is None:
        svg = roadmap_bytes(layout, ["svg"])[0]
    records = measure_records(results, layout, lang, PREFIX)
    holder = ET.Element("div", {"class": "veikart", "id": VIEW_ID})
    element = sub(holder, "figure")
    caption = say(lang, "roadmap_caption")
    chart = inline_svg(svg, PREFIX, caption)
    chart.set("role", "group")  # an image's children are hidden from screen readers: not its links
    link_bars(chart, records, lang)
    presentation_attributes(chart)
    element.append(chart)
    sub(element, "figcaption", say(lang, "roadmap_view_caption"))
    lane = words(lang)["lane_tema" if layout.group_by == "tema" else "lane_other"]
    sub(holder, "script", data_json(records, lane, lang), type="application/json", id=DATA_ID)
    headers = [say(lang, "measure_id"), say(lang, "measure_title"), lane,
               *detail_labels(lang), say(lang, "measure_milestones")]
    table(holder, headers, [_row(r) for r in records], sortable=True,
          caption=say(lang, "measures_caption", count=len(records)),
          row_ids=[r.anchor for r in records])
    return holder


def roadmap_view_html(results: Results, lang: str = "nb", **options: Any) -> str:
    """``roadmap_view`` as HTML text, for a page that embeds it (``options`` as there)."""
    from okosys_plan.report.html import fragment

    return fragment(roadmap_view(results, lang, **options))


def _row(record: MeasureRecord) -> list[Any]:
    """The measure's table row; the period sorts by its first day."""
    period, *rest = record.values()
    return [record.id, record.title, ", ".join(record.lanes), (period, record.start), *rest,
            "; ".join(record.milestones)]


def link_bars(chart: ET.Element, records: tuple[MeasureRecord, ...], lang: str) -> None:
    """Wrap every bar's group in a link to its row, with the measure's details as title."""
    by_bar = {b.parts[0]: (r, b.bar) for r in records for b in r.bars}
    found = [(parent, index, child) for parent in chart.iter()
             for index, child in enumerate(parent)
             if child.tag == "g" and child.get("id", "") in by_bar]
    for parent, index, child in found:  # wrapped after the walk: the walk sees each bar once
        record, link_id = by_bar[child.get("id", "")]
        for old in child.findall("title"):
            child.remove(old)
        link = ET.Element("a", {"href": f"#{record.anchor}", "id": link_id,
                                "class": "veikart-stolpe", "data-measure": record.anchor})
        sub(link, "title", record.tooltip(lang))
        link.append(child)
        parent[index] = link


def data_json(records: tuple[MeasureRecord, ...], lane: str, lang: str) -> str:
    """The script's data: the words it shows and one record per measure, safe in a script."""
    keys = ("filter_legend", "filter_all", "filter_reset", "filter_count", "details_hint",
            "detail_owner", "detail_status")
    document = {"view": VIEW_ID, "lang": lang, "lane": lane,
                "words": {key: say(lang, key) for key in keys},
                "labels": list(detail_labels(lang)),
                "measures": [r.document() for r in records]}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return script_safe(text)


def script_safe(text: str) -> str:
    """JSON with ``< > &`` and the line separators as escapes: it never ends its block."""
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


#: CSS properties of matplotlib's SVG that are presentation attributes too.
_PRESENTATION = frozenset((
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linejoin", "stroke-linecap", "stroke-dasharray", "stroke-dashoffset",
    "stroke-miterlimit", "opacity", "font-size", "font-family", "font-weight", "font-style",
    "text-anchor", "clip-path", "display", "visibility"))


def presentation_attributes(chart: ET.Element) -> None:
    """Each ``style`` attribute as presentation attributes, and the ``<style>`` rules on
    the root, so a page whose CSP forbids inline style draws the chart all the same."""
    for element in chart.iter():
        style = element.attrib.pop("style", None)
        if style is not None:
            _apply(element, style)
    for parent in list(chart.iter()):
        for sheet in parent.findall("style"):
            rule = (sheet.text or "").strip()
            if rule.startswith("*{") and rule.endswith("}"):
                _apply(chart, rule[2:-1])  # matplotlib's one rule: inherited stroke defaults
            parent.remove(sheet)


def _apply(element: ET.Element, style: str) -> None:
    for declaration in style.split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name in _PRESENTATION and value and name not in element.attrib:
            element.set(name, value)
