"""Native PowerPoint shapes for the deck: text boxes, rectangles, lines, glued connectors.

Every position is in inches from the slide's top-left corner, ``(left, top, width,
height)``; font sizes are points; colours '#RRGGBB'. Shapes get a name (the selection
pane's) and, where they carry meaning beyond their text, alt text; pure decoration (lane
shading, grid lines) is marked decorative, so a screen reader skips it and PowerPoint's
accessibility checker asks nothing about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.charts import palette
from okosys_plan.export.files import xml_text

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.connector import Connector
    from pptx.shapes.shapetree import SlideShapes
    from pptx.util import Length

Box = tuple[float, float, float, float]  # left, top, width, height in inches
EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
#: Connection sites of a rectangle, as PowerPoint numbers them.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
ELBOW_ROOM = 0.15  # inches between two bars an elbow connector needs for its turn
TOUCHING = 0.05  # inches of overlap still taken as touching
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def emu(inches: float) -> Length:
    """Inches as whole EMU (914 400 to the inch)."""
    from pptx.util import Emu

    return Emu(round(inches * EMU_PER_INCH))


def inches(value: int | None) -> float:
    """EMU as inches (0 for None)."""
    return (value or 0) / EMU_PER_INCH


def rgb(colour: str) -> Any:
    """A python-pptx colour from '#RRGGBB'."""
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def non_visual(shape: Any) -> Any:
    """The shape's ``p:cNvPr`` element (its id, name, alt text)."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0]


def clean(text: str) -> str:
    """Text a slide can hold: the control characters no XML file may hold replaced (with
    U+FFFD, so their place stays visible). Every text put in the deck goes through here."""
    return xml_text(text)


def set_name(shape: Any, name: str) -> None:
    """The shape's name in the selection pane."""
    shape.name = clean(name)


def set_alt_text(shape: Any, text: str) -> None:
    """The shape's alt text (PowerPoint's 'Alternativ tekst'), one paragraph."""
    non_visual(shape).set("descr", clean(" ".join(text.split())))


def alt_text(shape: Any) -> str:
    """The shape's alt text ('' for none)."""
    return str(non_visual(shape).get("descr", ""))


def mark_decorative(shape: Any) -> None:
    """Mark the shape decorative (Office 2019+), so screen readers and the checker skip it."""
    from lxml import etree

    element = non_visual(shape)
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    extensions = element.find(f"{{{a}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(element, f"{{{a}}}extLst")
    ext = etree.SubElement(extensions, f"{{{a}}}ext", uri=_DECORATIVE_URI)
    etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative", val="1",
                     nsmap={"adec": _DECORATIVE_NS})


def is_decorative(shape: Any) -> bool:
    """True when the shape is marked decorative."""
    return bool(non_visual(shape).xpath('.//*[local-name()="decorative" and @val="1"]'))


def add_rect(shapes: SlideShapes, box: Box, *, fill: str | None, edge: str | None = None,
             dashed: bool = False, line_pt: float = 0.75, name: str = "",
             kind: str = "rectangle") -> Shape:
    """A rectangle (or a 'diamond') with a solid ``fill`` (None: no fill) and ``edge``."""
    from pptx.enum.shapes import MSO_SHAPE

    shape = shapes.add_shape(MSO_SHAPE.DIAMOND if kind == "diamond" else MSO_SHAPE.RECTANGLE,
                             *(emu(v) for v in box))
    style(shape, fill=fill, edge=edge, dashed=dashed, line_pt=line_pt)
    shape.shadow.inherit = False
    if name:
        set_name(shape, name)
    return shape


