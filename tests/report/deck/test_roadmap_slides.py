"""Veikart 2.0 on slides: one bar per measure, glued connectors, the quarter grid, labels."""

from __future__ import annotations

import io
import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

from okosys_plan.catalogue.validate import id_key
from okosys_plan.charts.geometry import label_width
from okosys_plan.charts.roadmap.layout import layout_roadmap
from okosys_plan.charts.roadmap.model import EPSILON, RoadmapLayout
from okosys_plan.report.deck.package import deck_bytes, new_presentation
from okosys_plan.report.deck.roadmap_pages import SLIVER, _unbreakable, paginate
from okosys_plan.report.deck.roadmap_slides import TEXT_SIZE, draw_roadmap
from okosys_plan.report.deck.shapes import EMU_PER_INCH, alt_text, is_decorative
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.settings import load_settings
from tests.charts.test_roadmap_chart import AS_OF, generated, item

ROOT = Path(__file__).resolve().parents[3]
RULES = load_settings(ROOT / "roadmap" / "veikart.toml")
POINT = 1 / 72  # inches
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def layout_of(items: list[RoadmapItem], lang: str = "nb") -> RoadmapLayout:
    return layout_roadmap(items, RULES, as_of=AS_OF, lang=lang, text_size=TEXT_SIZE,
                          max_bars=None)


def deck_of(layout: RoadmapLayout, lang: str = "nb") -> Any:
    """The roadmap slides saved and opened again, as a user's PowerPoint would read them."""
    deck = new_presentation()
    draw_roadmap(deck, layout, lang)
    return Presentation(io.BytesIO(deck_bytes(deck, title="t", lang=lang)))


@pytest.fixture(scope="module")
def items() -> list[RoadmapItem]:
    return generated(70, seed=3)


@pytest.fixture(scope="module")
def deck(items: list[RoadmapItem]) -> Any:
    return deck_of(layout_of(items))


def inch(value: int | None) -> float:
    return (value or 0) / EMU_PER_INCH


def bars(slide: Any, ids: set[str]) -> dict[str, Any]:
    """The slide's bar rectangles by measure ID (the ID opens each bar's name)."""
    found: dict[str, Any] = {}
    for shape in slide.shapes:
        if (shape.shape_type == MSO_SHAPE_TYPE.FREEFORM or (
                shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                and shape.auto_shape_type == MSO_SHAPE.RECTANGLE)) and not is_decorative(shape) \
                and shape.name.split(" ")[0] in ids:
            assert shape.name.split(" ")[0] not in found
            found[shape.name.split(" ")[0]] = shape
    return found


def test_every_measure_is_one_bar_with_its_id_in_one_text(deck: Any,
                                                          items: list[RoadmapItem]) -> None:
    ids = {i.id for i in items}
    seen: list[str] = []
    texts: list[str] = []
    assert len(deck.slides) > 1  # 70 measures do not fit one slide
    for slide in deck.slides:
        seen += bars(slide, ids)
        texts += [s.text_frame.text for s in slide.shapes
                  if s.has_text_frame and s.text_frame.text.split(" ")[0] in ids]
    assert sorted(seen) == sorted(ids)
    assert sorted(t.split(" ")[0] for t in texts) == sorted(ids)


def test_slide_titles_are_unique_and_say_continued(deck: Any) -> None:
    titles = [slide.shapes.title.text for slide in deck.slides]
    total = len(titles)
    assert titles[0] == f"{RULES.full_title()} (1 av {total})"
    assert titles[1:] == [f"{RULES.full_title()}, fortsatt ({n} av {total})"
                          for n in range(2, total + 1)]


