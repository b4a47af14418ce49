"""Native PowerPoint tables and charts for the deck: styled, sized to fit, with alt text.

``add_table`` makes a table whose header row is filled and bold, body rows banded, every
colour set explicitly (contrast ≥ 4.5:1, checked by the tests), column widths in
proportion to the caller's weights, and as many rows as fit the box: ``fitting_rows``
says how many that is, and ``more_line`` says how many are left out and where they are.
``add_chart`` makes a category chart (stacked bar, clustered column) whose data PowerPoint can edit
(the embedded workbook), series coloured from ``okosys_plan.charts.palette`` (some
hatched, black or white lines on the colour, so series still differ in black and white),
fonts and
number format set, and the chart's text alternative as the frame's alt text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import fit_text
from okosys_plan.report.deck.shapes import Box, add_text, clean, emu, rgb, set_alt_text, set_name
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

HEADER_FILL = palette.MUTED[0]  # indigo: white text on it 13:1
HEADER_INK = palette.WHITE
BAND_FILL = "#F2F2F2"  # every other body row; TEXT on it 15:1
BODY_INK = palette.TEXT
TABLE_PT = 11.0
ROW_HEIGHT = 0.32  # inches per table row at TABLE_PT (one line)
MORE_HEIGHT = 0.3  # the "… and 12 more" line under a capped table
CHART_PT = 10.0
LINE_SPACING = 1.25  # a line's height in a cell, in font sizes
#: Calibri's (the default look's) widths against the DejaVu Sans widths ``label_width``
#: estimates: 0.9 still errs on the wide side (Calibri is some 15 % narrower).
FONT_WIDTH = 0.9
INSETS = 0.14  # inches: a cell's left and right insets together


@dataclass(frozen=True)
class Series:
    """One chart series: its name and values (one per category), its colour and pattern."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    patterned: bool = False


def body_row(row_height: float = ROW_HEIGHT, size: float = TABLE_PT, lines: int = 1) -> float:
    """The height in inches of a body row of ``lines`` lines (one: ``row_height``)."""
    return row_height + (lines - 1) * size * LINE_SPACING / 72


def header_row(row_height: float = ROW_HEIGHT, size: float = TABLE_PT,
               lines: int = 1) -> float:
    """The height in inches of a header row of ``lines`` lines (bold)."""
    return body_row(row_height, size * 1.1, lines)


def fitting_rows(height: float, row_height: float = ROW_HEIGHT, more: bool = True,
                 lines: int = 1, size: float = TABLE_PT, heading: int = 1) -> int:
    """How many body rows (of ``lines`` lines) fit ``height`` inches under the header (of
    ``heading`` lines), room left for a 'more' line."""
    room = height - header_row(row_height, size, heading) - (MORE_HEIGHT if more else 0.0)
    return max(1, int(room / body_row(row_height, size, lines) + 1e-9))


def shown_rows(total: int, height: float, **sizes: Any) -> int:
    """How many of ``total`` rows to show in ``height`` inches: all when they fit without a
    'more' line, else as many as fit above one (``sizes``: ``fitting_rows``' own)."""
    if total <= fitting_rows(height, more=False, **sizes):
        return total
    return fitting_rows(height, more=True, **sizes)


def more_line(shown: int, total: int, where: str, lang: str) -> str:
    """'… og 12 til (se prioritert-behov.xlsx)' for rows left out, '' when none are."""
    if shown >= total:
        return ""
    rest = say(lang, "{items} and {more} more", items="…", more=number(total - shown, lang, 0))
    return f"{rest} ({where})" if where else rest


def add_table(shapes: Any, box: Box, headers: Sequence[str], rows: Sequence[Sequence[str]],
              *, alt: str, weights: Sequence[float] | None = None,
              right: Sequence[int] = (), size: float = TABLE_PT,
              row_height: float = ROW_HEIGHT, lines: int = 1, heading: int = 1,
              name: str = "") -> Any:
    """A native table at ``box`` (its height: the rows'), header row first, with alt text.

    Columns share the width by ``weights``, each at least as wide as its header's longest
    word. Body cells hold up to ``lines`` lines (wrapped at words, the last shortened with
    '…'), header cells up to ``heading`` (as many as the longest header needs); every row
    is as tall as its lines, so the table's height is known.
    """
    left, top, width, _ = box
    widths = column_widths(headers, weights or [1.0] * len(headers), width, size)
    heads = [_fitted(h, _room(w), size, True, heading) for h, w in zip(headers, widths,
                                                                      strict=True)]
    head_height = header_row(row_height, size, max(h.count("\n") + 1 for h in heads))
    frame = shapes.add_table(len(rows) + 1, len(headers), emu(left), emu(top), emu(width),
                             emu(head_height + body_row(row_height, size, lines) * len(rows)))
    table = frame.table
    table.first_row, table.horz_banding = True, False
    exact = [round(w * 914400) for w in widths]
    exact[-1] += round(width * 914400) - sum(exact)  # the exact width, whatever rounding did
    for column, column_width in zip(table.columns, exact, strict=True):
        column.width = emu(column_width / 914400)
    for index, table_row in enumerate(table.rows):
        table_row.height = emu(head_height if index == 0 else body_row(row_height, size, lines))
        fill = HEADER_FILL if index == 0 else (BAND_FILL if index % 2 == 0 else palette.WHITE)
        texts = heads if index == 0 else [_fitted(str(text), _room(w), size, False, lines)
                                          for text, w in zip(rows[index - 1], widths,
                                                             strict=True)]
        for column, text in enumerate(texts):
            _cell(table.cell(index, column), text, fill=fill,
                  ink=HEADER_INK if index == 0 else BODY_INK, size=size, bold=index == 0,
                  align="right" if column in right else "left")
    set_alt_text(frame, alt)
    if name:
        set_name(frame, name)
    return frame


