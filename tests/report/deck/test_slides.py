"""The deck's slides from a run: titles in order, tables and charts carrying the analysis'
numbers, alt text on every graphic frame, contrast, slides left out without their data."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from okosys_plan import __version__
from okosys_plan.bundled import bundled_catalogue
from okosys_plan.charts import palette
from okosys_plan.report.deck import (
    build,
    front_slides,
    funding_slides,
    goal_slides,
    priority_slides,
    review_slides,
    scenario_slides,
)
from okosys_plan.report.deck.shapes import alt_text
from okosys_plan.report.funding import largest_gap
from okosys_plan.run.config import load_config
from okosys_plan.run.pipeline import Results, RunConfig, run_pipeline
from okosys_plan.text.numbers import number
from tests.assess.agreement_sample import sample_agreement
from tests.report.deck.libreoffice import IMPRESS, REASON, SOFFICE
from tests.report.test_baseline_section import adopted

MAKERS = [front_slides.add_title_slides, front_slides.add_summary_slides,
          priority_slides.add_priority_slides, funding_slides.add_funding_slides,
          goal_slides.add_goal_slides, scenario_slides.add_scenario_slides,
          review_slides.add_discussion_slides, review_slides.add_status_slides]
SCENARIOS = """
[scenario."Kutt 2024"]
budget.2024 = 20
[scenario."Nytte veier mer"]
weight.Samfunnsnytte = 0.6
"""
PLAIN_NB = ["Veikart 2.0 for felles økosystem 2022–2025", "Sammendrag",
            "Prioritert behovsliste", "Poeng per kriterium", "Finansieringsgap per år (MNOK)",
            "Hva hver virksomhet betaler", "Mål", "Nøkkeltall"]
EXTRA_NB = ["Scenarier", "Finansieringsgapet per år og scenario (MNOK)",
            "Til møtet: behovene å drøfte", "Status veikartsaker mot vedtatt veikart"]


def deck(results: Results, config: RunConfig) -> Any:
    """The deck of ``results`` made by this part's slide makers, opened again."""
    return Presentation(io.BytesIO(build.deck_file_bytes(results, config, makers=MAKERS)))


def titles(presentation: Any) -> list[str]:
    return [s.shapes.title.text for s in presentation.slides]


def slide(presentation: Any, title: str) -> Any:
    return next(s for s in presentation.slides if s.shapes.title.text == title)


def frame(page: Any, kind: str) -> Any:
    return next(s for s in page.shapes if getattr(s, f"has_{kind}"))


def cells(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def plain() -> tuple[Results, RunConfig]:
    config = RunConfig(draws=50)
    return run_pipeline(bundled_catalogue(), config, date(2026, 12, 7)), config


@pytest.fixture(scope="module")
def plain_deck(plain: tuple[Results, RunConfig]) -> Any:
    return deck(*plain)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, RunConfig]:
    """Scenarios, a baseline and several assessors: every optional slide."""
    folder = tmp_path_factory.mktemp("full")
    (folder / "okosys-plan.toml").write_text(SCENARIOS, encoding="utf-8")
    config = replace(load_config(folder / "okosys-plan.toml", RunConfig(draws=0)),
                     baseline=adopted(folder))
    results = run_pipeline(bundled_catalogue(), config, date(2023, 6, 30))
    return replace(results, agreement=sample_agreement(members=5)[0]), config


@pytest.fixture(scope="module")
def full_deck(full: tuple[Results, RunConfig]) -> Any:
    return deck(*full)


def test_the_slides_titles_in_order(plain_deck: Any, full_deck: Any) -> None:
    assert titles(plain_deck) == PLAIN_NB
    assert titles(full_deck) == PLAIN_NB + EXTRA_NB
    assert len(set(titles(full_deck))) == len(titles(full_deck))


def test_the_title_slide_names_catalogue_date_and_version(plain_deck: Any) -> None:
    text = " ".join(s.text_frame.text for s in plain_deck.slides[0].shapes if s.has_text_frame)
    assert "behovskatalog.xlsx" in text
    assert "Per 7. desember 2026" in text
    assert f"okosys-plan {__version__}" in text


