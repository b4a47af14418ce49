"""The report's "Enighet og uenighet" section: there with assessments, absent without."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from okosys_plan.assess.model import Agreement
from okosys_plan.charts.agreement.save import agreement_svg
from okosys_plan.report.agreement import low_cells
from okosys_plan.report.content import build_report
from okosys_plan.run.pipeline import Results, RunConfig, run_pipeline
from tests.assess.agreement_sample import sample_agreement

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"


class Page(HTMLParser):
    """The headings, the rows of each table (by caption) and the svg elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.svgs: list[dict[str, str | None]] = []
        self.items: list[str] = []
        self._tag: list[str] = []
        self._caption = ""
        self._row: list[str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag.append(tag)
        if tag == "svg":
            self.svgs.append(dict(attrs))
        elif tag == "tr":
            self._row = []
        self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._text.strip())
        elif tag == "tr" and self._row is not None:
            self.tables.setdefault(self._caption, []).append(self._row)
            self._row = None
        elif tag == "caption":
            self._caption = self._text.strip()
        elif tag in ("h2", "h3"):
            self.headings.append(self._text.strip())
        elif tag == "li":
            self.items.append(self._text.strip())
        while self._tag and self._tag.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self._text += data


@pytest.fixture(scope="module")
def results() -> Results:
    return run_pipeline(BUNDLED, RunConfig(draws=50), date(2023, 6, 30))


@pytest.fixture(scope="module")
def sample() -> Agreement:
    return sample_agreement(members=5)[0]


def page(results: Results, agreement: Agreement | None, lang: str = "nb",
         chart: bool = True) -> Page:
    with_agreement = replace(results, agreement=agreement)
    charts = {}
    if chart and agreement is not None:
        assert results.prioritised is not None
        charts["agreement"] = agreement_svg(agreement, results.prioritised.ranking, lang=lang)
    parsed = Page()
    parsed.feed(build_report(with_agreement, charts, lang).decode("utf-8"))
    return parsed


def test_the_section_is_absent_without_assessments(results: Results) -> None:
    found = page(results, None)
    assert "Enighet og uenighet" not in found.headings
    assert not any("vurderere" in caption for caption in found.tables)


def test_the_section_follows_the_priority_list(results: Results, sample: Agreement) -> None:
    found = page(results, sample)
    at = found.headings.index("Enighet og uenighet")
    assert found.headings[at - 1] == "Prioritert behovsliste"
    assert found.headings[at + 1] == "Til møtet: behovene å drøfte"


def test_the_summary_names_assessors_low_cells_and_outliers(results: Results,
                                                            sample: Agreement) -> None:
    found = page(results, sample)
    low, cells = low_cells(sample)
    assert cells == 49 * 8 and 0 < low < cells
    text = "\n".join(found.items)
    assert "5 vurderere ga poeng hver for seg: Kari Nordmann (NAV), Ola Hansen" in text
    assert f"lite enige om {low} av 392 behov × kriterier" in text
    assert "Langt fra de andre på mange behov (vist, ikke utelatt): Ola Hansen (9 av 40 behov)" \
        in text
    calm = page(results, replace(sample, outliers=()), chart=False)
    assert "Ingen vurderer er langt fra de andre på mange behov." in calm.items


def test_the_discussion_list_has_a_row_per_need(results: Results, sample: Agreement) -> None:
    found = page(results, sample)
    table = found.tables["6 behov å drøfte"]
    assert table[0] == ["Rang", "ID", "Tittel", "Hva kan endres", "Poengsum (lav–høy)",
                        "Kriterier de er uenige om", "Kommentarer"]
    assert [row[1] for row in table[1:]] == [d.need for d in sample.discussion]
    first, item = table[1], sample.discussion[0]
    assert first[0] == str(item.rank) and first[2] == item.title
    assert first[3] == "Inn i eller ut av topp K, Prioritetsklasse"
    assert re.fullmatch(r"\d+,\d \(\d+,\d–\d+,\d\)", first[4]), first[4]
    assert first[5] == ", ".join(item.criteria)
    commented = next(r for r, d in zip(table[1:], sample.discussion, strict=True) if d.comments)
    assert commented[6].startswith("Kari Nordmann: Viktig for NAV")


def test_no_discussion_says_so(results: Results, sample: Agreement) -> None:
    found = page(results, replace(sample, discussion=()), chart=False)
    assert "Til møtet: behovene å drøfte" in found.headings
    assert not any(caption.endswith("å drøfte") for caption in found.tables)


def test_the_chart_is_inline_with_its_table(results: Results, sample: Agreement) -> None:
    found = page(results, sample)
    charts = [s for s in found.svgs if s.get("aria-label", "").startswith("Vurderernes poeng")]
    assert len(charts) == 1
    assert charts[0]["aria-describedby"] == "enighet-chart-desc"
    rows = found.tables["Vurderernes poeng per kriterium for de 15 øverste behovene"]
    assert rows[0] == ["Rang", "ID", "Kriterium", "Samlet", "Lavest", "Høyest", "Enighet"]
    assert len(rows) - 1 == 15 * 8
    assert {r[6] for r in rows[1:]} <= {"Høy", "Middels", "Lav", ""}
    without = page(results, sample, chart=False)
    assert not any(s.get("aria-label", "").startswith("Vurderernes") for s in without.svgs)


def test_english_section(results: Results, sample: Agreement) -> None:
    found = page(results, sample, "en")
    assert "Agreement and disagreement" in found.headings
    assert "For the meeting: the needs to discuss" in found.headings
    assert "6 needs to discuss" in found.tables
    assert any(i.startswith("5 assessors scored the needs on their own") for i in found.items)


def test_the_reports_charts_draw_the_strip_chart_when_there_are_assessments(
        results: Results, sample: Agreement) -> None:
    from okosys_plan.report.outputs import report_charts

    config = RunConfig(draws=50)
    assert "agreement" not in report_charts(results, config, {"roadmap": b"", "priority": b""})
    charts = report_charts(replace(results, agreement=sample), config,
                           {"roadmap": b"", "priority": b""})
    assert charts["agreement"].startswith(b"<?xml") and b"chart-desc" in charts["agreement"]
    assert report_charts(replace(results, agreement=sample), config,
                         {"agreement": b"drawn", "roadmap": b""})["agreement"] == b"drawn"
