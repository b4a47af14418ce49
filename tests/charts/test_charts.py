"""Priority charts: the layouts' geometry, the drawn figure's spacing, and the saved files."""

from __future__ import annotations

import itertools
import math
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

import okosys_plan
from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import LABEL_MAX, number, percent, shorten, trimmed
from okosys_plan.charts.priority.layout import (
    BarLayout,
    IntervalLayout,
    layout_contributions,
    layout_rank_intervals,
)
from okosys_plan.charts.priority.save import (
    chart_paths,
    write_priority_chart_formats,
    write_priority_charts,
)
from okosys_plan.charts.save import PNG_PIXELS, figure_bytes, figure_for, png_dpi, save_figure
from okosys_plan.cli.stop import EXIT_UNUSABLE, error_exit
from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.prioritise.scoring import Ranking, Thresholds, score_needs
from okosys_plan.prioritise.sensitivity import Sensitivity, sensitivity
from okosys_plan.text.errors import error_text

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
CRITERIA = (Criterion("Samfunnsnytte", 3), Criterion("Bredde", 2), Criterion("Hastegrad", 2),
            Criterion("Risiko", 1, Direction.COST))
LONG_TITLE = "Felles innlogging for innbyggere, næringsliv og ansatte i alle sektorer"


def make_needs(count: int = 24) -> list[Need]:
    """Needs with varied scores; B03 is Lovkrav, B05 misses Bredde, B02 has a long title."""
    draw = random.Random(7)
    needs = []
    for i in range(1, count + 1):
        scores: dict[str, int | None] = {c.name: draw.randint(1, 5) for c in CRITERIA}
        if i == 2:  # the long title ranks high, so every top 20 shows it
            scores = {"Samfunnsnytte": 5, "Bredde": 5, "Hastegrad": 4, "Risiko": 2}
        if i == 5:
            scores["Bredde"] = None
        title = LONG_TITLE if i == 2 else f"Behov nummer {i} om deling av data"
        needs.append(Need(f"B{i:02d}", title, Origin("katalog.xlsx", "Behov", i + 1),
                          scores=scores, legal_requirement=i == 3))
    return needs


@pytest.fixture(scope="module")
def ranking() -> Ranking:
    return score_needs(make_needs(), CRITERIA)


@pytest.fixture(scope="module")
def stability(ranking: Ranking) -> Sensitivity:
    return sensitivity(ranking, 300, seed=1)


@pytest.fixture(scope="module")
def bundled() -> tuple[Ranking, Sensitivity]:
    catalogue = okosys_plan.load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    ranked = score_needs(catalogue.needs, catalogue.scored_criteria)
    return ranked, sensitivity(ranked, 1000, seed=1)


# --- contributions layout ---------------------------------------------------------------


def test_segments_add_up_to_each_score_end_to_end(ranking: Ranking) -> None:
    layout = layout_contributions(ranking)
    for row in layout.rows:
        parts = [s for s in layout.segments if s.y == row.y]
        scored = ranking.find(row.need_id)
        assert scored is not None and scored.exact_score is not None
        assert math.fsum(s.width for s in parts) == pytest.approx(scored.exact_score, abs=1e-9)
        assert parts[0].x0 == 0
        for before, after in itertools.pairwise(parts):
            assert after.x0 == pytest.approx(before.x0 + before.width, abs=1e-12)
        assert [s.criterion for s in parts] == [c.name for c in ranking.criteria
                                                if scored.contributions.get(c.name, 0) > 0]


def test_rows_are_the_top_n_in_rank_order_rank_one_on_top(ranking: Ranking) -> None:
    layout = layout_contributions(ranking, top_n=7)
    assert [r.need_id for r in layout.rows] == [s.id for s in ranking.needs[:7]]
    assert [r.rank for r in layout.rows] == list(range(1, 8))
    assert [r.y for r in layout.rows] == sorted((r.y for r in layout.rows), reverse=True)
    assert {s.y for s in layout.segments} <= {r.y for r in layout.rows}
    assert layout.texts.title == "Poengsum per kriterium, topp 7 av 24 behov"