def add_bar(shapes: SlideShapes, box: Box, *, point: str, depth: float, fill: str,
            edge: str, dashed: bool, line_pt: float, name: str) -> Any:
    """A bar: a rectangle, or pointed at the ends that go on past the horizon (``point``
    'left', 'right' or 'both'), as a freeform with the rectangle's four connection sites
    (top, left, bottom, right: edge middles), so connectors glue to it the same way."""
    if not point:
        return add_rect(shapes, box, fill=fill, edge=edge, dashed=dashed, line_pt=line_pt,
                        name=name)
    width, height = emu(box[2]), emu(box[3])
    tip = min(emu(depth), width // 2)
    left = tip if point in ("left", "both") else 0
    right = width - (tip if point in ("right", "both") else 0)
    middle = height // 2
    corners = [(left, 0), (right, 0), *([(width, middle)] if right < width else []),
               (right, height), (left, height), *([(0, middle)] if left else [])]
    builder = shapes.build_freeform(*corners[0], scale=1.0)
    builder.add_line_segments(corners[1:], close=True)
    shape = builder.convert_to_shape(emu(box[0]), emu(box[1]))
    _sites(shape, width, height)
    style(shape, fill=fill, edge=edge, dashed=dashed, line_pt=line_pt)
    shape.shadow.inherit = False
    set_name(shape, name)
    return shape


def _sites(shape: Any, width: int, height: int) -> None:
    """The freeform's connection sites, as a rectangle's: top, left, bottom, right."""
    from lxml import etree

    sites = shape._element.spPr.find(f"{{{_A}}}custGeom/{{{_A}}}cxnLst")
    for angle, x, y in ((16200000, width // 2, 0), (10800000, 0, height // 2),
                        (5400000, width // 2, height), (0, width, height // 2)):
        cxn = etree.SubElement(sites, f"{{{_A}}}cxn", ang=str(angle))
        etree.SubElement(cxn, f"{{{_A}}}pos", x=str(x), y=str(y))


def site_point(shape: Any, side: int) -> tuple[int, int]:
    """Where the ``side``'s connection site is, in EMU (the edge's middle)."""
    x, y, width, height = shape.left, shape.top, shape.width, shape.height
    return {TOP: (x + width // 2, y), LEFT: (x, y + height // 2),
            BOTTOM: (x + width // 2, y + height), RIGHT: (x + width, y + height // 2)}[side]


def style(shape: Any, *, fill: str | None, edge: str | None, dashed: bool = False,
          line_pt: float = 0.75) -> None:
    """Fill and outline of a shape, set explicitly (nothing left to the theme)."""
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    if fill is None:
        if hasattr(shape, "fill"):  # a connector has no fill
            shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if edge is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = rgb(edge)
    shape.line.width = Pt(line_pt)
    if dashed:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def set_text(shape: Any, text: str, *, size: float, colour: str = palette.TEXT,
             bold: bool = False, align: str = "left", anchor: str = "middle",
             wrap: bool = False, insets: tuple[float, float] = (0.0, 0.0)) -> None:
    """The shape's text (lines split at '\\n'), one font, no autofit, the given insets."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap = wrap
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left, frame.margin_right = emu(insets[0]), emu(insets[1])
    frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                             "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    lines = clean(text).split("\n")
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        paragraph.alignment = _alignment(align)
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = rgb(colour)


def _alignment(align: str) -> Any:
    from pptx.enum.text import PP_ALIGN

    return {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]


def add_text(shapes: SlideShapes, box: Box, text: str, *, size: float,
             colour: str = palette.TEXT, bold: bool = False, align: str = "left",
             anchor: str = "middle", wrap: bool = False, fill: str | None = None,
             name: str = "") -> Any:
    """A text box at ``box`` (no border; ``fill`` behind the text when given)."""
    shape = shapes.add_textbox(*(emu(v) for v in box))
    set_text(shape, text, size=size, colour=colour, bold=bold, align=align, anchor=anchor,
             wrap=wrap)
    if fill is not None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if name:
        set_name(shape, name)
    return shape


def add_line(shapes: SlideShapes, start: tuple[float, float], end: tuple[float, float], *,
             colour: str, line_pt: float = 0.75, dashed: bool = False, name: str = "",
             decorative: bool = True) -> Connector:
    """A straight line from ``start`` to ``end`` (inches), decorative unless said."""
    from pptx.enum.shapes import MSO_CONNECTOR

    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(start[0]), emu(start[1]),
                                emu(end[0]), emu(end[1]))
    style(line, fill=None, edge=colour, dashed=dashed, line_pt=line_pt)
    if name:
        set_name(line, name)
    if decorative:
        mark_decorative(line)
    return line


def glue(shapes: SlideShapes, source: Any, target: Any, *, colour: str, line_pt: float = 0.9,
         name: str = "") -> Connector:
    """A connector from ``source`` to ``target``, glued at both ends, its head at the target.

    Finish-to-start with room between them: an elbow from the source's right edge to the
    target's left edge; with no room for the elbow's turn (the target starts where the
    source ends), a straight connector between the same edges; when the two overlap in
    time, a straight connector from the source's bottom (top) to the target's top (bottom).
    PowerPoint keeps a glued connector on its shapes when either is moved.
    """
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Emu

    gap = inches(target.left) - inches(source.left + source.width)
    if gap >= ELBOW_ROOM:
        kind, sites = MSO_CONNECTOR.ELBOW, (RIGHT, LEFT)
    elif gap >= -TOUCHING:  # no room for an elbow's turn: a short straight drop
        kind, sites = MSO_CONNECTOR.STRAIGHT, (RIGHT, LEFT)
    elif target.top >= source.top:
        kind, sites = MSO_CONNECTOR.STRAIGHT, (BOTTOM, TOP)
    else:
        kind, sites = MSO_CONNECTOR.STRAIGHT, (TOP, BOTTOM)
    begin, end = site_point(source, sites[0]), site_point(target, sites[1])
    connector = shapes.add_connector(kind, *(Emu(v) for v in (*begin, *end)))
    connector.begin_connect(source, sites[0])
    connector.end_connect(target, sites[1])
    style(connector, fill=None, edge=colour, line_pt=line_pt)
    arrow_head(connector)
    if name:
        set_name(connector, name)
    return connector


def arrow_head(connector: Any) -> None:
    """A triangle head at the connector's end."""
    from lxml import etree

    line = connector.line._get_or_add_ln()
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for old in line.findall(f"{{{a}}}tailEnd"):
        line.remove(old)
    # a:tailEnd comes after the fill and dash elements in a:ln: appended last, once they are set.
    etree.SubElement(line, f"{{{a}}}tailEnd", type="triangle", w="med", len="med")
