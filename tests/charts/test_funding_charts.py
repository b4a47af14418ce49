"""The funding charts: layouts add up to the analysis, and drawn text never overlaps."""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from okosys_plan import load_catalogue
from okosys_plan.charts.funding.draw import funding_figure
from okosys_plan.charts.funding.layout import (
    LISTED_IDS,
    VALUE_BAR,
    BillsLayout,
    GapLayout,
    layout_bills,
    layout_gap,
)
from okosys_plan.charts.funding.save import write_chart_pair, write_chart_pairs
from okosys_plan.charts.geometry import nice_ticks
from okosys_plan.charts.palette import contrast_ratio
from okosys_plan.funding.analysis import Flag
from okosys_plan.funding.api import FundingAnalysis, analyse_funding
from okosys_plan.roadmap.settings import RoadmapSettings
from tests.funding_sample import sample

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled() -> FundingAnalysis:
    catalogue = load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    return analyse_funding(catalogue, RoadmapSettings(), None)


def test_nice_ticks_are_round_and_cover_the_top() -> None:
    assert nice_ticks(153.5 * 1.1, "nb") == tuple((float(v), str(v)) for v in range(0, 201, 50))
    assert [label for _, label in nice_ticks(1.1, "nb")] == ["0", "0,25", "0,5", "0,75", "1",
                                                             "1,25"]


def test_gap_bars_add_up_to_the_year_totals(bundled: FundingAnalysis) -> None:
    layout = layout_gap(bundled)
    for index, year in enumerate(bundled.years):
        totals = bundled.totals(year)
        cost = [b for b in layout.blocks if abs(b.x - (index - 0.3)) < 1e-9]
        funds = [b for b in layout.blocks if abs(b.x - index) < 1e-9]
        gap = [b for b in layout.blocks if abs(b.x - (index + 0.3)) < 1e-9]
        assert sum(b.length for b in cost) == pytest.approx(totals.cost)
        assert sum(b.length for b in funds) == pytest.approx(totals.confirmed + totals.applied)
        assert [b.length for b in gap] == [totals.gap] and gap[0].dashed
        for low, high in itertools.pairwise(cost):  # stacked without gaps or overlaps
            assert high.y == pytest.approx(low.y + low.length)
    assert [v.text for v in layout.values[:3]] == ["147,9", "139,3", "8,6"]
    assert layout.ylim[1] >= max(v.y for v in layout.values)
    assert "Gapet åpner seg i 2022 (8,6 MNOK)." in " ".join(layout.texts.notes)


def test_bar_names_are_dropped_when_they_would_collide(tmp_path: Path) -> None:
    catalogue = load_catalogue(sample(tmp_path))
    wide = analyse_funding(catalogue, RoadmapSettings(start_year=2016, end_year=2031), None)
    assert layout_gap(wide).bar_names == ()
    assert len(layout_gap(wide).years) == 16


def test_bills_put_the_largest_on_top_and_label_only_thick_bars(
        bundled: FundingAnalysis, tmp_path: Path) -> None:
    layout = layout_bills(bundled)
    assert layout.rows[0].text == "Oslo"  # 288,8 MNOK per inhabitant, the largest bill
    assert layout.values == ()  # nine keys: bars too thin for labels
    assert len(layout.rows) < 19 and "Viser de" in layout.texts.notes[0]
    few = analyse_funding(load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx"),
                          RoadmapSettings(), None, keys=["usage", "budget"])
    two = layout_bills(few)
    assert [r.text for r in two.rows][:2] == ["NAV", "SKE"] and len(two.rows) == 19
    small = analyse_funding(load_catalogue(sample(tmp_path)), RoadmapSettings(), None,
                            keys=["flat", "usage"])
    labelled = layout_bills(small)
    assert len(labelled.values) == len(labelled.blocks) == 8  # 4 agencies, bars 0.16 in
    assert [v.text for v in labelled.values[:2]] == ["3,3", "5,7"]  # NAV: flat, usage
    assert VALUE_BAR <= 0.16


def test_marks_have_contrast_against_white(bundled: FundingAnalysis) -> None:
    for layout in (layout_gap(bundled), layout_bills(bundled)):
        for block in layout.blocks:
            assert contrast_ratio(block.edge, "#FFFFFF") >= 3.0, block


