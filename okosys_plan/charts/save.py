"""Turn chart layouts into figures and files: PNG, SVG or PDF, the same bytes every run.

Every file carries a text alternative (the layout's ``description``): a ``<title>`` and
``<desc>`` in SVG, Title and Description text chunks in PNG, Title and Subject in PDF.
SVG keeps its text as ``<text>`` (not paths), so screen readers and tests can read it.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from okosys_plan.charts.forked import save_formats, split
from okosys_plan.charts.geometry import MARGIN
from okosys_plan.charts.style import STYLE, RcSettings
from okosys_plan.charts.text_metrics import remember_svg_text
from okosys_plan.errors import UsageError
from okosys_plan.export.files import write_bytes_atomic, xml_text
from okosys_plan.text.later import Alternatives, msg

#: Formats by file suffix.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
PNG_DPI = 200
#: A PNG that would pass this many pixels at 200 dpi is saved at a lower resolution, but
#: never below 150 dpi (6 pt text stays 12 px high): a 400-bar roadmap is 56 in tall, and
#: at 200 dpi its PNG took 26 Mpx, 105 MB of canvas and 4 MB of file.
PNG_PIXELS = 15_000_000
MIN_PNG_DPI = 150
#: Saving settings: SVG text stays text, a fixed hash salt for SVG ids, TrueType in PDF.
SAVE_STYLE: RcSettings = {
    **STYLE, "svg.fonttype": "none", "svg.hashsalt": "okosys-plan", "pdf.fonttype": 42}


class Layout(Protocol):
    """What every chart's layout offers: its size, texts, text alternative, and a draw."""

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in inches."""

    @property
    def description(self) -> str:
        """The text alternative."""

    def draw(self, axes: Axes) -> None:
        """Draw the layout on ``axes`` (each chart's folder has its draw module)."""


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
        layout.draw(axes)
        settle(figure)
    return figure


def settle(figure: Figure) -> None:
    """Arrange the figure by its layout engine once, then keep that arrangement.

    Left in place, the engine would run again at every save (a dry draw measuring every
    text); settled here, each file is one draw and every format gets the same positions.
    Call it inside ``chart_style``.
    """
    engine = figure.get_layout_engine()
    if engine is not None:
        with quiet_glyphs():
            engine.execute(figure)
        figure.set_layout_engine(None)


@contextlib.contextmanager
def quiet_glyphs() -> Iterator[None]:
    """No warning for a character the font lacks: it is drawn as a box, no reason to alarm."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        yield


@contextlib.contextmanager
def chart_style(settings: RcSettings) -> Iterator[None]:
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
    raise UsageError.bad_option("{path}: a chart is written as {formats}, not {suffix}",
                                path=path, formats=Alternatives(tuple(FORMATS)),
                                suffix=suffix or msg("(no suffix)"))


def figure_bytes(figure: Figure, fmt: str, *, title: str = "", description: str = "") -> bytes:
    """The figure as a PNG, SVG or PDF file's bytes, the same for the same figure."""
    if fmt == "svg":
        remember_svg_text()
    buffer = io.BytesIO()
    with chart_style(SAVE_STYLE), quiet_glyphs():
        figure.savefig(buffer, format=fmt, dpi=png_dpi(figure) if fmt == "png" else PNG_DPI,
                       metadata=_metadata(fmt, title, description))
    data = buffer.getvalue()
    if fmt != "svg":
        return data
    # A control character from a catalogue cell would make the SVG ill-formed XML.
    svg = _accessible_svg(data, title, description)
    return xml_text(svg.decode("utf-8")).encode("utf-8")


def png_dpi(figure: Figure) -> int:
    """200 dpi, or less for a figure so large its PNG would pass ``PNG_PIXELS`` (≥ 150)."""
    width, height = figure.get_size_inches()
    fits = math.floor(math.sqrt(PNG_PIXELS / (width * height)))
    return max(MIN_PNG_DPI, min(PNG_DPI, fits))


def save_figure(figure: Figure, path: Path, *, title: str = "", description: str = "") -> None:
    """Write the figure to ``path`` (.png, .svg or .pdf) deterministically and atomically."""
    write_bytes_atomic(path, figure_bytes(figure, chart_format(path), title=title,
                                          description=description))


def charts_bytes(layouts: Sequence[Any], formats: Sequence[str],
                 draw: Callable[[Any], Figure] | None = None) -> list[list[bytes]]:
    """Each layout drawn once (by ``draw``, ``figure_for`` if None) and saved in each format.

    The files by layout, then by format. On two cores the work is shared with a forked
    child (``forked``): one layout's PNG, or, with several layouts, the later ones whole.
    """
    drawer = draw or figure_for

    def saved(chosen: Sequence[Any]) -> list[bytes]:
        """The chosen layouts, each drawn and saved in every format, one after another."""
        files = []
        for layout in chosen:
            figure = drawer(layout)
            files += [figure_bytes(figure, fmt, title=layout.texts.title,
                                   description=layout.description) for fmt in formats]
        return files

    if len(layouts) == 1:
        figure = drawer(layouts[0])
        return [save_formats(lambda fmt: figure_bytes(
            figure, fmt, title=layouts[0].texts.title, description=layouts[0].description),
            formats)]
    here, there = split(lambda: saved(layouts[:1]), lambda: saved(layouts[1:]))
    files = here + there
    return [files[i * len(formats):(i + 1) * len(formats)] for i in range(len(layouts))]


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
