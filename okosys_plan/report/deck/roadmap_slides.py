"""Veikart 2.0 as native shapes: lanes, bars, labels, milestones, glued dependency arrows.

The slides draw the matplotlib chart's own layout (``charts.roadmap.layout``), so labels
sit inside or beside their bars by the same rules, scaled as a whole to the slide's width:
every size, font sizes included, by one factor, so what fitted still fits. A label that
fits inside its bar is the bar's own text (it moves with the bar); one beside it is a text
box. Each dependency is a connector glued to both bars, so moving a bar in PowerPoint
keeps its arrows. A roadmap taller than a slide goes on over several slides, split by lane
(``roadmap_pages``), each with the time header, and titled as continued.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.charts import palette
from okosys_plan.charts.roadmap.draw import ARROW, LANE_LINE, QUARTER_LINE, YEAR_LINE
from okosys_plan.charts.roadmap.model import Bar, Label, RoadmapLayout
from okosys_plan.charts.roadmap.reference import GHOST_EDGE, GHOST_FILL
from okosys_plan.charts.roadmap.style import BAND
from okosys_plan.report.deck.roadmap_frame import Frame, frame_for
from okosys_plan.report.deck.roadmap_legend import add_legend, legend_height
from okosys_plan.report.deck.roadmap_pages import RoadmapPage, paginate
from okosys_plan.report.deck.shapes import (
    add_bar,
    add_line,
    add_rect,
    add_text,
    clean,
    glue,
    mark_decorative,
    set_alt_text,
    set_text,
)
from okosys_plan.report.deck.slides import (
    Page,
    content_page,
    finish,
    fit_title,
    set_notes,
    title_size,
)
from okosys_plan.text.numbers import day
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

TEXT_SIZE = 8.5  # the layout's bar labels, in points, before the slide's scaling


def add_roadmap_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The run's roadmap on as many slides as its lanes need."""
    from okosys_plan.report.outputs import roadmap_layout

    layout = roadmap_layout(results, config, text_size=TEXT_SIZE, max_bars=None)
    draw_roadmap(deck, layout, config.lang)


def draw_roadmap(deck: Presentation, layout: RoadmapLayout, lang: str) -> list[Page]:
    """The roadmap ``layout`` as slides; the pages made."""
    probe = content_page(deck, layout.texts.title)  # the first slide: where its room is
    frame = frame_for(layout, probe, legend_height(layout, probe))
    pages = paginate(layout, frame.room) or [RoadmapPage(0.0, 0.0, (), 1, 1)]
    made = []
    for page in pages:
        slide = probe if page.number == 1 else content_page(deck, _title(layout, page, lang))
        if page.number == 1 and page.total > 1:
            title: Any = slide.slide.shapes.title
            title.text = clean(_title(layout, page, lang))
            fit_title(title, title_size(deck))
        _draw_page(slide, layout, page, frame.at(page), lang)
        made.append(slide)
    return made


def _title(layout: RoadmapLayout, page: RoadmapPage, lang: str) -> str:
    """The slide's title: the roadmap's, with its page when there are several (unique)."""
    if page.total == 1:
        return layout.texts.title
    if page.number == 1:
        return say(lang, "{title} ({page} of {pages})", title=layout.texts.title,
                   page=page.number, pages=page.total)
    return say(lang, "{title}, continued ({page} of {pages})", title=layout.texts.title,
               page=page.number, pages=page.total)


def _draw_page(slide: Page, layout: RoadmapLayout, page: RoadmapPage, frame: Frame,
               lang: str) -> None:
    """Everything of one page, in reading order: header, lanes with their bars, arrows."""
    shapes = slide.shapes
    add_text(shapes, frame.subtitle_box, layout.texts.subtitle, size=9.0 * frame.k,
             colour=palette.SECONDARY_TEXT, anchor="top", name="Undertittel")
    _lanes_behind(shapes, layout, page, frame)
    _grid(shapes, layout, frame)
    for tick in layout.ticks:
        if tick.edge == "top" and tick.label.text:
            _label(shapes, tick.label, frame, header=True)
    for line in layout.lines:
        _vline(shapes, line, frame)
    bars: dict[int, Any] = {}
    labels: list[Label] = []  # drawn last, over the arrows, so an arrow never hides text
    for lane in page.lanes:
        _lane_label(shapes, lane, page, frame, lang)
        for index, bar in enumerate(layout.bars):
            if page.holds(bar.y) and lane.y0 <= bar.y < lane.y1:
                bars[index] = _bar(shapes, bar, frame)
                labels += [] if bar.label_inside else [bar.label]
        labels += _ghosts(shapes, layout, page, lane, frame, lang)
        labels += _milestones(shapes, layout, page, lane, frame, lang)
    across = _arrows(shapes, layout, bars)
    for tag in labels:
        _label(shapes, tag, frame)
    add_legend(shapes, layout, frame, lang)
    set_notes(slide, _notes(layout, page, bars, across, lang))
    finish(slide)