def _texts_overlap(figure: Figure) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap (tick labels, annotations, legend)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = []
    for ax in figure.axes:
        found = [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += legend.get_texts()
        texts += [t for t in found if t.get_text().strip() and t.get_visible()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
            if box_a.overlaps(box_b)]


@pytest.mark.parametrize("keys", [None, ("usage", "budget"), ("usage", "tiers", "budget")])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_drawn_text_overlaps(keys: tuple[str, ...] | None, lang: str) -> None:
    catalogue = load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    found = analyse_funding(catalogue, RoadmapSettings(), None,
                            **({"keys": keys} if keys else {}))  # type: ignore[arg-type]
    layouts: list[GapLayout | BillsLayout] = [layout_gap(found, lang), layout_bills(found, lang)]
    for layout in layouts:
        assert _texts_overlap(funding_figure(layout)) == []


def test_the_gap_note_names_a_few_ended_grants_and_counts_the_rest(
        bundled: FundingAnalysis) -> None:
    ended = (Flag("grant-ended", (2025,)),)
    many = replace(bundled, solutions=tuple(
        replace(s, id=f"X{i:03d}", flags=ended) for i, s in enumerate(bundled.solutions)))
    count = len(many.solutions)
    assert count > LISTED_IDS + 1
    notes = " ".join(layout_gap(many).texts.notes)
    assert "X000, X001" in notes and f"X{LISTED_IDS - 1:03d} og" in notes
    assert f"X{LISTED_IDS:03d}" not in notes
    assert f"og {count - LISTED_IDS} til (arket Oversikt viser alle)." in notes
    assert len(layout_gap(many).texts.notes) <= 4  # was a line per eight IDs
    english = " ".join(layout_gap(many, "en").texts.notes)
    assert f"and {count - LISTED_IDS} more (the Overview sheet lists them)." in english
    few = replace(bundled, solutions=tuple(
        replace(s, id=f"X{i:03d}", flags=ended if i < 2 else ()) for i, s in
        enumerate(bundled.solutions)))
    assert "finansiering for X000, X001." in " ".join(layout_gap(few).texts.notes)


def test_the_gap_note_finds_the_year_the_gap_opens_as_the_analysis_does(
        bundled: FundingAnalysis, tmp_path: Path) -> None:
    wide = analyse_funding(load_catalogue(sample(tmp_path)),
                           RoadmapSettings(start_year=2016, end_year=2031), None)
    for analysis in (bundled, wide):
        opens = analysis.gap_opens()
        worst = max(analysis.years, key=lambda y: analysis.totals(y).gap)
        notes = " ".join(layout_gap(analysis).texts.notes)
        assert opens is not None
        assert notes.startswith(f"Gapet er størst i {worst}:" if opens == worst else
                                f"Gapet åpner seg i {opens} (")


def test_both_formats_in_one_call_are_the_files_of_one_call_each(
        bundled: FundingAnalysis, tmp_path: Path) -> None:
    pairs = [(tmp_path / "one" / f"f-gap{x}", tmp_path / "one" / f"f-fordeling{x}")
             for x in (".png", ".svg")]
    written = write_chart_pairs(pairs, bundled)
    assert written == [path for pair in pairs for path in pair]
    for gap, bills in pairs:
        apart = write_chart_pair(tmp_path / "apart" / gap.name, tmp_path / "apart" / bills.name,
                                 bundled)
        assert [p.read_bytes() for p in apart] == [gap.read_bytes(), bills.read_bytes()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux only")
def test_charts_made_partly_in_a_forked_child_are_the_charts_made_here(
        bundled: FundingAnalysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from okosys_plan.charts import forked

    made = {}
    for child in (False, True):
        monkeypatch.setattr(forked, "_can_fork", lambda child=child: child)
        pairs = [(tmp_path / str(child) / f"f-gap{x}", tmp_path / str(child) / f"f-f{x}")
                 for x in (".png", ".svg")]
        made[child] = [(p.name, p.read_bytes()) for p in write_chart_pairs(pairs, bundled)]
    assert made[True] == made[False]
    assert [name for name, _ in made[True]] == ["f-gap.png", "f-f.png", "f-gap.svg", "f-f.svg"]


def test_values_over_the_bars_never_overlap_their_neighbours() -> None:
    """Side by side over bars 0.3 apart: one decimal while it fits, else whole MNOK, else
    none (the workbook and the text alternative have every value)."""
    from okosys_plan.charts.funding.layout import Label, _fitted_values

    small = [Label(x * 0.3, 1.0, "123,4") for x in range(3)]
    assert _fitted_values(small, 4, "nb") == small
    large = [Label(x * 0.3, 30_184.34, "30\u00a0184,3") for x in range(3)]
    assert [v.text for v in _fitted_values(large, 4, "nb")] == ["30\u00a0184"] * 3
    assert _fitted_values(large, 12, "nb") == []  # twelve years: no room for any
