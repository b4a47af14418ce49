"""The roadmap's time axis: dates to x, year and quarter ticks, the as-of line and markers. Pure.

Line labels sit in a band above the time header, on levels: a label never overlaps another
label, and a line never runs up through another line's label (a line whose x lies under a
label is given a lower level than that label, so it stops below it).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import fit_text, label_width
from okosys_plan.charts.roadmap.model import Box, Label, Tick, VLine
from okosys_plan.charts.roadmap.words import day, words
from okosys_plan.roadmap.settings import Marker

YEAR_PT = 8.5
QUARTER_PT = 7.0
LINE_PT = 7.0
LINE_LABEL_MAX = 2.8  # inches
LEVEL_PITCH = 0.145  # inches between the levels of line labels
TEXT_HEIGHT = 1.17 / 72  # inches per point: DejaVu Sans ascent plus descent
LINE_SPACING = 1.2 * 1.17 / 72  # inches per point from one line of text to the next
PAD = 0.05  # inches between a line and its label
AS_OF_LINE = "#D55E00"  # Okabe–Ito vermilion, 3.9:1 on white
AS_OF_TEXT = "#B34700"  # darker, 5.5:1 on white, for text


@dataclass(frozen=True)
class Scale:
    """Dates to x (years) and inches to years, for a horizon of whole years."""

    first_year: int
    last_year: int
    inches_per_year: float

    @property
    def start(self) -> float:
        """x of the horizon's first day."""
        return float(self.first_year)

    @property
    def stop(self) -> float:
        """x of the end of the horizon's last day."""
        return float(self.last_year + 1)

    def x(self, when: date) -> float:
        """x of the start of the day ``when``."""
        days = 366 if calendar.isleap(when.year) else 365
        return when.year + (when.timetuple().tm_yday - 1) / days

    def x_end(self, when: date) -> float:
        """x of the end of the day ``when`` (the start of the next day)."""
        return self.x(when + timedelta(days=1)) if when < date.max else self.stop

    def years(self, inches: float) -> float:
        """Inches as a length along x."""
        return inches / self.inches_per_year


def text_box(text: str, x: float, y: float, ha: str, points: float, scale: Scale,
             bold: bool = False) -> Box:
    """The estimated box of ``text`` (lines split at newlines) anchored at (x, y), centred."""
    lines = text.split("\n")
    width = scale.years(max(label_width(line, points, bold) for line in lines))
    x0 = x if ha == "left" else x - width if ha == "right" else x - width / 2
    half = points * (TEXT_HEIGHT + (len(lines) - 1) * LINE_SPACING) / 2
    return Box(x0, y - half, x0 + width, y + half)


def label(kind: str, owner: str, text: str, at: tuple[float, float], ha: str, points: float,
          scale: Scale, colour: str = palette.TEXT, bold: bool = False,
          background: str = "") -> Label:
    """A one-line label anchored at ``at`` with its estimated box."""
    box = text_box(text, at[0], at[1], ha, points, scale, bold)
    return Label(kind, owner, text, at[0], at[1], ha, points, colour, box, bold, background)


def time_ticks(scale: Scale, top: float, lang: str) -> tuple[tuple[Tick, ...], float]:
    """Year and quarter labels in a header starting at ``top``; the header's bottom."""
    year_y = top + 0.1
    quarter_y = year_y + 0.15
    ticks = []
    quarter_room = scale.inches_per_year / 4 - 0.04
    show_quarters = label_width("K4", QUARTER_PT) <= quarter_room
    for year in range(scale.first_year, scale.last_year + 1):
        ticks.append(Tick("year", year, year + 1, label(
            "year", str(year), str(year), (year + 0.5, year_y), "center", YEAR_PT, scale,
            bold=True)))
        for q in range(4):
            x0, x1 = scale.x(date(year, 3 * q + 1, 1)), scale.x_end(_quarter_end(year, q))
            text = words(lang)["quarter"].format(q=q + 1)
            ticks.append(Tick("quarter", x0, x1, label(
                "quarter", f"{year}-{text}", text if show_quarters else "",
                ((x0 + x1) / 2, quarter_y if show_quarters else year_y), "center",
                QUARTER_PT, scale, colour=palette.SECONDARY_TEXT)))
    return tuple(ticks), (quarter_y if show_quarters else year_y) + 0.085