def _lanes_behind(shapes: Any, layout: RoadmapLayout, page: RoadmapPage, frame: Frame
                  ) -> None:
    """Lane shading, accent strips and separators: decoration under everything else."""
    left, right = frame.x(layout.xlim[0]), frame.x(layout.xlim[1])
    for lane in page.lanes:
        top, bottom = frame.y(max(lane.y0, page.start)), frame.y(min(lane.y1, page.end))
        if lane.shaded:
            mark_decorative(add_rect(shapes, (left, top, right - left, bottom - top), fill=BAND,
                                     name="Feltskygge"))
        if lane.accent:
            width = frame.x(lane.accent_x1) - left
            mark_decorative(add_rect(shapes, (left, top, width, bottom - top), fill=lane.accent,
                                     name="Feltfarge"))
    edges = sorted({frame.y(min(max(e, page.start), page.end))
                    for lane in page.lanes for e in (lane.y0, lane.y1)})
    for y in edges:
        add_line(shapes, (left, y), (right, y), colour=LANE_LINE, line_pt=0.6, name="Feltskille")


def _grid(shapes: Any, layout: RoadmapLayout, frame: Frame) -> None:
    """Year boundaries through header and lanes, quarter boundaries through the lanes."""
    years = sorted({t.x0 for t in layout.ticks if t.kind == "year"}
                   | {t.x1 for t in layout.ticks if t.kind == "year"})
    quarters = sorted({t.x0 for t in layout.ticks if t.kind == "quarter"} - set(years))
    top, header, bottom = frame.y(layout.time_header[0]), frame.y(layout.time_header[1]), \
        frame.bottom
    for x in years:
        add_line(shapes, (frame.x(x), top), (frame.x(x), bottom), colour=YEAR_LINE,
                 line_pt=0.8, name="Årslinje")
    for x in quarters:
        add_line(shapes, (frame.x(x), header), (frame.x(x), bottom), colour=QUARTER_LINE,
                 line_pt=0.6, name="Kvartalslinje")


def _vline(shapes: Any, line: Any, frame: Frame) -> None:
    """The as-of line or a settings marker, with its label in the header band."""
    drawn = add_line(shapes, (frame.x(line.x), frame.y(line.y0)), (frame.x(line.x),
                     frame.bottom), colour=line.colour, line_pt=1.4 if line.kind == "as_of"
                     else 0.9, dashed=line.dashed, name=line.full_label[:60],
                     decorative=False)
    set_alt_text(drawn, line.full_label)
    _label(shapes, line.label, frame, header=True)


def _lane_label(shapes: Any, lane: Any, page: RoadmapPage, frame: Frame, lang: str) -> None:
    """The lane's name at the middle of its stretch on this page ('forts.' when it goes on)."""
    text = lane.label.text
    if page.continued(lane):
        text = say(lang, "{lane} (continued)", lane=text)
    top, bottom = frame.y(max(lane.y0, page.start)), frame.y(min(lane.y1, page.end))
    left = frame.x(lane.label.box.x0)
    width = frame.x(lane.label.box.x1) - left
    add_text(shapes, (left, top, width, bottom - top), text, size=lane.label.size * frame.k,
             colour=lane.label.colour, bold=True, name=f"Felt {lane.name}"[:60])


def _bar(shapes: Any, bar: Bar, frame: Frame) -> Any:
    """The bar as a rectangle: its label inside as its own text, or a text box beside it."""
    box = bar.box
    left, top = frame.x(box.x0), frame.y(box.y0)
    point = "right" if bar.continues_after else "left" if bar.continues_before else ""
    depth = (bar.outline[0][0] - bar.x0 if point == "left" else bar.x1 - bar.outline[1][0]
             ) * frame.per_unit * frame.k  # the point's depth, as the chart has it
    shape = add_bar(shapes, (left, top, frame.x(box.x1) - left, frame.y(box.y1) - top),
                    point=point, depth=depth, fill=bar.fill, edge=bar.edge,
                    dashed=bar.planned, line_pt=1.0 if bar.planned else 0.75,
                    name=f"{bar.id} {bar.title}"[:60])
    set_alt_text(shape, bar.tooltip)
    if bar.label_inside:
        inset = frame.x(bar.label.x) - left
        set_text(shape, bar.label.text, size=bar.label.size * frame.k, colour=bar.label.colour,
                 bold=bar.label.bold, insets=(inset, 0.0))
    return shape


