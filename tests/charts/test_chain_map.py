"""The service-chain map: boxes in their rows' bands, arrows between the right boxes, no
text over another or out of its box, every break drawn and labelled with its needs."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg

from okosys_plan.catalogue.domain import BREAK_LEVELS, CHAIN_LAYERS
from okosys_plan.catalogue.model import ChainElement, Origin
from okosys_plan.chains.build import chain_maps
from okosys_plan.chains.model import ChainMap, MeasureState, NeedState, ServiceChains
from okosys_plan.charts.chains.boxes import LEVEL_COLOURS
from okosys_plan.charts.chains.layout import PAGE_WIDTH, layout_chain
from okosys_plan.charts.chains.model import Box, ChainLayout
from okosys_plan.charts.chains.save import chain_bytes
from okosys_plan.charts.chains.text_alternative import csv_bytes, markdown_text
from okosys_plan.charts.palette import contrast_ratio, ink_for
from okosys_plan.charts.save import SAVE_STYLE, chart_style, figure_for
from tests.chains.test_service_chains import ROWS, catalogue_with, chains_of

AS_OF = date(2026, 12, 7)
SVG = "{http://www.w3.org/2000/svg}"
#: The hand-made chains of tests/chains, valid: K6's need is B2 (B99 does not exist).
VALID = [list(r) for r in ROWS]
VALID[5][9] = "B2"


@pytest.fixture(scope="module")
def chains(tmp_path_factory: pytest.TempPathFactory) -> ServiceChains:
    return chains_of(catalogue_with(tmp_path_factory.mktemp("map"), VALID, funded=True))


@pytest.fixture(scope="module")
def death(chains: ServiceChains) -> ChainLayout:
    return layout_chain(chains.maps[0], as_of=AS_OF, source_name="plan.xlsx")


# -- checks every layout must pass ------------------------------------------------------

def check_layout(layout: ChainLayout) -> None:
    """Every geometric promise of the map, on any chain."""
    chain = layout.chain
    assert [e.id for e in layout.elements] and {e.id for e in layout.elements} == {
        e.id for e in chain.elements}
    assert len(layout.elements) == len(chain.elements)
    boxes_in_bands(layout)
    nothing_overlaps(layout)
    texts_in_their_boxes(layout)
    arrows_connect_their_boxes(layout)
    breaks_drawn_and_labelled(layout)


def boxes_in_bands(layout: ChainLayout) -> None:
    for element in layout.elements:
        band = next(b for b in layout.bands if b.strip == element.strip
                    and b.layer == element.layer)
        assert Box(0.3, band.y0, PAGE_WIDTH - 0.3, band.y1).inside(Box(0, 0, *layout.size))
        assert element.box.inside(Box(1.35, band.y0, PAGE_WIDTH - 0.3, band.y1)), element.id
        if element.badge is not None:
            assert element.badge.box.inside(element.box)


def nothing_overlaps(layout: ChainLayout) -> None:
    boxes = [("element", e.id, e.box) for e in layout.elements]
    boxes += [("note", str(n.number), n.box) for n in layout.notes]
    boxes += [("key", k.kind, k.mark) for k in layout.keys]
    boxes += [("text", t.kind + ":" + t.text, t.box) for t in layout.labels
              if t.kind not in ("element", "actor", "badge", "note")]
    clashes = [(a[:2], b[:2]) for a, b in itertools.combinations(boxes, 2)
               if a[2].overlaps(b[2])]
    assert clashes == []
    texts = layout.labels
    clashes = [(a.text, b.text) for a, b in itertools.combinations(texts, 2)
               if a.box.overlaps(b.box)]
    assert clashes == []
    page = layout.page
    assert all(t.box.inside(page) for t in texts)
    assert all(n.box.inside(page) for n in layout.notes)


def texts_in_their_boxes(layout: ChainLayout) -> None:
    for element in layout.elements:
        assert element.labels, element.id
        for tag in element.labels:
            assert tag.box.inside(element.box), (element.id, tag.text)
            if element.badge is not None:
                assert not tag.box.overlaps(element.badge.box), (element.id, tag.text)
        if element.badge is not None:
            assert element.badge.label.box.inside(element.badge.box)
    for note in layout.notes:
        assert note.badge.label.box.inside(note.badge.box)
        for tag in note.labels:
            assert tag.box.inside(note.box), tag.text
            assert not tag.box.overlaps(note.badge.box), tag.text


def arrows_connect_their_boxes(layout: ChainLayout) -> None:
    chain = layout.chain
    ids = {e.id.casefold(): e.id for e in chain.elements}
    wanted = [(e.id, ids[t.casefold()]) for e in chain.elements
              for t in dict.fromkeys(t.casefold() for t in e.triggers)
              if t in ids and ids[t] != e.id]
    assert [(a.source, a.target) for a in layout.arrows] == wanted
    inner = [(e.id, Box(e.box.x0 + 1e-6, e.box.y0 + 1e-6, e.box.x1 - 1e-6, e.box.y1 - 1e-6))
             for e in layout.elements]
    for arrow in layout.arrows:
        source, target = layout.element(arrow.source), layout.element(arrow.target)
        assert source.box.on_edge(arrow.points[0]), arrow
        assert target.box.on_edge(arrow.points[-1]), arrow
        for (x0, y0), (x1, y1) in itertools.pairwise(arrow.points):
            assert abs(x0 - x1) < 1e-9 or abs(y0 - y1) < 1e-9, arrow  # orthogonal
            segment = Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            through = [i for i, box in inner if _crosses(segment, box)]
            assert through == [], (arrow.source, arrow.target, through)


def _crosses(segment: Box, box: Box) -> bool:
    """True when a horizontal or vertical segment runs through the box's interior."""
    across = (segment.x0 < box.x1 and box.x0 < segment.x1) if segment.x0 < segment.x1 else (
        box.x0 < segment.x0 < box.x1)
    down = (segment.y0 < box.y1 and box.y0 < segment.y1) if segment.y0 < segment.y1 else (
        box.y0 < segment.y0 < box.y1)
    return across and down


