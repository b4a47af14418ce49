"""Turn chart layouts into figures and files: PNG, SVG or PDF, the same bytes every run.

Every file carries a text alternative (the layout's ``description``): a ``<title>`` and
``<desc>`` in SVG, Title and Description text chunks in PNG, Title and Subject in PDF.
SVG keeps its text as ``<text>`` (not paths), so screen readers and tests can read it.
"""

from __future__ import annotations

import contextlib
import io
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from okosys_plan.charts.draw import STYLE, draw_bars, draw_intervals
from okosys_plan.charts.geometry import MARGIN, language
from okosys_plan.charts.keyfigures import KeyFigureLayout
from okosys_plan.charts.keyfigures_draw import draw_key_figures
from okosys_plan.charts.layout import (
    BarLayout,
    IntervalLayout,
    layout_contributions,
    layout_rank_intervals,
)
from okosys_plan.charts.roadmap_draw import draw_roadmap
from okosys_plan.charts.roadmap_model import RoadmapLayout
from okosys_plan.errors import UsageError
from okosys_plan.export.files import check_target, write_bytes_atomic, xml_text
from okosys_plan.scoring import Ranking
from okosys_plan.sensitivity import Sensitivity

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

#: Formats by file suffix.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
PNG_DPI = 200
#: Saving settings: SVG text stays text, a fixed hash salt for SVG ids, TrueType in PDF.
SAVE_STYLE: dict[RcKeyType, Any] = {
    **STYLE, "svg.fonttype": "none", "svg.hashsalt": "okosys-plan", "pdf.fonttype": 42}
_INTERVAL_SUFFIX = {"nb": "rangintervall", "en": "rank-intervals"}

Layout = BarLayout | IntervalLayout | RoadmapLayout | KeyFigureLayout
#: How each kind of layout is drawn; a new chart registers its draw function here.
DRAWERS: dict[type[Any], Callable[[Axes, Any], None]] = {
    BarLayout: draw_bars,
    IntervalLayout: draw_intervals,
    RoadmapLayout: draw_roadmap,
    KeyFigureLayout: draw_key_figures,
}


def figure_for(layout: Layout) -> Figure:
    """A new figure of the layout's size with the layout drawn on it.

    A layout that places its own Axes (``axes_box``) gets a figure without a layout
    engine; the others are arranged by constrained layout.
    """
    with chart_style(STYLE):
        if hasattr(layout, "axes_box"):
            figure = Figure(figsize=layout.size)
            axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        else:
            engine = ConstrainedLayoutEngine(w_pad=MARGIN, h_pad=MARGIN / 2, wspace=0,
                                             hspace=0)
            figure = Figure(figsize=layout.size, layout=engine)
            axes = figure.add_subplot()
        DRAWERS[type(layout)](axes, layout)
    return figure


@contextlib.contextmanager
def chart_style(settings: dict[RcKeyType, Any]) -> Iterator[None]:
    """Matplotlib's defaults plus ``settings`` for the block, whatever the user's matplotlibrc."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(settings)
        yield


def chart_format(path: Path) -> str:
    """The format a chart at ``path`` is written in, from its suffix; UsageError if none."""
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    shown = suffix or "(none)"
    raise UsageError(
        "bad-option", f"{path}: a chart is written as .png, .svg or .pdf, not {shown}",
        text=f"{path}: et diagram skrives som .png, .svg eller .pdf, ikke {shown}")


def figure_bytes(figure: Figure, fmt: str, *, title: str = "", description: str = "") -> bytes:
    """The figure as a PNG, SVG or PDF file's bytes, the same for the same figure."""
    buffer = io.BytesIO()
    with chart_style(SAVE_STYLE), warnings.catch_warnings():
        # A character the font lacks is drawn as a box; that is no reason to alarm a user.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI,
                       metadata=_metadata(fmt, title, description))
    data = buffer.getvalue()
    if fmt != "svg":
        return data
    # A control character from a catalogue cell would make the SVG ill-formed XML.
    svg = _accessible_svg(data, title, description)
    return xml_text(svg.decode("utf-8")).encode("utf-8")


def save_figure(figure: Figure, path: Path, *, title: str = "", description: str = "") -> None:
    """Write the figure to ``path`` (.png, .svg or .pdf) deterministically and atomically."""
    write_bytes_atomic(path, figure_bytes(figure, chart_format(path), title=title,
                                          description=description))


def chart_paths(path: Path, with_intervals: bool, lang: str = "nb") -> list[Path]:
    """The contributions chart at ``path``, then the rank-interval chart beside it if asked."""
    if not with_intervals:
        return [path]
    return [path, path.with_name(f"{path.stem}-{_INTERVAL_SUFFIX[language(lang)]}"
                                 f"{path.suffix}")]


def write_priority_charts(path: Path, ranking: Ranking, sensitivity: Sensitivity | None = None,
                          *, top_n: int = 20, lang: str = "nb", force: bool = False,
                          inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write the contributions chart to ``path`` and, with ``sensitivity``, the intervals.

    Every target is checked (suffix, existing file, not an input) and every chart drawn
    before the first file is written, so a refusal never leaves half a set behind.
    """
    path = Path(path)
    targets = chart_paths(path, sensitivity is not None, lang)
    formats = [chart_format(t) for t in targets]
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    layouts: list[Layout] = [layout_contributions(ranking, top_n, lang)]
    if sensitivity is not None:
        layouts.append(layout_rank_intervals(ranking, sensitivity, top_n, lang))
    files = [figure_bytes(figure_for(layout), fmt, title=layout.texts.title,
                          description=layout.description)
             for layout, fmt in zip(layouts, formats, strict=True)]
    for target, data in zip(targets, files, strict=True):
        write_bytes_atomic(target, data)
    return targets


def _metadata(fmt: str, title: str, description: str) -> dict[str, str | None]:
    """Metadata without dates or versions, with the text alternative where it fits."""
    if fmt == "png":
        return {"Software": None, "Title": title, "Description": description}
    if fmt == "svg":
        return {"Date": None, "Creator": "okosys-plan"}  # the <title> is added afterwards
    return {"CreationDate": None, "ModDate": None, "Creator": "okosys-plan",
            "Producer": "okosys-plan", "Title": title, "Subject": description}


def _accessible_svg(data: bytes, title: str, description: str) -> bytes:
    """Add ``<title>`` and ``<desc>`` as the first children of the root ``<svg>``."""
    start = data.find(b"<svg")
    end = data.find(b">", start) + 1
    if start < 0 or end <= 0:
        return data
    parts = []
    for tag, text in (("title", title), ("desc", description)):
        if text:
            element = ET.Element(tag, {"id": f"chart-{tag}"})
            element.text = text
            parts.append(ET.tostring(element, encoding="unicode"))
    if not parts:
        return data
    opening = data[:end].replace(b"<svg ", b'<svg role="img" aria-labelledby="chart-title" '
                                 b'aria-describedby="chart-desc" ', 1)
    return opening + b"\n " + "".join(parts).encode() + data[end:]
