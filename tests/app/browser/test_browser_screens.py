"""A full-page screenshot of every page of the app, wide and narrow, for a person to look
at; and what a program can see in them: the page no wider than the window, and nothing in
it but a table reaching beyond it (a table may scroll sideways, WCAG 1.4.10).

The PNGs go into ``$OKOSYS_SCREENSHOTS`` when it is set (a folder to keep and look at),
else into the test's temporary folder. ``docs/img/app-prioritering.png`` (the README's) is
the ``app-prioritering.png`` written there: ``OKOSYS_SCREENSHOTS=/tmp/shots python3 -m
pytest tests/app/browser/test_browser_screens.py``, look at it, copy it.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import Any

import pytest

from okosys_plan.text.say import say
from tests.app.browser.fixtures import app_url, page, watched  # noqa: F401 (fixtures)
from tests.app.browser.pages import use_bundled
from tests.conftest import need, valid_sheets, write_catalogue

WIDTHS = {"wide": 1280, "narrow": 390}
PAGES = {"katalog": "/", "prioritering": "/prioritering?behov=B12#forklaring",
         "veikart": "/veikart",
         "finansiering": "/finansiering", "tjenestekjeder": "/tjenestekjeder",
         "last-ned": "/last-ned", "feil": "/ingen-slik-side", "priorities-en":
         "/prioritering?lang=en"}
#: How far the page reaches sideways beyond the window, and what but a table (which may
#: scroll sideways by itself, WCAG 1.4.10) reaches beyond it.
OVERFLOW = """() => ({page: document.documentElement.scrollWidth - innerWidth,
  beyond: [...document.querySelectorAll('body *')]
    .filter(el => !el.closest('table') && el.getBoundingClientRect().right > innerWidth + 1)
    .map(el => el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40))})"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go."""
    kept = os.environ.get("OKOSYS_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, read from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_is_shot_and_no_wider_than_the_window(
        browser: Any, app_url: str, shots: Path, name: str, width: str) -> None:
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900},
                                  base_url=app_url)
    try:
        page = context.new_page()
        page.goto(PAGES[name])
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate(OVERFLOW)
        shot = page.screenshot(full_page=True)
    finally:
        context.close()
    (shots / f"{name}-{width}.png").write_bytes(shot)
    shot_width, height = png_size(shot)
    assert shot_width == WIDTHS[width] and height >= 900
    assert overflow == {"page": 0, "beyond": []}, f"{name} in a {width} window"


def test_the_pages_after_an_upload_and_a_run_are_shot(browser: Any, app_url: str,
                                                      shots: Path, tmp_path: Path) -> None:
    broken = need("B01", "Felles innlogging", **{"Investering (MNOK)": "mye", "Nytte": 9})
    path = write_catalogue(tmp_path / "innsendt.xlsx", valid_sheets(broken))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app_url)
    try:
        page = context.new_page()
        page.goto("/")
        page.set_input_files("#files", str(path))
        page.get_by_role("button", name=say("nb", "Check the files")).click()
        (shots / "katalog-problemer-wide.png").write_bytes(page.screenshot(full_page=True))
        assert page.evaluate(OVERFLOW) == {"page": 0, "beyond": []}
        use_bundled(page)
        page.goto("/last-ned")
        page.get_by_role("button", name=say("nb", "Make every file")).click(timeout=120_000)
        (shots / "last-ned-filer-wide.png").write_bytes(page.screenshot(full_page=True))
        assert page.evaluate(OVERFLOW) == {"page": 0, "beyond": []}
    finally:
        context.close()


def test_the_readmes_screenshot_of_prioritering(browser: Any, app_url: str,
                                                shots: Path) -> None:
    """The top of Prioritering in a laptop's window, in 256 colours (small for the README)."""
    from PIL import Image

    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=app_url)
    try:
        page = context.new_page()
        use_bundled(page)
        page.goto("/prioritering")
        shot = page.screenshot()
    finally:
        context.close()
    target = shots / "app-prioritering.png"
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    image.quantize(256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    assert png_size(target.read_bytes()) == (1280, 1000)
    assert target.stat().st_size < 300_000
