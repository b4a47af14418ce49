"""Cost, funding and gap per solution and year, with totals and flags. Pure.

The solutions are every measure with a cost or funding inside the years analysed and
every need with cost or funding lines of its own. A solution's cost comes from its
Kostnader lines; a measure without lines gets the Investering and Årlig drift of the needs
it covers (a need covered by several measures split evenly among them), spread as the
roadmap spreads them (``roadmap.costs.spread``) over the measure's own period, or over
the period the plan gives it when it has none. Amounts are MNOK.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from okosys_plan.catalogue.model import Catalogue, CostLine, FundingLine, Origin
from okosys_plan.catalogue.validate import id_key
from okosys_plan.roadmap.costs import CostProfile, lines_by_item, spread
from okosys_plan.roadmap.schedule import Plan, PlannedItem

#: Cost types (domain.COST_TYPES, folded); investment-like ones are one-off project work.
COST_KEYS: tuple[str, ...] = ("investering", "drift", "forvaltning", "videreutvikling")
INVESTMENT_KEYS = frozenset({"investering", "videreutvikling"})
RUNNING_KEYS = frozenset({"drift", "forvaltning"})
#: Funding statuses (domain.FUNDING_STATUSES) as the analysis names them.
STATUS_KEYS: Mapping[str, str] = {"bekreftet": "confirmed", "søkt": "applied",
                                  "uavklart": "unclear"}
GRANT_SOURCE = "medfinansiering"  # the time-limited co-funding grant
_EPSILON = 1e-9

Yearly = Mapping[int, float]


def money(value: float) -> float:
    """MNOK rounded to the krone (float noise off, still a number, never -0.0)."""
    return round(value, 6) + 0.0


class Basis(StrEnum):
    """Where a solution's cost comes from."""

    LINES = "lines"  # its Kostnader lines
    NEEDS = "needs"  # the needs it covers, over its own period
    PLANNED = "planned"  # the needs it covers, over the period the plan gave it
    NONE = "none"  # no cost known (funding only, or could not be placed)


@dataclass(frozen=True)
class Flag:
    """Something an analyst should see about a solution, with the years it concerns."""

    code: str  # grant-ended, only-unclear, no-funding
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Figures:
    """Cost, funding by status and the gaps, in MNOK, for a year (or a sum of them)."""

    cost: float = 0.0
    confirmed: float = 0.0
    applied: float = 0.0
    unclear: float = 0.0
    gap: float = 0.0
    gap_if_applied: float = 0.0

    def plus(self, other: Figures) -> Figures:
        """The two added together."""
        return Figures(*(money(a + b) for a, b in zip(self.values(), other.values(),
                                                         strict=True)))

    def values(self) -> tuple[float, ...]:
        """The figures in field order."""
        return (self.cost, self.confirmed, self.applied, self.unclear, self.gap,
                self.gap_if_applied)


@dataclass(frozen=True)
class Solution:
    """One solution's cost by type and funding by source and status, per year (MNOK)."""

    id: str
    title: str
    kind: str  # "measure" or "need"
    origin: Origin
    theme: str | None
    owner: str | None
    basis: Basis
    costs: Mapping[str, Yearly]  # cost type -> year -> MNOK
    sources: Mapping[str, Yearly]  # funding source -> year -> MNOK (every status)
    statuses: Mapping[str, Yearly]  # confirmed / applied / unclear -> year -> MNOK
    grant_years: tuple[int, ...] = ()  # every year with co-funding, inside the years or not
    flags: tuple[Flag, ...] = ()

    def cost(self, year: int, kinds: Iterable[str] = COST_KEYS) -> float:
        """The cost in ``year`` of the cost types ``kinds`` (all by default)."""
        return money(sum(self.costs.get(k, {}).get(year, 0.0) for k in kinds))

    def status(self, year: int, key: str) -> float:
        """Funding in ``year`` with status ``key`` (confirmed, applied, unclear)."""
        return money(self.statuses.get(key, {}).get(year, 0.0))

    def figures(self, year: int) -> Figures:
        """Cost, funding and gaps in ``year``; a gap is never below 0 (worked out once)."""
        made: dict[int, Figures] = self.__dict__.setdefault("_figures", {})
        found = made.get(year)
        if found is None:
            cost = self.cost(year)
            confirmed, applied = self.status(year, "confirmed"), self.status(year, "applied")
            found = made[year] = Figures(cost, confirmed, applied,
                                         self.status(year, "unclear"),
                                         money(max(0.0, cost - confirmed)),
                                         money(max(0.0, cost - confirmed - applied)))
        return found

    def surplus(self, year: int) -> float:
        """Confirmed funding above the cost in ``year``."""
        return money(max(0.0, self.status(year, "confirmed") - self.cost(year)))


def solutions(catalogue: Catalogue, plan: Plan, years: Sequence[int]) -> tuple[Solution, ...]:
    """Every measure, and every need with lines of its own, that has figures in ``years``."""
    costs = lines_by_item(catalogue.costs)
    funding = _funding_by_item(catalogue.funding)
    planned = {id_key(p.item.id): p for p in plan.items}
    found: list[Solution] = []
    for measure in catalogue.measures:
        key = id_key(measure.id)
        lines = costs.get(key, ())
        cost, basis = (_from_lines(lines, years), Basis.LINES) if lines else \
            _from_plan(planned.get(key), years)
        found.append(_solution(measure.id, measure.title, "measure", measure.origin,
                               measure.theme, measure.owner, basis, cost,
                               funding.get(key, ()), years))
    taken = {id_key(m.id) for m in catalogue.measures}
    for need in catalogue.needs:
        key = id_key(need.id)
        if key in taken or not (key in costs or key in funding):
            continue
        cost = _from_lines(costs.get(key, ()), years)
        found.append(_solution(need.id, need.title, "need", need.origin, need.theme,
                               need.owner, Basis.LINES if key in costs else Basis.NONE, cost,
                               funding.get(key, ()), years))
    return tuple(s for s in found if _has_figures(s, years))