def test_each_criterion_has_one_distinct_colour_matching_its_legend(ranking: Ranking) -> None:
    layout = layout_contributions(ranking)
    colours = {(s.criterion, s.colour) for s in layout.segments}
    by_criterion = dict(colours)
    assert len(colours) == len(by_criterion) == len(CRITERIA)
    assert len(set(by_criterion.values())) == len(CRITERIA)
    legend = {e.label.split(" (")[0]: e.colour for e in layout.legend}
    assert legend == by_criterion
    assert [e.label for e in layout.legend][-1] == "Risiko (13\u00a0%, omvendt)"


def test_criteria_beyond_the_palette_are_hatched_and_stay_distinct() -> None:
    criteria = [Criterion(f"K{i}", 1) for i in range(14)]
    needs = [Need("B1", "Alt", Origin("f", "Behov", 2), scores={c.name: 5 for c in criteria})]
    layout = layout_contributions(score_needs(needs, criteria))
    looks = [(s.colour, s.hatch) for s in layout.segments]
    assert len(set(looks)) == 14
    assert all(s.hatch == "" for s in layout.segments[:len(palette.MUTED)])
    assert all(s.hatch and s.hatch_colour for s in layout.segments[len(palette.MUTED):])
    assert [(e.colour, e.hatch) for e in layout.legend] == looks


def test_labels_are_shortened_and_marked(ranking: Ranking) -> None:
    layout = layout_contributions(ranking, top_n=30)
    labels = {r.need_id: r.label for r in layout.rows}
    assert all(len(label) <= LABEL_MAX for label in labels.values())
    long_label = labels["B02"]
    assert long_label.startswith(f"{ranking.find('B02').rank}. B02 Felles innlogging for")  # type: ignore[union-attr]
    assert long_label.endswith(" …") and len(long_label) < len(LONG_TITLE)
    assert labels["B03"].startswith("1. B03 ") and labels["B03"].endswith(" §")
    assert labels["B05"].endswith(" *")
    assert any(n.startswith("§ Lovkrav") for n in layout.texts.notes)
    assert any(n.startswith("* Ufullstendig") for n in layout.texts.notes)


def test_shorten_cuts_at_a_word_and_keeps_short_text() -> None:
    assert shorten("Felles innlogging for innbyggere", 24) == "Felles innlogging for …"
    assert shorten("Kort", 24) == "Kort"
    assert len(shorten("x" * 80, 20)) <= 20


def test_thresholds_are_labelled_reference_lines(ranking: Ranking) -> None:
    needs = make_needs(6)
    layout = layout_contributions(score_needs(needs, CRITERIA,
                                              thresholds=Thresholds(82.5, 50)))
    assert [(line.x, line.label) for line in layout.lines] == [(82.5, "Høy ≥ 82,5"),
                                                               (50, "Middels ≥ 50")]
    english = layout_contributions(ranking, lang="en")
    assert [line.label for line in english.lines] == ["High ≥ 70", "Medium ≥ 40"]


def test_a_need_without_scores_gets_a_row_but_no_segments() -> None:
    needs = [*make_needs(3), Need("B09", "Uten poeng", Origin("f", "Behov", 9))]
    layout = layout_contributions(score_needs(needs, CRITERIA))
    row = next(r for r in layout.rows if r.need_id == "B09")
    assert row.value is None and row.value_label == "ingen poeng"
    assert not [s for s in layout.segments if s.y == row.y]


def test_english_texts_and_numbers(ranking: Ranking, stability: Sensitivity) -> None:
    bars = layout_contributions(ranking, top_n=5, lang="en")
    assert bars.texts.title == "Points per criterion, top 5 of 24 needs"
    assert bars.texts.xlabel == "Points (0–100)"
    assert "." in bars.rows[1].value_label and "," not in bars.rows[1].value_label
    intervals = layout_rank_intervals(ranking, stability, top_n=5, lang="en")
    assert intervals.texts.xlabel == "Rank (lower is better)"
    assert intervals.texts.title.startswith("Rank intervals")
    norwegian = layout_rank_intervals(ranking, stability, top_n=5)
    assert norwegian.texts.xlabel == "Rang (lavere er bedre)"


