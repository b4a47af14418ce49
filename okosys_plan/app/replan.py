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
