"""The scenario charts: the gap per year and scenario, and the rank moves as a slope chart.

Their layouts follow the data (every bar and row where it belongs), no drawn text overlaps
or leaves the figure, they read without colour, and their files carry a text alternative
and are the same bytes every time."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from okosys_plan.bundled import bundled_catalogue
from okosys_plan.catalogue.check import check_file
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.charts.save import Layout, figure_for
from okosys_plan.charts.scenarios.gap_layout import HATCHES, layout_gaps
from okosys_plan.charts.scenarios.save import (
    gap_svg,
    slope_svg,
    write_gap_charts,
    write_slope_charts,
)
from okosys_plan.charts.scenarios.slope_layout import layout_slope
from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.prioritise.api import PriorityOptions, prioritise
from okosys_plan.prioritise.scoring import Ranking

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Medfinansiering avslått for T21 og et svært langt navn på et scenario som må kuttes"
GAPS = [("Basis", {2022: 12.3, 2023: 40.0, 2024: 88.25, 2025: 0.0}),
        ("Kutt 2024", {2022: 12.3, 2023: 45.1, 2024: 120.0, 2025: 3.4}),
        (LONG, {2022: 12.3, 2023: 60.0, 2024: 140.55, 2025: 10.0})]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    checked = check_file(bundled_catalogue())
    assert checked.catalogue is not None
    return checked.catalogue


def ranked(catalogue: Catalogue, boost: int = 0, factor: float = 1.0) -> Ranking:
    """The catalogue ranked with the ``boost``-th criterion's weight times ``factor``."""
    criteria = tuple(replace(c, weight=c.weight * (factor if i == boost else 1.0))
                     for i, c in enumerate(catalogue.criteria))
    return prioritise(replace(catalogue, criteria=criteria), PriorityOptions(draws=0)).ranking


@pytest.fixture(scope="module")
def rankings(catalogue: Catalogue) -> tuple[Ranking, Ranking]:
    return ranked(catalogue), ranked(catalogue, 0, 3.0)


def drawn_texts(layout: Layout) -> tuple[list[tuple[str, Bbox]], Bbox]:
    """Every drawn text with its box, and the figure's box."""
    figure = figure_for(layout)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    found = [text for axes in figure.axes for text in (
        *axes.texts, *axes.get_xticklabels(), *axes.get_yticklabels(), axes.xaxis.label)]
    for axes in figure.axes:
        found += [*(axes.get_legend().get_texts() if axes.get_legend() else ())]
        for child in axes.child_axes:
            found += child.get_yticklabels()
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in found
             if t.get_text().strip() and t.get_visible()]
    return texts, figure.bbox


def assert_no_overlap(layout: Layout) -> list[str]:
    texts, frame = drawn_texts(layout)
    overlapping = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
                   if box_a.overlaps(box_b)]
    assert overlapping == []
    outside = [t for t, box in texts if box.x0 < frame.x0 - 0.5 or box.x1 > frame.x1 + 0.5
               or box.y0 < frame.y0 - 0.5 or box.y1 > frame.y1 + 0.5]
    assert outside == []
    return [t for t, _ in texts]


# --- the gap chart ------------------------------------------------------------------------

def test_one_bar_per_scenario_and_year_the_base_first() -> None:
    layout = layout_gaps(GAPS, "nb")
    assert [h.year for h in layout.headings] == [2022, 2023, 2024, 2025]
    assert len(layout.bars) == 12
    for year in (2022, 2023, 2024, 2025):
        bars = [b for b in layout.bars if b.year == year]
        assert [b.scenario for b in bars] == [name for name, _ in GAPS]
        assert [b.gap for b in bars] == [by_year[year] for _, by_year in GAPS]
        heading = next(h for h in layout.headings if h.year == year)
        assert all(b.y < heading.y for b in bars)  # below its heading
    ys = [b.y for b in layout.bars]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)
    assert layout.bars[2].text == "140,6" or layout.bars[8].text == "140,6"
    assert layout_gaps(GAPS, "en").bars[8].text == "140.6"


def test_scenarios_differ_by_hatching_not_colour_alone() -> None:
    layout = layout_gaps(GAPS, "nb")
    styles = {b.scenario: (b.hatch, b.fill) for b in layout.bars}
    assert len({hatch for hatch, _ in styles.values()}) == len(GAPS)
    assert styles["Basis"][0] == HATCHES[0] == ""
    # the name is on every bar's own row: no legend is needed
    assert {b.label for b in layout.bars if b.scenario == "Basis"} == {"Basis"}


