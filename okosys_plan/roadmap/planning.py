"""The plan as a library call: a catalogue's roadmap items scheduled under its budget."""

from __future__ import annotations

from collections.abc import Mapping

from okosys_plan.catalogue.model import Catalogue, Origin
from okosys_plan.prioritise.scoring import PriorityClass, Ranking
from okosys_plan.roadmap.items import need_items, roadmap_items
from okosys_plan.roadmap.schedule import Locate, Plan, plan_roadmap
from okosys_plan.roadmap.settings import RoadmapSettings


def locator(catalogue: Catalogue) -> Locate:
    """A function giving the cell reference of a column in a record's row."""
    by_sheet = {table.sheet: table for table in catalogue.tables.values()}

    def locate(origin: Origin, key: str) -> str | None:
        table = by_sheet.get(origin.sheet)
        return table.cell(key, origin.row) if table else None

    return locate


def caps(catalogue: Catalogue, overrides: Mapping[int, float] | None = None
         ) -> tuple[dict[int, float], dict[int, Origin]]:
    """Yearly caps: the Budsjett sheet's, with ``overrides`` (``--budget``) on top."""
    found = {}
    origins = {}
    for line in catalogue.budgets:
        if line.year not in found:
            found[line.year] = line.cap
            origins[line.year] = line.origin
    for year, cap in (overrides or {}).items():
        found[year] = cap
        origins.pop(year, None)
    return found, origins


def make_plan(catalogue: Catalogue, settings: RoadmapSettings, ranking: Ranking | None, *,
              budgets: Mapping[int, float] | None = None, needs: bool = False,
              lowest: PriorityClass | None = None) -> Plan:
    """Schedule the catalogue's undated measures (and, with ``needs``, uncovered needs)."""
    items = roadmap_items(catalogue, settings, ranking)
    if needs and ranking is not None:
        items += need_items(catalogue, settings, ranking, lowest)
    yearly, origins = caps(catalogue, budgets)
    return plan_roadmap(items, catalogue.costs, settings, yearly, locate=locator(catalogue),
                        cap_origins=origins)
