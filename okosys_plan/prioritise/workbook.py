"""Write a ranking to an .xlsx: the priority list, the points, the criteria and the settings.

The rows of every sheet are built first (``priority_tables``, no openpyxl), then written
with styled headers, frozen panes, filters, fitted widths, a data bar on the score and
class colours. Values are written as numbers or as text, never as formulas. The Kriterier
sheet has the catalogue format's own headers, so it can be read back as criteria.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.chains import breaks_fixed_by, fixes_text
from okosys_plan.catalogue.model import Catalogue, Direction
from okosys_plan.export.files import check_target
from okosys_plan.export.tables import BAR_COLOUR, Table, write_tables
from okosys_plan.export.xlsx import Chart, Style
from okosys_plan.prioritise.scoring import Method, PriorityClass, Ranking, ScoredNeed
from okosys_plan.text.address import column_letter
from okosys_plan.text.rounding import RATIO_DECIMALS, SCORE_DECIMALS
from okosys_plan.text.say import say

if TYPE_CHECKING:

    from okosys_plan.prioritise.sensitivity import Sensitivity

#: Fill and text per priority class (6.1:1, 6.6:1 and 9.6:1).
CLASS_COLOURS: Mapping[PriorityClass, tuple[str, str]] = {
    PriorityClass.HIGH: ("C6EFCE", "006100"),
    PriorityClass.MEDIUM: ("FFEB9C", "7A4500"),
    PriorityClass.LOW: ("DDEBF7", "1F3864"),
}

#: A score as shown everywhere (okosys_plan.text.rounding.SCORE_DECIMALS); points and ratios
#: keep two decimals.
SCORE_FORMAT = "0." + "0" * SCORE_DECIMALS
POINTS_FORMAT = "0.00"
RATIO_FORMAT = "0." + "0" * RATIO_DECIMALS
PERCENT_FORMAT = "0 %"
WEIGHT_FORMAT = "0.0 %"
FACTOR_FORMAT = '0.0"×"'

# Every word a sheet shows, in English: the message ids of the catalogues in text/locale.
_WORDS: Mapping[str, str] = {
    "priority_sheet": "Prioritised",
    "points_sheet": "Points",
    "criteria_sheet": "Criteria",
    "settings_sheet": "Settings",
    "stability_sheet": "Sensitivity",
    "changes_sheet": "Weight changes",
    # the score chart on Poengfordeling, in the words of the PNG chart (charts.priority)
    "chart_title": "Score, {scope}",
    "chart_top": "top {n} of {total} needs",
    "chart_all": "all {n} needs",
    "chart_axis": "Points (0–100)",
    "rank": "Rank",
    "id": "ID",
    "title": "Title",
    "theme": "Theme",
    "score": "Score",
    "priority": "Priority",
    "legal": "Legal requirement",
    "incomplete": "Incomplete",
    "missing": "Missing scores for",
    "effective_priority": "Effective priority",
    "effective_rank": "Effective rank",
    "lifted_by": "Lifted by",
    "chains": "Service chains it mends",
    "npv_ratio": "NPV per krone",
    "note": "Note",
    "sum": "Sum",
    "median_rank": "Median rank",
    "rank_p05": "Rank 5 %",
    "rank_p95": "Rank 95 %",
    "p_top_k": "Probability top {k}",
    "uncertain": "Uncertain",
    "criterion": "Criterion",
    "factor": "Factor",
    "entered": "Enters",
    "left": "Leaves",
    "setting": "Setting",
    "value": "Value",
    "source": "Source",
    "method": "Method",
    "threshold_high": "Threshold High",
    "threshold_medium": "Threshold Medium",
    "draws": "Draws",
    "seed": "Seed",
    "concentration": "Concentration",
    "top_k": "K (top K)",
    "yes": "Yes",
    "no": "No",
    "missing-npv": "Missing net present value",
    "missing-investment": "Missing investment",
    "zero-investment": "Investment is 0",
    Direction.BENEFIT: "Benefit",
    Direction.COST: "Cost",
    PriorityClass.HIGH: "High",
    PriorityClass.MEDIUM: "Medium",
    PriorityClass.LOW: "Low",
}


def word(key: str, lang: str) -> str:
    """The text for ``key`` in ``lang`` (bokmål unless ``lang="en"``)."""
    return say(lang, _WORDS[key])


#: Needs in the score chart: the top ones, as in the PNG chart.
CHART_NEEDS = 20


# --- the tables -------------------------------------------------------------------------


def priority_tables(ranking: Ranking, catalogue: Catalogue,
                    sensitivity: Sensitivity | None = None, lang: str = "nb"
                    ) -> tuple[Table, ...]:
    """Every sheet of the priority workbook, in order, as plain rows."""
    tables = [priority_table(ranking, catalogue, lang), points_table(ranking, lang),
              criteria_table(ranking, lang), settings_table(ranking, catalogue, sensitivity, lang)]
    if sensitivity is not None:
        tables += [stability_table(ranking, sensitivity, lang),
                   changes_table(sensitivity, lang)]
    return tuple(tables)


def priority_table(ranking: Ranking, catalogue: Catalogue, lang: str = "nb") -> Table:
    """Prioritert: rank, score, classes and notes, then every column of the needs sheet."""
    keys = ["rank", "id", "title", "theme", "score", "priority", "legal", "incomplete",
            "missing", "effective_priority", "effective_rank", "lifted_by"]
    if ranking.method is Method.NNV:
        keys += ["npv_ratio", "note"]
    chains = catalogue.chain_elements
    if chains:
        keys.append("chains")
    headers, originals = _original_rows(catalogue)
    rows = tuple((*_priority_row(scored, ranking.method, lang),
                  *((fixes_text(breaks_fixed_by(chains, scored.id)) or None,) if chains else ()),
                  *originals.get(scored.need.origin.row, (None,) * len(headers)))
                 for scored in ranking.needs)
    formats = {keys.index("score"): SCORE_FORMAT}
    if "npv_ratio" in keys:
        formats[keys.index("npv_ratio")] = RATIO_FORMAT
    return Table(word("priority_sheet", lang), (*(word(k, lang) for k in keys), *headers),
                 rows, formats, (keys.index("priority"), keys.index("effective_priority")),
                 (keys.index("score"),), "C2", len(keys))


def _priority_row(scored: ScoredNeed, method: Method, lang: str) -> tuple[Any, ...]:
    """Our columns of one need's row on Prioritert."""
    row: tuple[Any, ...] = (
        scored.rank, scored.id, scored.title, scored.need.theme, scored.score,
        _class(scored.priority, lang), _yes_no(scored.legal_requirement, lang),
        _yes_no(scored.incomplete, lang), ", ".join(scored.missing),
        _class(scored.effective_priority, lang), scored.effective_rank, scored.effective_from)
    if method is Method.NNV:
        reason = scored.unranked_reason
        row += (scored.npv_ratio, word(reason, lang) if reason else None)
    return row