def test_numbers_round_half_up_after_float_noise() -> None:
    assert number(63.74999999999999, "nb") == "63,8"
    assert number(63.74999999999999, "en") == "63.8"
    assert trimmed(70.0, "nb") == "70" and trimmed(72.5, "nb") == "72,5"
    # Babel's percent patterns: a no-break space before % in bokmål, none in English
    assert percent(0.25, "nb") == "25\u00a0%" and percent(0.25, "en") == "25%"
    assert percent(0.001, "nb") == "<1\u00a0%" and percent(0.999, "en") == ">99%"


def test_numbers_are_grouped_in_threes_from_four_digits() -> None:
    nbsp = "\u00a0"  # a no-break space: a number never breaks over a line
    assert number(30184.34, "nb") == f"30{nbsp}184,3" and number(30184.34, "en") == "30,184.3"
    assert number(-1234567, "nb", 0) == f"−1{nbsp}234{nbsp}567"
    assert number(999_999.96, "nb") == f"1{nbsp}000{nbsp}000,0"  # rounding carries over
    # Babel groups from four digits (CLDR), as the "1 250,0" does
    assert number(9999.94, "nb") == f"9{nbsp}999,9" and number(2025, "en", 0) == "2,025"
    assert number(999.94, "nb") == "999,9"
    assert number(-0.04, "nb") == "0,0" and trimmed(12_340.0, "en") == "12,340"
    assert trimmed(10_000.5, "nb") == f"10{nbsp}000,5"


# --- rank-interval layout ---------------------------------------------------------------


def test_intervals_follow_the_sensitivity_and_flag_uncertain_needs(
        ranking: Ranking, stability: Sensitivity) -> None:
    layout = layout_rank_intervals(ranking, stability, top_n=15)
    assert [r.need_id for r in layout.rows] == [s.id for s in ranking.needs[:15]]
    for row in layout.rows:
        found = stability.stability[row.need_id]
        assert (row.low, row.median, row.high) == (found.rank_p05, found.median_rank,
                                                   found.rank_p95)
        assert row.uncertain is found.uncertain
    flagged = [r for r in layout.rows if r.uncertain]
    steady = [r for r in layout.rows if not r.uncertain]
    assert flagged and steady, "the fixture should have uncertain and stable needs"
    assert {(r.colour, r.marker) for r in flagged} == {(palette.UNCERTAIN, "D")}
    assert {(r.colour, r.marker) for r in steady} == {(palette.STABLE, "o")}


def test_top_k_line_caption_and_share_column(ranking: Ranking, stability: Sensitivity) -> None:
    layout = layout_rank_intervals(ranking, stability)
    k = stability.top_k
    assert [(line.x, line.label) for line in layout.lines] == [(k + 0.5, f"Topp {k}")]
    assert layout.share_header == f"I topp {k}"
    assert "300 vektsett" in layout.texts.notes[0] and "frø 1." in layout.texts.notes[0]
    assert layout.xlim[0] < 1 and layout.xlim[1] > max(r.high for r in layout.rows)
    first = stability.stability[layout.rows[0].need_id]
    assert layout.rows[0].share_label == percent(first.p_top_k, "nb")


def test_intervals_need_a_sensitivity_of_the_same_ranking(stability: Sensitivity) -> None:
    other = score_needs([*make_needs(), Need("B99", "Ny", Origin("f", "Behov", 99))], CRITERIA)
    with pytest.raises(ValueError, match="B99"):
        layout_rank_intervals(other, stability, top_n=30)


