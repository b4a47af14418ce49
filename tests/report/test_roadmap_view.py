"""The interactive Veikart in the report: bars linked to rows, the data block, escaping."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.charts.roadmap.words import status_name
from okosys_plan.cli.actions.run import report_job
from okosys_plan.report.roadmap_records import row_anchors
from okosys_plan.report.roadmap_view import ROADMAP_SCRIPT, script_safe
from okosys_plan.run.pipeline import RunConfig, run_pipeline
from okosys_plan.text.numbers import quarter_label
from tests.conftest import need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
AS_OF = date(2023, 6, 30)
HOSTILE = "</script><script>alert(1)</script> <b>fet</b> \"sitat\" 'enkel' & co"


class View(HTMLParser):
    """The Veikart part of a report: bar links with their titles, rows, the data block."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.link_titles: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self._in: list[str] = []
        self._row: str | None = None
        self._title = False
        self._svg_style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "a" and "veikart-stolpe" in (found.get("class") or ""):
            self.links.append(found)
            self._in.append("link")
        elif tag == "title" and self._in and self._in[-1] == "link":
            self._title = True
            self.link_titles.append("")
        elif tag == "tr" and (found.get("id") or "").startswith("tiltak-"):
            self._row = found["id"]
            self.rows[self._row or ""] = []
        elif tag in ("td", "th") and self._row:
            self.rows[self._row].append("")
        elif tag == "script" and found.get("id") == "veikart-data":
            self._in.append("data")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in and self._in[-1] == "link":
            self._in.pop()
        elif tag == "title":
            self._title = False
        elif tag == "tr":
            self._row = None
        elif tag == "script" and self._in and self._in[-1] == "data":
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._title:
            self.link_titles[-1] += data
        elif self._in and self._in[-1] == "data":
            self.data.append(data)
        elif self._row and self.rows[self._row]:
            self.rows[self._row][-1] += data

    def document(self) -> dict[str, Any]:
        """The data block, parsed."""
        parsed: dict[str, Any] = json.loads("".join(self.data))
        return parsed


def view_of(path: Path) -> View:
    parser = View()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("veikart") / "rapport.html"
    assert report_job(BUNDLED, out, RunConfig(draws=0), AS_OF).exit_code == 0
    return out


def test_every_bar_links_to_its_measures_row(bundled: Path) -> None:
    from okosys_plan.report.outputs import roadmap_layout

    view = view_of(bundled)
    config = RunConfig(draws=0)
    layout = roadmap_layout(run_pipeline(BUNDLED, config, AS_OF), config)
    assert len(view.links) == len(layout.bars) > 20
    for link, bar in zip(view.links, layout.bars, strict=True):
        anchor = (link["href"] or "")[1:]
        assert link["href"] == f"#{link['data-measure']}" and anchor in view.rows
        assert view.rows[anchor][0] == bar.id  # the row's header cell is the bar's ID
    ids = [a["id"] for _, a in view.tags if a.get("id")]
    assert len(ids) == len(set(ids))


def test_the_data_block_holds_the_plans_measures(bundled: Path) -> None:
    results = run_pipeline(BUNDLED, RunConfig(draws=0), AS_OF)
    assert results.plan is not None
    items = results.plan.placed_items()
    measures = view_of(bundled).document()["measures"]
    assert [m["id"] for m in measures] == [i.id for i in items]
    for measure, item in zip(measures, items, strict=True):
        assert item.start is not None and item.end is not None
        assert (measure["start"], measure["end"]) == (item.start.isoformat(),
                                                      item.end.isoformat())
        assert measure["period"].endswith(quarter_label(item.end, "nb"))
        assert measure["owner"] == (item.owner or "")
        assert measure["status"] == (status_name(item.status, "nb") if item.status else "")
        assert measure["depends_on"] == list(item.depends_on)
        assert measure["needs"] == list(item.needs)
    t02 = next(m for m in measures if m["id"] == "T02")
    assert t02["period"] == "2023-K1–2025-K4" and t02["funding"].startswith("8,0 mill. kr")


def test_the_table_and_the_tooltips_say_the_same(bundled: Path) -> None:
    view = view_of(bundled)
    by_anchor = {m["anchor"]: m for m in view.document()["measures"]}
    for link, title in zip(view.links, view.link_titles, strict=True):
        measure = by_anchor[link["data-measure"] or ""]
        row = view.rows[measure["anchor"]]
        assert row[:4] == [measure["id"], measure["title"], ", ".join(measure["lanes"]),
                           measure["period"]]
        assert f"Periode: {measure['period']}" in title
        assert f"Ansvarlig: {measure['owner'] or '–'}" in title
        assert title.startswith(f"{measure['id']} {measure['title']}\n")


