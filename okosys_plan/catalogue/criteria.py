"""Criteria from a workbook's Kriterier sheet, checked and with weights normalised.

Besides the named columns, a column headed by a whole number (``1``, ``2`` … as text or a
number cell) holds the rubric: the anchored text for that score, per criterion. A rubric
text for a score outside the criterion's scale is kept out of the rubric with a warning
at its cell; the raw cells stay in the sheet's table like any other column's. A criterion
with no rubric text that has a Skate default's name and scale gets the default's rubric.
"""

from __future__ import annotations

import math
from dataclasses import replace

from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.model import Criterion, Direction, Problem, Severity
from okosys_plan.catalogue.rubrics import default_rubric

_TOLERANCE = 1e-6


def criteria_from_sheet(cells: SheetCells, rows: list[Row]) -> tuple[Criterion, ...]:
    """Read the criteria rows; weights that do not sum to 1 are scaled, with a warning."""
    found: list[Criterion] = []
    seen: dict[str, Row] = {}
    rubric = _rubric_columns(cells)
    for row in rows:
        criterion = _criterion(cells, row)
        if criterion is not None:
            texts = _rubric(cells, row, criterion, rubric) if rubric else ()
            criterion = replace(criterion, rubric=texts or default_rubric(
                criterion.name, criterion.scale_min, criterion.scale_max))
        if criterion is None:
            continue
        key = schema.normalise(criterion.name)
        if key in seen:
            first = cells.cell(seen[key], cells.index("name") or 0)
            cells.problem(row, cells.index("name"), "duplicate-id", first=first)
            continue
        seen[key] = row
        found.append(criterion)
    return _normalised(cells, rows, found)


def _criterion(cells: SheetCells, row: Row) -> Criterion | None:
    spec = schema.CRITERIA
    values = {c.key: cells.value(row, c.key, c) for c in spec.columns}
    name, weight = values["name"], values["weight"]
    if name is None:
        cells.problem(row, cells.index("name"), "missing-value", value="")
    if weight is None and cells.raw_empty(row, "weight"):
        cells.problem(row, cells.index("weight"), "missing-value", value="")
    if weight is not None and weight < 0:
        cells.problem(row, cells.index("weight"), "out-of-range",
                      allowed="på 0 eller mer", allowed_en="of 0 or more")
        weight = None
    direction = _direction(cells, row, values["direction"])
    scale = _scale(cells, row, values["scale_min"], values["scale_max"])
    if name is None or weight is None or direction is None or scale is None:
        return None
    return Criterion(name, float(weight), direction, scale[0], scale[1],
                     values["description"] or "")


def _rubric_columns(cells: SheetCells) -> tuple[tuple[int, int], ...]:
    """(score, column index) of every column headed by a whole number, left to right; a
    second column for the same score is a duplicate (warned, kept as an unknown column)."""
    binding = cells.binding
    found: dict[int, int] = {}
    for index, (header, column) in enumerate(zip(binding.headers, binding.columns,
                                                 strict=True)):
        score = schema.rubric_score(header) if column is None and header else None
        if score is None:
            continue
        if score in found:
            row = Row(binding.header_row, list(binding.sheet.rows[binding.header_index]))
            cells.problem(row, index, "duplicate-column", Severity.WARNING)
            continue
        found[score] = index
    return tuple(sorted(found.items()))


def _rubric(cells: SheetCells, row: Row, criterion: Criterion,
            columns: tuple[tuple[int, int], ...]) -> tuple[tuple[int, str], ...]:
    """The row's anchored texts within the criterion's scale, in score order."""
    rubric = []
    for score, index in columns:
        text = cells.text_at(row, index, f"rubric:{score}")
        if text is None:
            continue
        if not criterion.scale_min <= score <= criterion.scale_max:
            cells.problem(row, index, "rubric-out-of-scale", Severity.WARNING,
                          score=score, criterion=criterion.name, min=criterion.scale_min,
                          max=criterion.scale_max)
            continue
        rubric.append((score, text))
    return tuple(rubric)


def _direction(cells: SheetCells, row: Row, value: str | None) -> Direction | None:
    if value is None:
        return Direction.BENEFIT
    direction = domain.DIRECTIONS.get(schema.normalise(value))
    if direction is None:
        cells.problem(row, cells.index("direction"), "invalid-choice",
                      known="Nytte, Kostnad (Benefit, Cost)")
    return direction


def _scale(cells: SheetCells, row: Row, low: float | None, high: float | None
           ) -> tuple[int, int] | None:
    bounds = []
    for key, value, default in (("scale_min", low, 1), ("scale_max", high, 5)):
        if value is not None and not float(value).is_integer():
            cells.problem(row, cells.index(key), "not-whole")
            return None
        bounds.append(default if value is None else int(value))
    if bounds[0] >= bounds[1]:
        cells.problem(row, cells.index("scale_max"), "bad-scale", min=bounds[0], max=bounds[1])
        return None
    return bounds[0], bounds[1]


def _normalised(cells: SheetCells, rows: list[Row], found: list[Criterion]
                ) -> tuple[Criterion, ...]:
    total = math.fsum(c.weight for c in found)
    if found and total <= 0:
        cells.problem(rows[0], cells.index("weight"), "no-positive-weight", value="")
        return ()
    if found and abs(total - 1) > _TOLERANCE:
        cells.problems.append(_sum_warning(cells, total))
        return tuple(_scaled(c, total) for c in found)
    return tuple(found)


def _scaled(criterion: Criterion, total: float) -> Criterion:
    return replace(criterion, weight=criterion.weight / total)


def _sum_warning(cells: SheetCells, total: float) -> Problem:
    return Problem(Severity.WARNING, "weights-normalised", cells.sheet, None,
                   cells.header(cells.index("weight") or 0), round(total, 6),
                   {"total": f"{total:g}"}, cells.file)
