"""Safe HTML by construction: an ElementTree document, never string-glued user text.

Every text goes in through ``.text`` or an attribute, so ElementTree escapes it; only a
table's rows are written as text (``Rows``), escaped here exactly as ElementTree would
and checked against it by a property test. Charts come in as parsed SVG elements with
their ids made unique per chart. The page carries its own CSS and a few lines of script
(sortable tables) and loads nothing from anywhere.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from defusedxml import ElementTree as SafeET

from okosys_plan.text.say import language

#: No network, ever: only inline styles, inline scripts and data: images.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#1a1a1a;background:#ffffff;margin:0;
line-height:1.45}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.9rem;margin:.2rem 0 .4rem}h2{font-size:1.4rem;margin-top:2.2rem;
border-bottom:2px solid #1f3b57;padding-bottom:.2rem}h3{font-size:1.1rem}
.lead{color:#404040}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.92rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#1f3b57;color:#ffffff}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#f4f6f8}
th button{all:inherit;border:0;padding:0;background:none;cursor:pointer;
text-decoration:underline dotted}
th button:focus{outline:3px solid #f2b705}
figure{margin:1rem 0 1.6rem}figure svg{max-width:100%;height:auto}
figcaption{font-size:.95rem;color:#404040;margin-top:.3rem}
details{margin:.4rem 0}summary{cursor:pointer;color:#0b4f8a}
.feil{color:#a11d21;font-weight:bold}.advarsel{color:#7a4b00;font-weight:bold}
tbody tr.Høy>*{background:#d8eed8}tbody tr.Middels>*{background:#fbf0c7}
tbody tr.Lav>*{background:#dde8f4}
dl.audit{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
dl.audit dt{font-weight:bold}dl.audit dd{margin:0;word-break:break-all}
footer{border-top:1px solid #c8c8c8;margin-top:2rem;padding-top:1rem}
"""

#: Every text colour of the page on every background it is used on (WCAG AA: 4.5:1).
COLOUR_PAIRS: tuple[tuple[str, str], ...] = (
    ("#1a1a1a", "#ffffff"), ("#1a1a1a", "#f4f6f8"), ("#1a1a1a", "#d8eed8"),
    ("#1a1a1a", "#fbf0c7"), ("#1a1a1a", "#dde8f4"), ("#ffffff", "#1f3b57"),
    ("#404040", "#ffffff"), ("#0b4f8a", "#ffffff"), ("#a11d21", "#ffffff"), ("#7a4b00", "#ffffff"),
)

