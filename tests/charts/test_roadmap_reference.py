"""Reference periods on the roadmap (the adopted baseline): ghost bars, shift labels, layout."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.charts.roadmap.layout import layout_roadmap, roadmap_document
from okosys_plan.charts.roadmap.model import Box, RoadmapLayout
from okosys_plan.charts.roadmap.reference import Reference, shift_label
from okosys_plan.charts.roadmap.save import roadmap_bytes
from okosys_plan.charts.roadmap.text_alternative import markdown_text, roadmap_table
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.roadmap.settings import RoadmapSettings, load_settings
from tests.charts.test_roadmap_chart import AS_OF, generated, item, quarter

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
RULES = load_settings(ROOT / "roadmap" / "veikart.toml")


def shifted(items: list[RoadmapItem], shifts: list[tuple[int, int] | None]
            ) -> dict[str, tuple[date, date]]:
    """Reference periods: each item's period moved back by (start, end) quarters; None: new."""
    periods = {}
    for one, shift in zip(items, shifts, strict=False):
        if shift is None or one.start is None or one.end is None:
            continue
        start = one.start - timedelta(days=91 * shift[0])
        end = max(start + timedelta(days=30), one.end - timedelta(days=91 * shift[1]))
        periods[one.id] = (start, end)
    return periods


def gone(count: int) -> list[RoadmapItem]:
    return [item(f"X{n}", quarter(2022 + n % 4, 1 + n % 4),
                 quarter(2022 + n % 4, 1 + n % 4) + timedelta(days=200), title=f"Utgått {n}")
            for n in range(count)]


def check_no_overlaps(layout: RoadmapLayout) -> None:
    """Ghosts and their labels overlap no bar, no other ghost and no label; labels none."""
    bars = [b.box for b in layout.bars]
    ghosts = [g.box for g in layout.ghosts if g.drawn]
    labels = [t.box for t in layout.labels if t.kind not in ("lane", "year", "quarter")]
    for one, other in itertools.combinations([*ghosts, *bars], 2):
        assert not one.overlaps(other), (one, other)
    for one, other in itertools.combinations(labels, 2):
        assert not one.overlaps(other), (one, other)
    for ghost in layout.ghosts:
        for box in [*bars, *ghosts]:
            for tag in (ghost.label, ghost.name):
                if tag is not None:
                    assert not tag.box.overlaps(box), (tag.text, box)
        for bar in layout.bars:
            if ghost.drawn and bar.id == ghost.id:
                assert ghost.box.y0 >= bar.box.y1, ghost.id  # under its own bar
    for ghost in layout.ghosts:
        for tag in layout.labels:
            if ghost.drawn:
                assert not tag.box.overlaps(ghost.box), (tag.text, ghost.id)
    plot = layout.plot_box
    assert all(Box.inside(b, plot) for b in ghosts)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 45), st.lists(st.one_of(st.none(), st.tuples(st.integers(-4, 4),
                                                                    st.integers(-4, 4))),
                                    min_size=45, max_size=45),
       st.integers(0, 4), st.sampled_from(["tema", "status"]), st.integers(1, 50),
       st.sampled_from(["nb", "en"]))
def test_ghosts_and_shift_labels_never_overlap_bars_or_each_other(
        count: int, shifts: list[tuple[int, int] | None], dropped: int, group_by: str,
        seed: int, lang: str) -> None:
    items = generated(count, seed)
    only = gone(dropped)
    periods = {**shifted(items, shifts), **{g.id: (g.start, g.end) for g in only
                                            if g.start and g.end}}
    layout = layout_roadmap(items, RULES, as_of=AS_OF, group_by=group_by, lang=lang,
                            reference=Reference(periods, "Vedtatt veikart", only))
    check_no_overlaps(layout)
    assert len([g for g in layout.ghosts if g.alone]) == dropped
    for ghost in layout.ghosts:
        if ghost.alone or not ghost.drawn:
            continue
        expected = shift_label(ghost.start_shift, ghost.end_shift, lang)
        assert ghost.label is None or ghost.label.text == expected