def breaks_drawn_and_labelled(layout: ChainLayout) -> None:
    chain = layout.chain
    assert len(layout.notes) == len(chain.breaks)
    for number, (fault, note) in enumerate(zip(chain.breaks, layout.notes, strict=True), 1):
        element = layout.element(fault.element.id)
        assert element.badge is not None and element.badge.number == number
        assert element.badge.colour == LEVEL_COLOURS[fault.level]
        assert element.badge.label.text == note.badge.label.text
        assert element.badge.label.text.startswith(element.badge.letter)
        assert element.edge != "#4D4D4D" and element.linewidth > 1
        text = " ".join(t.text for t in note.labels)
        assert fault.element.id in text
        for need in fault.needs:
            assert need.id in text
        if not fault.proposed:
            assert "Ingen har foreslått å løse det" in text or "Nobody has proposed" in text
    unbroken = {e.id for e in chain.elements} - {b.element.id for b in chain.breaks}
    assert all(layout.element(i).badge is None for i in unbroken)


# -- the hand-made chains ---------------------------------------------------------------

def test_the_hand_made_map_keeps_every_promise(chains: ServiceChains) -> None:
    for chain in chains.maps:
        for lang in ("nb", "en"):
            check_layout(layout_chain(chain, as_of=AS_OF, source_name="plan.xlsx", lang=lang))


def test_rows_are_the_four_bands_named_at_the_left(death: ChainLayout) -> None:
    assert [b.layer for b in death.bands] == list(CHAIN_LAYERS)
    assert [" ".join(t.text for t in b.labels) for b in death.bands] == [
        "Aktiviteter", "Hendelser", "Tjenester og aktører", "Data og registre"]
    assert all(t.box.x1 < min(e.box.x0 for e in death.elements) for b in death.bands
               for t in b.labels)
    tops = [b.y0 for b in death.bands]
    assert tops == sorted(tops)


def test_elements_stand_in_step_order_and_same_steps_stack(death: ChainLayout) -> None:
    x = {e.id: e.box.x0 for e in death.elements}
    assert x["K1"] < x["K2"] < x["K3"] < x["K6"]
    assert x["K2"] == x["K5"]  # step 2, in two rows
    assert x["K3"] == x["K4"]  # step 3, one row: stacked
    assert not death.element("K3").box.overlaps(death.element("K4").box)


def test_the_actor_is_the_service_box_s_second_line(death: ChainLayout) -> None:
    service = death.element("K4")
    actor = [t for t in service.labels if t.kind == "actor"]
    assert [t.text for t in actor] == ["NAV"]
    assert actor[0].box.y0 >= max(t.box.y1 for t in service.labels if t.kind == "element")


def test_arrows_follow_the_triggers_data_up_to_services(death: ChainLayout) -> None:
    pairs = [(a.source, a.target) for a in death.arrows]
    assert pairs == [("K1", "K2"), ("K2", "K3"), ("K2", "K4"), ("K5", "K3")]
    data = next(a for a in death.arrows if a.source == "K5")
    assert data.points[-1][1] < data.points[0][1]  # up from the data row to the service


