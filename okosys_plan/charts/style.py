"""The matplotlib settings every chart is drawn and saved with, and a hatch helper."""

from __future__ import annotations

from typing import Any

from matplotlib.patches import Patch

from okosys_plan.charts import palette

#: rcParams settings by name. Keys typed Any: matplotlib 3.11's stubs name them
#: (``matplotlib.typing.RcKeyType``), 3.10's do not, and both must type-check.
RcSettings = dict[Any, Any]

#: Matplotlib settings every chart is drawn and saved with (applied in a ``rc_context``).
STYLE: RcSettings = {
    "font.family": "sans-serif",  # SVG: "DejaVu Sans", then any sans-serif font
    "font.sans-serif": ["DejaVu Sans"],
    "text.parse_math": False,  # a title with "$" is text, not mathematics
    "text.color": palette.TEXT,
    "axes.labelcolor": palette.TEXT,
    "axes.edgecolor": palette.SECONDARY_TEXT,
    "xtick.color": palette.SECONDARY_TEXT,
    "ytick.color": palette.SECONDARY_TEXT,
    "xtick.labelcolor": palette.TEXT,
    "ytick.labelcolor": palette.TEXT,
    "figure.facecolor": palette.BACKGROUND,
    "axes.facecolor": palette.BACKGROUND,
    "savefig.facecolor": palette.BACKGROUND,
    "hatch.linewidth": 0.8,
    # Unhinted glyphs keep the font's own widths, which geometry.label_width bounds from
    # above (hinted ones came out up to 8 % wider at some sizes); they also make the PNG's
    # text a third quicker to render. SVG and PDF are the same either way.
    "text.hinting": "no_hinting",
}


def hatch_colour(patch: Patch, colour: str) -> None:
    """Give a hatched patch its own hatch colour (matplotlib ≥ 3.10; else the edge's)."""
    if hasattr(patch, "set_hatchcolor"):
        patch.set_hatchcolor(colour)
    else:  # pragma: no cover - older matplotlib draws hatches in the edge colour
        patch.set_edgecolor(colour)
