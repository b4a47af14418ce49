"""The assessors' agreement as sheets of the priority workbook: plain rows, no openpyxl.

*Vurderinger*: every member's grade, one row per need × criterion × member, ungraded
cells included (empty grade). *Enighet*: per need and criterion the count, aggregate,
lowest and highest grade, interquartile range and agreement level, the level written as
text (Høy/Middels/Lav) and coloured (``LEVEL_COLOURS``), with the need's comments.
*Diskusjon*: the meeting's discussion list. *Avvik*: the assessors far from the others.
Rows follow the ranking (rank 1 first), then the agreement's criteria and assessors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from okosys_plan.assess.model import Agreement, Cell, Level
from okosys_plan.export.tables import Table
from okosys_plan.export.xlsx import Style
from okosys_plan.prioritise.scoring import Ranking
from okosys_plan.text.say import say

#: Fill and text per agreement level (contrast 6.1:1, 6.6:1 and 6.8:1): green, yellow, red.
LEVEL_COLOURS: Mapping[Level, tuple[str, str]] = {
    Level.HIGH: ("C6EFCE", "006100"),
    Level.MEDIUM: ("FFEB9C", "7A4500"),
    Level.LOW: ("F8CBAD", "7F1D00"),
}

GRADE_FORMAT = "0.0#"
SCORE_FORMAT = "0.0"

# Every word the sheets show, in English: the message ids of the catalogues in text/locale.
_WORDS: Mapping[str, str] = {
    "grades_sheet": "Assessments",
    "agreement_sheet": "Agreement",
    "discussion_sheet": "Discussion",
    "outliers_sheet": "Outliers",
    "rank": "Rank",
    "id": "ID",
    "title": "Title",
    "criterion": "Criterion",
    "assessor": "Assessor",
    "agency": "Agency",
    "grade": "Grade",
    "comment": "Comment on the need",
    "count": "Assessors who graded",
    "aggregate": "Aggregate ({rule})",
    "lowest": "Lowest grade",
    "highest": "Highest grade",
    "iqr": "Interquartile range",
    "level": "Agreement",
    "comments": "Comments",
    "changes": "What could change",
    "score_low": "Score, low",
    "score": "Score",
    "score_high": "Score, high",
    "disagree": "Criteria they disagree on",
    "far": "Needs far from the others",
    "scored": "Needs graded with others",
    "distance": "Mean distance (scale steps)",
    "top-k": "In or out of the top K",
    "class": "Priority class",
    Level.HIGH: "High",
    Level.MEDIUM: "Medium",
    Level.LOW: "Low",
    "median": "median",
    "mean": "mean",
    "trimmed": "trimmed mean",
}


def word(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` (bokmål unless ``lang="en"``)."""
    return say(lang, _WORDS[key])


def agreement_tables(agreement: Agreement, ranking: Ranking, lang: str = "nb") -> list[Table]:
    """The four sheets, in order: Vurderinger, Enighet, Diskusjon, Avvik."""
    return [grades_table(agreement, ranking, lang), agreement_table(agreement, ranking, lang),
            discussion_table(agreement, lang), outliers_table(agreement, lang)]


def sheet_names(lang: str = "nb") -> tuple[str, ...]:
    """The names of the four sheets, in order."""
    return tuple(word(k, lang) for k in ("grades_sheet", "agreement_sheet",
                                         "discussion_sheet", "outliers_sheet"))


def level_styles(lang: str) -> dict[str, Style]:
    """The fill and text colour of each level's name in ``lang``."""
    return {word(level, lang): Style(fill=fill, colour=text)
            for level, (fill, text) in LEVEL_COLOURS.items()}


def level_name(level: Level | None, lang: str) -> str | None:
    """A level's name (Høy, Middels, Lav), None where agreement is not defined."""
    return None if level is None else word(level, lang)


