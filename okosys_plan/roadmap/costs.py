"""What a roadmap item costs per calendar year, in MNOK. Pure.

From the item's Kostnader lines if it has any, else from the needs it covers (Investering
spread over the years it spans in proportion to its days in each; Årlig drift every year
from the year it ends, inclusive, to the horizon's end).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from okosys_plan.catalogue.model import CostLine
from okosys_plan.catalogue.validate import id_key
from okosys_plan.roadmap.items import RoadmapItem

#: Cost types that are one-off work (spread over the item's span); the rest run yearly.
INVESTMENT_TYPES = frozenset({"investering", "videreutvikling"})


@dataclass(frozen=True)
class CostProfile:
    """An undated item's cost: a one-off investment and a yearly operating cost."""

    investment: float = 0.0
    annual_operations: float = 0.0


def lines_by_item(costs: Sequence[CostLine]) -> dict[str, tuple[CostLine, ...]]:
    """Cost lines grouped by the item they belong to (IDs compared as IDs are)."""
    grouped: dict[str, list[CostLine]] = {}
    for line in costs:
        grouped.setdefault(id_key(line.item), []).append(line)
    return {k: tuple(v) for k, v in grouped.items()}


def profile(item: RoadmapItem, lines: Sequence[CostLine]) -> CostProfile:
    """The investment and yearly operations of an item, from its lines or its needs.

    From lines: investment is the sum of Investering and Videreutvikling; yearly
    operations the Drift and Forvaltning lines' sum divided by the number of years they
    cover.
    """
    if not lines:
        return CostProfile(item.investment or 0.0, item.annual_operations or 0.0)
    investment = sum(x.amount for x in lines if x.cost_type.casefold() in INVESTMENT_TYPES)
    running = [x for x in lines if x.cost_type.casefold() not in INVESTMENT_TYPES]
    years = {x.year for x in running}
    return CostProfile(investment, sum(x.amount for x in running) / len(years) if years else 0.0)


def spread(profile: CostProfile, start: date, end: date, years: range) -> dict[int, float]:
    """Yearly cost of an item running from ``start`` to ``end`` (both days included)."""
    cost = dict.fromkeys(years, 0.0)
    total_days = (end - start).days + 1
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        if year in cost:
            cost[year] += profile.investment * ((last - first).days + 1) / total_days
    for year in range(end.year, years.stop):
        if year in cost:
            cost[year] += profile.annual_operations
    return cost


def fixed_cost(item: RoadmapItem, lines: Sequence[CostLine], years: range) -> dict[int, float]:
    """Yearly cost of a dated item: its lines as given, else its profile spread."""
    if lines:
        cost = dict.fromkeys(years, 0.0)
        for line in lines:
            if line.year in cost:
                cost[line.year] += line.amount
        return cost
    assert item.start is not None and item.end is not None
    return spread(profile(item, lines), item.start, item.end, years)


def add(total: dict[int, float], cost: Mapping[int, float]) -> None:
    """Add a yearly cost into a running total."""
    for year, amount in cost.items():
        total[year] = total.get(year, 0.0) + amount


# --- quarters ---------------------------------------------------------------------------


def quarter_of(day: date) -> int:
    """A running quarter number: year × 4 + (0..3)."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_start(quarter: int) -> date:
    """The first day of a quarter."""
    return date(quarter // 4, (quarter % 4) * 3 + 1, 1)


def quarter_end(quarter: int) -> date:
    """The last day of a quarter."""
    return quarter_start(quarter + 1) - timedelta(days=1)


def first_quarter_after(day: date) -> int:
    """The first quarter that starts after ``day``."""
    return quarter_of(day) + 1
