"""Criteria from a workbook's Kriterier sheet, checked and with weights normalised."""

from __future__ import annotations

import math

from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.model import Criterion, Direction, Problem, Severity

_TOLERANCE = 1e-6


def criteria_from_sheet(cells: SheetCells, rows: list[Row]) -> tuple[Criterion, ...]:
    """Read the criteria rows; weights that do not sum to 1 are scaled, with a warning."""
    found: list[Criterion] = []
    seen: dict[str, Row] = {}
    for row in rows:
        criterion = _criterion(cells, row)
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
    return Criterion(criterion.name, criterion.weight / total, criterion.direction,
                     criterion.scale_min, criterion.scale_max, criterion.description)


def _sum_warning(cells: SheetCells, total: float) -> Problem:
    return Problem(Severity.WARNING, "weights-normalised", cells.sheet, None,
                   cells.header(cells.index("weight") or 0), round(total, 6),
                   {"total": f"{total:g}"}, cells.file)