def _ghosts(shapes: Any, layout: RoadmapLayout, page: RoadmapPage, lane: Any, frame: Frame,
            lang: str) -> list[Label]:
    """The lane's reference periods on this page as thin outlined bars; their labels."""
    labels = []
    for ghost in layout.ghosts:
        if not (page.holds(ghost.y) and lane.y0 <= ghost.y < lane.y1):
            continue
        if ghost.drawn:
            box = ghost.box
            left, top = frame.x(box.x0), frame.y(box.y0)
            shape = add_rect(shapes, (left, top, frame.x(box.x1) - left,
                                      frame.y(box.y1) - top), fill=GHOST_FILL,
                             edge=GHOST_EDGE, line_pt=0.7, name=f"{ghost.id} vedtatt"[:60])
            set_alt_text(shape, _ghost_text(ghost, lang))
        labels += [tag for tag in (ghost.label, ghost.name) if tag is not None]
    return labels


def _ghost_text(ghost: Any, lang: str) -> str:
    """A ghost bar's alt text: the item and its reference period."""
    return f"{ghost.id}: {day(ghost.start, lang)} – {day(ghost.end, lang)}"


def _milestones(shapes: Any, layout: RoadmapLayout, page: RoadmapPage, lane: Any,
                frame: Frame, lang: str) -> list[Label]:
    """The lane's milestone diamonds on this page; their labels."""
    labels = []
    for mark in layout.milestones:
        if not (page.holds(mark.y) and lane.y0 <= mark.y < lane.y1):
            continue
        size = mark.size * frame.k
        shape = add_rect(shapes, (frame.x(mark.x) - size / 2, frame.y(mark.y) - size / 2, size,
                                  size), fill=palette.TEXT, edge=palette.WHITE, line_pt=0.6,
                         kind="diamond", name=f"{mark.item} {mark.name}"[:60])
        set_alt_text(shape, f"{mark.item}: {mark.name}, {day(mark.when, lang)}")
        labels.append(mark.label)
    return labels


def _arrows(shapes: Any, layout: RoadmapLayout, bars: dict[int, Any]) -> list[tuple[str, str]]:
    """A glued connector per dependency with both bars here; the pairs that cross slides."""
    across = []
    for arrow in layout.arrows:
        source = _nearest(layout, bars, arrow.source, arrow.points[0], end=True)
        target = _nearest(layout, bars, arrow.target, arrow.points[-1], end=False)
        if source is None or target is None:
            across.append((arrow.source, arrow.target))
            continue
        connector = glue(shapes, bars[source], bars[target], colour=ARROW,
                         name=f"{arrow.source} → {arrow.target}")
        set_alt_text(connector, f"{arrow.source} → {arrow.target}")
    return across


def _nearest(layout: RoadmapLayout, bars: dict[int, Any], item: str,
             point: tuple[float, float], *, end: bool) -> int | None:
    """The drawn bar of ``item`` nearest the arrow's ``point`` (its end, or its start)."""
    found = [(abs((b.x1 if end else b.x0) - point[0]) + abs(b.y - point[1]), index)
             for index in bars for b in (layout.bars[index],) if b.id == item]
    return min(found)[1] if found else None


def _label(shapes: Any, tag: Label, frame: Frame, header: bool = False) -> Any:
    """A label as a text box over its estimated box, aligned as the layout says."""
    box = tag.box
    left = frame.x(box.x0)
    top, bottom = (frame.header_y(box.y0), frame.header_y(box.y1)) if header else (
        frame.y(box.y0), frame.y(box.y1))
    fill = tag.background or None  # the lane's own colour: grid lines never cross text
    return add_text(shapes, (left, top, frame.x(box.x1) - left, bottom - top), tag.text,
                    size=tag.size * frame.k, colour=tag.colour, bold=tag.bold, align=tag.ha,
                    fill=fill, name=tag.text[:60])


def _notes(layout: RoadmapLayout, page: RoadmapPage, bars: dict[int, Any],
           across: list[tuple[str, str]], lang: str) -> str:
    """The speaker notes: every bar of the page in words, arrows to other slides, notes."""
    lines = [layout.bars[index].tooltip for index in sorted(bars)]
    if across:
        lines.append(say(lang, "Dependencies to measures on other slides: {pairs}",
                         pairs=", ".join(f"{a} → {b}" for a, b in across)))
    return "\n".join([*lines, *layout.texts.notes])
