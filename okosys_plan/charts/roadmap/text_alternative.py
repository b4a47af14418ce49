"""The roadmap as a table, for universal design: Markdown and CSV beside every chart. Pure.

One row per bar the chart draws (an item drawn in several lanes has a row in each), in the
chart's order: lane, ID, title, start, end, status, planned, milestones. Dates are ISO
``YYYY-MM-DD``; a start before the horizon is written 'Påbegynt' ('Started before').

CSV is UTF-8 with a byte-order mark, so Excel reads the letters æ, ø and å right; it is
separated by semicolons in Norwegian (Excel's list separator in a Norwegian locale) and by
commas in English. A cell that begins with = + - @ (or their full-width forms ＝ ＋ － ＠,
which spreadsheets take as the same), a tab or a carriage return, also after leading
spaces, gets an apostrophe in front, so a spreadsheet shows it as text and never runs it
as a formula (OWASP's CSV injection advice). A cell holding either separator (``;`` or
``,``), a quote or a line break is quoted, so the file splits the same whichever separator
the program opening it expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from okosys_plan.charts.geometry import language
from okosys_plan.charts.roadmap.model import Bar, RoadmapLayout
from okosys_plan.charts.roadmap.reference import reference_lines
from okosys_plan.charts.roadmap.words import status_name, words
from okosys_plan.roadmap.items import RoadmapItem
from okosys_plan.text.listing import capped

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: A cell holding any of these is quoted (both separators, whichever is used).
_QUOTED = frozenset(';,"\r\n')


@dataclass(frozen=True)
class RoadmapTable:
    """The roadmap's items as rows of text under a header, with a title and notes."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    lang: str = "nb"
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (heading, list items)


def roadmap_table(source: RoadmapLayout | Sequence[RoadmapItem], lang: str = "nb"
                  ) -> RoadmapTable:
    """The table of a chart layout's bars, or of the dated items (lane = theme)."""
    if isinstance(source, RoadmapLayout):
        return _from_layout(source)
    lang = language(lang)
    said = words(lang)
    rows = tuple(_row(item.lane or said["no_tema"], item, lang)
                 for item in source if item.start is not None and item.end is not None)
    return RoadmapTable("", _header("tema", lang), rows, (), lang)


def _from_layout(layout: RoadmapLayout) -> RoadmapTable:
    """One row per bar, lanes named in full, milestones drawn on the bar listed."""
    lanes = {lane.name: lane.name or lane.label.text.replace("\n", " ")
             for lane in layout.lanes}
    marks: dict[str, list[tuple[date, str]]] = {}
    for mark in layout.milestones:
        marks.setdefault(mark.label.owner, []).append((mark.when, mark.name))
    for bar in layout.bars:  # the milestones folded away on the chart, in date order too
        marks.setdefault(bar.gid, []).extend((when, name) for name, when in bar.folded)
    rows = tuple(_bar_row(lanes.get(bar.lane, bar.lane), bar,
                          [f"{name} ({when.isoformat()})" for when, name in
                           sorted(marks.get(bar.gid, []), key=lambda m: m[0])],
                          layout.lang) for bar in layout.bars)
    return RoadmapTable(layout.texts.title, _header(layout.group_by, layout.lang), rows,
                        layout.texts.notes, layout.lang, _sections(layout))


def _sections(layout: RoadmapLayout) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The dependencies (one per arrow) and the dated lines, as lists under headings."""
    said = words(layout.lang)
    arrows = tuple(f"{a.target} {said['depends'].format(ids=a.source)}" for a in layout.arrows)
    lines = tuple(f"{line.when.isoformat()}: {line.full_label}" for line in layout.lines
                  if line.kind == "marker")
    ghosts = reference_lines(layout.ghosts, layout.reference_label, layout.lang)
    return tuple((heading, entries) for heading, entries in (
        (said["dependencies_heading"], arrows), (said["markers_heading"], lines),
        (layout.reference_label, ghosts)) if entries)


def _header(group_by: str, lang: str) -> tuple[str, ...]:
    said = words(lang)
    lane = said["lane_tema"] if group_by == "tema" else said["lane_other"]
    return (lane, said["id"], said["title"], said["start"], said["end"], said["status"],
            said["planned_column"], said["milestones_column"])


def _bar_row(lane: str, bar: Bar, marks: Sequence[str], lang: str) -> tuple[str, ...]:
    said = words(lang)
    start = said["started_before"] if bar.started_before else bar.start.isoformat()
    return (lane, bar.id, " ".join(bar.title.split()), start, bar.end.isoformat(),
            status_name(bar.status, lang) if bar.status else "",
            said["yes"] if bar.planned else said["no"], capped(marks, lang, sep="; "))


def _row(lane: str, item: RoadmapItem, lang: str) -> tuple[str, ...]:
    said = words(lang)
    assert item.start is not None and item.end is not None
    start = said["started_before"] if item.started_before else item.start.isoformat()
    marks = capped([f"{m.name} ({m.when.isoformat()})" for m in item.milestones], lang,
                   sep="; ")
    return (lane, item.id, " ".join(item.title.split()), start, item.end.isoformat(),
            status_name(item.status, lang) if item.status else "",
            said["no"] if item.fixed else said["yes"], marks)


def markdown_text(table: RoadmapTable) -> str:
    """The table in Markdown, under the chart's title, with the chart's notes after it."""
    lines = [f"# {_markdown_cell(table.title)}", ""] if table.title else []
    lines.append("| " + " | ".join(_markdown_cell(h) for h in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in table.rows]
    for heading, entries in table.sections:
        lines += ["", f"## {_markdown_cell(heading)}", ""]
        lines += [f"- {_markdown_cell(entry)}" for entry in entries]
    if table.notes:
        lines += ["", " ".join(_markdown_cell(n) for n in table.notes)]
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    """A cell on one line, with characters that would end the cell or start markup escaped."""
    text = " ".join(text.split())
    for char in "\\|*_`<>[]":
        text = text.replace(char, "\\" + char)
    return text


def csv_delimiter(lang: str) -> str:
    """';' for Norwegian (Excel's list separator there), ',' for English."""
    # A list separator is a convention of the locale, not a text to translate: ';' in
    # Norway, where the decimal comma takes ','.
    return "," if language(lang) == "en" else ";"


def csv_bytes(table: RoadmapTable) -> bytes:
    """The table as CSV: UTF-8 with a BOM, CRLF line ends, formula-like cells neutralised."""
    delimiter = csv_delimiter(table.lang)
    lines = [delimiter.join(csv_field(safe_cell(c)) for c in row)
             for row in (table.header, *table.rows)]
    return (BOM + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def csv_field(text: str) -> str:
    """One CSV field: quoted (quotes doubled) if it holds a separator, quote or line break."""
    if _QUOTED.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def safe_cell(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would take it for a formula."""
    return "'" + text if text.lstrip(" \u00a0\u3000").startswith(_FORMULA_STARTS) else text


def text_alternative_files(table: RoadmapTable) -> dict[str, bytes]:
    """The text alternative's files by suffix: '.md' and '.csv'."""
    return {".md": markdown_text(table).encode("utf-8"), ".csv": csv_bytes(table)}

