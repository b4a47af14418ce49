"""A catalogue diff for people: a short changelog, and every change as sheets. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.model import Period
from okosys_plan.diff.compare import CatalogueDiff, Change, Kind, LineChange, Move, RankMove, Record
from okosys_plan.prioritise.explain import class_name
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say, say_in

#: Lines per section of the terminal changelog; the Excel file and --json list them all.
SHORT = 10

# key: English text, the message id of its bokmål translation (text/locale)
_WORDS: dict[str, str] = {
    "title": "Changes from {old} to {new}",
    "nothing": "No changes from {old} to {new}.",
    "added": "Added",
    "removed": "Removed",
    "changed": "Changed",
    "rank": "Rank",
    "moved": "Moved",
    "funding": "Funding",
    "summary": "Summary",
    "more": "… and {count} more",
    "all": "Every change: -o diff.xlsx or --json.",
    "rank_line": "rank {old} → {new}",
    "score": "score {old} → {new}",
    "not_placed": "not placed",
    "empty": "(empty)",
    "yes": "yes",
    "no": "no",
    "kind": "Kind",
    "id": "ID",
    "titlecol": "Title",
    "field": "Field",
    "old": "Old value",
    "new": "New value",
    "old_rank": "Old rank",
    "new_rank": "New rank",
    "up": "Up",
    "old_class": "Old priority",
    "new_class": "New priority",
    "old_score": "Old score",
    "new_score": "New score",
    "old_start": "Old start",
    "old_end": "Old end",
    "new_start": "New start",
    "new_end": "New end",
    "year": "Year",
    "key": "Cost type / source",
    "change": "Change",
    "status": "Status",
    "what": "What",
    "value": "Value",
    "old_file": "Old catalogue",
    "new_file": "New catalogue",
}
# Kinds and changes by their English names, the message ids of the names shown.
_KINDS_EN = {Kind.NEED: "need", Kind.MEASURE: "measure", Kind.COST: "cost",
             Kind.FUNDING: "funding"}
_CHANGES_EN = {Change.ADDED: "added", Change.REMOVED: "removed", Change.CHANGED: "changed"}
_FIELDS_EN = {c.names[0]: c.names[1] if len(c.names) > 1 else c.names[0]
              for spec in (schema.FUNDING, schema.COSTS, schema.MEASURES, schema.NEEDS)
              for c in spec.columns}


def word(lang: str, key: str, **params: Any) -> str:
    """A word of the changelog or the sheets in the language asked for."""
    return say_in(lang, "diff", _WORDS[key], **params)


def kind_name(kind: Kind, lang: str) -> str:
    """behov, tiltak, kostnad, finansiering (need, measure, cost, funding)."""
    return say(lang, _KINDS_EN[kind])


def change_name(change: Change, lang: str) -> str:
    """lagt til, fjernet, endret (added, removed, changed)."""
    return say(lang, _CHANGES_EN[change])


def field_name(field: str, lang: str) -> str:
    """A field as its column is called (English names for the format's own columns)."""
    # The format's own column names (schema), in the language of the sheet they head: the
    # vocabulary of the input format, which the loader reads in either language.
    return _FIELDS_EN.get(field, field) if lang == "en" else field


def shown(value: Any, lang: str) -> str:
    """A typed value as short text: numbers the language's way, periods as written."""
    if value is None or value == "":
        return word(lang, "empty")
    if isinstance(value, bool):
        return word(lang, "yes" if value else "no")
    if isinstance(value, Period):
        return value.text
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else number(value, lang, 2)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if not isinstance(value, datetime) or \
            value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, list | tuple):
        return ", ".join(shown(v, lang) for v in value) or word(lang, "empty")
    text = str(value)
    return say(lang, "“{text}”", text=text)


def _score(value: float | None, lang: str) -> str:
    return word(lang, "empty") if value is None else number(value, lang)


def _span(start: date | None, end: date | None, lang: str) -> str:
    if start is None or end is None:
        return word(lang, "not_placed")
    return f"{start.isoformat()}–{end.isoformat()}"


# --- the terminal changelog -------------------------------------------------------------

def changelog(diff: CatalogueDiff, lang: str = "nb", limit: int = SHORT) -> str:
    """A short changelog: each kind of change with at most ``limit`` lines."""
    if diff.empty:
        return word(lang, "nothing", old=diff.old_source, new=diff.new_source)
    sections: list[tuple[str, list[str]]] = [
        ("added", [f"+ {r.id}  {r.title} ({kind_name(r.kind, lang)})" for r in diff.added]),
        ("removed", [f"− {r.id}  {r.title} ({kind_name(r.kind, lang)})" for r in diff.removed]),
        ("changed", [f"{c.id}  {field_name(c.field, lang)}: {shown(c.old, lang)} → "
                     f"{shown(c.new, lang)}" for c in diff.changed]),
        ("rank", [_rank_line(m, lang) for m in diff.rank_moves]),
        ("moved", [_move_line(m, lang) for m in diff.moved]),
        ("funding", [_line_text(line, lang) for line in diff.funding]),
    ]
    lines = [word(lang, "title", old=diff.old_source, new=diff.new_source)]
    for key, entries in sections:
        if entries:
            lines += ["", f"{word(lang, key)} ({len(entries)})"]
            lines += [f"  {entry}" for entry in entries[:limit]]
            if len(entries) > limit:
                lines.append(f"  {word(lang, 'more', count=len(entries) - limit)}")
    return "\n".join([*lines, "", word(lang, "all")])


