"""Every page of the app by keyboard alone, in a real browser.

From the top of a page, Tab reaches the skip link first, then every link, field and button
in the page's order, each with a visible focus mark, and leaves the page at the end (no
trap); the skip link moves focus to the content; Enter submits a form.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.browser.fixtures import app_url, page, watched  # noqa: F401 (fixtures)
from tests.app.browser.pages import a_weight_change_that_moves_the_top, library_ranking

#: What can take focus by Tab (no positive tabindex is used, so the order is the DOM's).
FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, "
             "[tabindex]:not([tabindex='-1'])")
#: The focused element: its place in the page, a name to report, and its focus mark.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {place: el.dataset.tabOrder === undefined ? -1 : Number(el.dataset.tabOrder),
          name: el.tagName + (el.id ? '#' + el.id : '') + ' '
                + (el.textContent || el.name || '').trim().slice(0, 30),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== 'none',
          seen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                && box.left < innerWidth && box.top < innerHeight};
}"""
EVERY = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length > 0 && !el.disabled)
  .map((el, i) => { el.dataset.tabOrder = i; return i; })"""  # numbered in document order, so
# a part the page's script fills in while focus moves (the roadmap's details) shifts nothing
PAGES = ["/", "/prioritering", "/veikart", "/finansiering", "/tjenestekjeder", "/last-ned",
         "/prioritering?lang=en"]


def tab_through(page: Any, most: int) -> list[dict[str, Any]]:
    """What Tab focuses, one press at a time, until focus leaves the page or comes back."""
    reached: list[dict[str, Any]] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused["place"] == reached[0]["place"]):
            break
        reached.append(focused)
    return reached


@pytest.mark.parametrize("address", PAGES)
def test_tab_reaches_everything_in_order_with_a_visible_focus(page: Any, address: str) -> None:
    page.goto(address)
    expected = page.evaluate(EVERY, FOCUSABLE)
    assert len(expected) >= 8  # the skip link, six pages and the language at least
    reached = tab_through(page, len(expected) + 5)
    names = [r["name"] for r in reached]
    assert [r["place"] for r in reached] == expected, names
    assert reached[0]["name"].startswith("A ") and page.locator(".skip").count() == 1
    assert page.evaluate(EVERY, "a.skip")[0] == reached[0]["place"]
    hidden = [r["name"] for r in reached if not (r["outline"] or r["shadow"])]
    assert hidden == []  # every focus is marked
    unseen = [r["name"] for r in reached if not r["seen"]]
    assert unseen == []  # and on the screen (the skip link comes into view)


def test_the_skip_link_takes_focus_to_the_content(page: Any) -> None:
    page.goto("/prioritering")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innhold"
    page.keyboard.press("Tab")
    inside = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside and page.evaluate("document.activeElement.id") == "weight-0"


def test_enter_submits_the_forms(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    tab_to(page, "button[name=bundled]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("section p.ok").count() == 1
    page.goto("/prioritering")
    names = page.locator("fieldset").first.locator("label").all_inner_texts()
    weights = a_weight_change_that_moves_the_top(names)
    for index, name in enumerate(names):
        if name in weights:
            tab_to(page, f"#weight-{index}")
            page.keyboard.press("Control+A")
            page.keyboard.type(str(weights[name]))
    page.keyboard.press("Enter")  # in a field: the form is sent (and redrawn in place)
    expected = [n.id for n in library_ranking(dict(weights))]
    expect(page.locator("#ranking tbody th[scope=row]")).to_have_text(expected)


def tab_to(page: Any, selector: str, most: int = 100) -> None:
    """Press Tab until the element ``selector`` has focus."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