def test_a_long_name_is_cut_and_the_amounts_fit(catalogue: Catalogue) -> None:
    layout = layout_gaps(GAPS, "nb")
    long = [b for b in layout.bars if b.scenario == LONG]
    assert all(b.label.endswith("…") and len(b.label) < len(LONG) for b in long)
    texts = assert_no_overlap(layout)
    assert "140,6" in texts and "Finansieringsgapet per år og scenario" in texts


def test_a_negative_or_missing_gap_is_a_zero_bar() -> None:
    layout = layout_gaps([("Basis", {2024: 5.0}), ("B", {2024: -3.0, 2025: 1.0})], "en")
    by = {(b.scenario, b.year): b.gap for b in layout.bars}
    assert by == {("Basis", 2024): 5.0, ("B", 2024): 0.0, ("Basis", 2025): 0.0,
                  ("B", 2025): 1.0}
    assert "2024: Basis 5.0 MNOK, B 0.0 MNOK; 2025: Basis 0.0 MNOK, B 1.0 MNOK" in (
        layout.description)


def test_no_gap_anywhere_is_said() -> None:
    layout = layout_gaps([("Basis", {2024: 0.0}), ("B", {2024: 0.0})], "nb")
    assert layout.description.endswith("Ingen år har gap i noe scenario.")
    assert layout.xlim == (0.0, 1.25) and layout.xticks[-1] == (1.25, "1,25")
    assert_no_overlap(layout)


@given(st.lists(st.tuples(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                                  min_size=1, max_size=60),
                          st.dictionaries(st.integers(2020, 2027),
                                          st.floats(0, 1e6, allow_nan=False), max_size=4)),
                min_size=1, max_size=5))
@settings(max_examples=30, deadline=None)
def test_every_amount_fits_beside_its_bar(gaps: list[tuple[str, dict[int, float]]]) -> None:
    """In the layout's geometry: bar end + pad + amount stays within the x-axis."""
    from okosys_plan.charts.geometry import label_width
    from okosys_plan.charts.scenarios.gap_layout import VALUE_PAD, VALUE_PT, plot_inches

    layout = layout_gaps(gaps, "nb")
    plot = plot_inches()
    for bar in layout.bars:
        end = bar.gap / layout.xlim[1] * plot  # the last tick is the x-axis end
        assert end + VALUE_PAD + label_width(bar.text, VALUE_PT) <= plot + 1e-9


# --- the slope chart ----------------------------------------------------------------------

def test_rows_are_the_top_k_of_either_plan(rankings: tuple[Ranking, Ranking]) -> None:
    base, scenario = rankings
    layout = layout_slope(("Basis", base), ("Samfunnsnytte", scenario), 10, "nb")
    top = {s.id for s in base.needs if s.rank <= 10} | {s.id for s in scenario.needs
                                                        if s.rank <= 10}
    assert {s.id for s in layout.slopes} == top
    lefts = [y for y, _ in layout.left_labels]
    assert lefts == [-float(i) for i in range(len(top))]  # one row each, none shared
    left_ids = [label.split()[1] for _, label in layout.left_labels]
    assert left_ids == [s.id for s in sorted(base.needs, key=lambda s: s.rank) if s.id in top]
    for slope in layout.slopes:
        assert slope.old == base.find(slope.id).rank  # type: ignore[union-attr]
        assert slope.new == scenario.find(slope.id).rank  # type: ignore[union-attr]
        assert slope.move == ("same" if slope.old == slope.new else
                              "up" if slope.new < slope.old else "down")  # type: ignore[operator]
    assert layout.limit == -9.5 if len(top) > 10 else layout.limit is None


def test_the_text_alternative_names_each_move(rankings: tuple[Ranking, Ranking]) -> None:
    base, scenario = rankings
    layout = layout_slope(("Basis", base), ("S", scenario), 10, "en")
    for slope in layout.slopes:
        if slope.move != "same":
            assert f"{slope.id} {slope.title}" in layout.description
            assert slope.old is not None and slope.new is not None
            if slope.old > 10 >= slope.new:
                assert f"{slope.id} {slope.title} enters the top 10" in layout.description