def test_every_connector_is_glued_to_the_bars_of_its_dependency(
        deck: Any, items: list[RoadmapItem]) -> None:
    ids = {i.id for i in items}
    wanted = {(id_key(s), id_key(i.id)) for i in items for s in i.depends_on}
    glued = 0
    for slide in deck.slides:
        by_shape_id = {shape.shape_id: code for code, shape in bars(slide, ids).items()}
        drawn = set()
        for shape in slide.shapes:
            element = shape._element
            if element.tag != f"{P}cxnSp":
                continue
            begin = element.find(f".//{A}stCxn")
            end = element.find(f".//{A}endCxn")
            if begin is None and end is None:
                assert is_decorative(shape) or shape.name == "Tegnforklaring" or \
                    alt_text(shape), shape.name  # grid, lines, legend: not dependencies
                continue
            assert begin is not None and end is not None, shape.name
            pair = (by_shape_id[int(begin.get("id"))], by_shape_id[int(end.get("id"))])
            assert (id_key(pair[0]), id_key(pair[1])) in wanted, pair
            assert alt_text(shape) == f"{pair[0]} → {pair[1]}"
            drawn.add((id_key(pair[0]), id_key(pair[1])))
            glued += 1
        here = {id_key(code) for code in by_shape_id.values()}
        assert {(a, b) for a, b in wanted if a in here and b in here} == drawn
    assert glued >= 5  # the test sees connectors at all


def test_bar_edges_sit_on_the_quarter_grid(deck: Any, items: list[RoadmapItem]) -> None:
    ids = {i.id for i in items}
    for slide in deck.slides:
        grid = sorted(inch(s.begin_x) for s in slide.shapes
                      if s.name in ("Kvartalslinje", "Årslinje"))
        assert len(grid) == 17  # 2022–2025: 16 quarters, 17 boundaries
        for code, shape in bars(slide, ids).items():
            left, right = inch(shape.left), inch(shape.left + shape.width)
            assert min(abs(left - x) for x in grid) <= POINT, (code, left)
            assert min(abs(right - x) for x in grid) <= POINT, (code, right)