def _original_rows(catalogue: Catalogue) -> tuple[tuple[str, ...], dict[int, tuple[Any, ...]]]:
    """The needs sheet's headers as written, and its rows (padded) by row number."""
    table = catalogue.tables.get(schema.NEEDS.key)
    if table is None:
        return (), {}
    width = len(table.headers)
    rows = {number: (*list(cells)[:width], *([None] * (width - len(cells))))
            for number, cells in table.rows}
    return table.headers, rows


def points_table(ranking: Ranking, lang: str = "nb") -> Table:
    """Poengfordeling: each need's points per criterion, and their sum (the score)."""
    names = [c.name for c in ranking.criteria]
    headers = (word("rank", lang), word("id", lang), word("title", lang), *names,
               word("sum", lang))
    rows = tuple((s.rank, s.id, s.title, *(s.contributions.get(n) for n in names),
                  s.exact_score) for s in ranking.needs)  # so the row adds up in Excel
    formats = {column: POINTS_FORMAT for column in range(3, len(headers) - 1)}
    formats[len(headers) - 1] = SCORE_FORMAT
    return Table(word("points_sheet", lang), headers, rows, formats,
                 bars=(len(headers) - 1,), freeze="C2",
                 charts=(_score_chart(len(headers), len(rows), lang),))


def _score_chart(width: int, count: int, lang: str) -> Chart:
    """The top needs' scores as bars, right of the points (the sum is the last column)."""
    shown = min(CHART_NEEDS, count)
    scope = (word("chart_top", lang).format(n=shown, total=count) if shown < count
             else word("chart_all", lang).format(n=count))
    return Chart("bar", word("chart_title", lang).format(scope=scope), 1, (width - 1,),
                 shown, f"{column_letter(width + 2)}2", value_axis=word("chart_axis", lang),
                 colours=(BAR_COLOUR,), scale=(0, 100), size=(640, 160 + 22 * shown))


