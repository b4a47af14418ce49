"""A real browser for tests: Playwright driving Debian's Chromium, or a reason to skip.

``chromium_browser()`` launches the system's Chromium (``/usr/bin/chromium`` or the first
Chromium-like program on the PATH) through Playwright, with the flags this closed network
needs (no background connections). Without Playwright or without a browser the tests that
ask for one skip and say which is missing; ``.ci/run`` installs both.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions"]


def find_chromium() -> str | None:
    """The path of a Chromium-like browser, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why a real browser cannot be had here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return "no Chromium on this machine (apt-get install chromium)"
    return None


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=find_chromium(), headless=True,
                                         args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


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


def watch(page: Any, base: str) -> Watched:
    """Start watching ``page``'s console, script errors and requests."""
    seen = Watched(page, base)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))
    return seen


@contextmanager
def running_app(lang: str = "nb") -> Iterator[str]:
    """The app served on a free port of 127.0.0.1 in a thread; yields its address."""
    import logging
    import threading

    from okosys_plan.app.server import bind

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    bound = bind(0, lang)
    thread = threading.Thread(target=bound.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{bound.state.port}/"
    finally:
        bound.server.shutdown()
        bound.server.server_close()
        bound.state.close()
        thread.join(timeout=10)