def _quarter_end(year: int, quarter: int) -> date:
    """The last day of the quarter (0–3) of ``year``."""
    month = 3 * quarter + 3
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class _Pending:
    """A line before its label has a level."""

    kind: str
    when: date
    x: float
    text: str
    full: str


def line_levels(as_of: date, markers: Sequence[Marker], scale: Scale, lang: str
                ) -> list[tuple[_Pending, int, str]]:
    """Lines inside the horizon with their label's level and alignment."""
    pending = _pending(as_of, markers, scale, lang)
    spans = {id(p): _span(p, scale) for p in pending}
    covers = {id(p): [q for q in pending if q is not p
                      and spans[id(p)][0] <= q.x <= spans[id(p)][1]] for p in pending}
    levels: dict[int, int] = {}
    for line in _covered_first(pending, covers):
        level = max((levels[id(q)] + 1 for q in covers[id(line)] if id(q) in levels), default=0)
        while any(levels[id(q)] == level and not _apart(spans[id(q)], spans[id(line)])
                  for q in pending if id(q) in levels):
            level += 1
        levels[id(line)] = level
    return [(p, levels[id(p)], spans[id(p)][2]) for p in pending]


def _pending(as_of: date, markers: Sequence[Marker], scale: Scale, lang: str
             ) -> list[_Pending]:
    """The as-of line and the markers that fall inside the horizon, in date order."""
    lines = [_Pending("marker", m.when, scale.x(m.when),
                      fit_text(m.label, LINE_LABEL_MAX, LINE_PT), m.label) for m in markers]
    as_of_text = words(lang)["as_of"].format(date=day(as_of, lang))
    lines.append(_Pending("as_of", as_of, scale.x(as_of), as_of_text, as_of_text))
    inside = [p for p in lines if scale.start <= p.x < scale.stop]
    return sorted(inside, key=lambda p: (p.x, p.kind != "as_of", p.full))


def _span(line: _Pending, scale: Scale) -> tuple[float, float, str]:
    """The label's extent along x and its alignment: right of the line, else left of it."""
    width = scale.years(label_width(line.text, LINE_PT, line.kind == "as_of"))
    pad = scale.years(PAD)
    if line.x + pad + width <= scale.stop:
        return line.x + pad, line.x + pad + width, "left"
    return line.x - pad - width, line.x - pad, "right"


def _apart(one: tuple[float, float, str], other: tuple[float, float, str]) -> bool:
    """True when two label extents leave a gap between them."""
    return one[1] < other[0] or other[1] < one[0]


def _covered_first(pending: list[_Pending], covers: dict[int, list[_Pending]]
                   ) -> list[_Pending]:
    """Lines ordered so that every line comes after the lines its label covers."""
    ordered: list[_Pending] = []
    left = sorted(pending, key=lambda p: -p.x)
    while left:
        ready = [p for p in left if all(q in ordered for q in covers[id(p)])]
        chosen = ready[0] if ready else left[0]  # a cycle: the rightmost goes first
        ordered.append(chosen)
        left.remove(chosen)
    return ordered


def build_lines(placed: list[tuple[_Pending, int, str]], band_bottom: float, bottom: float,
                scale: Scale) -> tuple[VLine, ...]:
    """The lines with labels on their levels above ``band_bottom``, down to ``bottom``."""
    result = []
    for line, level, ha in placed:
        y = band_bottom - (level + 0.5) * LEVEL_PITCH
        pad = scale.years(PAD)
        at = (line.x + pad if ha == "left" else line.x - pad, y)
        as_of = line.kind == "as_of"
        text_colour = AS_OF_TEXT if as_of else palette.SECONDARY_TEXT
        tag = label(line.kind, line.when.isoformat(), line.text, at, ha, LINE_PT, scale,
                    colour=text_colour, bold=as_of)
        result.append(VLine(line.kind, line.when, line.x, tag.box.y0, bottom,
                            AS_OF_LINE if as_of else palette.REFERENCE, not as_of,
                            line.full, tag))
    return tuple(result)


def band_height(placed: list[tuple[_Pending, int, str]]) -> float:
    """Height of the band that holds the line labels' levels."""
    levels = max((level for _, level, _ in placed), default=-1) + 1
    return levels * LEVEL_PITCH + (0.02 if levels else 0.0)
