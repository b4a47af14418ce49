"""New slides from the deck's layouts: a title in the layout's title placeholder, the free area.

PowerPoint's accessibility checker wants every slide titled, and the title read first: so
each slide is made from a layout with a title placeholder (the template's 'Title Only',
else its first layout with a title), its title goes there, and every other shape is added
after it. ``Page`` says where the slide's free area is, below the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okosys_plan.report.deck.shapes import Box, clean, inches

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout

MARGIN = 0.45  # inches around the free area
#: A title's fit: PowerPoint's default size, the smallest we shrink to, the line height in
#: sizes, the placeholder's insets (inches across and down), and how much narrower an
#: Office font runs than the DejaVu Sans widths ``charts.geometry`` estimates.
DEFAULT_TITLE_PT, MIN_TITLE_PT, TITLE_LINE = 44.0, 20.0, 1.2
TITLE_INSETS = (0.2, 0.1)
NARROWER = 0.9
ALIGN_UP_TO = 1.2  # inches: content aligns with a title placeholder starting this near the edge
_TITLE, _CENTER_TITLE, _SUBTITLE, _BODY, _OBJECT = 1, 3, 4, 2, 7


@dataclass(frozen=True)
class Page:
    """A slide and its free area below the title, in inches."""

    slide: Slide
    width: float  # the slide's size
    height: float
    area: Box  # left, top, width, height of the free area

    @property
    def shapes(self) -> Any:
        """The slide's shape tree."""
        return self.slide.shapes


def slide_size(deck: Presentation) -> tuple[float, float]:
    """The deck's slide width and height in inches."""
    return inches(deck.slide_width), inches(deck.slide_height)


def _kinds(layout: Any) -> set[int]:
    """The placeholder types of a layout, as numbers."""
    return {int(ph.placeholder_format.type) for ph in layout.placeholders}


def title_only_layout(deck: Presentation) -> SlideLayout:
    """The layout for content slides: a title and nothing to fill, else the first titled one."""
    layouts = list(deck.slide_layouts)
    titled = [layout for layout in layouts if _TITLE in _kinds(layout)]
    bare = [layout for layout in titled if not _kinds(layout) & {_BODY, _OBJECT, _SUBTITLE}]
    named = [layout for layout in bare if layout.name.lower() in ("title only", "kun tittel")]
    return (named or bare or titled or layouts)[0]


def title_layout(deck: Presentation) -> SlideLayout:
    """The layout for the title slide: a centred title, else the content slides' layout."""
    found = [layout for layout in deck.slide_layouts if _CENTER_TITLE in _kinds(layout)]
    return found[0] if found else title_only_layout(deck)


def content_page(deck: Presentation, title: str) -> Page:
    """A new slide titled ``title``, with the free area below its title."""
    slide = deck.slides.add_slide(title_only_layout(deck))
    width, height = slide_size(deck)
    top, left = MARGIN, MARGIN
    placeholder = _title_placeholder(slide)
    if placeholder is not None:
        placeholder.text_frame.text = clean(title)
        fit_title(placeholder, title_size(deck))
        top = max(top, inches(placeholder.top) + inches(placeholder.height) + 0.1)
        if MARGIN <= inches(placeholder.left) <= ALIGN_UP_TO:  # the content under the title
            left = inches(placeholder.left)
    else:  # a layout without a title placeholder: the title as the first text box
        from okosys_plan.report.deck.shapes import add_text

        add_text(slide.shapes, (MARGIN, MARGIN, width - 2 * MARGIN, 0.6), title, size=24,
                 bold=True, name="Tittel")
        top = MARGIN + 0.7
    return Page(slide, width, height, (left, top, width - 2 * left, height - top - MARGIN))


def title_page(deck: Presentation, title: str, subtitle: str) -> Page:
    """The deck's first slide: its title and a subtitle (lines split at '\\n')."""
    slide = deck.slides.add_slide(title_layout(deck))
    width, height = slide_size(deck)
    placeholder = _title_placeholder(slide)
    if placeholder is not None:
        placeholder.text_frame.text = clean(title)
    below = [ph for ph in slide.placeholders if int(ph.placeholder_format.type) == _SUBTITLE]
    if below:
        frame = below[0].text_frame
        lines = clean(subtitle).split("\n")
        frame.text = lines[0]
        for line in lines[1:]:
            frame.add_paragraph().text = line
    elif subtitle:
        from okosys_plan.report.deck.shapes import add_text

        add_text(slide.shapes, (MARGIN, height / 2, width - 2 * MARGIN, 1.5), subtitle,
                 size=16, anchor="top", wrap=True, name="Undertittel")
    _clear_unused(slide)
    return Page(slide, width, height, (MARGIN, MARGIN, width - 2 * MARGIN,
                                       height - 2 * MARGIN))


def title_size(deck: Presentation) -> float:
    """The points of the master's slide titles (44, PowerPoint's default, if unsaid)."""
    found = deck.slide_master.element.xpath(
        "./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@sz")
    return int(found[0]) / 100 if found else DEFAULT_TITLE_PT


def fit_title(placeholder: Any, size: float) -> None:
    """Make the title fit its placeholder: a smaller size (never below ``MIN_TITLE_PT``)
    when its lines, as estimated on the wide side, would run out of the placeholder."""
    from pptx.util import Pt

    from okosys_plan.charts.geometry import wrap_lines

    text = placeholder.text_frame.text
    width = inches(placeholder.width) - TITLE_INSETS[0]
    height = inches(placeholder.height) - TITLE_INSETS[1]
    fitted = size
    while fitted > MIN_TITLE_PT:
        lines = wrap_lines(text, width, fitted * NARROWER, max_lines=99)
        if len(lines) * fitted * TITLE_LINE / 72 <= height:
            break
        fitted -= 2
    if fitted < size:
        for paragraph in placeholder.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(fitted)


def _title_placeholder(slide: Slide) -> Any:
    """The slide's title placeholder (centred or not), or None."""
    for ph in slide.placeholders:
        if int(ph.placeholder_format.type) in (_TITLE, _CENTER_TITLE):
            return ph
    return None


def _clear_unused(slide: Slide) -> None:
    """Remove placeholders left empty (an empty one shows 'Click to add text')."""
    for ph in list(slide.placeholders):
        if not ph.has_text_frame or not ph.text_frame.text.strip():
            ph._element.getparent().remove(ph._element)


def finish(page: Page) -> None:
    """Tidy a finished slide: no empty placeholders left behind."""
    _clear_unused(page.slide)


def set_notes(page: Page, text: str) -> None:
    """The slide's speaker notes (the full text alternative, what did not fit)."""
    frame: Any = page.slide.notes_slide.notes_text_frame
    frame.text = clean(text)