def test_layout_modules_do_not_import_matplotlib() -> None:
    code = ("import sys, okosys_plan.charts.priority.layout, okosys_plan.charts.palette\n"
            "print('mpl' if 'matplotlib' in sys.modules else 'pure')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "pure"


def test_text_and_marks_meet_wcag_contrast() -> None:
    white = palette.BACKGROUND
    assert palette.contrast_ratio(palette.TEXT, white) >= 4.5
    assert palette.contrast_ratio(palette.SECONDARY_TEXT, white) >= 4.5
    assert palette.contrast_ratio(palette.STABLE, white) >= 3
    assert palette.contrast_ratio(palette.UNCERTAIN, white) >= 3
    assert palette.contrast_ratio(palette.REFERENCE, white) >= 3
    assert all(palette.contrast_ratio(c, palette.ink_for(c)) >= 4.5 for c in palette.MUTED)
    assert len(set(palette.MUTED)) == len(palette.MUTED)


# --- drawing ----------------------------------------------------------------------------


def drawn(layout: BarLayout | IntervalLayout) -> tuple[Figure, FigureCanvasAgg]:
    """The layout's figure, drawn on an Agg canvas so text can be measured."""
    figure = figure_for(layout)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas


def inside(inner: Bbox, outer: Bbox) -> bool:
    return (inner.x0 >= outer.x0 - 0.5 and inner.y0 >= outer.y0 - 0.5
            and inner.x1 <= outer.x1 + 0.5 and inner.y1 <= outer.y1 + 0.5)


def no_overlaps(boxes: Sequence[Bbox]) -> bool:
    return not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


@pytest.mark.parametrize("kind", ["bars", "intervals"])
def test_drawn_texts_neither_overlap_nor_leave_the_figure(
        bundled: tuple[Ranking, Sensitivity], kind: str) -> None:
    ranked, result = bundled
    layout: BarLayout | IntervalLayout = (layout_contributions(ranked) if kind == "bars"
                                          else layout_rank_intervals(ranked, result))
    figure, canvas = drawn(layout)
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    legend = ax.get_legend()
    assert len(ticks) == 20 and legend is not None
    legend_box = legend.get_window_extent(renderer)
    boxes = [*ticks, legend_box, ax.xaxis.label.get_window_extent(renderer),
             *(t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()),
             *(t.get_window_extent(renderer) for t in ax.texts)]  # values, headings, notes
    assert no_overlaps(boxes)
    assert all(inside(box, figure.bbox) for box in boxes)
    plot = ax.get_window_extent(renderer)
    assert legend_box.y1 < plot.y0, "the legend sits below the plot, never over the data"
    assert plot.height / figure.dpi / len(layout.rows) >= 0.3
    assert layout.texts.title in [t.get_text() for t in ax.texts]


def test_the_figure_has_room_for_notes_and_a_long_legend(ranking: Ranking) -> None:
    criteria = [Criterion(f"Kriterium med et ganske langt navn {i}", 1) for i in range(12)]
    needs = [Need(f"B{i}", LONG_TITLE, Origin("f", "Behov", i), legal_requirement=i == 1,
                  scores={c.name: 1 + (i + j) % 5 for j, c in enumerate(criteria) if j != i})
             for i in range(1, 13)]
    figure, canvas = drawn(layout_contributions(score_needs(needs, criteria)))
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    boxes = [legend.get_window_extent(renderer), *(t.get_window_extent(renderer)
                                                   for t in ax.texts)]
    assert no_overlaps(boxes) and all(inside(box, figure.bbox) for box in boxes)
    assert any(t.get_text().startswith("§ Lovkrav") for t in ax.texts)


# --- files ------------------------------------------------------------------------------


def svg_texts(path: Path) -> tuple[ET.Element, list[str]]:
    root = ET.parse(path).getroot()
    return root, ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_svg_keeps_ids_criteria_and_title_as_text(tmp_path: Path, ranking: Ranking,
                                                 stability: Sensitivity) -> None:
    bars, intervals = write_priority_charts(tmp_path / "prioritet.svg", ranking, stability)
    root, texts = svg_texts(bars)
    joined = "\n".join(texts)
    assert "Poengsum per kriterium, topp 20 av 24 behov" in texts
    for scored in ranking.needs[:20]:
        assert f" {scored.id} " in joined
    assert ranking.needs[20].id not in joined
    for criterion in CRITERIA:
        assert any(t.startswith(criterion.name + " (") for t in texts)
    assert root.findtext(f"{SVG}title") == "Poengsum per kriterium, topp 20 av 24 behov"
    assert LONG_TITLE in (root.findtext(f"{SVG}desc") or "")
    _, interval_texts = svg_texts(intervals)
    assert "Rang (lavere er bedre)" in interval_texts
    assert intervals.name == "prioritet-rangintervall.svg"


def test_dollar_signs_in_titles_stay_text(tmp_path: Path) -> None:
    needs = [Need("B1", "Pris $5 per $bruker", Origin("f", "Behov", 2),
                  scores={"Samfunnsnytte": 4})]
    path = tmp_path / "kr.svg"
    write_priority_charts(path, score_needs(needs, CRITERIA[:1]))
    assert "1. B1 Pris $5 per $bruker" in svg_texts(path)[1]


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_files_are_the_same_bytes_every_time(tmp_path: Path, ranking: Ranking,
                                             stability: Sensitivity, suffix: str) -> None:
    first = write_priority_charts(tmp_path / f"a{suffix}", ranking, stability, top_n=8)
    second = write_priority_charts(tmp_path / f"b{suffix}", ranking, stability, top_n=8)
    for one, other in zip(first, second, strict=True):
        data = one.read_bytes()
        assert data == other.read_bytes()
        assert matplotlib.__version__.encode() not in data  # no tool version, no date
    assert b"CreationDate" not in first[0].read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_is_200_dpi_at_the_layout_size(tmp_path: Path, ranking: Ranking) -> None:
    layout = layout_contributions(ranking)
    path = tmp_path / "p.png"
    save_figure(figure_for(layout), path, title=layout.texts.title)
    width, height = png_size(path.read_bytes())
    # matplotlib rounds the pixel size (3.11) or cuts it (3.10 and before)
    assert width in {math.floor(layout.size[0] * 200), round(layout.size[0] * 200)}
    assert height in {math.floor(layout.size[1] * 200), round(layout.size[1] * 200)}
    assert b"Title" in path.read_bytes() and b"Software" not in path.read_bytes()


def test_more_rows_make_a_taller_figure(ranking: Ranking) -> None:
    five, twenty = layout_contributions(ranking, top_n=5), layout_contributions(ranking)
    assert twenty.size[0] == five.size[0]
    assert twenty.size[1] - five.size[1] >= 15 * 0.3


@pytest.mark.parametrize("name", ["prioritet.jpg", "prioritet", "prioritet.xlsx"])
def test_other_suffixes_are_a_usage_error(tmp_path: Path, ranking: Ranking,
                                          stability: Sensitivity, name: str) -> None:
    with pytest.raises(UsageError, match=r"\.png, \.svg, or \.pdf") as raised:
        write_priority_charts(tmp_path / name, ranking, stability)
    assert error_exit(raised.value) == EXIT_UNUSABLE
    assert "diagram" in error_text(raised.value, "nb")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UsageError):
        save_figure(Figure(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_existing_files_are_refused_before_anything_is_written(
        tmp_path: Path, ranking: Ranking, stability: Sensitivity) -> None:
    bars, intervals = chart_paths(tmp_path / "prioritet.png", True, "en")
    assert intervals.name == "prioritet-rank-intervals.png"
    intervals.write_bytes(b"old")
    with pytest.raises(OutputExists):
        write_priority_charts(bars, ranking, stability, lang="en")
    assert not bars.exists() and intervals.read_bytes() == b"old"
    written = write_priority_charts(bars, ranking, stability, lang="en", force=True)
    assert written == [bars, intervals]
    assert png_size(intervals.read_bytes())[0] == 1600


def test_without_sensitivity_only_the_contributions_chart_is_written(
        tmp_path: Path, ranking: Ranking) -> None:
    written = write_priority_charts(tmp_path / "p.pdf", ranking)
    assert written == [tmp_path / "p.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pdf"]
    assert written[0].read_bytes().startswith(b"%PDF")


def test_a_users_matplotlib_settings_change_nothing(tmp_path: Path, ranking: Ranking) -> None:
    plain = write_priority_charts(tmp_path / "plain.svg", ranking)[0].read_bytes()
    with matplotlib.rc_context({"font.size": 20, "lines.linewidth": 5, "svg.fonttype": "path"}):
        styled = write_priority_charts(tmp_path / "styled.svg", ranking)[0].read_bytes()
        assert matplotlib.rcParams["svg.fonttype"] == "path"  # and they are left as they were
    assert styled == plain


@pytest.mark.parametrize(("size", "dpi"), [((8.0, 10.0), 200), ((11.69, 30.0), 200),
                                           ((11.69, 40.0), 179), ((11.69, 56.33), 150),
                                           ((11.69, 157.0), 150)])
def test_a_tall_figure_gets_fewer_dots_per_inch_but_never_below_150(
        size: tuple[float, float], dpi: int) -> None:
    assert png_dpi(Figure(figsize=size)) == dpi


def test_a_tall_png_is_capped_in_pixels(tmp_path: Path) -> None:
    figure = Figure(figsize=(8.0, 60.0))
    figure.add_subplot().plot([0, 1], [0, 1])
    width, height = png_size(figure_bytes(figure, "png", title="Høy"))
    assert (width, height) == (1408, 10560)  # 176 dpi; 200 dpi would be 1600 × 12 000
    assert width * height <= PNG_PIXELS


def test_a_figure_is_laid_out_once_and_every_format_keeps_that_layout(
        ranking: Ranking, stability: Sensitivity) -> None:
    layout = layout_rank_intervals(ranking, stability)
    figure = figure_for(layout)
    assert figure.get_layout_engine() is None  # saving runs no layout of its own
    ax = figure.axes[0]
    box = ax.get_position().bounds
    assert box != Figure().add_subplot().get_position().bounds  # margins made for labels
    first_svg = figure_bytes(figure, "svg")
    figure_bytes(figure, "png")
    figure_bytes(figure, "pdf")
    assert ax.get_position().bounds == box
    assert figure_bytes(figure, "svg") == first_svg == figure_bytes(figure_for(layout), "svg")


def test_several_formats_in_one_call_are_the_files_of_one_call_each(
        tmp_path: Path, ranking: Ranking, stability: Sensitivity) -> None:
    paths = [tmp_path / "together" / "p.png", tmp_path / "together" / "p.svg"]
    written = write_priority_chart_formats(paths, ranking, stability, lang="en")
    assert [p.name for p in written] == ["p.png", "p-rank-intervals.png", "p.svg",
                                         "p-rank-intervals.svg"]
    apart = [*write_priority_charts(tmp_path / "apart" / "p.png", ranking, stability, lang="en"),
             *write_priority_charts(tmp_path / "apart" / "p.svg", ranking, stability, lang="en")]
    for one, other in zip(written, apart, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux only")
@pytest.mark.parametrize("with_intervals", [True, False])
def test_charts_made_partly_in_a_forked_child_are_the_charts_made_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ranking: Ranking,
        stability: Sensitivity, with_intervals: bool) -> None:
    from okosys_plan.charts import forked

    made = {}
    for child in (False, True):
        monkeypatch.setattr(forked, "_can_fork", lambda child=child: child)
        folder = tmp_path / str(child)
        written = write_priority_chart_formats(
            [folder / "p.png", folder / "p.svg"], ranking,
            stability if with_intervals else None)
        made[child] = [(p.name, p.read_bytes()) for p in written]
    assert made[True] == made[False]
    assert len(made[True]) == (4 if with_intervals else 2)


def test_several_formats_refuse_a_bad_suffix_before_writing(
        tmp_path: Path, ranking: Ranking, stability: Sensitivity) -> None:
    with pytest.raises(UsageError):
        write_priority_chart_formats([tmp_path / "p.png", tmp_path / "p.gif"], ranking,
                                     stability)
    assert list(tmp_path.iterdir()) == []


def test_a_character_the_font_lacks_raises_no_warning_while_laying_out() -> None:
    import warnings

    needs = make_needs(6)
    needs[0] = Need("B01", "Bjelle \x07 i tittelen", Origin("katalog.xlsx", "Behov", 2),
                    scores=needs[0].scores)
    layout = layout_contributions(score_needs(needs, CRITERIA))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = figure_for(layout)
        figure_bytes(figure, "png")


@pytest.mark.parametrize(("count", "top_k"), [(24, 1), (24, 3), (24, 12), (24, 20), (24, 24),
                                              (60, 40), (60, 59), (12, 12), (700, 579),
                                              (2000, 1999)])
def test_the_top_k_label_never_meets_the_share_header(count: int, top_k: int) -> None:
    """Wherever K puts the dashed line (far left, in the middle, at the right edge beside
    the share column's header, which names K too), its label overlaps no other text and
    stays in the figure."""
    ranked = score_needs(make_needs(count), CRITERIA)
    result = sensitivity(ranked, 200, seed=1, top_k=top_k)
    layout = layout_rank_intervals(ranked, result)
    figure, canvas = drawn(layout)
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    texts = [t for t in ax.texts if t.get_text()]
    if not layout.lines:  # K far beyond the ranks shown: no line, a note says so
        assert any(f"topp {top_k} ligger langt" in n for n in layout.texts.notes)
        assert layout.xlim[1] < top_k
        boxes = [t.get_window_extent(renderer) for t in texts]
        assert no_overlaps(boxes) and all(inside(box, figure.bbox) for box in boxes)
        return
    label = next(t for t in texts if t.get_text() == layout.lines[0].label)
    header = next(t for t in texts if t.get_text() == layout.share_header and t is not label)
    boxes = [t.get_window_extent(renderer) for t in texts]
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    assert not label.get_window_extent(renderer).overlaps(header.get_window_extent(renderer))
    assert no_overlaps([*boxes, *ticks])
    assert all(inside(box, figure.bbox) for box in boxes)


@settings(max_examples=25, deadline=None)
@given(count=st.integers(1, 400), top_k=st.integers(1, 400), top_n=st.integers(0, 40))
def test_the_rank_axis_spans_the_ranks_shown_and_the_top_k_line_only_when_near(
        count: int, top_k: int, top_n: int) -> None:
    """The axis is spent on the intervals shown: it reaches K only when K is within twice
    their ranks; else the line is left out, a note says where it is, and the shown ranks
    leave at most a twentieth of the axis (or two ranks) empty after them."""
    ranked = score_needs(make_needs(count), CRITERIA)
    k = min(top_k, count)
    result = sensitivity(ranked, 50, seed=1, top_k=k)
    layout = layout_rank_intervals(ranked, result, top_n=top_n)
    reach = max((max(r.high, r.rank, r.median) for r in layout.rows), default=0)
    low, high = layout.xlim
    assert all(low < r.low and max(r.high, r.rank, r.median) < high for r in layout.rows)
    if layout.lines:
        assert low < layout.lines[0].x < high and k <= 2 * max(reach, k + 2) + 5
        assert not any("ligger langt" in n for n in layout.texts.notes)
    else:
        assert layout.rows and k > 2 * reach + 5
        assert high - 0.6 - reach <= max(2, math.ceil(reach * 0.05)) < high - low
        assert any(f"topp {k} ligger langt" in n for n in layout.texts.notes)
    assert all(low <= t <= high for t in layout.xticks)