def _funding_by_item(lines: Sequence[FundingLine]) -> dict[str, tuple[FundingLine, ...]]:
    grouped: dict[str, list[FundingLine]] = {}
    for line in lines:
        grouped.setdefault(id_key(line.item), []).append(line)
    return {k: tuple(v) for k, v in grouped.items()}


def _from_lines(lines: Sequence[CostLine], years: Sequence[int]) -> dict[str, dict[int, float]]:
    """Cost type -> year -> MNOK from Kostnader lines inside ``years``."""
    cost = {k: dict.fromkeys(years, 0.0) for k in COST_KEYS}
    for line in lines:
        kind = line.cost_type.casefold()
        if kind in cost and line.year in cost[kind]:
            cost[kind][line.year] = money(cost[kind][line.year] + line.amount)
    return cost


def _from_plan(planned: PlannedItem | None, years: Sequence[int]
               ) -> tuple[dict[str, dict[int, float]], Basis]:
    """Investering and Årlig drift of the covered needs, spread over the item's period."""
    cost = {k: dict.fromkeys(years, 0.0) for k in COST_KEYS}
    if planned is None or not planned.placed:
        return cost, Basis.NONE
    item = planned.item
    if item.start is None or item.end is None or \
            (item.investment is None and item.annual_operations is None):
        return cost, Basis.NONE
    span = range(min(years), max(years) + 1)
    for kind, profile in (("investering", CostProfile(item.investment or 0.0, 0.0)),
                          ("drift", CostProfile(0.0, item.annual_operations or 0.0))):
        spread_cost = spread(profile, item.start, item.end, span)
        cost[kind] = {y: money(spread_cost.get(y, 0.0)) for y in years}
    return cost, Basis.NEEDS if item.fixed else Basis.PLANNED


def _solution(solution_id: str, title: str, kind: str, origin: Origin, theme: str | None,
              owner: str | None, basis: Basis, costs: Mapping[str, Yearly],
              lines: Sequence[FundingLine], years: Sequence[int]) -> Solution:
    sources: dict[str, dict[int, float]] = {}
    statuses = {k: dict.fromkeys(years, 0.0) for k in STATUS_KEYS.values()}
    for line in lines:
        if line.year not in statuses["confirmed"]:
            continue
        status = STATUS_KEYS.get((line.status or "").casefold(), "unclear")
        statuses[status][line.year] = money(statuses[status][line.year] + line.amount)
        by_year = sources.setdefault(line.source, dict.fromkeys(years, 0.0))
        by_year[line.year] = money(by_year[line.year] + line.amount)
    grants = tuple(sorted({x.year for x in lines if x.source.casefold() == GRANT_SOURCE}))
    found = Solution(solution_id, title, kind, origin, theme, owner, basis, costs, sources,
                     statuses, grants)
    return replace(found, flags=flags(found, years, lines))


def _has_figures(solution: Solution, years: Sequence[int]) -> bool:
    return any(v > _EPSILON for y in years for v in solution.figures(y).values()[:4])


def flags(solution: Solution, years: Sequence[int],
          lines: Sequence[FundingLine] = ()) -> tuple[Flag, ...]:
    """grant-ended, only-unclear and no-funding, where they apply."""
    found = []
    if solution.grant_years:
        last = max(solution.grant_years)
        ended = tuple(y for y in years if y > last and solution.cost(y, RUNNING_KEYS) > _EPSILON
                      and solution.figures(y).gap > _EPSILON)
        if ended:
            found.append(Flag("grant-ended", ended))
    inside = [x for x in lines if x.year in years and x.amount > _EPSILON]
    if inside and all(STATUS_KEYS.get((x.status or "").casefold(), "unclear") == "unclear"
                      for x in inside):
        found.append(Flag("only-unclear", tuple(sorted({x.year for x in inside}))))
    costly = tuple(y for y in years if solution.cost(y) > _EPSILON)
    if costly and not inside:
        found.append(Flag("no-funding", costly))
    return tuple(found)


def totals(items: Iterable[Solution], year: int) -> Figures:
    """The figures of ``items`` in ``year`` added up (gaps per solution, never netted)."""
    total = Figures().values()  # added as ``Figures.plus`` adds, without a Figures each
    for solution in items:
        total = tuple([round(a + b, 6) + 0.0 for a, b in zip(total, solution.figures(year)
                                                             .values(), strict=True)])
    return Figures(*total)


def by_theme(items: Sequence[Solution], years: Sequence[int]) -> dict[str, dict[int, Figures]]:
    """Theme ('' for none) -> year -> figures, themes in order of first appearance."""
    themes: dict[str, list[Solution]] = {}
    for solution in items:
        themes.setdefault(solution.theme or "", []).append(solution)
    return {theme: {y: totals(found, y) for y in years} for theme, found in themes.items()}


def gap_opens(by_year: Mapping[int, Figures]) -> int | None:
    """The first year (in order) whose summed figures have a gap, or None."""
    return next((y for y, figures in by_year.items() if figures.gap > _EPSILON), None)
