"""Below the map: the legend, and each break labelled with the needs that address it. Pure.

The legend shows the four break levels (colour and letter), the arrow and a service box;
the breaks follow in two columns, in map order, each with its badge again, its element
and description, then one line per need: class and rank, measures with their periods on
the roadmap, funded or not ('ingen har foreslått å løse det' when no need exists).
"""

from __future__ import annotations

from collections.abc import Sequence

from okosys_plan.catalogue.domain import BREAK_LEVELS
from okosys_plan.chains.model import ChainMap
from okosys_plan.charts.chains.boxes import (
    BADGE_HEIGHT,
    EDGE,
    badge_width,
    level_colour,
    make_badge,
)
from okosys_plan.charts.chains.model import Badge, Box, Element, Key, Label, Note
from okosys_plan.charts.chains.states import break_heading, need_lines
from okosys_plan.charts.chains.text import height, line, stacked
from okosys_plan.charts.chains.words import level_letter, level_name, words
from okosys_plan.charts.geometry import label_width, wrap_lines

KEY_PT = 7.5
NOTE_PT = 7.5
HEADING_PT = 9.0
KEY_ROW = 0.24
KEY_MARK = 0.34  # width of the arrow's and the box's marks
KEY_SPACE = 0.3  # inches between legend entries
COLUMN_GAP = 0.3
BULLET = "• "
NOTE_GAP = 0.1
NEED_LINES = 4


def legend_keys(left: float, top: float, width: float, lang: str
                ) -> tuple[tuple[Key, ...], float]:
    """The legend's entries from ``top``, left to right, wrapping; the y below them."""
    said = words(lang)
    entries: list[tuple[str, str, str, str]] = [
        ("badge", level_colour(level), level_letter(level, lang),
         said["legend_break"].format(level=level_name(level, lang)))
        for level in BREAK_LEVELS]
    entries += [("arrow", EDGE, "", said["legend_triggers"]),
                ("box", EDGE, "", said["legend_actor"])]
    keys = []
    x, y = left, top + KEY_ROW / 2
    for kind, colour, letter, text in entries:
        mark_width = badge_width(letter) if kind == "badge" else KEY_MARK
        label = line("legend", kind, text, (0.0, y), KEY_PT)
        needed = mark_width + 0.07 + label.box.width
        if x > left and x + needed > left + width:
            x, y = left, y + KEY_ROW
        mark_height = BADGE_HEIGHT if kind != "arrow" else 0.1
        mark = Box(x, y - mark_height / 2, x + mark_width, y + mark_height / 2)
        keys.append(Key(kind, mark, colour, letter,
                        line("legend", kind, text, (mark.x1 + 0.07, y), KEY_PT)))
        x += needed + KEY_SPACE
    return tuple(keys), y + KEY_ROW / 2


def notes_heading(left: float, top: float, lang: str) -> tuple[Label, float]:
    """The heading over the breaks' labels, and the y below it."""
    labels, bottom = stacked("heading", "", (words(lang)["breaks_heading"],), left, top,
                             HEADING_PT, bold=True)
    return labels[0], bottom + 0.05


def break_notes(chain: ChainMap, elements: Sequence[Element], left: float, top: float,
                width: float, lang: str) -> tuple[tuple[Note, ...], float]:
    """Each break's label, two to a row, from ``top``; the y below the last."""
    column = (width - COLUMN_GAP) / 2
    badges = {e.badge.number: e.badge for e in elements if e.badge is not None}
    notes: list[Note] = []
    widest = max((badge_width(f"{level_letter(b.level, lang)}{i}")
                  for i, b in enumerate(chain.breaks, 1)), default=0.0)
    y = top
    for index, fault in enumerate(chain.breaks):
        number = index + 1
        x = left + (index % 2) * (column + COLUMN_GAP)
        if index % 2 == 0 and notes:
            y = max(n.box.y1 for n in notes[-2:]) + NOTE_GAP
        drawn = badges.get(number)
        letter = level_letter(fault.level, lang)
        text = drawn.label.text if drawn is not None else f"{letter}{number}"
        badge = make_badge(number, fault.level, text, level_colour(fault.level), (x, y))
        notes.append(_note(number, fault.element.id, badge,
                           break_heading("", fault, lang).lstrip(),
                           need_lines(fault, lang), column, widest))
    bottom = max((n.box.y1 for n in notes), default=top)
    return tuple(notes), bottom


def _note(number: int, element: str, badge: Badge, heading: str, needs: Sequence[str],
          width: float, widest: float) -> Note:
    """One break's label: the badge at the left, the lines beside it (from ``widest``)."""
    owner = str(number)
    x = badge.box.x0 + widest + 0.08
    room = badge.box.x0 + width - x
    lines, y = stacked("note", owner, wrap_lines(heading, room, NOTE_PT, bold=True,
                                                 max_lines=3), x, badge.box.y0, NOTE_PT,
                       bold=True)
    indent = label_width(BULLET, NOTE_PT)  # continuation lines hang under the text
    for need in needs:
        first, *rest = wrap_lines(need, room - indent, NOTE_PT, max_lines=NEED_LINES)
        head, y = stacked("note", owner, (f"{BULLET}{first}",), x, y, NOTE_PT)
        tail, y = stacked("note", owner, tuple(rest), x + indent, y, NOTE_PT)
        lines += head + tail
    y = max(y, badge.box.y1, badge.box.y0 + height(1, NOTE_PT))
    box = Box(badge.box.x0, badge.box.y0, badge.box.x0 + width, y)
    return Note(number, element, badge, lines, box)