def _rank_line(move: RankMove, lang: str) -> str:
    parts = [word(lang, "rank_line", old=move.old_rank, new=move.new_rank)]
    if move.old_class != move.new_class:
        parts.append(f"{class_name(move.old_class, lang)} → {class_name(move.new_class, lang)}")
    scores = _score(move.old_score, lang), _score(move.new_score, lang)
    if scores[0] != scores[1]:
        parts.append(word(lang, "score", old=scores[0], new=scores[1]))
    return f"{move.id}  {', '.join(parts)}"


def _move_line(move: Move, lang: str) -> str:
    from okosys_plan.roadmap.baseline_present import shift_text

    shift = ""
    if move.start_slip is not None and move.end_slip is not None:
        shift = f" ({shift_text(move.start_slip, lang)} / {shift_text(move.end_slip, lang)})"
    return (f"{move.id}  {_span(move.old_start, move.old_end, lang)} → "
            f"{_span(move.new_start, move.new_end, lang)}{shift}")


def _line_text(line: LineChange, lang: str) -> str:
    where = f"{line.id} {line.year} {line.key} ({kind_name(line.kind, lang)})"
    if line.change is not Change.CHANGED:
        amount = line.new if line.change is Change.ADDED else line.old
        return f"{'+' if line.change is Change.ADDED else '−'} {where}: {shown(amount, lang)}"
    return (f"{where}: {field_name(line.field, lang)} {shown(line.old, lang)} → "
            f"{shown(line.new, lang)}")


# --- the sheets ---------------------------------------------------------------------------

Table = tuple[str, list[str], list[list[Any]]]


def cell(value: Any, lang: str) -> Any:
    """A typed value for a spreadsheet cell: dates stay dates, lists and periods as text."""
    if isinstance(value, Period):
        return value.text
    if isinstance(value, list | tuple):
        return ", ".join(str(cell(v, lang)) for v in value)
    if isinstance(value, bool):
        return word(lang, "yes" if value else "no")
    return value


def diff_tables(diff: CatalogueDiff, lang: str = "nb") -> list[Table]:
    """Every change as sheets: summary, added, removed, changed, rank, moved, funding."""
    def w(key: str) -> str:
        return word(lang, key)

    def head(*keys: str) -> list[str]:
        return [w(k) for k in keys]

    def records(found: Sequence[Record]) -> list[list[Any]]:
        return [[kind_name(r.kind, lang), r.id, r.title] for r in found]

    tables: list[Table] = [
        (w("added"), head("kind", "id", "titlecol"), records(diff.added)),
        (w("removed"), head("kind", "id", "titlecol"), records(diff.removed)),
        (w("changed"), head("kind", "id", "field", "old", "new"),
         [[kind_name(c.kind, lang), c.id, field_name(c.field, lang), cell(c.old, lang),
           cell(c.new, lang)] for c in diff.changed]),
        (w("rank"), head("id", "titlecol", "old_rank", "new_rank", "up", "old_class",
                         "new_class", "old_score", "new_score"),
         [_rank_row(m, lang) for m in diff.rank_moves]),
        (w("moved"), [*head("kind", "id", "titlecol", "old_start", "old_end", "new_start",
                            "new_end"), *_slip_headers(lang)],
         [[kind_name(m.kind, lang), m.id, m.title, m.old_start, m.old_end, m.new_start,
           m.new_end, m.start_slip, m.end_slip] for m in diff.moved]),
        (w("funding"), head("kind", "id", "year", "key", "change", "field", "old", "new",
                            "status"), [_line_row(line, lang) for line in diff.funding]),
    ]
    summary: list[list[Any]] = [[w("old_file"), diff.old_source],
                                [w("new_file"), diff.new_source]]
    summary += [[name, len(rows)] for name, _, rows in tables]
    return [(w("summary"), head("what", "value"), summary), *tables]


def _slip_headers(lang: str) -> list[str]:
    """The slippage columns, named as in the status table (roadmap.baseline_present)."""
    from okosys_plan.roadmap.baseline_present import HEADERS

    return [say(lang, h) for h in HEADERS[6:8]]


def _rank_row(move: RankMove, lang: str) -> list[Any]:
    def score(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return [move.id, move.title, move.old_rank, move.new_rank, move.old_rank - move.new_rank,
            class_name(move.old_class, lang), class_name(move.new_class, lang),
            score(move.old_score), score(move.new_score)]


def _line_row(line: LineChange, lang: str) -> list[Any]:
    return [kind_name(line.kind, lang), line.id, line.year, line.key,
            change_name(line.change, lang), field_name(line.field, lang),
            cell(line.old, lang), cell(line.new, lang), line.status]
