"""Every page of the app checked by axe-core (vendored, tests/vendor/axe-core) against
WCAG 2.1 A and AA: no violation of impact serious or critical.

axe is a script put into the page; the app's CSP lets only its own scripts run, so these
pages are opened in a context that bypasses the CSP (for the check only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from okosys_plan.text.say import say
from tests.app.browser.fixtures import app_url, page, watched  # noqa: F401 (fixtures)
from tests.app.browser.pages import VIEWPORT
from tests.conftest import need, valid_sheets, write_catalogue

AXE = Path(__file__).resolve().parents[2] / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")


#: A phone's width: the header wraps, and a wide table scrolls where the keyboard can.
NARROW = {"width": 390, "height": 900}


@pytest.fixture
def axe_page(browser: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page on the app where the vendored axe may run (in the window the test asks for
    through indirect parametrisation, else a laptop's)."""
    viewport = getattr(request, "param", VIEWPORT)
    context = browser.new_context(viewport=viewport, base_url=app_url, bypass_csp=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def serious_violations(page: Any) -> list[str]:
    """axe's serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in SERIOUS]


def katalog_with_problems(page: Any, tmp_path: Path) -> None:
    broken = need("B01", "Felles innlogging", **{"Investering (MNOK)": "mye", "Nytte": 9})
    path = write_catalogue(tmp_path / "innsendt.xlsx", valid_sheets(broken))
    page.goto("/")
    page.set_input_files("#files", str(path))
    page.get_by_role("button", name=say("nb", "Check the files")).click()
    page.wait_for_selector("tr.error")


def explanation_open(page: Any, tmp_path: Path) -> None:
    page.goto("/prioritering")
    page.locator("table tbody th[scope=row] a").first.click()
    page.wait_for_selector("#forklaring")


def after_a_run(page: Any, tmp_path: Path) -> None:
    page.goto("/last-ned")
    page.get_by_role("button", name=say("nb", "Make every file")).click(timeout=120_000)
    page.wait_for_selector("main ul a[download]")


def without_htmx(page: Any) -> None:
    """The page as without script: htmx is not loaded, so a form is sent and answered
    whole (with script, the fields are not marked yet; see test_browser_flow.py)."""
    page.route("**/htmx.min.js", lambda route: route.abort())


def wrong_weight(page: Any, tmp_path: Path) -> None:
    without_htmx(page)
    page.goto("/prioritering")
    page.fill("#weight-0", "mye")
    page.get_by_role("button", name=say("nb", "Rank again")).click()
    page.wait_for_selector("[aria-invalid=true]")


def wrong_cap(page: Any, tmp_path: Path) -> None:
    without_htmx(page)
    page.goto("/veikart")
    page.fill("#cap-2022", "mye")
    page.get_by_role("button", name=say("nb", "Plan again")).click()
    page.wait_for_selector("[aria-invalid=true]")


def veikart_with_a_scenario(page: Any, tmp_path: Path) -> None:
    page.goto("/veikart")
    page.fill("#cap-2022", "100")
    page.fill("#scenario", "Stramt")
    page.get_by_role("button", name=say("nb", "Keep as a scenario")).click()
    page.wait_for_selector("#scenarier")


def address(path: str) -> Callable[[Any, Path], None]:
    def visit(page: Any, tmp_path: Path) -> None:
        page.goto(path)
    return visit


VISITS = {"Katalog": address("/"), "Katalog with problems": katalog_with_problems,
          "Katalog in English": address("/?lang=en"),
          "Prioritering with an explanation": explanation_open,
          "Prioritering with a wrong weight": wrong_weight,
          "Prioritering in English": address("/prioritering?lang=en"),
          "Veikart": address("/veikart"), "Veikart with a scenario": veikart_with_a_scenario,
          "Veikart with a wrong cap": wrong_cap,
          "Finansiering": address("/finansiering"), "Tjenestekjeder": address("/tjenestekjeder"),
          "Last ned": address("/last-ned"), "Last ned after a run": after_a_run,
          "the error page": address("/ingen-slik-side")}


def test_axe_finds_a_violation_where_there_is_one(axe_page: Any) -> None:
    """The check itself works: an image without a text alternative is found."""
    axe_page.goto("/")
    axe_page.evaluate("() => { const i = document.createElement('img');"
                      " i.src = '/favicon.ico'; document.querySelector('main').append(i); }")
    assert any(v.startswith("image-alt") for v in serious_violations(axe_page))


@pytest.mark.parametrize("visit", list(VISITS), ids=list(VISITS))
def test_no_serious_accessibility_violation(axe_page: Any, tmp_path: Path, visit: str) -> None:
    VISITS[visit](axe_page, tmp_path)
    assert serious_violations(axe_page) == []


@pytest.mark.parametrize("axe_page", [NARROW], indirect=True, ids=["narrow"])
@pytest.mark.parametrize("visit", ["Katalog with problems", "Prioritering with an explanation",
                                   "Veikart with a scenario", "Finansiering", "Tjenestekjeder"])
def test_no_serious_accessibility_violation_in_a_narrow_window(
        axe_page: Any, tmp_path: Path, visit: str) -> None:
    VISITS[visit](axe_page, tmp_path)
    assert serious_violations(axe_page) == []
