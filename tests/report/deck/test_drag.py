"""A planner drags one bar a quarter to the right, and its arrows follow (LibreOffice).

The deck's connectors are glued to their bars, so a presentation program routes them
again from where the bars are, not from the connector's own stored geometry. LibreOffice
Impress shows it: move a bar in the file, open it, and the connector ends at the bar's new
edge (its OpenDocument export writes the routed end point).
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx.util import Emu

from okosys_plan.report.deck.shapes import EMU_PER_INCH
from tests.charts.test_roadmap_chart import generated
from tests.report.deck.libreoffice import IMPRESS, REASON, SOFFICE
from tests.report.deck.test_roadmap_slides import A, P, bars, deck_of, layout_of

pytestmark = pytest.mark.skipif(not IMPRESS, reason=REASON)
CM_PER_INCH = 2.54


def connectors(odp: bytes) -> list[dict[str, str]]:
    """Each connector of the OpenDocument presentation: its attributes."""
    content = zipfile.ZipFile(io.BytesIO(odp)).read("content.xml").decode()
    return [dict(re.findall(r'([\w:-]+)="([^"]*)"', tag))
            for tag in re.findall(r"<draw:connector\b[^>]*>", content)]


def cm(value: str) -> float:
    assert value.endswith("cm"), value
    return float(value[:-2])


def test_moving_a_bar_moves_the_end_of_its_glued_connector(tmp_path: Path) -> None:
    items = generated(12, seed=2)
    deck = deck_of(layout_of(items))
    slide = deck.slides[0]
    shapes = bars(slide, {i.id for i in items})
    by_id = {shape.shape_id: shape for shape in shapes.values()}
    glued = [s for s in slide.shapes if s._element.tag == f"{P}cxnSp"
             and s._element.find(f".//{A}endCxn") is not None]
    into_start = [s for s in glued if s._element.find(f".//{A}endCxn").get("idx") == "1"]
    assert into_start, "the test needs a finish-to-start dependency on the first slide"
    target: Any = by_id[int(into_start[0]._element.find(f".//{A}endCxn").get("id"))]
    quarter = min(abs(a.left - b.left) for a in shapes.values() for b in shapes.values()
                  if a.left != b.left)  # at least a quarter apart: the grid's step
    moved_to = target.left + quarter
    target.left = Emu(moved_to)
    source = tmp_path / "dratt.pptx"
    deck.save(str(source))
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", "--convert-to", "odp", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=180)
    found = connectors((tmp_path / "dratt.odp").read_bytes())
    ends = [cm(c["svg:x2"]) for c in found if "draw:end-shape" in c]
    assert len(ends) == len(glued)  # every connector kept its glue
    new_left = moved_to / EMU_PER_INCH * CM_PER_INCH
    assert min(abs(end - new_left) for end in ends) < 0.05, (ends, new_left)