def test_each_break_is_labelled_with_its_needs_and_their_state(death: ChainLayout) -> None:
    said = {n.element: " ".join(t.text for t in n.labels) for n in death.notes}
    assert said["K3"].startswith("Oppgjør av bo (K3) – juridisk brudd: Arvinger mangler")
    assert "B1 Grunnmur: Høy, rang 1; T3 Grunnmur (K1 2022–K4 2022); ikke finansiert" in (
        said["K3"])
    assert "B3 Fast: Lav, rang 3; T1 Fast (K1 2022–K4 2022); finansiert" in said["K4"]
    assert "Ingen har foreslått å løse det." in said["K5"]
    assert [n.badge.label.text for n in death.notes] == ["J1", "T2", "O3", "S4"]
    assert death.texts.subtitle == ("Kilde: plan.xlsx · Per 7. desember 2026 · 4 brudd: 3 med "
                                    "behov, 1 prioritert, 3 planlagt, 1 finansiert")


def test_the_legend_names_every_level_the_arrow_and_the_actor(death: ChainLayout) -> None:
    assert [k.label.text for k in death.keys] == [
        "Juridisk brudd", "Organisatorisk brudd", "Semantisk brudd", "Teknisk brudd",
        "Utløser (fra → til)", "Tjeneste: aktøren på andre linje"]
    assert [k.letter for k in death.keys[:4]] == ["J", "O", "S", "T"]


def test_level_colours_differ_and_their_letters_contrast() -> None:
    colours = [LEVEL_COLOURS[level] for level in BREAK_LEVELS]
    assert len(set(colours)) == 4
    assert all(contrast_ratio(c, ink_for(c)) >= 4.5 for c in colours)


def test_english_says_the_map_in_english(chains: ServiceChains) -> None:
    layout = layout_chain(chains.maps[0], as_of=AS_OF, source_name="plan.xlsx", lang="en")
    assert "4 breaks: 3 with a need, 1 prioritised, 3 planned, 1 funded" in (
        layout.texts.subtitle)
    assert [" ".join(t.text for t in b.labels) for b in layout.bands][2] == (
        "Services and actors")
    said = " ".join(t.text for n in layout.notes for t in n.labels)
    assert "High, rank 1" in said and "Q1 2022–Q4 2022" in said
    assert "Nobody has proposed to fix it." in said
    assert [n.badge.label.text for n in layout.notes] == ["L1", "T2", "O3", "S4"]


def test_a_chain_without_breaks_says_so(chains: ServiceChains) -> None:
    layout = layout_chain(chains.maps[1], as_of=AS_OF)
    assert layout.notes == () and layout.texts.subtitle.endswith("Ingen brudd")
    check_layout(layout)


def test_the_text_alternative_lists_rows_triggers_and_breaks(chains: ServiceChains) -> None:
    chain = chains.maps[0]
    text = markdown_text(chain, chain.name, "sub", "nb")
    assert "### Data og registre\n\n- K5 Folkeregisteret (steg 2, SKE)" in text
    assert "- K5 Folkeregisteret utløser K3 Oppgjør av bo" in text
    assert ("- J1 Oppgjør av bo (K3) – juridisk brudd: Arvinger mangler fullmakt\n  - B1 "
            "Grunnmur: Høy, rang 1; T3 Grunnmur (K1 2022–K4 2022); ikke finansiert") in text
    assert "  - Ingen har foreslått å løse det." in text
    rows = csv_bytes(chain, "nb").decode("utf-8-sig").splitlines()
    assert rows[0] == ("Rad;ID;Steg;Tekst;Aktør;Utløser;Brudd;Bruddbeskrivelse;"
                       "Behov og status")
    assert len(rows) == 1 + len(chain.elements)
    assert rows[5].startswith("Tjenester og aktører;K6;4;Skifte;Domstol;;O3 Organisatorisk")


# -- generated chains -------------------------------------------------------------------

WORDS = ("søknad", "om", "bostøtte", "er", "sendt", "vedtak", "fattet", "Folkeregisteret",
         "Enhetsregisteret", "melding", "flytting", "innbygger", "registrert", "digital",
         "postkasse", "fullmakt", "arv", "skifte", "NAV", "Skatteetaten", "Ø", "WWWWWWWWWWWW")
STATES = {"b1": NeedState("B1", "Felles fullmaktsløsning", True, "Høy", 1, (MeasureState(
    "T1", "Fullmakt", date(2025, 1, 1), date(2026, 6, 30)),), False, 12.5),
    "b2": NeedState("B2", "Hendelser", True, "Lav", 7, (), None),
    "b9": NeedState("B9", "", False)}


