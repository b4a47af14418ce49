"""The chains' readiness chart: each break counted once at its furthest stage, drawn apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from okosys_plan.chains.model import ServiceChains
from okosys_plan.charts.chains.readiness import STAGES, layout_readiness, stage
from okosys_plan.charts.geometry import label_width
from okosys_plan.charts.save import figure_bytes, figure_for
from tests.chains.test_service_chains import DEATH, NEW, funded  # noqa: F401 (a fixture)

SVG = "{http://www.w3.org/2000/svg}"


def test_each_break_counts_once_at_its_furthest_stage(funded: ServiceChains) -> None:  # noqa: F811
    layout = layout_readiness(funded.maps, "nb")
    death, new = layout.rows
    assert (death.name, new.name) == (DEATH, NEW)
    # Dødsfall: K3 (B1 Høy, T3 planned, not funded), K4 (B3 Lav, T1 planned and funded),
    # K5 (no need), K6 (B99: no such need): planned 1, funded 1, no need 2.
    assert {s.stage: s.count for s in death.segments} == {0: 1, 1: 1, 4: 2}
    assert death.breaks == 4 and sum(s.count for s in death.segments) == 4
    assert new.breaks == 0 and new.segments == ()
    for row in layout.rows:
        x = 0.0
        for segment in row.segments:  # left to right, furthest stage first, no gaps
            assert segment.x0 == x
            x += segment.count
        assert [s.stage for s in row.segments] == sorted(s.stage for s in row.segments)
    assert [stage(b) for b in funded.maps[0].breaks] == [1, 0, 4, 4]


def test_counts_fit_their_segments_and_the_legend_names_every_stage(
        funded: ServiceChains) -> None:  # noqa: F811
    layout = layout_readiness(funded.maps, "en")
    plot = layout.size[0] - 2 * 0.25 - 1.9 - 0.15
    for row in layout.rows:
        for segment in row.segments:
            if segment.text:
                width = segment.count / layout.xlim[1] * plot
                assert label_width(segment.text, 8.5) < width
    assert [e.label for e in layout.legend] == [name for name, _, _ in STAGES]
    assert "Dødsfall og arv: 4 breaks — planned and funded: 1" in layout.description


def test_the_svg_says_the_chains_as_text(funded: ServiceChains) -> None:  # noqa: F811
    layout = layout_readiness(funded.maps, "nb")
    svg = figure_bytes(figure_for(layout), "svg", title=layout.texts.title,
                       description=layout.description)
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    assert DEATH in texts and NEW in texts and "Modenhet i tjenestekjedene" in texts