def column_widths(headers: Sequence[str], weights: Sequence[float], width: float,
                  size: float = TABLE_PT) -> list[float]:
    """Widths (inches, summing to ``width``) in proportion to ``weights``, each column at
    least its header's longest word wide (taken from the columns with room to spare)."""
    from okosys_plan.charts.geometry import label_width

    least = [max(label_width(w, size, True) for w in (h.split() or [""])) * FONT_WIDTH
             + INSETS + 0.02 for h in headers]
    total = sum(weights)
    widths = [width * w / total for w in weights]
    short = sum(max(0.0, m - w) for m, w in zip(least, widths, strict=True))
    spare = sum(max(0.0, w - m) for m, w in zip(least, widths, strict=True))
    if short <= 0 or spare <= 0:
        return widths
    take = min(1.0, short / spare)
    return [m if w < m else w - (w - m) * take for m, w in zip(least, widths, strict=True)]


def _room(width: float) -> float:
    """The text room of a column ``width`` inches wide, in ``label_width``'s inches."""
    return (width - INSETS) / FONT_WIDTH


def _fitted(text: str, room: float, size: float, bold: bool, lines: int) -> str:
    """``text`` in at most ``lines`` lines of ``room`` inches (estimated on the wide side)."""
    from okosys_plan.charts.geometry import wrap_lines

    if lines == 1 or not text.strip():
        return fit_text(text, room, size, bold)
    return "\n".join(wrap_lines(text, room, size, bold, max_lines=lines))


def _cell(cell: Any, text: str, *, fill: str, ink: str, size: float, bold: bool,
          align: str) -> None:
    """One table cell: its text in one font and colour, its fill, small insets."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(fill)
    cell.margin_left = cell.margin_right = emu(INSETS / 2)
    cell.margin_top = cell.margin_bottom = emu(0.02)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = clean(text)
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.RIGHT if align == "right" else PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = rgb(ink)


def add_more(shapes: Any, box: Box, text: str) -> Any:
    """The line under a capped table saying how many rows are left out (none when '')."""
    if not text:
        return None
    return add_text(shapes, box, text, size=TABLE_PT, colour=palette.SECONDARY_TEXT,
                    anchor="top", name="Flere rader")


def add_chart(shapes: Any, box: Box, kind: str, categories: Sequence[str],
              series: Sequence[Series], *, alt: str, number_format: str = "0.0",
              axis_title: str = "", reverse: bool = False, name: str = "",
              axis_format: str = "0") -> Any:
    """A native chart ('bar_stacked' or 'column') at ``box`` with alt text.

    ``reverse`` puts the first category at the top of a bar chart (and the value axis
    at its bottom).
    """
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Pt

    data = CategoryChartData(number_format=number_format)
    data.categories = [clean(c) for c in categories]
    for one in series:
        data.add_series(clean(one.name), list(one.values))
    chart_type = {"bar_stacked": XL_CHART_TYPE.BAR_STACKED,
                  "column": XL_CHART_TYPE.COLUMN_CLUSTERED}[kind]
    frame = shapes.add_chart(chart_type, *(emu(v) for v in box), data)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    chart.font.color.rgb = rgb(palette.TEXT)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    _axes(chart, axis_format, axis_title, reverse)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = (40, 100) if kind == "bar_stacked" else (60, 0)
    for drawn, one in zip(plot.series, series, strict=True):
        _paint(drawn, one)
    set_alt_text(frame, alt)
    if name:
        set_name(frame, name)
    return frame


def _axes(chart: Any, number_format: str, title: str, reverse: bool) -> None:
    """Axis fonts, the value axis' number format and title, light grid lines."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION
    from pptx.util import Pt

    values, categories = chart.value_axis, chart.category_axis
    values.tick_labels.number_format = number_format
    values.tick_labels.number_format_is_linked = False
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(palette.GRID)
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if reverse:  # the first category on top, the value axis still at the bottom
        from pptx.enum.chart import XL_AXIS_CROSSES

        categories.reverse_order = True
        categories.crosses = XL_AXIS_CROSSES.MAXIMUM
    if title:
        values.has_title = True
        values.axis_title.text_frame.text = clean(title)
        for paragraph in values.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(CHART_PT)
                run.font.bold = False
                run.font.color.rgb = rgb(palette.TEXT)


def _paint(drawn: Any, one: Series) -> None:
    """A series' fill: its colour, hatched in black or white when patterned; a darker edge."""
    from pptx.enum.dml import MSO_PATTERN_TYPE
    from pptx.util import Pt

    fill = drawn.format.fill
    if one.patterned:
        fill.patterned()
        fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
        fill.fore_color.rgb = rgb(palette.ink_for(one.colour))  # the hatch, as the charts'
        fill.back_color.rgb = rgb(one.colour)
    else:
        fill.solid()
        fill.fore_color.rgb = rgb(one.colour)
    drawn.format.line.color.rgb = rgb(palette.edge_for(one.colour))
    drawn.format.line.width = Pt(0.5)


def series_colour(index: int) -> tuple[str, bool]:
    """The ``index``-th series' colour and whether it is patterned (second round on)."""
    colour, hatch, _ = palette.series_style(index)
    return colour, bool(hatch)

