"""Plain building blocks every chart layout shares: texts, legend entries, lines, sizes. Pure.

Sizes are inches, font sizes points. Text widths are estimated from character counts
(DejaVu Sans averages a little over half an em per character); the drawing tests check
the estimates against the real renderer.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from typing import Literal

from okosys_plan.text.numbers import number, percent_text

#: Width of every chart: the text width of an A4 page with 2.5 cm margins plus a little.
FIGURE_WIDTH = 8.0
#: Height per bar or row; labels are 9 pt, so rows never crowd (at least 0.3 in each).
ROW_HEIGHT = 0.34
TITLE_PT = 13.0
SUBTITLE_PT = 9.5
TEXT_PT = 9.0
NOTE_PT = 8.0
#: Average character width of DejaVu Sans in ems (measured on Norwegian titles: 0.55).
EM_PER_CHAR = 0.58
#: Longest row label, in characters ("12. B12 Felles innlogging for …").
LABEL_MAX = 46
ELLIPSIS = "…"
#: Vertical space (inches) above the plot for title, subtitle and line labels, and
#: below it for the tick labels and axis label.
HEADER_HEIGHT = 0.95
AXIS_HEIGHT = 0.55
LEGEND_ROW_HEIGHT = 0.24
NOTE_ROW_HEIGHT = 0.17
MARGIN = 0.25
LEGEND_HANDLE_EMS = 3.6  # handle, its padding and the gap to the next column

Language = Literal["nb", "en"]


#: Tolerance for touching boxes: edges that meet do not overlap.
EPSILON = 1e-9


@dataclass(frozen=True)
class Box:
    """A rectangle: ``x0 ≤ x1``, ``y0 ≤ y1`` (in a chart's own units, y often down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share more than an edge."""
        return (self.x0 < other.x1 - EPSILON and other.x0 < self.x1 - EPSILON
                and self.y0 < other.y1 - EPSILON and other.y0 < self.y1 - EPSILON)

    def inside(self, outer: Box) -> bool:
        """True when this box lies within ``outer``."""
        return (self.x0 >= outer.x0 - EPSILON and self.x1 <= outer.x1 + EPSILON
                and self.y0 >= outer.y0 - EPSILON and self.y1 <= outer.y1 + EPSILON)

    def as_list(self) -> list[float]:
        """[x0, y0, x1, y1], rounded for JSON."""
        return [round(v, 6) for v in (self.x0, self.y0, self.x1, self.y1)]


@dataclass(frozen=True)
class Texts:
    """The words around a chart: title, subtitle, x-axis label and footnote lines."""

    title: str
    subtitle: str
    xlabel: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegendEntry:
    """One legend entry: a filled patch, a line or a marker, with its label."""

    label: str
    colour: str
    kind: Literal["patch", "line", "marker", "arrow"] = "patch"
    hatch: str = ""
    hatch_colour: str = ""
    marker: str = ""
    edge: str = ""  # a patch's edge colour ("" for the chart's default)
    dashed: bool = False  # a dashed edge or line


@dataclass(frozen=True)
class RefLine:
    """A vertical reference line at ``x`` (data units) with a label above the plot."""

    x: float
    label: str
    colour: str
    #: Where the label sits: centred over the line, or ending at it ("right", for a line
    #: near the plot's right edge, where a centred label would run into what is beside it).
    align: str = "center"


def language(lang: str) -> Language:
    """'en' for English, else 'nb' (Norwegian bokmål, the default)."""
    return "en" if lang == "en" else "nb"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word, ending in ' …' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = max(1, limit - 2)
    cut = text[:room + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space >= room // 2 else text[:room]
    head = head.rstrip(" ,.;:–-")
    return f"{head} {ELLIPSIS}" if head else text[:limit - 1] + ELLIPSIS


def text_width(text: str, points: float) -> float:
    """Estimated width in inches of one line of ``text`` at ``points``."""
    return len(text) * EM_PER_CHAR * points / 72


#: Advance widths of DejaVu Sans in ems, each rounded up to the next 0.05 (measured with
#: FreeType), so estimates err on the wide side by a few per cent; other characters 1 em.
_EMS: dict[str, float] = {
    char: ems for ems, chars in (
        (0.30, "ijl'IJ"), (0.35, ",. ’‘·/:;\\|"), (0.40, "f-t()[]"), (0.45, "!r"),
        (0.50, "*_`–§\""), (0.55, "“”szc?"), (0.60, "LkFvxy"),
        (0.65, "PaeoTYøåéèöä«»0123456789bdghnpquES${}üÉK"), (0.70, "ABVXZÅCR"),
        (0.80, "UNHDG&OQØw"), (0.85, "#+<=>^~M"))
    for char in chars}
_BOLD_FACTOR = 1.25  # bold is up to 24 % wider (t, f, i)


def label_width(text: str, points: float, bold: bool = False) -> float:
    """Width in inches of ``text`` at ``points`` in DejaVu Sans, estimated on the wide side."""
    ems = sum(map(_EMS.get, text, repeat(1.0)))
    return ems * points / 72 * (_BOLD_FACTOR if bold else 1.0)


def fit_text(text: str, width: float, points: float, bold: bool = False) -> str:
    """``text`` shortened (at a word, with ' …') until its estimated width fits ``width``.

    The result is the longest ``shorten(text, limit)`` that fits, as if every limit were
    tried from the whole text down (``limit`` 1 if none fits). The cuts' widths grow with
    the limit (see ``_Cuts``), so the limit is found by a galloping search from the short
    end: the work is linear in the text's length, and mostly in the part that fits.
    """
    text = " ".join(text.split())
    scale = points / 72 * (_BOLD_FACTOR if bold else 1.0)
    narrowest = len(text) * _NARROWEST * (1 - 1e-9) * scale  # a bound: no need to add up
    if len(text) <= 1 or (narrowest <= width and label_width(text, points, bold) <= width):
        return text
    return shorten(text, _Cuts(text, points, bold).longest(width))


#: Characters ``shorten`` strips from the end of a cut before it adds ' …'.
_CUT_STRIP = frozenset(" ,.;:–-")
#: The narrowest character's width in ems.
_NARROWEST = min(_EMS.values())


class _Cuts:
    """The cuts ``shorten`` makes of one normalised ``text`` (longer than any limit tried).

    For a limit below the text's length, ``shorten`` keeps ``text[:end]`` and adds ' …',
    where ``end`` never falls as the limit grows (the last space within the room moves
    right, or the cut is hard at the room itself; stripping keeps that order), or, while
    ``end`` is 0, keeps ``text[:limit - 1]`` and adds '…'. Within each of those two runs
    the width grows with the limit, so a search in each finds what trying every limit
    downwards would: the first run's answer if it has one, else the second's.
    ``prefix(k)`` is the width of ``text[:k]`` added up left to right, as ``label_width``
    adds it, extended only as far as the search looks.
    """

    def __init__(self, text: str, points: float, bold: bool) -> None:
        self.text, self.points, self.bold = text, points, bold
        self.ems = [0.0]
        self.tail = (_EMS[" "], _EMS.get(ELLIPSIS, 1.0))

    def prefix(self, k: int) -> float:
        """The width in ems of ``text[:k]``."""
        done = len(self.ems) - 1
        if k > done:
            upto = min(len(self.text), max(k, 2 * done, 64))
            self.ems += accumulate(map(_EMS.get, self.text[done:upto], repeat(1.0)),
                                   initial=self.ems[-1])
            del self.ems[done + 1]  # the initial value, already there
        return self.ems[k]

    def end(self, limit: int) -> int:
        """Where the head that ``shorten(text, limit)`` keeps ends (0: none is kept)."""
        room = max(1, limit - 2)
        space = self.text.rfind(" ", 0, room + 1)
        end = space if space >= room // 2 else room
        while end and self.text[end - 1] in _CUT_STRIP:
            end -= 1
        return end

    def fits(self, limit: int, width: float) -> bool:
        """Whether ``shorten(text, limit)`` fits ``width``."""
        end = self.end(limit)
        ems = (self.prefix(end) + self.tail[0] + self.tail[1] if end
               else self.prefix(limit - 1) + self.tail[1])
        inches = ems * self.points / 72 * (_BOLD_FACTOR if self.bold else 1.0)
        if abs(inches - width) > 1e-9 * max(1.0, abs(width)):
            return inches <= width
        # a near tie: decide as label_width does on the cut itself
        return label_width(shorten(self.text, limit), self.points, self.bold) <= width

    def longest(self, width: float) -> int:
        """The largest limit below the text's length whose cut fits, else 1."""
        top = len(self.text) - 1
        headless = _last(2, top, lambda k: self.end(k) == 0)  # limits 2 … headless: no head
        for low, high in ((headless + 1, top), (2, headless)):
            found = _last(low, high, lambda k: self.fits(k, width))
            if found >= low:
                return found
        return 1


def _last(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The largest k in low … high for which ``holds`` (true up to a point), else low − 1.

    Galloping from ``low``: steps of 1, 2, 4 … until it fails, then halving, so the
    search looks at most about twice as far as the answer.
    """
    if low > high or not holds(low):
        return low - 1
    good, step = low, 1
    while good + step <= high and holds(good + step):
        good += step
        step *= 2
    bad = min(good + step, high + 1)
    while bad - good > 1:
        middle = (good + bad) // 2
        if holds(middle):
            good = middle
        else:
            bad = middle
    return good


def wrap_lines(text: str, width: float, points: float, bold: bool = False,
               max_lines: int = 3) -> tuple[str, ...]:
    """``text`` broken at spaces into at most ``max_lines`` lines that fit ``width`` inches.

    Each word's width is added to its line's once (left to right, as ``label_width``
    adds), so the wrapping is linear in the text's length; so is the fit of the last line.
    """
    lines: list[str] = []
    line_ems = 0.0
    for word in text.split():
        if lines:
            ems = line_ems + _EMS[" "]
            for char in word:
                ems += _EMS.get(char, 1.0)
            inches = ems * points / 72 * (_BOLD_FACTOR if bold else 1.0)
            near = abs(inches - width) <= 1e-9 * max(1.0, abs(width))
            if (label_width(f"{lines[-1]} {word}", points, bold) <= width if near
                    else inches <= width):
                lines[-1], line_ems = f"{lines[-1]} {word}", ems
                continue
        lines.append(word)
        line_ems = sum(_EMS.get(char, 1.0) for char in word)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return tuple(fit_text(line, width, points, bold) for line in lines)


def wrap(text: str, width: float, points: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` inches (estimated)."""
    columns = max(10, int(width * 72 / (EM_PER_CHAR * points)))
    return tuple(textwrap.wrap(text, columns, break_on_hyphens=False))


def legend_columns(labels: Sequence[str], width: float = FIGURE_WIDTH - 2 * MARGIN,
                   points: float = TEXT_PT) -> int:
    """How many legend columns of these labels fit side by side in ``width`` inches."""
    if not labels:
        return 1
    column = max(text_width(label, points) for label in labels) + LEGEND_HANDLE_EMS * points / 72
    return max(1, min(len(labels), int(width // column)))


def figure_height(rows: int, legend_rows: int, note_lines: int) -> float:
    """Height in inches that gives each of ``rows`` at least ``ROW_HEIGHT``."""
    return round(HEADER_HEIGHT + rows * ROW_HEIGHT + AXIS_HEIGHT
                 + legend_rows * LEGEND_ROW_HEIGHT + note_lines * NOTE_ROW_HEIGHT
                 + 2 * MARGIN, 2)


def legend_rows(entries: int, columns: int) -> int:
    """Rows a legend of ``entries`` takes in ``columns`` columns."""
    return math.ceil(entries / columns) if entries else 0


def nice_ticks(top: float, lang: str, count: int = 5) -> tuple[tuple[float, str], ...]:
    """Round tick values from 0 to at least ``top`` (about ``count`` steps), with labels."""
    top = max(top, 1e-9)
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    steps = max(1, math.ceil(top / step - 1e-9))
    return tuple((round(i * step, 10), trimmed(i * step, lang)) for i in range(steps + 1))


def trimmed(value: float, lang: str) -> str:
    """A number with at most two decimals and no trailing zeros: 70, 72,5."""
    text = number(value, lang, 2)
    return text.rstrip("0").rstrip(",.") if text[-3] in ",." else text


def percent(share: float, lang: str) -> str:
    """A share 0–1 as a whole percentage: '25 %' (nb) or '25%' (en); '<1' for tiny ones."""
    value = share * 100
    digits = "<1" if 0 < value < 0.5 else ">99" if 99.5 <= value < 100 else number(value, lang, 0)
    return percent_text(digits, lang)
