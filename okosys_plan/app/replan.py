"""The plan of the current catalogue under caps the user typed, made once per catalogue
and caps (the Veikart page, its chart and its scenarios share it)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from okosys_plan.app.current import remembered

Caps = tuple[tuple[int, float], ...]  # (year, cap) for the years with a cap, in year order


def replanned(results: Any, caps: Caps) -> Any:
    """The plan of ``results``' catalogue under ``caps`` in place of its Budsjett sheet's
    (a year without a cap has none), on its ranking and settings."""
    from okosys_plan.roadmap.planning import make_plan

    def plan() -> Any:
        catalogue = replace(results.checked.catalogue, budgets=())
        return make_plan(catalogue, results.settings, results.prioritised.ranking,
                         budgets=dict(caps))

    return remembered(("plan", str(results.path), results.audit.as_of, caps), plan)


def own_caps(results: Any) -> Caps:
    """The Budsjett sheet's caps for the years of the roadmap's horizon (the fields'
    defaults, and the plan the funding analysis is of)."""
    from okosys_plan.roadmap.planning import caps

    years = range(results.settings.start_year, results.settings.end_year + 1)
    return tuple(sorted((y, c) for y, c in caps(results.checked.catalogue)[0].items()
                        if y in years))
