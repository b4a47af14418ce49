"""Geometry of a service-chain map (Kart for tjenestekjeder). Pure, no matplotlib.

``layout_chain`` draws one chain: its four rows (activities, events, services with their
actors, data and registers) as bands with their names at the left, each element a box in
its step's column (elements of one step in one row stacked), arrows for what triggers
what, breaks marked on their elements and labelled below the map with the needs that
address them and how far those have come. A4 landscape wide; as tall as it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from okosys_plan.catalogue.domain import CHAIN_LAYERS
from okosys_plan.chains.model import ChainMap
from okosys_plan.charts import palette
from okosys_plan.charts.chains.boxes import Content, content, place
from okosys_plan.charts.chains.grid import Grid, make_grid
from okosys_plan.charts.chains.model import Band, Box, ChainLayout, Element, Label
from okosys_plan.charts.chains.notes import break_notes, legend_keys, notes_heading
from okosys_plan.charts.chains.routes import trigger_arrows
from okosys_plan.charts.chains.states import readiness_line
from okosys_plan.charts.chains.text import height, stacked
from okosys_plan.charts.chains.text_alternative import describe
from okosys_plan.charts.chains.words import day, level_letter, row_name, words
from okosys_plan.charts.geometry import Texts, language, wrap_lines

PAGE_WIDTH = 11.69  # A4 landscape, inches
MARGIN = 0.3
ROW_COLUMN = 1.05  # inches for the rows' names
ROW_PT = 8.0
TITLE_PT, SUBTITLE_PT = 14.0, 9.0
BAND_PAD = 0.1  # inches between a band's edge and its boxes (arrows run along the edges)
STACK_GAP = 0.1
MIN_BAND = 0.5
STRIP_GAP = 0.3
SECTION_GAP = 0.22
BAND = "#F2F2F2"


@dataclass(frozen=True)
class _Row:
    """One band's content before it is placed: per column, its boxes' contents."""

    layer: str
    strip: int
    columns: dict[int, list[Content]]
    names: tuple[str, ...]

    @property
    def height(self) -> float:
        """The band's height: its tallest stack of boxes or its name, padded."""
        stacks = [sum(c.height for c in cs) + STACK_GAP * (len(cs) - 1)
                  for cs in self.columns.values()]
        return max(MIN_BAND, max(stacks, default=0.0) + 2 * BAND_PAD,
                   height(len(self.names), ROW_PT) + 2 * BAND_PAD)


def layout_chain(chain: ChainMap, *, as_of: date, source_name: str = "",
                 lang: str = "nb") -> ChainLayout:
    """The map of ``chain`` as plain geometry."""
    lang = language(lang)
    width = PAGE_WIDTH - 2 * MARGIN
    subtitle = _subtitle(chain, source_name, as_of, lang)
    headings, y = _headings(chain.name, subtitle, width)
    grid = make_grid([e.step for e in chain.elements], MARGIN + ROW_COLUMN,
                     PAGE_WIDTH - MARGIN)
    bands, elements, y = _map(chain, grid, y + SECTION_GAP, lang)
    arrows = trigger_arrows(chain, elements, bands, grid)
    keys, y = legend_keys(MARGIN, y + SECTION_GAP, width, lang)
    if chain.breaks:
        heading, y = notes_heading(MARGIN, y + SECTION_GAP, lang)
        headings += (heading,)
    notes, y = break_notes(chain, elements, MARGIN, y, width, lang)
    size = (PAGE_WIDTH, round(y + MARGIN, 3))
    texts = Texts(chain.name, subtitle, "")
    layout = ChainLayout(chain, size, lang, texts, headings, bands, elements, arrows, keys,
                         notes, "")
    return ChainLayout(chain, size, lang, texts, headings, bands, elements, arrows, keys,
                       notes, describe(layout))


def _subtitle(chain: ChainMap, source_name: str, as_of: date, lang: str) -> str:
    """Source · as-of date · readiness."""
    said = words(lang)
    parts = [said["source"].format(name=source_name)] if source_name else []
    parts += [said["as_of"].format(date=day(as_of, lang)), readiness_line(chain.readiness,
                                                                          lang)]
    return " · ".join(parts)


def _headings(title: str, subtitle: str, width: float) -> tuple[tuple[Label, ...], float]:
    """Title and subtitle lines from the top margin; the y below them."""
    top, bottom = stacked("title", "", wrap_lines(title, width, TITLE_PT, bold=True,
                                                  max_lines=2), MARGIN, MARGIN, TITLE_PT,
                          bold=True)
    lines, bottom = stacked("subtitle", "", wrap_lines(subtitle, width, SUBTITLE_PT,
                                                       max_lines=3), MARGIN, bottom + 0.04,
                            SUBTITLE_PT, colour=palette.SECONDARY_TEXT)
    return (*top, *lines), bottom


def _layers(chain: ChainMap) -> tuple[str, ...]:
    """The four row kinds, then any other the data names (drawn as a row of its own)."""
    others = [e.layer for e in chain.elements if e.layer not in CHAIN_LAYERS]
    return (*CHAIN_LAYERS, *dict.fromkeys(others))


def _map(chain: ChainMap, grid: Grid, top: float, lang: str
         ) -> tuple[tuple[Band, ...], tuple[Element, ...], float]:
    """Every strip's bands from ``top`` down, with the elements placed in them."""
    numbers = {b.element.id: i for i, b in enumerate(chain.breaks, 1)}
    levels = {b.element.id: b.level for b in chain.breaks}
    rows: list[_Row] = []
    for strip in range(grid.strips):
        for layer in _layers(chain):
            columns: dict[int, list[Content]] = {}
            for element in chain.elements:
                column = grid.column(element.step)
                if element.layer == layer and grid.strip(column) == strip:
                    number = numbers.get(element.id, 0)
                    letter = level_letter(levels[element.id], lang) if number else ""
                    columns.setdefault(column, []).append(
                        content(element, grid.width, number, letter))
            names = wrap_lines(row_name(layer, lang), ROW_COLUMN - 0.14, ROW_PT, bold=True)
            rows.append(_Row(layer, strip, columns, names))
    return _place(rows, grid, top, levels)


def _place(rows: Sequence[_Row], grid: Grid, top: float, levels: dict[str, str]
           ) -> tuple[tuple[Band, ...], tuple[Element, ...], float]:
    """The rows as bands from ``top`` down, a gap between strips; the boxes centred."""
    bands: list[Band] = []
    elements: list[Element] = []
    y = top
    for index, row in enumerate(rows):
        if index and row.strip != rows[index - 1].strip:
            y += STRIP_GAP
        y0, y1 = y, y + row.height
        middle = (y0 + y1) / 2
        names, _ = stacked("row", row.layer, row.names, MARGIN + 0.07,
                           middle - height(len(row.names), ROW_PT) / 2, ROW_PT, bold=True)
        bands.append(Band(row.layer, row.strip, y0, y1, index % 2 == 1, names))
        for column, contents in row.columns.items():
            stack = sum(c.height for c in contents) + STACK_GAP * (len(contents) - 1)
            box_top = middle - stack / 2
            for item in contents:
                box = Box(grid.x0(column), box_top, grid.x1(column), box_top + item.height)
                elements.append(place(item, box, column, row.strip,
                                      levels.get(item.element.id)))
                box_top += item.height + STACK_GAP
        y = y1
    return tuple(bands), tuple(elements), y
