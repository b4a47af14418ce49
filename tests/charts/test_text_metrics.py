"""Text sizes remembered for SVG across saves: the same files, measured once."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties

import okosys_plan
from okosys_plan.charts import text_metrics
from okosys_plan.charts.roadmap.layout import layout_roadmap
from okosys_plan.charts.roadmap.save import roadmap_bytes
from okosys_plan.roadmap.items import roadmap_items
from okosys_plan.roadmap.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
#: The bundled roadmap as SVG bytes, in a process that never remembers text sizes.
PLAIN_SVG = f"""
import sys
from datetime import date
sys.path.insert(0, {str(ROOT)!r})
import okosys_plan
from okosys_plan.charts import text_metrics
text_metrics._installed = True  # as if installed: matplotlib measures as it always did
from okosys_plan.charts.roadmap.layout import layout_roadmap
from okosys_plan.charts.roadmap.save import roadmap_bytes
from okosys_plan.roadmap.items import roadmap_items
from okosys_plan.roadmap.settings import load_settings
settings = load_settings({str(ROOT / "roadmap" / "veikart.toml")!r})
catalogue = okosys_plan.load_catalogue({str(ROOT / "catalogue" / "behovskatalog.xlsx")!r})
layout = layout_roadmap(roadmap_items(catalogue, settings, None), settings,
                        as_of=date(2024, 6, 30))
sys.stdout.buffer.write(roadmap_bytes(layout, ["svg"])[0])
"""


def bundled_svg() -> bytes:
    from datetime import date

    settings = load_settings(ROOT / "roadmap" / "veikart.toml")
    catalogue = okosys_plan.load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    layout = layout_roadmap(roadmap_items(catalogue, settings, None), settings,
                            as_of=date(2024, 6, 30))
    return roadmap_bytes(layout, ["svg"])[0]


def test_an_svg_is_the_same_bytes_and_its_labels_are_measured_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    plain = subprocess.run([sys.executable, "-c", PLAIN_SVG], capture_output=True,
                           check=True).stdout
    first = bundled_svg()
    measured: list[str] = []
    original = RendererSVG.get_text_width_height_descent

    def counted(self: Any, s: str, prop: Any, ismath: Any) -> Any:
        measured.append(s)
        return original(self, s, prop, ismath)

    monkeypatch.setattr(RendererSVG, "get_text_width_height_descent", counted)
    again = bundled_svg()
    assert plain.startswith(b"<?xml") and b"<text" in plain
    assert first == plain and again == plain
    assert measured == []  # every label's size was remembered from the first save


def test_sizes_are_kept_per_font_setting_and_only_for_svg() -> None:
    calls: list[tuple[str, str]] = []

    def measured(renderer: Any, text: str, prop: Any, ismath: Any, dpi: float) -> Any:
        calls.append((type(renderer).__name__, text))
        return (len(text), 1.0, 0.0)

    metrics = text_metrics._memo(measured)
    svg, agg = RendererSVG(100, 100, io.StringIO()), RendererAgg(100, 100, 72)
    prop = FontProperties(size=9)
    for _ in range(2):
        assert metrics(svg, "Felles", prop, False, 100) == (6, 1.0, 0.0)
        assert metrics(agg, "Felles", prop, False, 100) == (6, 1.0, 0.0)
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Serif"]}):
        metrics(svg, "Felles", prop, False, 100)
    metrics(svg, "Felles", FontProperties(size=10), False, 100)
    assert calls == [("RendererSVG", "Felles"), ("RendererAgg", "Felles"),
                     ("RendererAgg", "Felles"), ("RendererSVG", "Felles"),
                     ("RendererSVG", "Felles")]