@st.composite
def chain_maps_(draw: Any) -> ChainMap:
    count = draw(st.integers(1, 40))
    elements = []
    for i in range(count):
        level = draw(st.sampled_from((None, *BREAK_LEVELS)))
        elements.append(ChainElement(
            f"E{i}", "Stor kjede", float(draw(st.integers(1, 25))),
            draw(st.sampled_from(CHAIN_LAYERS)),
            " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))),
            Origin("x.xlsx", "Tjenestekjeder", i + 2),
            actor=draw(st.sampled_from((None, "NAV", "Skatteetaten", "Kommunen X Y Z" * 3))),
            triggers=tuple(f"E{j}" for j in draw(st.lists(st.integers(0, count - 1),
                                                          max_size=3))),
            break_level=level,
            break_text=draw(st.sampled_from(("", "Mangler felles begrep", "x " * 60)))
            if level else None,
            needs=tuple(draw(st.lists(st.sampled_from(("B1", "B2", "B9")), max_size=3)))
            if level else ()))
    (chain,) = chain_maps(elements, STATES)
    return chain


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chain_maps_(), st.sampled_from(("nb", "en")))
def test_generated_chains_keep_every_promise(chain: ChainMap, lang: str) -> None:
    check_layout(layout_chain(chain, as_of=AS_OF, source_name="behovskatalog.xlsx",
                              lang=lang))


def forty() -> ChainMap:
    elements = [ChainElement(f"E{i}", "Førti", float(i // 3), CHAIN_LAYERS[i % 4],
                             " ".join(WORDS[(i + k) % len(WORDS)] for k in range(i % 6 + 1)),
                             Origin("x.xlsx", "Tjenestekjeder", i + 2),
                             actor="NAV" if i % 4 == 2 else None,
                             triggers=(f"E{i + 1}", f"E{(i * 7) % 40}"),
                             break_level=BREAK_LEVELS[i % 4] if i % 5 == 0 else None,
                             break_text="Mangler" if i % 5 == 0 else None,
                             needs=("B1",) if i % 10 == 0 else ())
                for i in range(40)]
    (chain,) = chain_maps(elements, STATES)
    return chain


# -- against the renderer ---------------------------------------------------------------

@pytest.mark.parametrize(("which", "lang"), [("death", "nb"), ("forty", "nb"), ("forty", "en")])
def test_drawn_texts_stay_in_the_boxes_reserved_and_never_overlap(
        death: ChainLayout, which: str, lang: str) -> None:
    layout = death if which == "death" else layout_chain(forty(), as_of=AS_OF, lang=lang)
    check_layout(layout)
    with chart_style(SAVE_STYLE):
        figure = figure_for(layout)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = figure.axes[0]
        reserved = {(t.text, round(t.x, 9), round(t.y, 9)): t.box for t in layout.labels}
        drawn = [(t, t.get_window_extent(renderer)) for t in ax.texts if t.get_text()]
    checked = 0
    for artist, real in drawn:
        x, y = artist.get_position()
        box = reserved.get((artist.get_text(), round(x, 9), round(y, 9)))
        if box is None:
            continue  # the legend's letters sit in their marks
        (x0, y1), (x1, y0) = ax.transData.transform([(box.x0, box.y0), (box.x1, box.y1)])
        assert real.x0 >= x0 - 1 and real.x1 <= x1 + 1, artist.get_text()
        assert real.y0 >= y0 - 1.5 and real.y1 <= y1 + 1.5, artist.get_text()
        checked += 1
    assert checked == len([t for t in layout.labels if t.text])
    clashes = [(a.get_text(), b.get_text()) for (a, one), (b, other)
               in itertools.combinations(drawn, 2) if one.overlaps(other)]
    assert clashes == []


def test_the_svg_holds_every_element_s_text_and_the_bytes_repeat(death: ChainLayout) -> None:
    png, svg, pdf = chain_bytes(death, ["png", "svg", "pdf"])
    assert chain_bytes(death, ["png", "svg", "pdf"]) == [png, svg, pdf]
    assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
    root = ET.fromstring(svg)
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for element in death.chain.elements:
        assert element.text in texts, element.text
    assert "J1" in texts and "Ingen har foreslått å løse det." in texts
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}title").text == "Dødsfall og arv"  # type: ignore[union-attr]
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"element-K1", "element-K5"} <= ids


def test_a_forty_element_chain_fits_the_page_width_and_grows_taller() -> None:
    layout = layout_chain(forty(), as_of=AS_OF)
    assert layout.size[0] == PAGE_WIDTH and layout.size[1] > 8.27
    assert max(e.strip for e in layout.elements) >= 1  # 14 steps: more than one strip


def test_each_svg_box_has_a_tooltip_with_its_whole_text_and_break(death: ChainLayout) -> None:
    (svg,) = chain_bytes(death, ["svg"])
    root = ET.fromstring(svg)
    tips = {g.get("id"): "".join(g.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
            for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None}
    assert tips["element-K4"].startswith("K4 Stans av ytelser · NAV\nT2 Stans av ytelser (K4)")
    assert "B3 Fast: Lav, rang 3" in tips["element-K4"]
    assert tips["element-K1"] == "K1 Melder dødsfall"
