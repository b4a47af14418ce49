"""Text measured once per process for SVG, not once per saved file.

Matplotlib measures every text it draws (width, height, descent) and caches the sizes per
renderer; a saved file gets a new renderer, so every SVG of a chart measured all its
labels again (a 400-bar roadmap: about 460 labels, 0.3–0.4 s of FreeType). For the SVG
renderer the sizes depend only on the text, its font properties and the font settings
(it lays text out at a fixed scale, unhinted), so ``remember_svg_text`` keeps them for
the process: the same file, byte for byte, without the repeated measuring. Other
renderers (PNG, PDF) are measured as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

#: At most this many sizes are kept; past it the memo starts again (labels repeat, so
#: a chart's redraws stay well within it).
LIMIT = 20_000
#: The font settings an SVG's text sizes depend on, beside the text's own properties.
FONT_SETTINGS = ("font.family", "font.sans-serif", "font.serif", "font.monospace",
                 "font.cursive", "font.fantasy", "text.hinting_factor", "text.kerning_factor")

_lock = threading.Lock()
_installed = False


def remember_svg_text() -> None:
    """Keep the SVG renderer's text sizes for the process (once; matplotlib ≥ 3.5)."""
    global _installed
    with _lock:
        if _installed:
            return
        import matplotlib.text

        measured = getattr(matplotlib.text, "_get_text_metrics_with_cache", None)
        if measured is None:  # pragma: no cover - a matplotlib without it measures as before
            return
        matplotlib.text._get_text_metrics_with_cache = _memo(measured)  # type: ignore[attr-defined]
        _installed = True


def _memo(measured: Callable[..., Any]) -> Callable[..., Any]:
    """``measured`` (matplotlib's per-renderer cache) with a process-wide memo for SVG."""
    import matplotlib
    from matplotlib.backends.backend_svg import RendererSVG

    sizes: dict[tuple[Any, ...], Any] = {}

    def metrics(renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float) -> Any:
        vector = getattr(renderer, "_vector_renderer", renderer)  # SVG's mixed-mode wrapper
        if type(vector) is not RendererSVG:
            return measured(renderer, text, fontprop, ismath, dpi)
        settings = tuple(_frozen(matplotlib.rcParams[k]) for k in FONT_SETTINGS)
        key = (text, fontprop.copy(), ismath, dpi, settings)
        found = sizes.get(key)
        if found is None:
            found = measured(renderer, text, fontprop, ismath, dpi)
            if len(sizes) >= LIMIT:
                sizes.clear()
            sizes[key] = found
        return found

    return metrics


def _frozen(value: Any) -> Any:
    """A setting as a key: lists as tuples."""
    return tuple(value) if isinstance(value, list) else value
