"""The deck's first two slides: the title slide and the summary (text boxes).

The title slide names the roadmap (its full title), the catalogue, the as-of date and
okosys-plan's version. The summary says what the run and the HTML report say first: the
counts, the top five, what could not be placed and why, and the largest funding gap, in
the words of ``report.words`` and ``roadmap.reasons``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.charts import palette
from okosys_plan.charts.geometry import fit_text
from okosys_plan.report.deck.native import FONT_WIDTH
from okosys_plan.report.deck.shapes import add_text
from okosys_plan.report.deck.slides import Page, content_page, finish, set_notes, title_page
from okosys_plan.text.numbers import day, number
from okosys_plan.text.say import say

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from okosys_plan.run.pipeline import Results, RunConfig

TEXT_PT = 16.0
HEAD_PT = 18.0
LINE = 0.34  # inches per line at TEXT_PT
#: The most items the summary lists as not placed before it counts the rest.
UNPLACED_MAX = 6
TOP = 5
GUTTER = 0.4  # inches between the summary's two columns
LEFT_SHARE = 0.56  # of the width: the counts and the top five
HEADING = 0.45  # inches a block's heading takes
GAP = 0.3  # inches between blocks


def add_title_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The title slide: the roadmap's title; catalogue, as-of date and version below it."""
    lang = config.lang
    title = results.settings.full_title() if results.settings is not None else "okosys-plan"
    audit = results.audit
    lines = [say(lang, "Catalogue: {file}", file=audit.input_name),
             say(lang, "As of {date}", date=day(audit.as_of, lang)),
             say(lang, "Made with okosys-plan {version}", version=audit.version)]
    page = title_page(deck, title, "\n".join(lines))
    _ink(page)
    finish(page)


def _ink(page: Page) -> None:
    """The subtitle in the secondary text colour (the theme's grey is too light: 3.5:1)."""
    from okosys_plan.report.deck.shapes import rgb

    for shape in page.slide.placeholders:
        if int(shape.placeholder_format.type) != 4:  # the subtitle
            continue
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = rgb(palette.SECONDARY_TEXT)


def add_summary_slides(deck: Presentation, results: Results, config: RunConfig) -> None:
    """The summary: counts, the top five, what was not placed (and why), the largest gap."""
    lang = config.lang
    page = content_page(deck, say(lang, "Summary"))
    left, top, width, height = page.area
    wide = (width - GUTTER) * LEFT_SHARE
    narrow = width - GUTTER - wide
    first = [(say(lang, "Counts"), _wrapped(_counts(results, lang), wide)),
             (say(lang, "The top five"), _top(results, lang, wide))]
    _column(page, (left, top, wide, height), first)
    second = [(say(lang, "Not placed on the roadmap"), _unplaced(results, lang, narrow)),
              (say(lang, "Funding"), _wrapped(_gap(results, lang), narrow))]
    _column(page, (left + wide + GUTTER, top, narrow, height), second)
    set_notes(page, "\n\n".join(f"{heading}\n" + "\n".join(lines)
                                for heading, lines in [*first, *second]))
    finish(page)


def _column(page: Page, box: tuple[float, float, float, float],
            blocks: list[tuple[str, list[str]]]) -> None:
    """Headed blocks of lines, one under the other, each line one text line; lines past the
    box's bottom are left out, the last shown ending in '…' (the notes have them all)."""
    left, top, width, height = box
    bottom = top + height
    for heading, lines in blocks:
        room = int((bottom - top - HEADING) / LINE + 1e-9)
        if room < 1:
            return
        add_text(page.shapes, (left, top, width, HEADING - 0.05), heading, size=HEAD_PT,
                 bold=True, anchor="top", name=heading)
        top += HEADING
        shown = lines[:room] if len(lines) <= room else [*lines[:room - 1], "…"]
        rows = max(1, len(shown))
        add_text(page.shapes, (left, top, width, rows * LINE), "\n".join(shown) or "–",
                 size=TEXT_PT, colour=palette.TEXT, anchor="top", name=f"{heading}: tekst")
        top += rows * LINE + GAP


def _wrapped(texts: list[str], width: float) -> list[str]:
    """Each text broken into lines that fit ``width`` inches at TEXT_PT (two at most)."""
    from okosys_plan.charts.geometry import wrap_lines

    lines = []
    for text in texts:
        first, *rest = wrap_lines(text, (width - 0.1) / FONT_WIDTH, TEXT_PT, max_lines=2)
        lines += [first, *(f"   {line}" for line in rest)]  # a wrapped line indented
    return lines


def _counts(results: Results, lang: str) -> list[str]:
    """Needs and measures, how many placed and not, the catalogue's problems."""
    catalogue, report = results.checked.catalogue, results.checked.report
    lines = []
    if catalogue is not None and report is not None:
        lines.append(say(lang, "{needs} needs, {measures} measures", needs=number(
            len(catalogue.needs), lang, 0), measures=number(len(catalogue.measures), lang, 0)))
        lines.append(say(lang, "{errors} errors and {warnings} warnings in the catalogue",
                         errors=number(len(report.errors), lang, 0),
                         warnings=number(len(report.warnings), lang, 0)))
    if results.plan is not None:
        placed = sum(1 for p in results.plan.items if p.placed)
        lines.append(say(lang, "{placed} items placed on the roadmap, {unplaced} not placed",
                         placed=number(placed, lang, 0),
                         unplaced=number(len(results.plan.items) - placed, lang, 0)))
    return lines


def _top(results: Results, lang: str, width: float) -> list[str]:
    """The top five: rank, ID, title (shortened to the box) and score."""
    if results.prioritised is None:
        return []
    lines = []
    for scored in results.prioritised.ranking.needs[:TOP]:
        score = "–" if scored.score is None else number(scored.score, lang)
        tail = f" ({say(lang, '{score} points', score=score)})"
        head = f"{scored.rank}. {scored.id} "
        room = (width - 0.1) / FONT_WIDTH - _width(head + tail)
        lines.append(head + fit_text(scored.title, room, TEXT_PT) + tail)
    return lines


def _width(text: str) -> float:
    from okosys_plan.charts.geometry import label_width

    return label_width(text, TEXT_PT)


def _unplaced(results: Results, lang: str, width: float) -> list[str]:
    """Each item not placed with its reason, one line each, capped."""
    from okosys_plan.roadmap.reasons import reason_text
    from okosys_plan.text.listing import capped_lines

    if results.plan is None:
        return []
    missing = [p for p in results.plan.items if not p.placed]
    if not missing:
        return [say(lang, "Every item is placed.")]
    lines = [f"{p.item.id}: {reason_text(p.reason, p.reason_params, lang)}" for p in missing]
    where = say(lang, "plan.xlsx lists them all")
    return _wrapped([line.strip() for line in capped_lines(lines, lang, UNPLACED_MAX, where)],
                    width)


def _gap(results: Results, lang: str) -> list[str]:
    """Where the funding gap opens and the largest gap (the report's words)."""
    from okosys_plan.report.funding import largest_gap
    from okosys_plan.report.words import say as report_say

    analysis: Any = results.funding
    if analysis is None:
        return []
    opens, worst = analysis.gap_opens(), largest_gap(analysis)
    lines = [report_say(lang, "gap_opens", year=opens) if opens else
             report_say(lang, "no_gap")]
    if worst is not None:
        lines.append(report_say(lang, "largest_gap", id=worst[0], title=worst[1],
                                year=worst[2], amount=number(worst[3], lang)))
    return lines
