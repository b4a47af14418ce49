"""The agreement strip chart: its layout follows the cells, its text never overlaps, and
its files carry a text alternative and are the same bytes every time."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from okosys_plan.assess.model import Agreement, Level
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.charts import palette
from okosys_plan.charts.agreement.layout import (
    AGGREGATE_COLOUR,
    BAND_FILL,
    BAND_HATCH_COLOUR,
    DOT_COLOUR,
    RANGE_COLOUR,
    AgreementLayout,
    layout_agreement,
)
from okosys_plan.charts.agreement.save import agreement_svg, write_agreement_charts
from okosys_plan.charts.palette import contrast_ratio
from okosys_plan.charts.save import figure_for
from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.prioritise.scoring import Ranking
from tests.assess.agreement_sample import bundled, sample_agreement

SVG = "{http://www.w3.org/2000/svg}"
LONG = ("Felles innlogging og tilgangsstyring for innbyggere, næringsliv og ansatte i alle "
        "sektorer og forvaltningsnivåer")
SUFFIX = " og samfunnsmessig gevinst over tid"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled()


@pytest.fixture(scope="module")
def five(catalogue: Catalogue) -> tuple[Agreement, Ranking]:
    return sample_agreement(catalogue, members=5)


def long_sample(catalogue: Catalogue, members: int) -> tuple[Agreement, Ranking]:
    """Long IDs, titles and criterion names: everything has to be cut to fit."""
    needs = tuple(replace(n, id=f"BEHOV-{n.id}-2026", title=f"{LONG} {i}",
                          scores={k + SUFFIX: v for k, v in n.scores.items()})
                  for i, n in enumerate(catalogue.needs))
    criteria = [replace(c, name=c.name + SUFFIX) for c in catalogue.scored_criteria]
    return sample_agreement(replace(catalogue, needs=needs), members, criteria=criteria)


def test_rows_follow_the_ranking_and_the_cells(five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    layout = layout_agreement(agreement, ranking, top_n=15)
    assert [h.need for h in layout.headings] == [s.id for s in ranking.needs[:15]]
    assert len(layout.rows) == 15 * 8
    ys = [y for h in layout.headings for y in [h.y]] + [r.y for r in layout.rows]
    assert len(set(ys)) == len(ys)  # no two rows on one line
    assert all(a.y > b.y for a, b in itertools.pairwise(layout.rows))  # rank 1 on top
    for row in layout.rows:
        cell = agreement.cells[row.need][row.criterion]
        assert sum(d.count for d in row.dots) == cell.count
        assert sorted(g for g in cell.grades if g is not None) == sorted(
            d.x for d in row.dots for _ in range(d.count))
        assert row.aggregate == cell.aggregate
        assert row.low is (cell.level is Level.LOW)
        assert row.span == (cell.low, cell.high)
    assert any(r.low for r in layout.rows)
    assert layout.xticks == (1, 2, 3, 4, 5)


def test_the_headings_say_rank_id_and_title(five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    layout = layout_agreement(agreement, ranking, top_n=5)
    first = ranking.needs[0]
    assert layout.headings[0].label == f"{first.rank}. {first.id} {first.title}"
    assert layout.texts.title == "Vurderernes poeng per kriterium, topp 5 av 49 behov"
    assert "5 vurderere" in layout.texts.subtitle and "median" in layout.texts.subtitle
    english = layout_agreement(agreement, ranking, top_n=49, lang="en")
    assert english.texts.title == "The assessors' grades per criterion, all 49 needs"


def test_the_text_alternative_names_every_need_and_criterion(
        five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    layout = layout_agreement(agreement, ranking, top_n=15, lang="en")
    text = layout.description
    assert text.startswith(layout.texts.title + ". ")
    for scored in ranking.needs[:15]:
        assert f"{scored.rank}. {scored.id} {scored.title}: " in text
    assert ranking.needs[15].id + " " not in text
    low = next(r for r in layout.rows if r.low)
    cell = agreement.cells[low.need][low.criterion]
    assert (f"{low.criterion}: median {cell.aggregate:g}, grades {cell.low}–{cell.high} from "
            f"{cell.count} of 5 assessors, low agreement") in text
    assert text.count("low agreement") == sum(r.low for r in layout.rows)


def test_an_ungraded_cell_has_no_marks(five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    need, criterion = ranking.needs[0].id, agreement.criteria[0]
    empty = replace(agreement.cells[need][criterion], grades=(None,) * 5, count=0,
                    aggregate=None, low=None, high=None, iqr=None, level=None)
    cells = {**agreement.cells, need: {**agreement.cells[need], criterion: empty}}
    layout = layout_agreement(replace(agreement, cells=cells), ranking, top_n=1, lang="en")
    row = layout.rows[0]
    assert row.dots == () and row.aggregate is None and row.span is None
    assert f"{criterion}: no grades" in layout.description
    figure_for(layout)  # draws without marks


def drawn_texts(layout: AgreementLayout) -> tuple[list[tuple[str, Bbox]], Figure]:
    """Every drawn text with its box: tick labels, headings, counts, titles, legend."""
    figure = figure_for(layout)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    found = [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label,
             *legend.get_texts()]
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in found
             if t.get_text().strip() and t.get_visible()]
    return texts, figure


@pytest.mark.parametrize(("members", "top_n", "long", "lang"),
                         [(5, 5, False, "nb"), (15, 15, False, "nb"), (5, 15, False, "en"),
                          (15, 5, True, "nb"), (15, 15, True, "en")])
def test_no_drawn_text_overlaps_or_leaves_the_figure(
        catalogue: Catalogue, members: int, top_n: int, long: bool, lang: str) -> None:
    agreement, ranking = (long_sample(catalogue, members) if long
                          else sample_agreement(catalogue, members))
    layout = layout_agreement(agreement, ranking, top_n, lang)
    texts, figure = drawn_texts(layout)
    assert len(texts) > top_n * 8
    overlapping = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
                   if box_a.overlaps(box_b)]
    assert overlapping == []
    frame = figure.bbox
    outside = [t for t, box in texts if box.x0 < frame.x0 - 0.5 or box.x1 > frame.x1 + 0.5
               or box.y0 < frame.y0 - 0.5 or box.y1 > frame.y1 + 0.5]
    assert outside == []
    ax = figure.axes[0]
    rows_in = ax.get_window_extent().height / figure.dpi
    assert rows_in / (-layout.ylim[0]) >= 0.18  # every criterion row is at least 0.18 in


def test_low_agreement_reads_without_colour(five: tuple[Agreement, Ranking]) -> None:
    """Each low-agreement row has a hatched band and a bold label; no other row has."""
    agreement, ranking = five
    layout = layout_agreement(agreement, ranking, top_n=15)
    figure = figure_for(layout)
    ax = figure.axes[0]
    bands = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    low = [r for r in layout.rows if r.low]
    assert len(bands) == len(low) > 0
    assert sorted(round(b.get_y() + b.get_height() / 2, 6) for b in bands) == sorted(
        round(r.y, 6) for r in low)
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert len(bold) == len(low)
    # the aggregate is an open square, the grades filled dots: shapes, not colours
    markers = {(line.get_marker(), line.get_markerfacecolor() == "none")
               for line in ax.lines if line.get_marker() not in ("None", None, "")}
    assert markers == {("o", False), ("s", True)}


def test_marks_have_contrast() -> None:
    for colour in (DOT_COLOUR, AGGREGATE_COLOUR, RANGE_COLOUR, BAND_HATCH_COLOUR):
        assert contrast_ratio(colour, palette.WHITE) >= 3.0
    assert contrast_ratio(BAND_HATCH_COLOUR, BAND_FILL) >= 3.0
    assert contrast_ratio(palette.WHITE, DOT_COLOUR) >= 4.5  # the count in the dot


def svg_texts(data: bytes) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(data)
    return root, ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_svg_keeps_ids_criteria_legend_and_text_alternative(
        five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    data = agreement_svg(agreement, ranking, top_n=5)
    root, texts = svg_texts(data)
    joined = "\n".join(texts)
    for scored in ranking.needs[:5]:
        assert f"{scored.rank}. {scored.id} " in joined
    assert f" {ranking.needs[5].id} " not in joined
    for criterion in agreement.criteria:
        assert criterion in texts
    for label in ("Poeng gitt (tall: hvor mange vurderere)", "Samlet (median)",
                  "Laveste til høyeste poeng", "Lav enighet (skravert, kriteriet i fet skrift)"):
        assert label in texts
    layout = layout_agreement(agreement, ranking, top_n=5)
    assert root.findtext(f"{SVG}title") == layout.texts.title
    assert root.findtext(f"{SVG}desc") == layout.description
    assert root.get("aria-describedby") == "chart-desc"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_same_data_gives_the_same_bytes(tmp_path: Path, five: tuple[Agreement, Ranking],
                                            suffix: str) -> None:
    agreement, ranking = five
    one, = write_agreement_charts([tmp_path / f"a{suffix}"], agreement, ranking, top_n=6)
    other, = write_agreement_charts([tmp_path / f"b{suffix}"], agreement, ranking, top_n=6)
    assert one.read_bytes() == other.read_bytes()
    assert b"CreationDate" not in one.read_bytes()


def test_every_format_at_once_and_refusals_before_writing(
        tmp_path: Path, five: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = five
    paths = [tmp_path / "e.png", tmp_path / "e.svg", tmp_path / "e.pdf"]
    assert write_agreement_charts(paths, agreement, ranking, top_n=3) == paths
    assert paths[0].read_bytes()[:4] == b"\x89PNG" and paths[2].read_bytes()[:4] == b"%PDF"
    with pytest.raises(UsageError):
        write_agreement_charts([tmp_path / "n.png", tmp_path / "n.gif"], agreement, ranking)
    assert not (tmp_path / "n.png").exists()
    with pytest.raises(OutputExists):
        write_agreement_charts(paths[:1], agreement, ranking)
    write_agreement_charts(paths[:1], agreement, ranking, top_n=3, force=True)
