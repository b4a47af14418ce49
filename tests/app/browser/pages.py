"""What the app's browser tests share: the window, the bundled catalogue, the library's
expectations."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
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


@cache
def bundled_results() -> Any:
    """The whole analysis of the bundled catalogue as of today, without sensitivity draws."""
    from datetime import date

    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    return run_pipeline(bundled_catalogue(), RunConfig(draws=0), date.today())


def library_starts(caps: dict[int, float] | None = None) -> dict[str, tuple[str, str]]:
    """The bundled catalogue's measures as the library plans them (the Budsjett sheet's
    caps with ``caps`` on top, as of today): ID -> (start, end) as the page says them in
    bokmål, or ("", "") when not placed."""
    from okosys_plan.roadmap.planning import caps as sheet_caps
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.text.numbers import quarter_label

    results = bundled_results()
    catalogue = results.checked.catalogue
    budgets = {**sheet_caps(catalogue)[0], **(caps or {})}
    plan = make_plan(replace(catalogue, budgets=()), results.settings,
                     results.prioritised.ranking, budgets=budgets)
    return {p.item.id: (quarter_label(p.item.start, "nb"), quarter_label(p.item.end, "nb"))
            if p.placed and p.item.start and p.item.end else ("", "") for p in plan.items}


def a_cap_that_moves_a_measure() -> tuple[int, int, str]:
    """A year, a cap for it (whole MNOK) and a measure whose start the library moves under
    it: the cap is taken from the library's own plan, below what that year takes (fixed
    measures and planned ones together)."""
    before = library_starts()
    for year in bundled_results().plan.budget:
        for cap in (int(year.fixed + year.planned) - 1, int(year.fixed)):
            after = library_starts({year.year: cap})
            moved = [i for i, (start, _) in after.items() if before[i][0] and start and
                     start != before[i][0]]
            if moved:
                return year.year, cap, moved[0]
    raise AssertionError("no lower cap moves a measure")