def test_the_chart_draws_under_a_strict_csp(bundled: Path) -> None:
    """No style attribute and no style sheet inside the roadmap's SVG: presentation
    attributes, which a CSP of style-src 'self' lets through."""
    raw = bundled.read_text(encoding="utf-8")
    start = raw.index('<div class="veikart"')
    chart = raw[start:raw.index("</svg>", start)]
    assert "style=" not in chart and "<style" not in chart
    assert 'fill="#' in chart and 'stroke-linejoin="round"' in chart


def test_a_hostile_title_is_escaped_everywhere(tmp_path: Path) -> None:
    sheets = valid_sheets(need("B01", "Felles innlogging"), need("B02", "Digital fullmakt"))
    sheets["Tiltak"] = [["ID", "Tittel", "Start", "Slutt", "Behov", "Ansvarlig"],
                        ["T1", HOSTILE, "2023", "2024-K2", "B01", "<i>Eier</i>"],
                        ["T2", "Vanlig", "2024-K1", "2024", "B02", "Digdir"]]
    out = tmp_path / "r.html"
    assert report_job(write_catalogue(tmp_path / "f.xlsx", sheets), out, RunConfig(draws=0),
                      AS_OF).exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<b>fet" not in raw and "<i>Eier" not in raw
    view = view_of(out)
    assert [t for t, _ in view.tags].count("script") == 2  # the data and the page's own
    assert not any(t in ("b", "i") for t, _ in view.tags)
    first = view.document()["measures"][0]
    assert (first["title"], first["owner"]) == (" ".join(HOSTILE.split()), "<i>Eier</i>")
    assert view.rows["tiltak-T1"][1] == " ".join(HOSTILE.split())
    assert view.rows["tiltak-T1"][4] == "<i>Eier</i>"
    assert any(title.startswith(f"T1 {' '.join(HOSTILE.split())}\n")
               for title in view.link_titles)


def test_the_english_roadmap(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert report_job(BUNDLED, out, RunConfig(draws=0, lang="en"), AS_OF).exit_code == 0
    view = view_of(out)
    document = view.document()
    assert document["lang"] == "en" and document["lane"] == "Theme"
    assert document["labels"] == ["Period", "Owner", "Status", "Depends on", "Needs covered",
                                  "Funding"]
    assert document["words"]["filter_legend"] == "Filter the roadmap"
    t02 = next(m for m in document["measures"] if m["id"] == "T02")
    assert t02["period"] == "2023-Q1–2025-Q4" and "MNOK" in t02["funding"]
    assert any(title.startswith("T02 ") and "Period: 2023-Q1–2025-Q4" in title
               for title in view.link_titles)
    header = re.search(r'<tr id="tiltak-T01"', out.read_text(encoding="utf-8"))
    assert header is not None


def test_the_report_is_the_same_bytes_each_time() -> None:
    from okosys_plan.report.outputs import report_bytes

    config = RunConfig(draws=0)
    results = run_pipeline(BUNDLED, config, AS_OF)
    assert report_bytes(results, config) == report_bytes(results, config)


@given(st.text())
def test_json_made_safe_for_a_script_block_reads_the_same(text: str) -> None:
    made = script_safe(json.dumps({"t": text, "l": [text]}, ensure_ascii=False))
    assert json.loads(made) == {"t": text, "l": [text]}
    assert "<" not in made and ">" not in made and "&" not in made


def test_row_anchors_are_unique_and_safe() -> None:
    found = row_anchors(["T01", "T 01", "T_01", "æ", "", "T01"])
    assert len(set(found)) == 6
    assert all(re.fullmatch(r"tiltak-[A-Za-z0-9_.-]+", a) for a in found)


def test_the_script_keeps_to_a_strict_csp() -> None:
    """No eval, no string timers, no inline handlers or style attributes, no javascript:."""
    script = ROADMAP_SCRIPT.read_text(encoding="utf-8")
    for banned in ("eval(", "new Function", "setTimeout(\"", "javascript:", "innerHTML",
                   "setAttribute(\"style", ".onclick", "on\" +", "</script"):
        assert banned not in script, banned


def test_the_roadmaps_colours_meet_wcag_aa() -> None:
    """Text on the chosen row, the panel and the filters at 4.5:1; focus rings at 3:1."""
    from okosys_plan.charts.palette import contrast_ratio
    from okosys_plan.report.roadmap_view import ROADMAP_STYLE

    style = ROADMAP_STYLE.read_text(encoding="utf-8")
    for text, background, least in (("#1a1a1a", "#fff0b3", 4.5), ("#1a1a1a", "#f4f6f8", 4.5),
                                    ("#1a1a1a", "#ffffff", 4.5), ("#0b4f8a", "#ffffff", 3.0),
                                    ("#0b4f8a", "#fff0b3", 3.0), ("#595959", "#ffffff", 3.0)):
        assert text in style and background in style
        assert contrast_ratio(text, background) >= least, (text, background)