def criteria_table(ranking: Ranking, lang: str = "nb") -> Table:
    """Kriterier: the criteria as used, with the format's headers so it reads back."""
    # The headers are the format's own names (schema), which the loader reads back in
    # either language; they are vocabulary of the input format, not texts of the catalogue.
    index = 1 if lang == "en" else 0
    headers = tuple(schema.CRITERIA.column(key).names[index] for key in
                    ("name", "weight", "direction", "scale_min", "scale_max", "description"))
    rows = tuple((c.name, c.weight, word(c.direction, lang), c.scale_min, c.scale_max,
                  c.description or None) for c in ranking.criteria)
    return Table(word("criteria_sheet", lang), headers, rows, {1: WEIGHT_FORMAT})


def settings_table(ranking: Ranking, catalogue: Catalogue,
                   sensitivity: Sensitivity | None = None, lang: str = "nb") -> Table:
    """Innstillinger: the source, method, thresholds and sensitivity settings, one a row."""
    pairs: list[tuple[str, Any]] = [
        ("source", catalogue.source), ("method", ranking.method.value),
        ("threshold_high", ranking.thresholds.high),
        ("threshold_medium", ranking.thresholds.medium)]
    if sensitivity is not None:
        pairs += [("draws", sensitivity.draws), ("seed", sensitivity.seed),
                  ("concentration", sensitivity.concentration), ("top_k", sensitivity.top_k)]
    rows = tuple((word(key, lang), value) for key, value in pairs)
    return Table(word("settings_sheet", lang), (word("setting", lang), word("value", lang)),
                 rows)


def stability_table(ranking: Ranking, sensitivity: Sensitivity, lang: str = "nb") -> Table:
    """Følsomhet: each need's median rank, 5–95 % ranks and chance of the top K."""
    keys = ("rank", "id", "title", "median_rank", "rank_p05", "rank_p95", "p_top_k",
            "uncertain")
    headers = tuple(word(k, lang).format(k=sensitivity.top_k) for k in keys)
    rows = []
    for scored in ranking.needs:
        found = sensitivity.stability.get(scored.id)
        if found is None:
            continue
        rows.append((scored.rank, scored.id, scored.title, found.median_rank, found.rank_p05,
                     found.rank_p95, found.p_top_k, _yes_no(found.uncertain, lang)))
    return Table(word("stability_sheet", lang), headers, tuple(rows), {6: PERCENT_FORMAT},
                 freeze="C2")


def changes_table(sensitivity: Sensitivity, lang: str = "nb") -> Table:
    """Vektendring: per criterion and factor, the needs entering and leaving the top K."""
    headers = tuple(word(k, lang) for k in ("criterion", "factor", "entered", "left"))
    rows = tuple((c.criterion, c.factor, ", ".join(c.entered) or None,
                  ", ".join(c.left) or None) for c in sensitivity.changes)
    return Table(word("changes_sheet", lang), headers, rows, {1: FACTOR_FORMAT})


def _class(priority: PriorityClass | None, lang: str) -> str | None:
    return None if priority is None else word(priority, lang)


def _yes_no(value: bool, lang: str) -> str:
    return word("yes" if value else "no", lang)


# --- writing ----------------------------------------------------------------------------


def write_priority_workbook(path: Path, ranking: Ranking, catalogue: Catalogue,
                            sensitivity: Sensitivity | None = None, *, lang: str = "nb",
                            force: bool = False, inputs: tuple[Path, ...] = (),
                            extra: Sequence[Table] = ()) -> None:
    """Write the ranking (and the sensitivity run, if given) to a new .xlsx at ``path``.

    ``extra``: more sheets, written after the workbook's own (the assessors' agreement).
    """
    check_target(path, force=force, inputs=inputs)
    write_tables(path, (*priority_tables(ranking, catalogue, sensitivity, lang), *extra),
                 class_styles(lang))


def class_styles(lang: str) -> dict[str, Style]:
    return {word(cls, lang): Style(fill=fill, colour=text)
            for cls, (fill, text) in CLASS_COLOURS.items()}


def sheet_names(lang: str = "nb", *, sensitivity: bool = False) -> tuple[str, ...]:
    """The names of the workbook's sheets, in order."""
    keys: Sequence[str] = ("priority_sheet", "points_sheet", "criteria_sheet", "settings_sheet")
    if sensitivity:
        keys = (*keys, "stability_sheet", "changes_sheet")
    return tuple(word(k, lang) for k in keys)