def ordered_needs(agreement: Agreement, ranking: Ranking) -> list[tuple[str, str, int | None]]:
    """(ID, title, rank) of every need with cells: in rank order, then the rest by ID."""
    ranked = [(s.id, s.title, s.rank) for s in ranking.needs if s.id in agreement.cells]
    seen = {need for need, _, _ in ranked}
    return ranked + [(need, "", None) for need in sorted(agreement.cells) if need not in seen]


def _cells(agreement: Agreement, ranking: Ranking) -> Iterator[tuple[str, str, Cell]]:
    """(ID, title, cell) per need in rank order and criterion in the agreement's order."""
    for need, title, _ in ordered_needs(agreement, ranking):
        row = agreement.cells[need]
        for criterion in agreement.criteria:
            if criterion in row:
                yield need, title, row[criterion]


def grades_table(agreement: Agreement, ranking: Ranking, lang: str = "nb") -> Table:
    """Vurderinger: one row per need × criterion × member, with the member's comment."""
    keys = ("id", "title", "criterion", "assessor", "agency", "grade", "comment")
    said = {need: dict(pairs) for need, pairs in agreement.comments.items()}
    rows = []
    for need, title, cell in _cells(agreement, ranking):
        notes = said.get(need, {})
        for member, grade in zip(agreement.assessors, cell.grades, strict=False):
            rows.append((need, title, cell.criterion, member.name, member.agency, grade,
                         notes.get(member.name)))
    return Table(word("grades_sheet", lang), tuple(word(k, lang) for k in keys), tuple(rows),
                 freeze="D2")


def agreement_table(agreement: Agreement, ranking: Ranking, lang: str = "nb") -> Table:
    """Enighet: per need and criterion the spread and level, coloured, with the comments."""
    keys = ("id", "title", "criterion", "count", "aggregate", "lowest", "highest", "iqr",
            "level", "comments")
    rule = word(agreement.rule.value, lang)
    headers = tuple(say(lang, _WORDS[k], rule=rule) for k in keys)
    rows = tuple((need, title, cell.criterion, cell.count, cell.aggregate, cell.low, cell.high,
                  cell.iqr, level_name(cell.level, lang),
                  _joined(agreement.comments.get(need, ())))
                 for need, title, cell in _cells(agreement, ranking))
    return Table(word("agreement_sheet", lang), headers, rows,
                 {4: GRADE_FORMAT, 7: GRADE_FORMAT}, classes=(keys.index("level"),),
                 freeze="D2", styles=level_styles(lang))


def discussion_table(agreement: Agreement, lang: str = "nb") -> Table:
    """Diskusjon: the needs to talk about, most at stake first, with what could change."""
    keys = ("rank", "id", "title", "changes", "score_low", "score", "score_high", "disagree",
            "comments")
    rows = tuple((d.rank, d.need, d.title, ", ".join(word(c, lang) for c in d.changes),
                  d.low_score, d.score, d.high_score, ", ".join(d.criteria) or None,
                  _joined(d.comments)) for d in agreement.discussion)
    return Table(word("discussion_sheet", lang), tuple(word(k, lang) for k in keys), rows,
                 {4: SCORE_FORMAT, 5: SCORE_FORMAT, 6: SCORE_FORMAT}, freeze="D2")


def outliers_table(agreement: Agreement, lang: str = "nb") -> Table:
    """Avvik: each assessor far from the others on many needs (shown, never dropped)."""
    keys = ("assessor", "agency", "far", "scored", "distance")
    agencies = {a.name: a.agency for a in agreement.assessors}
    rows = tuple((o.assessor, agencies.get(o.assessor), o.far, o.scored, o.distance)
                 for o in agreement.outliers)
    return Table(word("outliers_sheet", lang), tuple(word(k, lang) for k in keys), rows,
                 {4: "0.00"})


def _joined(comments: tuple[tuple[str, str], ...]) -> Any:
    """'Name: comment' lines, or None when nobody commented."""
    return "\n".join(f"{who}: {text}" for who, text in comments) or None
