"""The deck's package: a new 16:9 presentation or a user's template, saved deterministically.

A template (.pptx or .potx) gives its slide masters, layouts and theme; its own slides are
left out. Without one, python-pptx's plain Office theme is widened to 16:9, with titles
left-aligned and smaller, so a long slide title fits one line. The saved bytes are the
same for the same deck: fixed core properties, fixed zip timestamps, in the chart parts'
embedded workbooks too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okosys_plan.errors import UsageError
from okosys_plan.export.files import normalise_zip, xml_text
from okosys_plan.paths import read_small
from okosys_plan.text.later import Msg, msg

if TYPE_CHECKING:
    from pptx.presentation import Presentation

EMU_PER_INCH = 914400
WIDE = (12192000, 6858000)  # 13.333 × 7.5 inches: PowerPoint's 16:9
TEMPLATE_LIMIT = 200 * 1024 * 1024  # bytes read of a template file
UNPACKED_LIMIT = 1024 * 1024 * 1024  # bytes a template may unpack to
TEMPLATE = (".pptx", ".potx")
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main"
_TITLE_PT = 2600  # the default look's slide titles, in hundredths of a point
_CENTER_TITLE_PT = 4000
TITLE_TOP, TITLE_HEIGHT = 228600, 685800  # EMU: 0.25 and 0.75 inches


class BadTemplate(UsageError):
    """A --template that is not a PowerPoint file python-pptx can use (exit 2)."""

    def __init__(self, path: Path, reason: Msg) -> None:
        super().__init__("bad-template", f"{path}: {reason}", file=str(path), reason=reason)


def new_presentation(template: Path | None = None) -> Presentation:
    """An empty presentation: the template's masters and layouts, or the default 16:9 look."""
    from pptx import Presentation as open_presentation

    if template is None:
        deck = open_presentation()
        _widen(deck)
        return deck
    data = _template_bytes(template)
    try:
        deck = open_presentation(io.BytesIO(data))
    except Exception as error:  # python-pptx raises KeyError, ValueError, lxml errors …
        raise BadTemplate(template, msg("not a PowerPoint file python-pptx can read ({error})",
                                        error=type(error).__name__)) from None
    _drop_slides(deck)
    return deck


def _template_bytes(path: Path) -> bytes:
    """The template's bytes, a .potx's main part relabelled as a presentation."""
    if path.suffix.lower() not in TEMPLATE:
        raise BadTemplate(path, msg("a template is a .pptx or .potx file"))
    try:
        data = read_small(path, TEMPLATE_LIMIT)
    except FileNotFoundError:
        raise BadTemplate(path, msg("the file does not exist")) from None
    except OSError as error:
        raise BadTemplate(path, msg("cannot be read ({error})", error=error)) from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BadTemplate(path, msg("not a PowerPoint file (not a zip package)")) from None
    if unpacked > UNPACKED_LIMIT:
        raise BadTemplate(path, msg("unpacks to more than {limit} MiB",
                                    limit=UNPACKED_LIMIT >> 20))
    if _PRESENTATION.encode() not in types and _TEMPLATE.encode() not in types:
        raise BadTemplate(path, msg("not a PowerPoint file (no presentation part)"))
    if _TEMPLATE.encode() not in types:
        return data
    return _replace_member(archive, "[Content_Types].xml",
                           types.replace(_TEMPLATE.encode(), _PRESENTATION.encode()))


def _replace_member(archive: zipfile.ZipFile, name: str, content: bytes) -> bytes:
    """The archive's bytes with one member's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            target.writestr(info, content if info.filename == name else archive.read(info))
    return out.getvalue()


def _drop_slides(deck: Presentation) -> None:
    """Leave out the template's own slides (its masters and layouts stay)."""
    id_list = deck.slides._sldIdLst
    for entry in list(id_list):
        deck.part.drop_rel(entry.rId)
        id_list.remove(entry)


def _widen(deck: Presentation) -> None:
    """The default 4:3 theme at 16:9: every master and layout shape stretched across."""
    from pptx.util import Emu

    old = deck.slide_width or WIDE[0]
    stretch = WIDE[0] / old
    deck.slide_width, deck.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
    master = deck.slide_master
    for shape in master.shapes:
        _stretch(shape, stretch)
    for layout in master.slide_layouts:  # content slides' titles: one line, near the top
        for shape in layout.shapes:
            _stretch(shape, stretch)  # only its own position: an inherited one is stretched
        for shape in layout.placeholders:
            kind = int(shape.placeholder_format.type)
            if kind == 1:  # a title, not the title slide's: all four set, so none is lost
                left, width = shape.left, shape.width
                shape.left, shape.top, shape.width, shape.height = (
                    left, Emu(TITLE_TOP), width, Emu(TITLE_HEIGHT))
            elif kind == 3:  # the title slide's own stays centred and large
                _first_level(shape._element, "ctr", _CENTER_TITLE_PT)
    for level in master.element.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr"):
        _set_level(level, "l", _TITLE_PT)


def _stretch(shape: Any, stretch: float) -> None:
    """Widen a shape that has its own position (a placeholder may inherit its master's)."""
    from pptx.util import Emu

    if shape._element.find(f"./{{{PRESENTATION}}}spPr/{{{DRAWING}}}xfrm") is None:
        return
    shape.left, shape.width = Emu(round(shape.left * stretch)), Emu(round(shape.width * stretch))


def _first_level(element: Any, align: str, size: int) -> None:
    """A placeholder's own first-level paragraph style: alignment, bold text of ``size``."""
    from lxml import etree

    styles = element.find(f".//{{{DRAWING}}}lstStyle")
    if styles is None:
        return
    _set_level(etree.SubElement(styles, f"{{{DRAWING}}}lvl1pPr"), align, size)


def _set_level(level: Any, align: str, size: int) -> None:
    """Alignment and bold text of ``size`` (hundredths of a point) on a paragraph level."""
    from lxml import etree

    level.set("algn", align)
    run = level.find(f"{{{DRAWING}}}defRPr")
    if run is None:
        run = etree.SubElement(level, f"{{{DRAWING}}}defRPr")
    run.set("sz", str(size))
    run.set("b", "1")


def deck_bytes(deck: Presentation, *, title: str, lang: str) -> bytes:
    """The saved deck: fixed core properties and timestamps, so equal decks are equal bytes."""
    import datetime as dt

    props = deck.core_properties
    fixed = dt.datetime(2022, 1, 1)
    props.title, props.author, props.last_modified_by = (xml_text(title), "okosys-plan",
                                                         "okosys-plan")
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = props.last_printed = fixed
    props.revision = 1
    props.language = "nb-NO" if lang == "nb" else "en-GB"
    buffer = io.BytesIO()
    deck.save(buffer)
    return normalise_zip(buffer.getvalue(), nested=(".xlsx",))