#: Click a column header to sort; without script the table is simply in rank order.
SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function(table){
  table.querySelectorAll("thead th").forEach(function(th, col){
    var b=document.createElement("button");b.type="button";b.textContent=th.textContent;
    th.textContent="";th.appendChild(b);
    b.addEventListener("click",function(){
      var up=th.getAttribute("aria-sort")!=="ascending";
      table.querySelectorAll("thead th").forEach(function(o){o.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",up?"ascending":"descending");
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,c){
        var x=a.cells[col].getAttribute("data-sort")||a.cells[col].textContent,
            y=c.cells[col].getAttribute("data-sort")||c.cells[col].textContent,
            p=parseFloat(x),q=parseFloat(y),r=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y,"nb");
        return up?r:-r;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
"""


def sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    """A child element with escaped text and attributes (``class_`` for class)."""
    names = {k: k.rstrip("_").replace("_", "-") for k in attrs}
    element = ET.SubElement(parent, tag, {names[k]: v for k, v in attrs.items() if v != ""})
    if text is not None:
        element.text = clean(str(text))
    return element


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text an HTML page can hold: control characters from a cell become �."""
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


def page(lang: str, title: str) -> tuple[ET.Element, ET.Element]:
    """The document and its ``main``: lang set, CSP, charset, viewport, title, CSS."""
    html = ET.Element("html", {"lang": language(lang)})
    head = sub(html, "head")
    sub(head, "meta", charset="utf-8")
    sub(head, "meta", http_equiv="Content-Security-Policy", content=CSP)
    sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    sub(head, "title", title)
    sub(head, "style", STYLE)
    body = sub(html, "body")
    main = sub(body, "main")
    return html, main


def table(parent: ET.Element, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
          caption: str, numeric: Sequence[int] = (), sortable: bool = False,
          row_classes: Sequence[str | None] | None = None,
          row_ids: Sequence[str] | None = None) -> ET.Element:
    """A data table with a caption, header cells and numbers right-aligned.

    ``row_ids`` gives each row an ``id`` (a link's target); they are the caller's own
    names, never user text.
    """
    element = sub(parent, "table", class_="sortable" if sortable else "")
    sub(element, "caption", caption)
    head_row = sub(sub(element, "thead"), "tr")
    for index, header in enumerate(headers):
        sub(head_row, "th", header, scope="col", class_="num" if index in numeric else "")
    element.append(Rows(rows, numeric, row_classes, row_ids))
    return element


class Rows(ET.Element):
    """A ``tbody`` whose rows are made as text here and put in place by ``render``.

    A big table has hundreds of thousands of cells; as elements they took most of the
    report's time. The text is what ElementTree writes for the same cells: each cell's
    text cleaned, then ``& < >`` escaped; a sort key (``data-sort``) is not cleaned and
    has ``& > "`` escaped, as ElementTree does for attributes in HTML.
    """

    def __init__(self, rows: Sequence[Sequence[Any]], numeric: Sequence[int],
                 row_classes: Sequence[str | None] | None,
                 row_ids: Sequence[str] | None = None) -> None:
        super().__init__("tbody")
        self.markup = _rows_markup(rows, numeric, row_classes, row_ids)


def _rows_markup(rows: Sequence[Sequence[Any]], numeric: Sequence[int],
                 row_classes: Sequence[str | None] | None,
                 row_ids: Sequence[str] | None = None) -> str:
    width = max(map(len, rows), default=0)
    columns = [_cell_tags(index == 0, index in numeric) for index in range(width)]
    texts: dict[str, str] = {}  # each distinct cell text cleaned and escaped once
    out: list[str] = []
    for number, row in enumerate(rows):
        css = row_classes[number] if row_classes else None
        named = f' id="{_escape_attribute(row_ids[number])}"' if row_ids else ""
        out.append(f'<tr{named} class="{_escape_attribute(css)}">' if css else f"<tr{named}>")
        for (start, end, close), value in zip(columns, row, strict=False):
            shown, sort_key = (value if isinstance(value, tuple) else (value, None))
            shown = "" if shown is None else str(shown)
            text = texts.get(shown)
            if text is None:
                text = texts[shown] = _escape_text(clean(shown))
            sort = ("" if sort_key is None
                    else f' data-sort="{_escape_attribute(str(sort_key))}"')
            out.append(f"{start}{sort}{end}{text}{close}")
        out.append("</tr>")
    return "".join(out)


def _cell_tags(first: bool, numeric: bool) -> tuple[str, str, str]:
    """A column's tag before and after the sort key, and its end (first: a row header)."""
    tag = "th" if first else "td"
    start = f'<{tag} class="num"' if numeric else f"<{tag}"
    return start, ' scope="row">' if first else ">", f"</{tag}>"


def _escape_text(text: str) -> str:
    """``& < >`` escaped, as ElementTree escapes element text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    """``& > "`` escaped, as ElementTree escapes an attribute value in HTML."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace('"', "&quot;")


_IDS = re.compile(r"url\(#([^)]+)\)")


def inline_svg(data: bytes, prefix: str, label: str) -> ET.Element:
    """A chart's SVG as an element: ids prefixed (unique in the page), labelled as an image.

    Namespaces are dropped (the HTML parser puts ``<svg>`` and its children in the SVG
    namespace itself) and ``xlink:href`` becomes ``href``.
    """
    root: ET.Element = SafeET.fromstring(data)
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        for name, value in list(element.attrib.items()):
            plain = name.rpartition("}")[2]
            if plain != name:
                del element.attrib[name]
            if plain == "id":
                value = f"{prefix}-{value}"
            elif plain in ("aria-labelledby", "aria-describedby"):
                value = " ".join(f"{prefix}-{ref}" for ref in value.split())
            elif plain == "href" and value.startswith("#"):
                value = f"#{prefix}-{value[1:]}"
            elif "url(#" in value:
                value = _IDS.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value)
            element.set(plain, value)
    root.set("role", "img")
    root.set("aria-label", label)
    for size in ("width", "height"):
        root.attrib.pop(size, None)
    return root


def figure(parent: ET.Element, svg: bytes, prefix: str, caption: str,
           alternative: tuple[Sequence[str], Sequence[Sequence[Any]], Sequence[int]],
           summary: str, *, folded: bool = True) -> ET.Element:
    """A chart with its caption and the table behind it (folded away unless ``folded``)."""
    element = sub(parent, "figure")
    element.append(inline_svg(svg, prefix, caption))
    sub(element, "figcaption", caption)
    holder = parent
    if folded:
        holder = sub(parent, "details")
        sub(holder, "summary", summary)
    headers, rows, numeric = alternative
    table(holder, headers, rows, caption=caption, numeric=numeric)
    return element


#: Where a table's rows go, as a tag: ElementTree writes ``<`` in text (but our own script
#: and style) and ``"`` in an attribute value only as entities, and no tag holds either,
#: so nothing else in the page can read like this.
_PLACE = 'rows"<'
_PLACE_TEXT = f"<{_PLACE}></{_PLACE}>"


def render(html: ET.Element) -> bytes:
    """The page as UTF-8 bytes with a doctype; the script goes last in the body.

    A page holding the interactive Veikart (``report.roadmap_view``) gets its style sheet
    in the head and its script after the page's own.
    """
    body, style = html.find("body"), html.find("head/style")
    assert body is not None and style is not None
    script = SCRIPT
    if html.find(".//div[@id='veikart-visning']") is not None:
        from okosys_plan.report.roadmap_view import ROADMAP_SCRIPT, ROADMAP_STYLE

        style.text = (style.text or "") + ROADMAP_STYLE.read_text(encoding="utf-8")
        script += ROADMAP_SCRIPT.read_text(encoding="utf-8")
    assert "</script" not in script.lower() and "</style" not in (style.text or "").lower()
    sub(body, "script", script)
    return ("<!DOCTYPE html>\n" + fragment(html) + "\n").encode("utf-8")


def fragment(element: ET.Element) -> str:
    """An element as HTML text, its tables' rows filled in (a page, or a part of one)."""
    tables = [e for e in element.iter("tbody") if isinstance(e, Rows)]
    for found in tables:
        found.tag = _PLACE
    try:
        parts = ET.tostring(element, encoding="unicode", method="html").split(_PLACE_TEXT)
    finally:
        for found in tables:
            found.tag = "tbody"
    filled = (f"{part}<tbody>{found.markup}</tbody>"
              for part, found in zip(parts[:-1], tables, strict=True))
    return "".join(filled) + parts[-1]