def test_an_equal_reference_draws_no_shift_and_a_moved_one_says_quarters() -> None:
    items = [item("A", quarter(2023, 1), quarter(2024, 1) - timedelta(days=1)),
             item("B", quarter(2023, 3), quarter(2024, 3) - timedelta(days=1)),
             item("C", quarter(2024, 1), quarter(2024, 2) - timedelta(days=1))]
    periods = {"A": (quarter(2023, 1), quarter(2024, 1) - timedelta(days=1)),
               "B": (quarter(2023, 1), quarter(2024, 1) - timedelta(days=1)),
               "D": (quarter(2022, 1), quarter(2022, 3))}
    only = [item("D", quarter(2022, 1), quarter(2022, 3), title="Borte")]
    layout = layout_roadmap(items, RULES, as_of=AS_OF,
                            reference=Reference(periods, "Vedtatt veikart", only))
    ghosts = {g.id: g for g in layout.ghosts}
    assert ghosts["A"].label is None and (ghosts["A"].start_shift, ghosts["A"].end_shift) == (
        0, 0)
    assert ghosts["B"].label is not None and ghosts["B"].label.text == "+2 kv."
    assert ghosts["C"].label is not None and ghosts["C"].label.text == "ny"
    assert not ghosts["C"].drawn
    assert ghosts["D"].alone and ghosts["D"].name is not None
    assert "D" not in {b.id for b in layout.bars}
    assert any(e.label == "Vedtatt veikart" and e.hatch for e in layout.legend)
    assert any("Vedtatt veikart" in n for n in layout.texts.notes)
    check_no_overlaps(layout)
    svg = ET.fromstring(roadmap_bytes(layout, ["svg"])[0])
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "+2 kv." in texts and "ny" in texts and "D Borte" in texts
    assert svg.find(f".//{SVG}g[@id='ghost-B']") is not None
    table = markdown_text(roadmap_table(layout))
    assert "## Vedtatt veikart" in table and "- B: Vedtatt veikart" in table and "+2 kv." in table
    assert "D: i Vedtatt veikart" in table
    assert "+2 kv." in layout.description
    document = roadmap_document(layout)
    assert document["reference"]["label"] == "Vedtatt veikart"
    assert {g["id"]: g["end_shift"] for g in document["reference"]["ghosts"]}["B"] == 2


def test_a_reference_in_english_and_shifts_off() -> None:
    items = [item("B", quarter(2023, 3), quarter(2024, 3) - timedelta(days=1))]
    periods = {"B": (quarter(2023, 2), quarter(2024, 1) - timedelta(days=1))}
    layout = layout_roadmap(items, RULES, as_of=AS_OF, lang="en",
                            reference=Reference(periods, "Base plan"))
    assert layout.ghosts[0].label is not None
    assert layout.ghosts[0].label.text == "start +1 qtr., end +2 qtr."
    quiet = layout_roadmap(items, RULES, as_of=AS_OF,
                           reference=Reference(periods, "Base plan", shifts=False))
    assert quiet.ghosts[0].label is None and quiet.ghosts[0].drawn


def test_without_a_reference_nothing_changes() -> None:
    items = generated(12)
    plain = layout_roadmap(items, RULES, as_of=AS_OF)
    assert plain.ghosts == () and plain.reference_label == ""
    assert roadmap_document(plain)["reference"] is None
    rows = layout_roadmap(items, RULES, as_of=AS_OF, reference=Reference({}, "x"))
    assert rows.size[1] >= plain.size[1]  # the ghost band makes each row taller


def test_a_ghost_outside_the_horizon_is_clipped() -> None:
    rules = RoadmapSettings(start_year=2023, end_year=2024)
    one = item("A", quarter(2023, 1), quarter(2023, 4))
    layout = layout_roadmap([replace(one)], rules, as_of=AS_OF, reference=Reference(
        {"A": (date(2020, 1, 1), date(2023, 6, 30))}, "Vedtatt"))
    ghost = layout.ghosts[0]
    assert ghost.x0 == 2023.0 and ghost.drawn
    check_no_overlaps(layout)
