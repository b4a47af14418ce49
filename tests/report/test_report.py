"""The HTML report: self-contained, accessible, escaped, and right in a real browser."""

from __future__ import annotations

import itertools
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.charts.palette import contrast_ratio
from okosys_plan.cli.actions.run import report_job
from okosys_plan.report.html import COLOUR_PAIRS, STYLE, clean, page, render, sub, table
from okosys_plan.run.pipeline import RunConfig
from tests.conftest import need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
AS_OF = date(2023, 6, 30)


class Outline(HTMLParser):
    """Collects what the checks need: tags with attributes, headings, texts by element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.stack: list[str] = []
        self.text: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        where = self.stack[-1] if self.stack else ""
        if data.strip():
            self.text.append((where, data))
            if re.fullmatch(r"h[1-6]", where):
                self.headings.append((int(where[1]), data.strip()))


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rapport") / "rapport.html"
    outcome = report_job(BUNDLED, out, RunConfig(draws=200), AS_OF)
    assert outcome.exit_code == 0
    return out


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_h1_ordered_headings_and_lang(bundled_report: Path) -> None:
    page = outline(bundled_report)
    html = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html["lang"] == "nb"
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    titles = [text for _, text in page.headings]
    assert "Prioritert behovsliste" in titles and "Veikart" in titles
    assert "Mål og nøkkeltall" in titles and "Revisjonsspor" in titles


def test_nothing_is_loaded_from_anywhere(bundled_report: Path) -> None:
    page = outline(bundled_report)
    for tag, attrs in page.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        for name, value in attrs.items():
            if name in ("src", "href") and value:
                assert value.startswith("#"), (tag, name, value)
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (csp["content"] or "")


def test_charts_have_captions_text_alternatives_and_unique_ids(bundled_report: Path) -> None:
    page = outline(bundled_report)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 8  # priority, roadmap, funding gap, bills, the chains' readiness and
    # their two maps, key figures
    assert all(a.get("aria-label") for a in svgs)
    # the roadmap's is a group: its bars are links (an image's children are presentational)
    assert [a.get("role") for a in svgs].count("group") == 1
    assert all(a.get("role") in ("img", "group") for a in svgs)
    assert sum(1 for t, _ in page.tags if t == "figcaption") == 8
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    for svg in svgs:  # every reference points at an id of the page
        for ref in (svg.get("aria-labelledby") or "").split():
            assert ref in ids, ref
    tables = sum(1 for t, _ in page.tags if t == "table")
    header_cells = sum(1 for t, a in page.tags if t == "th" and a.get("scope") == "col")
    assert tables == 12 and header_cells >= tables * 2  # list, rubric, 7 chart tables,
    # goals, co-funding, the service chains' readiness


def test_key_figures_and_goals_from_the_bundled_catalogue(bundled_report: Path) -> None:
    text = " ".join(t for _, t in outline(bundled_report).text)
    assert "Lett å gjøre rett" in text and "Andel som opplever det som lett å gjøre rett" in text
    assert "Oppnådd" in text and "Middels" in text


def test_colours_meet_wcag_aa() -> None:
    for text, background in COLOUR_PAIRS:
        assert text in STYLE and background in STYLE
        assert contrast_ratio(text, background) >= 4.5, (text, background)


def test_user_text_is_escaped(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    path = write_catalogue(tmp_path / "fiendtlig.xlsx", valid_sheets(
        need("B01", hostile), need("B02", "Vanlig & trygg")))
    out = tmp_path / "r.html"
    assert report_job(path, out, RunConfig(draws=0), AS_OF).exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    scripts = [a for t, a in outline(out).tags if t == "script"]
    # only the report's own script, and the roadmap's data (never run: JSON)
    assert scripts == [{"type": "application/json", "id": "veikart-data"}, {}]
    assert raw.count("<script>") == 1


#: Text as a workbook cell can hold it: markup, quotes, control characters, anything else.
_HOSTILE = st.text(st.sampled_from(list('&<>"\'\x00\x01\x0b\x1f\x7f\t\n\r ;aæ\ufffd'))
                   | st.characters(codec="utf-8"))
_VALUE = (_HOSTILE | st.none() | st.integers() | st.floats()
          | st.tuples(_HOSTILE | st.none(), _HOSTILE | st.integers() | st.floats()))


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(_VALUE, max_size=5), max_size=6),
       numeric=st.sets(st.integers(0, 4)), classes=st.lists(_HOSTILE | st.none(), max_size=6))
def test_table_rows_are_written_as_elementtree_writes_cells(
        rows: list[list[Any]], numeric: set[int], classes: list[str | None]) -> None:
    row_classes = (classes + [None] * len(rows))[:len(rows)] if classes else None
    fast = page("nb", "t")
    table(fast[1], ["a&", "<b>"], rows, caption="c\x00", numeric=tuple(numeric),
          row_classes=row_classes)
    slow = page("nb", "t")
    _element_table(slow[1], ["a&", "<b>"], rows, "c\x00", tuple(numeric), row_classes)
    assert render(fast[0]) == render(slow[0])


def _element_table(parent: Any, headers: list[str], rows: list[list[Any]], caption: str,
                   numeric: tuple[int, ...], row_classes: list[str | None] | None) -> None:
    """The table as it was made before its rows became text: one element per cell."""
    import xml.etree.ElementTree as ET

    element = sub(parent, "table")
    sub(element, "caption", caption)
    head_row = sub(sub(element, "thead"), "tr")
    for index, header in enumerate(headers):
        sub(head_row, "th", header, scope="col", class_="num" if index in numeric else "")
    body = sub(element, "tbody")
    for number, row in enumerate(rows):
        css = row_classes[number] if row_classes else None
        tr = sub(body, "tr", class_=css) if css else sub(body, "tr")
        for index, value in enumerate(row):
            shown, sort_key = (value if isinstance(value, tuple) else (value, None))
            attrs = {"class": "num"} if index in numeric else {}
            if sort_key is not None:
                attrs["data-sort"] = str(sort_key)
            if index == 0:
                attrs["scope"] = "row"
            cell = ET.SubElement(tr, "th" if index == 0 else "td", attrs)
            cell.text = "" if shown is None else clean(str(shown))


def test_english_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    report_job(BUNDLED, out, RunConfig(lang="en", draws=0), AS_OF)
    page = outline(out)
    assert next(a for t, a in page.tags if t == "html")["lang"] == "en"
    assert "Priority list" in [text for _, text in page.headings]


def test_existing_report_is_not_overwritten(tmp_path: Path) -> None:
    from okosys_plan.errors import OutputExists

    out = tmp_path / "r.html"
    out.write_text("gammel", encoding="utf-8")
    with pytest.raises(OutputExists):
        report_job(BUNDLED, out, RunConfig(draws=0), AS_OF)
    assert out.read_text(encoding="utf-8") == "gammel"


def test_the_report_in_a_real_browser(browser: Any, bundled_report: Path,
                                      tmp_path: Path) -> None:
    from okosys_plan import load_catalogue
    from okosys_plan.prioritise.api import prioritise
    from tests.web import watch

    address = bundled_report.resolve().as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        seen = watch(context.new_page(), address)
        seen.page.goto(address)
        text = seen.page.inner_text("body")
        screenshot = seen.page.screenshot(full_page=True)
    finally:
        context.close()
    assert seen.errors == []
    assert seen.requests == [address]  # the page, nothing else
    assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 50_000
    (tmp_path / "rapport.png").write_bytes(screenshot)
    top = prioritise(load_catalogue(BUNDLED)).ranking.needs[0]
    assert top.id in text and top.title in text
    for lane in _lanes():
        assert lane in text, lane


def _lanes() -> list[Any]:
    import tomllib

    data = tomllib.loads((ROOT / "roadmap" / "veikart.toml").read_text(encoding="utf-8"))
    return list(data["lanes"])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_summary_names_at_most_twelve_unplaced_items(lang: str) -> None:
    """A large catalogue can leave hundreds unplaced: the summary names twelve and counts
    the rest, which the "Ikke lagt inn" section lists with their reasons."""
    import xml.etree.ElementTree as ET
    from types import SimpleNamespace

    from okosys_plan.report.content import _summary

    def results(count: int) -> Any:
        items = [SimpleNamespace(placed=i % 2 == 1, item=SimpleNamespace(id=f"T{i}"))
                 for i in range(2 * count)]
        return SimpleNamespace(checked=SimpleNamespace(report=None, catalogue=None),
                               prioritised=None, plan=SimpleNamespace(items=items))

    def summary(count: int) -> str:
        main = ET.Element("main")
        _summary(main, results(count), lang)
        return "".join(main.itertext())

    many = summary(10_020)
    named = re.findall(r"T\d+", many)
    assert named == [f"T{2 * i}" for i in range(12)]
    assert ("og 10\u00a0008 til" if lang == "nb" else "and 10,008 more") in many
    assert re.findall(r"T\d+", summary(12)) == [f"T{2 * i}" for i in range(12)]
    assert "til" not in summary(12).split(":")[-1] and "more" not in summary(12)


def test_the_report_names_the_cofunding_rules_years_and_sources(bundled_report: Path) -> None:
    text = " ".join(t for _, t in outline(bundled_report).text)
    assert "Regler fra år" in text
    for year in (2019, 2021, 2023):  # the bundled measures start in 2020, 2022 and 2023+
        assert f"Medfinansieringsreglene fra {year} er brukt; kilde:" in text
    assert "«Kva er medfinansiering»" in text