def boxes(slide: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, box) of every text box in the lanes (not the title, header or legend)."""
    found = []
    for shape in slide.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX and shape.text_frame.text and \
                not shape.name.startswith("Felt "):
            box = (inch(shape.left), inch(shape.top), inch(shape.left + shape.width),
                   inch(shape.top + shape.height))
            found.append((shape.text_frame.text, box))
    return found


def overlap(one: tuple[float, ...], other: tuple[float, ...]) -> bool:
    tol = 0.2 * POINT
    return (one[0] < other[2] - tol and other[0] < one[2] - tol and one[1] < other[3] - tol
            and other[1] < one[3] - tol)


def inside(one: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    tol = 0.5 * POINT
    return (one[0] >= outer[0] - tol and one[2] <= outer[2] + tol and one[1] >= outer[1] - tol
            and one[3] <= outer[3] + tol)


def test_labels_fit_their_bars_and_overlap_nothing(deck: Any, items: list[RoadmapItem]) -> None:
    ids = {i.id for i in items}
    for slide in deck.slides:
        rects = {}
        for code, shape in bars(slide, ids).items():
            box = (inch(shape.left), inch(shape.top), inch(shape.left + shape.width),
                   inch(shape.top + shape.height))
            rects[code] = box
            frame = shape.text_frame
            if frame.text:
                size = frame.paragraphs[0].runs[0].font.size.pt
                room = box[2] - box[0] - inch(frame.margin_left)
                assert label_width(frame.text, size) <= room + POINT, (code, frame.text)
        labels = boxes(slide)
        legend_top = min(b[1] for t, b in labels if t == "Planlagt") if any(
            t == "Planlagt" for t, _ in labels) else 99.0
        lanes = [(t, b) for t, b in labels if b[1] > inch(slide.shapes.title.top
                                                         + slide.shapes.title.height) + 0.9
                 and b[3] <= legend_top]
        for (t1, b1), (t2, b2) in itertools.combinations(lanes, 2):
            assert not overlap(b1, b2), (t1, t2)
        for text, box in lanes:
            for code, rect in rects.items():
                assert not overlap(box, rect) or inside(box, rect), (text, code)


def test_every_graphic_has_alt_text_or_is_decorative(deck: Any) -> None:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.is_placeholder or shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX:
                continue
            if shape.has_text_frame and shape.text_frame.text:
                continue  # a bar with its label: text, and alt text too (below)
            assert is_decorative(shape) or alt_text(shape), shape.name


def test_bars_say_their_measure_in_alt_text(deck: Any, items: list[RoadmapItem]) -> None:
    ids = {i.id for i in items}
    titles = {i.id: i.title for i in items}
    for slide in deck.slides:
        for code, shape in bars(slide, ids).items():
            assert code in alt_text(shape) and titles[code] in alt_text(shape)


def test_the_same_roadmap_gives_the_same_bytes(items: list[RoadmapItem]) -> None:
    def once() -> bytes:
        deck = new_presentation()
        draw_roadmap(deck, layout_of(items[:20]), "nb")
        return deck_bytes(deck, title="t", lang="nb")

    assert once() == once()


def test_english_titles_and_lane_continuation(items: list[RoadmapItem]) -> None:
    deck = deck_of(layout_of(items, "en"), "en")
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[-1].endswith(f", continued ({len(titles)} of {len(titles)})")


def test_a_short_roadmap_is_one_slide_with_the_plain_title(items: list[RoadmapItem]) -> None:
    deck = deck_of(layout_of(items[:4]))
    assert [s.shapes.title.text for s in deck.slides] == [RULES.full_title()]


@settings(max_examples=40, deadline=None)
@given(count=st.integers(min_value=1, max_value=60), room=st.floats(min_value=0.3,
                                                                     max_value=8.0),
       seed=st.integers(min_value=0, max_value=50))
def test_pages_hold_every_mark_once_and_cut_no_row(count: int, room: float, seed: int) -> None:
    layout = layout_of(generated(count, seed=seed))
    pages = paginate(layout, room)
    assert pages[0].start == layout.lanes[0].y0 and pages[-1].end == layout.lanes[-1].y1
    for one, two in itertools.pairwise(pages):
        assert one.end == two.start
    for mark in [*(b.y for b in layout.bars), *(m.y for m in layout.milestones)]:
        assert sum(p.holds(mark) for p in pages) == 1
    stretches = _unbreakable(layout)
    for page in pages:
        assert all(not (a + EPSILON < page.end < b - EPSILON) for a, b in stretches)
        if page.end - page.start > room + EPSILON:  # only where no cut could be made
            lanes = {e for lane in layout.lanes for e in (lane.y0, lane.y1)}
            rows = {e for bar in layout.bars for e in bar.row
                    if all(abs(e - edge) >= SLIVER for edge in lanes)}
            for y in lanes | rows:
                if page.start + EPSILON < y < page.end - EPSILON:
                    assert any(a + EPSILON < y < b - EPSILON for a, b in stretches), y
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert all(p.total == len(pages) for p in pages)


def test_dates_in_alt_text_are_said_in_the_language(items: list[RoadmapItem]) -> None:
    marked = [i for i in items if i.milestones][:3]
    deck = deck_of(layout_of(marked))
    texts = [alt_text(s) for slide in deck.slides for s in slide.shapes
             if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
             and s.auto_shape_type == MSO_SHAPE.DIAMOND and not is_decorative(s)]
    assert texts
    for text in texts:  # '30. juni 2023', not ISO
        said = text.rsplit(", ", 1)[-1]
        assert "-" not in said and any(month in said for month in MONTHS), text


def points(shape: Any) -> list[tuple[int, int]]:
    """A freeform's corners, in its own EMU."""
    return [(int(pt.get("x")), int(pt.get("y"))) for pt in shape._element.iter(f"{A}pt")]


