"""The chain map's element boxes: text wrapped inside, the actor below it, the break badge.

A box is as tall as its lines need; text is wrapped at spaces to the box's inner width
(a word too long for it is shortened with ' …'; the text alternative has it in full).
A broken element has a thick edge in its level's colour and, in its top-right corner, a
badge with the level's letter and the break's number. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from okosys_plan.catalogue.model import ChainElement
from okosys_plan.charts import palette
from okosys_plan.charts.chains.model import Badge, Box, Element, Label
from okosys_plan.charts.chains.text import PITCH, height, line, stacked
from okosys_plan.charts.geometry import fit_text, label_width, wrap_lines

TEXT_PT = 7.5
ACTOR_PT = 6.5
BADGE_PT = 7.0
PAD_X = 0.05
PAD_Y = 0.05
MAX_LINES = 4
MIN_HEIGHT = 0.34
BADGE_HEIGHT = 0.17
BADGE_INSET = 0.035
EDGE = "#4D4D4D"  # 7:1 on white
#: The break levels' colours: Paul Tol's muted wine, sand, teal and indigo, apart for
#: colour blindness and in lightness; the letter in the badge is the second cue.
LEVEL_COLOURS: dict[str, str] = {"Juridisk": palette.MUTED[5], "Organisatorisk": palette.MUTED[1],
                                 "Semantisk": palette.MUTED[2], "Teknisk": palette.MUTED[0]}
OTHER_LEVEL = palette.MUTED[7]


@dataclass(frozen=True)
class Content:
    """What goes in an element's box, before it is placed: lines, actor, badge text."""

    element: ChainElement
    lines: tuple[str, ...]
    actor: str
    badge: str  # '' without a break
    number: int
    height: float


def level_colour(level: str) -> str:
    """The colour of a break level."""
    return LEVEL_COLOURS.get(level, OTHER_LEVEL)


def badge_width(text: str) -> float:
    """The width of a badge holding ``text``."""
    return label_width(text, BADGE_PT, bold=True) + 0.06


def content(element: ChainElement, width: float, number: int, letter: str) -> Content:
    """The element's lines in a box ``width`` wide; ``number`` 0 when it has no break."""
    badge = f"{letter}{number}" if number else ""
    inner = width - 2 * PAD_X - (badge_width(badge) + 0.03 if badge else 0.0)
    lines = wrap_lines(" ".join(element.text.split()) or "–", inner, TEXT_PT,
                       max_lines=MAX_LINES)
    actor = fit_text(element.actor, inner, ACTOR_PT) if element.actor else ""
    tall = 2 * PAD_Y + height(len(lines), TEXT_PT) + (height(1, ACTOR_PT) if actor else 0.0)
    floor = MIN_HEIGHT if not badge else max(MIN_HEIGHT, 2 * BADGE_INSET + BADGE_HEIGHT)
    return Content(element, lines, actor, badge, number, max(floor, tall))


def place(item: Content, box: Box, column: int, strip: int, level: str | None) -> Element:
    """The element drawn in ``box``: its lines from the top, the actor under them."""
    element = item.element
    owner = element.id
    text_height = height(len(item.lines), TEXT_PT) + (height(1, ACTOR_PT) if item.actor else 0)
    top = box.y0 + max(PAD_Y, (box.height - text_height) / 2)
    labels, bottom = stacked("element", owner, item.lines, box.x0 + PAD_X, top, TEXT_PT)
    if item.actor:
        labels += (line("actor", owner, item.actor,
                        (box.x0 + PAD_X, bottom + ACTOR_PT * PITCH / 2), ACTOR_PT,
                        colour=palette.SECONDARY_TEXT),)
    badge = None
    edge, width = EDGE, 0.8
    if level is not None and item.badge:
        colour = level_colour(level)
        edge, width = palette.edge_for(colour), 2.0
        badge = make_badge(item.number, level, item.badge, colour,
                           (box.x1 - BADGE_INSET - badge_width(item.badge), box.y0 + BADGE_INSET))
    return Element(element.id, element.layer, element.step, column, strip, box,
                   palette.WHITE, edge, width, labels, badge)


def make_badge(number: int, level: str, text: str, colour: str,
               corner: tuple[float, float]) -> Badge:
    """A badge with its top-left corner at ``corner``."""
    x0, y0 = corner
    box = Box(x0, y0, x0 + badge_width(text), y0 + BADGE_HEIGHT)
    tag: Label = line("badge", str(number), text, ((box.x0 + box.x1) / 2, (y0 + box.y1) / 2),
                      BADGE_PT, ha="center", colour=palette.ink_for(colour), bold=True)
    return Badge(number, level, text[:1], colour, box, tag)