def test_the_summary_says_counts_top_five_unplaced_and_the_gap(
        plain: tuple[Results, RunConfig], plain_deck: Any) -> None:
    results = plain[0]
    assert results.plan is not None and results.prioritised is not None
    text = "\n".join(s.text_frame.text for s in slide(plain_deck, "Sammendrag").shapes
                     if s.has_text_frame)
    assert "49 behov, 30 tiltak" in text
    placed = sum(p.placed for p in results.plan.items)
    assert f"{placed} lagt inn i veikartet, {30 - placed} ikke lagt inn" in text
    for scored in results.prioritised.ranking.needs[:5]:
        assert f"{scored.rank}. {scored.id} " in text
        assert f"({number(scored.score or 0, 'nb')} poeng)" in text
    for planned in results.plan.items:
        if not planned.placed:
            assert f"{planned.item.id}: det avhenger av" in text
    worst = largest_gap(results.funding)
    assert worst is not None
    assert f"{worst[0]} " in text and f"{number(worst[3], 'nb')} MNOK i {worst[2]}" in text


def test_the_priority_table_carries_the_ranking(plain: tuple[Results, RunConfig],
                                                plain_deck: Any) -> None:
    results = plain[0]
    assert results.prioritised is not None
    ranking, stability = results.prioritised.ranking, results.prioritised.sensitivity
    assert stability is not None
    page = slide(plain_deck, "Prioritert behovsliste")
    rows = cells(frame(page, "table").table)
    assert rows[0] == ["Rang", "ID", "Tittel", "Poengsum", "Prioritet", "Rang 5–95 %",
                       "P(topp 15)"]
    assert len(rows) == 1 + 15
    for row, scored in zip(rows[1:], ranking.needs, strict=False):
        low, high = (stability.stability[scored.id].rank_p05,
                     stability.stability[scored.id].rank_p95)
        assert row[0] == str(scored.rank)
        assert row[1] == scored.id + (" §" if scored.legal_requirement else "")
        assert row[3] == number(scored.score or 0.0, "nb")
        assert row[5] == f"{low}–{high}"
    texts = [s.text_frame.text for s in page.shapes if s.has_text_frame]
    assert "… og 34 til (se prioritert-behov.xlsx)\n49 behov: " in texts[-1]
    assert "§ = lovkrav (rangert først)" in texts[-1]


def test_the_points_chart_is_the_analysis_contributions(plain: tuple[Results, RunConfig],
                                                        plain_deck: Any) -> None:
    results = plain[0]
    assert results.prioritised is not None
    ranking = results.prioritised.ranking
    chart = frame(slide(plain_deck, "Poeng per kriterium"), "chart").chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert chart.category_axis.reverse_order  # rank 1 on top
    plot = chart.plots[0]
    top = ranking.needs[:15]
    assert [c.split(" ")[1] for c in plot.categories] == [s.id for s in top]
    assert [s.name for s in plot.series] == [c.name for c in ranking.criteria]
    for series, criterion in zip(plot.series, ranking.criteria, strict=True):
        expected = [max(0.0, s.contributions.get(criterion.name, 0.0)) for s in top]
        assert list(series.values) == pytest.approx(expected, abs=1e-9)
    totals = [sum(s.values[i] for s in plot.series) for i in range(len(top))]
    assert totals == pytest.approx([s.exact_score for s in top], abs=1e-9)


def test_the_gap_chart_is_the_funding_analysis(plain: tuple[Results, RunConfig],
                                               plain_deck: Any) -> None:
    analysis = plain[0].funding
    chart = frame(slide(plain_deck, "Finansieringsgap per år (MNOK)"), "chart").chart
    plot = chart.plots[0]
    assert list(plot.categories) == [str(y) for y in analysis.years]
    names = [s.name for s in plot.series]
    assert names == ["Kostnad", "Bekreftet", "Søkt", "Gap"]
    fields = ("cost", "confirmed", "applied", "gap")
    for series, field in zip(plot.series, fields, strict=True):
        assert list(series.values) == pytest.approx(
            [getattr(analysis.totals(y), field) for y in analysis.years], abs=1e-9)


def test_the_bills_table_is_each_agencys_bill(plain: tuple[Results, RunConfig],
                                              plain_deck: Any) -> None:
    analysis = plain[0].funding
    rows = cells(frame(slide(plain_deck, "Hva hver virksomhet betaler"), "table").table)
    assert rows[0][0] == "Virksomhet" and len(rows[0]) == 1 + len(analysis.keys)
    bills = funding_slides.bills(analysis)
    for row, (name, values) in zip(rows[1:], bills, strict=False):
        assert row[0].rstrip(" …") in name
        assert row[1:] == [number(v, "nb") for v in values]


