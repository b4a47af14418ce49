"""Colours for charts: colour-blind-safe series colours and WCAG contrast checks. Pure.

Series colours are Paul Tol's "muted" scheme (https://personal.sron.nl/~pault/), nine
colours that stay distinct for the common forms of colour blindness, reordered so that
neighbours in a stacked bar differ in lightness as well as hue. When a chart has more
series than colours, the colours repeat with a hatch pattern (``series_style``), so every
series still looks different. Highlights in the rank-interval chart are the Okabe–Ito
blue and vermillion, always paired with a different marker shape, never colour alone.

Text is near-black on white (contrast 17:1, WCAG AA needs 4.5:1) and secondary text a
dark grey (7:1); graphical marks that carry meaning have at least 3:1 against white
(WCAG 2.1, 1.4.11).
"""

from __future__ import annotations

#: Paul Tol "muted": indigo, sand, teal, rose, cyan, wine, green, purple, olive.
MUTED: tuple[str, ...] = ("#332288", "#DDCC77", "#44AA99", "#CC6677", "#88CCEE",
                          "#882255", "#117733", "#AA4499", "#999933")
#: Hatches added on the second, third … round through the colours.
HATCHES: tuple[str, ...] = ("//", "\\\\", "xx", "..", "++", "--")
#: Okabe–Ito blue and vermillion: stable and uncertain ranks.
STABLE = "#0072B2"
UNCERTAIN = "#D55E00"
BACKGROUND = "#FFFFFF"
TEXT = "#1A1A1A"
SECONDARY_TEXT = "#4D4D4D"
REFERENCE = "#4D4D4D"  # reference lines (class thresholds, top K)
GRID = "#E3E3E3"
SEPARATOR = "#FFFFFF"  # thin line between segments of a stacked bar
BLACK = "#000000"
WHITE = "#FFFFFF"


def series_style(index: int) -> tuple[str, str, str]:
    """Colour, hatch ('' for none) and hatch colour of the ``index``-th series."""
    colour = MUTED[index % len(MUTED)]
    round_ = index // len(MUTED)
    hatch = HATCHES[(round_ - 1) % len(HATCHES)] if round_ else ""
    return colour, hatch, ink_for(colour) if hatch else ""


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_for(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``."""
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` moved ``share`` (0–1) of the way towards ``other``, as ``#RRGGBB``."""
    channels = [round(int(colour[i:i + 2], 16) * (1 - share) + int(other[i:i + 2], 16) * share)
                for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in channels)


def edge_for(fill: str, background: str = BACKGROUND, minimum: float = 3.0) -> str:
    """A darker shade of ``fill`` with at least ``minimum`` contrast against ``background``."""
    share = 0.0
    edge = fill
    while contrast_ratio(edge, background) < minimum and share < 1.0:
        share = round(share + 0.05, 2)
        edge = mix(fill, BLACK, share)
    return edge
