"""The app in a real browser: one app per test module, one fresh browser page per test.

Each page a test opens is watched: a console error, an uncaught script error or a request
to anywhere but the app itself fails the test when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.web import running_app

#: The width the pages are looked at in (a laptop); tall enough for the top of a page.
VIEWPORT = {"width": 1280, "height": 900}


@dataclass
class Watched:
    """What a browser page did that a test should know: its errors and its requests."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """The requests that went anywhere but the app."""
        return [url for url in self.requests if not url.startswith(self.base)]


@pytest.fixture(scope="module")
def app_url(browser: Any) -> Iterator[str]:
    """The app served on a free port for this module's tests (after the browser: a skip
    for want of one skips before the app is started)."""
    with running_app() as url:
        yield url


def watch(page: Any, base: str) -> Watched:
    """Start watching ``page``'s console, script errors and requests."""
    seen = Watched(page, base)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))
    return seen


@pytest.fixture
def watched(browser: Any, app_url: str) -> Iterator[Watched]:
    """What the test's page does; when the test ends, no error and no foreign request."""
    context = browser.new_context(viewport=VIEWPORT, base_url=app_url, accept_downloads=True)
    seen = watch(context.new_page(), app_url)
    try:
        yield seen
    finally:
        context.close()
    assert seen.errors == [], seen.errors
    assert seen.foreign() == []


@pytest.fixture
def page(watched: Watched) -> Any:
    """A fresh page (its own context) on the app, watched."""
    return watched.page


def use_bundled(page: Any) -> None:
    """Check the bundled catalogue on the Katalog page (it becomes the current one)."""
    page.goto("/")
    page.click("button[name=bundled]")
    page.wait_for_selector("section h2")