def test_the_key_figures_chart_is_the_catalogues(plain: tuple[Results, RunConfig],
                                                 plain_deck: Any) -> None:
    catalogue = plain[0].checked.catalogue
    assert catalogue is not None
    chart = frame(slide(plain_deck, "Nøkkeltall"), "chart").chart
    name = "Andel som opplever det som lett å gjøre rett"
    for series in chart.plots[0].series:
        expected = [next((f.value for f in catalogue.key_figures if f.indicator == name
                          and f.group == series.name and f.year == int(y)), None)
                    for y in chart.plots[0].categories]
        assert list(series.values) == expected
    goals = cells(frame(slide(plain_deck, "Mål"), "table").table)
    assert [r[0].replace("\n", " ") for r in goals[1:]] == [g.goal for g in catalogue.goals]


def test_the_scenarios_discussion_and_status(full: tuple[Results, RunConfig],
                                             full_deck: Any) -> None:
    results = full[0]
    comparison = results.comparison
    rows = cells(frame(slide(full_deck, "Scenarier"), "table").table)
    assert [r[0] for r in rows[1:]] == ["Grunnlag", "Kutt 2024", "Nytte veier mer"]
    for row, run in zip(rows[1:], comparison.runs, strict=True):
        assert row[1] == str(sum(p.placed for p in run.plan.items))
    gaps = frame(slide(full_deck, EXTRA_NB[1]), "chart").chart.plots[0]
    for series, run in zip(gaps.series, comparison.runs, strict=True):
        assert list(series.values) == pytest.approx([run.gap()[y] for y in comparison.years])
    discussion = cells(frame(slide(full_deck, EXTRA_NB[2]), "table").table)
    shown = results.agreement.discussion[:len(discussion) - 1]
    assert [r[1] for r in discussion[1:]] == [d.need for d in shown]
    status = cells(frame(slide(full_deck, EXTRA_NB[3]), "table").table)
    assert status[1][0] == results.status[0].id == "T01"
    assert status[1][-1] == "Senere enn vedtatt"


def test_every_chart_and_table_has_alt_text(plain_deck: Any, full_deck: Any) -> None:
    found = 0
    for presentation in (plain_deck, full_deck):
        for page in presentation.slides:
            for shape in page.shapes:
                if shape.has_chart or shape.has_table:
                    found += 1
                    assert len(alt_text(shape)) > 20, (page.shapes.title.text, shape.name)
    assert found == 7 + 7 + 4


def _runs(shape: Any) -> list[Any]:
    frames = ([c.text_frame for row in shape.table.rows for c in row.cells]
              if shape.has_table else [shape.text_frame] if shape.has_text_frame else [])
    return [r for f in frames for p in f.paragraphs for r in p.runs]


def test_text_contrast_is_at_least_4_5(plain_deck: Any, full_deck: Any) -> None:
    checked = 0
    for presentation in (plain_deck, full_deck):
        for page in presentation.slides:
            for shape in page.shapes:
                if shape.has_table:
                    for row in shape.table.rows:
                        for cell in row.cells:
                            fill = f"#{cell.fill.fore_color.rgb}"
                            for paragraph in cell.text_frame.paragraphs:
                                for run in paragraph.runs:
                                    ink = f"#{run.font.color.rgb}"
                                    assert palette.contrast_ratio(fill, ink) >= 4.5
                                    checked += 1
                elif shape.has_text_frame and not shape.is_placeholder:
                    for run in _runs(shape):
                        ink = f"#{run.font.color.rgb}"
                        assert palette.contrast_ratio(palette.WHITE, ink) >= 4.5
                        checked += 1
    subtitle = [r for s in plain_deck.slides[0].placeholders for r in _runs(s)][1:]
    assert subtitle and all(palette.contrast_ratio(palette.WHITE, f"#{r.font.color.rgb}")
                            >= 4.5 for r in subtitle)
    assert checked > 500


def test_every_shape_is_inside_its_slide(plain_deck: Any, full_deck: Any) -> None:
    for presentation in (plain_deck, full_deck):
        width, height = presentation.slide_width, presentation.slide_height
        for page in presentation.slides:
            for shape in page.shapes:
                if shape.is_placeholder:  # the title: the package's layout (the lead's part)
                    continue
                assert shape.left >= 0 and shape.top >= 0
                assert shape.left + shape.width <= width, shape.name
                assert shape.top + shape.height <= height, (page.shapes.title.text,
                                                            shape.name)


