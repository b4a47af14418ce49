"""The catalogue the pages work on: the one checked last on Katalog, else the bundled one."""

from __future__ import annotations

from typing import Any

from flask import current_app

from okosys_plan.app.server import state_of


def current_catalogue() -> Any:
    """The catalogue checked last and valid, else the bundled one's check; None if unusable."""
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file

    state = state_of(current_app)
    usable = [c for c in state.checked.values() if c.catalogue is not None and c.report
              is not None and c.report.valid]
    if usable:
        return usable[-1]
    found = state.checked.get("bundled")
    if found is None:
        found = state.checked["bundled"] = check_file(bundled_catalogue())
    return found if found.catalogue is not None else None
