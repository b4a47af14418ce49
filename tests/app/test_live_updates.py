"""Updates in place (htmx) in a real browser: a changed field redraws its region only, under
the strict CSP, with no console error and no request to anywhere but the app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from tests.web import running_app, watch


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    with running_app() as found:
        yield found


@pytest.fixture
def page(browser: Any, address: str) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    seen = watch(opened, address)  # its console errors and requests, on the page for the tests
    opened.errors, opened.requests = seen.errors, seen.requests
    yield opened
    context.close()


def wait_until(check: Any, seconds: float = 15.0) -> None:
    """Poll ``check`` (the CSP forbids the evaluated waits of the driver)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not update")
        time.sleep(0.05)


def test_a_changed_cap_replans_in_place(page: Any, address: str) -> None:
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.roadmap.planning import caps, make_plan
    from okosys_plan.run.pipeline import RunConfig, run_pipeline
    from okosys_plan.text.numbers import quarter_label

    results = run_pipeline(bundled_catalogue(), RunConfig(draws=0), date.today())
    sheet = caps(results.checked.catalogue)[0]
    plan = make_plan(replace(results.checked.catalogue, budgets=()), results.settings,
                     results.prioritised.ranking, budgets={**sheet, 2022: 140.0})
    moved = {p.item.id: quarter_label(p.item.start, "nb") for p in plan.items
             if p.placed and p.item.start and p.item.start != next(
                 q.item.start for q in results.plan.items if q.item.id == p.item.id)}
    assert moved, "140 MNOK in 2022 moves no measure: choose another cap"
    page.goto(address + "veikart")
    page.evaluate("window.stayed = true")  # gone if the page were loaded again
    page.fill("#cap-2022", "140")
    page.dispatch_event("#cap-2022", "change")
    measure, start = next(iter(moved.items()))
    wait_until(lambda: start in page.inner_text(f"#plassering-{measure} td.q"))
    assert page.evaluate("window.stayed") is True
    assert page.input_value("#cap-2022") == "140"
    placed = sum(1 for p in plan.items if p.placed)
    assert f"{placed} av {len(plan.items)} tiltak er plassert." in page.inner_text("#plan-status")
    assert "caps=2022:140.0" in (page.get_attribute("#plan a[download]", "href") or "")
    assert page.errors == [] and all(u.startswith(address) or u.startswith("data:")
                                     for u in page.requests)


def test_a_changed_weight_reranks_in_place(page: Any, address: str) -> None:
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.prioritise.api import PriorityOptions, prioritise

    catalogue = check_file(bundled_catalogue()).catalogue
    assert catalogue is not None
    scored = catalogue.scored_criteria
    only = scored[2].name  # only this criterion counts
    criteria = tuple(replace(c, weight=1.0 if c.name == only else 0.0) if c in scored else c
                     for c in catalogue.criteria)
    expected = prioritise(replace(catalogue, criteria=criteria),
                          PriorityOptions(draws=0)).ranking.needs[0].id
    page.goto(address + "prioritering")
    page.evaluate("window.stayed = true")
    for index in range(len(scored)):
        page.fill(f"#weight-{index}", "1" if index == 2 else "0")
    page.dispatch_event("#weight-0", "change")
    first = "#ranking tbody tr:first-child th"
    wait_until(lambda: page.inner_text(first).strip() == expected)
    assert page.evaluate("window.stayed") is True
    assert "Rangert: 49 behov." in page.inner_text("#rank-status")
    assert page.errors == []


def test_without_script_the_forms_still_work(browser: Any, address: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(address + "veikart")
        page.fill("#cap-2022", "")
        page.click("button[type=submit]:not([name])")
        page.wait_for_load_state()
        assert page.input_value("#cap-2022") == ""
        assert "–" in page.inner_text("#plan table tbody tr:first-child")  # no cap in 2022
    finally:
        context.close()


def test_focus_stays_where_the_user_tabbed_while_the_fields_are_redrawn(page: Any,
                                                                         address: str) -> None:
    page.goto(address + "prioritering")
    page.fill("#weight-0", "mye")
    page.focus("#weight-0")
    page.keyboard.press("Tab")  # leaving the field sends it (change); focus on the next
    wait_until(lambda: page.get_attribute("#weight-0", "aria-invalid") == "true")
    assert page.evaluate("document.activeElement.id") == "weight-1"
    assert page.input_value("#weight-0") == "mye"  # what was typed is kept
    assert "Rett de merkede feltene" in page.inner_text("#rank-status")
    page.fill("#weight-0", "0,3")
    page.keyboard.press("Tab")
    wait_until(lambda: page.get_attribute("#weight-0", "aria-invalid") is None)
    assert page.evaluate("document.activeElement.id") == "weight-1"
    assert "Rangert: 49 behov." in page.inner_text("#rank-status")


def test_the_interactive_roadmap_starts_again_on_the_redrawn_plan(page: Any,
                                                                  address: str) -> None:
    page.goto(address + "veikart")
    wait_until(lambda: page.locator(".veikart-filter").count() == 1)  # the script's filters
    page.hover("#veikart-link-bar-T25")
    wait_until(lambda: "T25" in page.inner_text(".veikart-detaljer"))
    before = page.inner_text(".veikart-detaljer")
    page.fill("#cap-2022", "140")
    page.dispatch_event("#cap-2022", "change")
    wait_until(lambda: "2023-K1" in page.inner_text("#plassering-T25 td.q"))
    wait_until(lambda: page.locator(".veikart-filter").count() == 1)  # after htmx settles
    page.wait_for_timeout(300)
    assert page.locator(".veikart-filter").count() == 1  # once, on the new fragment
    page.hover("#veikart-link-bar-T01")
    page.hover("#veikart-link-bar-T25")
    wait_until(lambda: "T25" in page.inner_text(".veikart-detaljer"))
    after = page.inner_text(".veikart-detaljer")
    assert "2023-K1" in after and after != before  # the details of the plan redrawn
    assert page.errors == []