def test_slides_are_left_out_without_their_data(plain: tuple[Results, RunConfig]) -> None:
    results, config = plain
    catalogue = results.checked.catalogue
    assert catalogue is not None
    bare = replace(results, funding=None, checked=replace(
        results.checked, catalogue=replace(catalogue, goals=(), key_figures=())))
    assert titles(deck(bare, config)) == PLAIN_NB[:4]
    only_goals = replace(results, checked=replace(
        results.checked, catalogue=replace(catalogue, key_figures=())))
    assert titles(deck(only_goals, config)) == PLAIN_NB[:7]


def test_the_deck_in_english(plain: tuple[Results, RunConfig]) -> None:
    results, config = plain
    english = deck(results, replace(config, lang="en"))
    assert titles(english)[1:] == ["Summary", "Priority list", "Points per criterion",
                                   "Funding gap per year (MNOK)", "What each agency pays",
                                   "Goals", "Key figures"]
    text = " ".join(s.text_frame.text for s in english.slides[0].shapes if s.has_text_frame)
    assert "As of December 7, 2026" in text and "Catalogue: behovskatalog.xlsx" in text
    chart = frame(slide(english, "Funding gap per year (MNOK)"), "chart").chart
    assert [s.name for s in chart.plots[0].series] == ["Cost", "Confirmed", "Applied for",
                                                        "Gap"]


def test_the_same_run_gives_the_same_bytes(plain: tuple[Results, RunConfig]) -> None:
    results, config = plain
    first = build.deck_file_bytes(results, config, makers=MAKERS)
    assert build.deck_file_bytes(results, config, makers=MAKERS) == first


def test_the_slide_makers_in_the_decks_order() -> None:
    names = [m.__name__ for m in build.slide_makers()]
    assert names == ["add_title_slides", "add_summary_slides", "add_roadmap_slides",
                     "add_priority_slides", "add_funding_slides", "add_goal_slides",
                     "add_scenario_slides", "add_discussion_slides", "add_status_slides"]


@pytest.mark.skipif(not IMPRESS, reason=REASON)
def test_libreoffice_renders_every_slide(full: tuple[Results, RunConfig],
                                         tmp_path: Path) -> None:
    path = tmp_path / "veikart.pptx"
    path.write_bytes(build.deck_file_bytes(*full, makers=MAKERS))
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", str(path), "--outdir",
                    str(tmp_path)], check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "veikart.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == len(MAKERS) + 4


def _boxes(page: Any) -> list[tuple[str, int, int, int, int]]:
    return [(s.name, s.left, s.top, s.left + s.width, s.top + s.height) for s in page.shapes
            if not s.is_placeholder]


def _no_overlaps(presentation: Any) -> None:
    for page in presentation.slides:
        boxes = _boxes(page)
        for i, first in enumerate(boxes):
            for second in boxes[i + 1:]:
                apart = (first[3] <= second[1] or second[3] <= first[1]
                         or first[4] <= second[2] or second[4] <= first[2])
                assert apart, (page.shapes.title.text, first[0], second[0])


def test_no_two_shapes_overlap(plain_deck: Any, full_deck: Any) -> None:
    _no_overlaps(plain_deck)
    _no_overlaps(full_deck)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """300 needs, 184 measures, 19 agencies: long lists capped on every slide."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
    import make_catalogue

    path = make_catalogue.make_full(tmp_path_factory.mktemp("large") / "stor.xlsx", 300)
    config = RunConfig(draws=0)
    return deck(run_pipeline(path, config, date(2026, 12, 7), keep_going=True), config)


def test_a_large_catalogue_still_fits_its_slides(large: Any) -> None:
    assert titles(large)[1:6] == PLAIN_NB[1:6]
    width, height = large.slide_width, large.slide_height
    for page in large.slides:
        for shape in page.shapes:
            if not shape.is_placeholder:
                assert shape.left + shape.width <= width and shape.top + shape.height <= height
    _no_overlaps(large)
    summary = "\n".join(s.text_frame.text for s in slide(large, "Sammendrag").shapes
                        if s.has_text_frame)
    assert "og 12 til (plan.xlsx viser alle)" in summary
    rows = cells(frame(slide(large, "Prioritert behovsliste"), "table").table)
    assert len(rows) == 16 and rows[-1][0] == "15"