def test_bars_past_the_horizon_are_pointed_and_glued_like_rectangles() -> None:
    before = item("A1", date(2021, 1, 1), date(2022, 6, 30), title="Startet før")
    after = item("B1", date(2022, 10, 1), date(2026, 6, 30), title="Går videre",
                 depends_on=("A1",))
    deck = deck_of(layout_of([before, after]))
    slide = deck.slides[0]
    found = bars(slide, {"A1", "B1"})
    assert {s.shape_type for s in found.values()} == {MSO_SHAPE_TYPE.FREEFORM}
    a1, b1 = found["A1"], found["B1"]
    middle = a1.height // 2
    assert (0, middle) in points(a1) and (a1.width, middle) not in points(a1)  # points left
    assert (b1.width, b1.height // 2) in points(b1) and (0, b1.height // 2) not in points(b1)
    for shape in (a1, b1):  # top, left, bottom, right: the edge middles, as on a rectangle
        sites = [(int(p.get("x")), int(p.get("y"))) for p in shape._element.iter(f"{A}pos")]
        assert sites == [(shape.width // 2, 0), (0, shape.height // 2),
                         (shape.width // 2, shape.height), (shape.width, shape.height // 2)]
    connector = next(s for s in slide.shapes if s._element.tag == f"{P}cxnSp"
                     and s._element.find(f".//{A}stCxn") is not None)
    start = connector._element.find(f".//{A}stCxn")
    end = connector._element.find(f".//{A}endCxn")
    assert (int(start.get("id")), start.get("idx")) == (a1.shape_id, "3")  # A1's right
    assert (int(end.get("id")), end.get("idx")) == (b1.shape_id, "1")  # B1's left
    assert abs(inch(connector.begin_x) - inch(a1.left + a1.width)) <= POINT
    assert abs(inch(connector.end_x) - inch(b1.left)) <= POINT


def fill_of(shape: Any) -> str | None:
    """The shape's solid fill as '#RRGGBB', or None."""
    from pptx.enum.dml import MSO_FILL

    if getattr(shape, "fill", None) is None or shape.fill.type != MSO_FILL.SOLID:
        return None
    return f"#{shape.fill.fore_color.rgb}"


def test_every_text_meets_contrast_on_what_is_behind_it(deck: Any) -> None:
    """4.5:1 (WCAG AA, small text) on the shape's own fill, else on white or the lane band."""
    from okosys_plan.charts.palette import contrast_ratio
    from okosys_plan.charts.roadmap.style import BAND

    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.is_placeholder:
                continue
            behind = [fill_of(shape)] if fill_of(shape) else ["#FFFFFF", BAND]
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if not run.text.strip():
                        continue
                    ink = f"#{run.font.color.rgb}"
                    for colour in behind:
                        assert contrast_ratio(ink, colour) >= 4.5, (run.text, ink, colour)
                    checked += 1
    assert checked > 100


def test_long_titles_shrink_to_fit_a_templates_title_placeholder(tmp_path: Path,
                                                                 items: list[RoadmapItem]
                                                                 ) -> None:
    """A plain 4:3 template titles at 44 pt: the roadmap's long titles would need more
    lines than its placeholder holds, so they get a smaller size; a short one keeps 44."""
    from okosys_plan.charts.geometry import wrap_lines
    from okosys_plan.report.deck.slides import content_page

    template = tmp_path / "mal.pptx"
    Presentation().save(str(template))
    deck = new_presentation(template)
    draw_roadmap(deck, layout_of(items), "nb")
    content_page(deck, "Mål")
    saved = Presentation(io.BytesIO(deck_bytes(deck, title="t", lang="nb")))
    *roadmap, short = list(saved.slides)
    for slide in roadmap:
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        assert 20 <= size < 44, size
        lines = wrap_lines(title.text_frame.text, inch(title.width) - 0.2, size * 0.9,
                           max_lines=99)
        assert len(lines) * size * 1.2 / 72 <= inch(title.height) - 0.1, (size, lines)
    assert short.shapes.title.text_frame.paragraphs[0].runs[0].font.size is None