def test_the_same_ranking_has_no_moves(rankings: tuple[Ranking, Ranking]) -> None:
    base, _ = rankings
    layout = layout_slope(("Basis", base), ("Same", base), 5, "nb")
    assert {s.move for s in layout.slopes} == {"same"} and len(layout.slopes) == 5
    assert layout.limit is None
    assert layout.description.endswith("Ingen behov på topp 5 endrer rang.")


@pytest.mark.parametrize(("k", "lang"), [(3, "nb"), (10, "en"), (20, "nb")])
def test_no_slope_text_overlaps_or_leaves_the_figure(rankings: tuple[Ranking, Ranking],
                                                     k: int, lang: str) -> None:
    base, scenario = rankings
    layout = layout_slope(("Basis", base), (LONG, scenario), k, lang)
    texts = assert_no_overlap(layout)
    assert len([t for t in texts if t[0].isdigit()]) >= 2 * k


@given(st.permutations(list(range(12))), st.integers(1, 12))
@settings(max_examples=40, deadline=None)
def test_any_reordering_keeps_one_row_per_need_and_side(
        order: list[int], k: int) -> None:
    base = ranking_of(list(range(12)))
    scenario = ranking_of(order)
    layout = layout_slope(("A", base), ("B", scenario), k, "nb")
    shown = {s.id for s in layout.slopes}
    assert shown == {f"B{i}" for i in range(k)} | {f"B{order[i]}" for i in range(k)}
    for labels in (layout.left_labels, layout.right_labels):
        assert len({y for y, _ in labels}) == len(labels) == len(shown)
    for slope in layout.slopes:
        assert slope.left is not None and slope.right is not None
        assert (slope.left > -k) == (slope.old is not None and slope.old <= k)
        assert (slope.right > -k) == (slope.new is not None and slope.new <= k)


def ranking_of(order: list[int]) -> Ranking:
    """A ranking of needs B0 … B11 where ``order[i]`` has rank i + 1."""
    checked = check_file(bundled_catalogue())
    assert checked.catalogue is not None
    template = prioritise(checked.catalogue, PriorityOptions(draws=0)).ranking
    first = template.needs[0]
    needs = tuple(replace(first, need=replace(first.need, id=f"B{n}", title=f"Behov {n}"),
                          rank=i + 1) for i, n in enumerate(order))
    return replace(template, needs=needs)


# --- files --------------------------------------------------------------------------------

def test_svgs_keep_their_text_and_text_alternative(rankings: tuple[Ranking, Ranking]) -> None:
    base, scenario = rankings
    for data, title in ((gap_svg(GAPS, lang="nb"), "Finansieringsgapet per år og scenario"),
                        (slope_svg(("Basis", base), ("S", scenario), lang="en"),
                         "Rank moves: Basis against S")):
        root = ET.fromstring(data)
        assert root.findtext(f"{SVG}title") == title
        assert root.findtext(f"{SVG}desc")
        words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert title in words
    gap_words = " ".join(t.text or "" for t in ET.fromstring(gap_svg(GAPS)).iter(f"{SVG}text"))
    assert "140,6" in gap_words and "Kutt 2024" in gap_words


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_same_data_gives_the_same_bytes(tmp_path: Path, rankings: tuple[Ranking, Ranking],
                                            suffix: str) -> None:
    base, scenario = rankings
    one, = write_slope_charts([tmp_path / f"a{suffix}"], ("A", base), ("B", scenario))
    other, = write_slope_charts([tmp_path / f"b{suffix}"], ("A", base), ("B", scenario))
    assert one.read_bytes() == other.read_bytes()
    gap_one, = write_gap_charts([tmp_path / f"c{suffix}"], GAPS)
    gap_other, = write_gap_charts([tmp_path / f"d{suffix}"], GAPS)
    assert gap_one.read_bytes() == gap_other.read_bytes()


def test_refusals_come_before_any_file_is_written(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_gap_charts([tmp_path / "n.png", tmp_path / "n.gif"], GAPS)
    assert not (tmp_path / "n.png").exists()
    write_gap_charts([tmp_path / "e.png"], GAPS)
    with pytest.raises(OutputExists):
        write_gap_charts([tmp_path / "e.png"], GAPS)
