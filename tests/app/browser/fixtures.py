"""The app in a real browser: one app per test module, one fresh browser page per test.

Imported by each browser test module (not a ``conftest.py``: the suite's modules import
``conftest`` by that name, and a second file of that name would take its place).

Each page a test opens is watched: a console error, an uncaught script error or a request
to anywhere but the app itself fails the test when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.app.browser.pages import VIEWPORT
from tests.web import Watched, running_app, watch


@pytest.fixture(scope="module")
def app_url(browser: Any) -> Iterator[str]:
    """The app served on a free port for this module's tests (after the browser: a skip
    for want of one skips before the app is started)."""
    with running_app() as url:
        yield url


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
