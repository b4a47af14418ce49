"""The map's arrows: what triggers what, as orthogonal paths through the free space. Pure.

Boxes sit in columns with a gap between every two, and keep ``BAND_PAD`` from their
band's edges, so the gaps and the bands' edges are free: an arrow leaves its source's
side, runs up or down in the gap beside it, along a band's edge (or between two strips)
to the gap beside its target, and enters the target's side. Between neighbouring
columns it needs no edge; within one column it runs straight up or down when no box is
between, else in the gap to the right. Each source and target has its own slot in a gap,
so arrows from different boxes do not run on top of each other for long.
"""

from __future__ import annotations

from collections.abc import Sequence

from okosys_plan.catalogue.validate import id_key
from okosys_plan.chains.model import ChainMap
from okosys_plan.charts.chains.grid import Grid
from okosys_plan.charts.chains.model import Arrow, Band, Element

SLOT = 0.03  # inches between slots in a gap
SLOTS = 5
EDGE_SLOT = 0.018  # inches between slots along a band's edge

Point = tuple[float, float]


def trigger_arrows(chain: ChainMap, elements: Sequence[Element], bands: Sequence[Band],
                   grid: Grid) -> tuple[Arrow, ...]:
    """One arrow per trigger between two drawn elements, in map order."""
    drawn = {id_key(e.id): e for e in elements}
    slots = {id_key(e.id): i % SLOTS - SLOTS // 2 for i, e in enumerate(chain.elements)}
    arrows: list[Arrow] = []
    for element in chain.elements:
        source = drawn.get(id_key(element.id))
        for ref in dict.fromkeys(id_key(t) for t in element.triggers):
            target = drawn.get(ref)
            if source is None or target is None or target is source:
                continue
            points = _route(source, target, elements, bands, grid,
                            (slots[id_key(source.id)], slots[ref], len(arrows)))
            arrows.append(Arrow(source.id, target.id, _clean(points)))
    return tuple(arrows)


def _route(source: Element, target: Element, elements: Sequence[Element],
           bands: Sequence[Band], grid: Grid, slots: tuple[int, int, int]) -> list[Point]:
    """The path from the source's side to the target's."""
    one, other = source.box, target.box
    sy, ty = (one.y0 + one.y1) / 2, (other.y0 + other.y1) / 2
    if source.column == target.column:
        return _same_column(source, target, elements, grid, slots[0])
    forward = target.column > source.column
    exit_x = one.x1 if forward else one.x0
    entry_x = other.x0 if forward else other.x1
    base_s = grid.gap_after(source.column) if forward else grid.gap_before(source.column)
    base_t = grid.gap_before(target.column) if forward else grid.gap_after(target.column)
    xs = base_s + slots[0] * SLOT
    if abs(base_s - base_t) < 1e-9 and source.strip == target.strip:
        return [(exit_x, sy), (xs, sy), (xs, ty), (entry_x, ty)]
    xt = base_t + slots[1] * SLOT
    cy = _channel(source, target, bands) + (slots[2] % SLOTS - SLOTS // 2) * EDGE_SLOT
    return [(exit_x, sy), (xs, sy), (xs, cy), (xt, cy), (xt, ty), (entry_x, ty)]


def _same_column(source: Element, target: Element, elements: Sequence[Element], grid: Grid,
                 slot: int) -> list[Point]:
    """Straight up or down when nothing is between, else out right and back in."""
    one, other = source.box, target.box
    low, high = sorted((one.y1, other.y1))
    between = [e for e in elements if e.column == source.column and e is not source
               and e is not target and low - 1e-9 <= e.box.y0 and e.box.y1 <= high + 1e-9]
    if not between:
        x = (max(one.x0, other.x0) + min(one.x1, other.x1)) / 2
        down = other.y0 >= one.y1
        return [(x, one.y1 if down else one.y0), (x, other.y0 if down else other.y1)]
    xs = grid.gap_after(source.column) + slot * SLOT
    sy, ty = (one.y0 + one.y1) / 2, (other.y0 + other.y1) / 2
    return [(one.x1, sy), (xs, sy), (xs, ty), (other.x1, ty)]


def _channel(source: Element, target: Element, bands: Sequence[Band]) -> float:
    """The y of the free line the arrow runs along from the source's gap to the target's.

    In one strip: the target band's edge facing the source (its top within one band);
    between strips: the middle of the gap below (or above) the source's strip.
    """
    if source.strip != target.strip:
        mine = [b for b in bands if b.strip == source.strip]
        after = [b for b in bands if b.strip == source.strip + (1 if target.strip >
                                                                  source.strip else -1)]
        if target.strip > source.strip:
            return (mine[-1].y1 + after[0].y0) / 2
        return (after[-1].y1 + mine[0].y0) / 2
    home = _band(source, bands)
    there = _band(target, bands)
    if there.y0 > home.y0:
        return there.y0
    if there.y0 < home.y0:
        return there.y1
    return there.y0


def _band(element: Element, bands: Sequence[Band]) -> Band:
    """The band an element is drawn in."""
    return next(b for b in bands if b.strip == element.strip and b.layer == element.layer)


def _clean(points: list[Point]) -> tuple[Point, ...]:
    """The path without repeated points or points in the middle of a straight run."""
    kept: list[Point] = []
    for point in points:
        if kept and abs(kept[-1][0] - point[0]) < 1e-9 and abs(kept[-1][1] - point[1]) < 1e-9:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    return tuple(kept)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    """True when three points lie on one horizontal or vertical line."""
    return ((abs(a[0] - b[0]) < 1e-9 and abs(b[0] - c[0]) < 1e-9)
            or (abs(a[1] - b[1]) < 1e-9 and abs(b[1] - c[1]) < 1e-9))
