"""The service chains of a run: maps with their breaks' state, readiness, the event catalogue."""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.model import Catalogue
from okosys_plan.chains.build import chain_maps
from okosys_plan.chains.events import event_catalogue
from okosys_plan.chains.model import ServiceChains
from okosys_plan.chains.states import need_states
from okosys_plan.prioritise.scoring import Ranking
from okosys_plan.roadmap.schedule import Plan


def service_chains(catalogue: Catalogue, ranking: Ranking | None = None,
                   plan: Plan | None = None, funding: Any = None) -> ServiceChains | None:
    """The catalogue's chains linked to priority, plan and funding; None without any."""
    if not catalogue.chain_elements:
        return None
    wanted = [n for e in catalogue.chain_elements for n in e.needs]
    states = need_states(catalogue, wanted, ranking, plan, funding)
    maps = chain_maps(catalogue.chain_elements, states)
    return ServiceChains(maps, event_catalogue(maps))
