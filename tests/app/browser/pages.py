"""What the app's browser tests share: the window, the bundled catalogue, the library's
expectations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

#: The width the pages are looked at in (a laptop); tall enough for the top of a page.
VIEWPORT = {"width": 1280, "height": 900}


def use_bundled(page: Any) -> None:
    """Check the bundled catalogue on the Katalog page (it becomes the current one)."""
    page.goto("/")
    page.click("button[name=bundled]")
    page.wait_for_selector("section h2")


def library_ranking(weights: dict[str, float] | None = None) -> list[Any]:
    """The bundled catalogue's needs in the library's rank order, with ``weights`` set."""
    from okosys_plan import load_catalogue
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.prioritise.api import prioritise

    catalogue = load_catalogue(bundled_catalogue())
    weights = weights or {}
    criteria = tuple(replace(c, weight=weights.get(c.name, c.weight)) for c in
                     catalogue.criteria)
    return list(prioritise(replace(catalogue, criteria=criteria)).ranking.needs)


def a_weight_change_that_moves_the_top(names: list[str]) -> dict[str, int]:
    """One criterion's weight set to 0 and another's to 10, chosen so that the library
    ranks another need first."""
    top = library_ranking()[0].id
    for zeroed in names:
        for raised in names:
            if zeroed != raised:
                weights = {zeroed: 0, raised: 10}
                if library_ranking(dict(weights))[0].id != top:
                    return weights
    raise AssertionError("no weight change moves the top need")
