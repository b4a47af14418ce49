"""The interactive Veikart in a real browser (Playwright): hover, focus, filter, click;
without script; and as the app embeds it, under a strict CSP with the script as a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okosys_plan.cli.actions.run import report_job
from okosys_plan.run.pipeline import RunConfig

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
AS_OF = date(2023, 6, 30)
LANE = "Digital identitet og tilgang"
HIGHLIGHT = "rgb(255, 240, 179)"  # #fff0b3, the chosen row's cells

VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('#veikart-visning tbody tr'))
    .filter(r => r.getClientRects().length > 0).map(r => r.id)"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("veikart-nettleser") / "rapport.html"
    assert report_job(BUNDLED, out, RunConfig(draws=0), AS_OF).exit_code == 0
    return out


class Watched:
    """A page with its console errors and every request it made."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))


def lanes_of(page: Any) -> dict[str, list[str]]:
    """Row anchor -> the lanes of its measure, from the page's data block."""
    found: dict[str, list[str]] = page.evaluate(
        "() => Object.fromEntries(JSON.parse(document.getElementById('veikart-data')"
        ".textContent).measures.map(m => [m.anchor, m.lanes]))")
    return found


def test_hover_focus_filter_and_click(browser: Any, report: Path, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context)
    page = watched.page
    page.goto(report.resolve().as_uri())
    panel = page.locator(".veikart-detaljer")
    assert panel.get_attribute("role") == "status"
    assert panel.get_attribute("aria-live") == "polite"
    page.locator("#veikart-link-bar-T02").hover()
    assert "2023-K1–2025-K4" in panel.inner_text() and "Digdir" in panel.inner_text()
    page.screenshot(path=str(tmp_path / "detaljer.png"))
    page.locator("#veikart-link-bar-T04").focus()  # the keyboard's way to a bar
    text = panel.inner_text()
    assert "T04" in text and "2024-K1–2025-K4" in text and "SKE" in text

    lane = page.get_by_label("Tema")
    lane.select_option(LANE)
    lanes = lanes_of(page)
    visible = page.evaluate(VISIBLE_ROWS)
    assert visible == [a for a, names in lanes.items() if LANE in names] and len(visible) == 6
    assert page.locator(".veikart-antall").inner_text() == f"Viser 6 av {len(lanes)} tiltak"
    dimmed = page.locator("a.veikart-stolpe.veikart-dempet").count()
    assert dimmed == page.locator("a.veikart-stolpe").count() - 6
    page.screenshot(path=str(tmp_path / "filtrert.png"))

    page.locator("#veikart-link-bar-T04").click()
    assert page.evaluate("location.hash") == "#tiltak-T04"
    cell = page.locator("#tiltak-T04 > td").first
    assert cell.evaluate("c => getComputedStyle(c).backgroundColor") == HIGHLIGHT
    page.screenshot(path=str(tmp_path / "valgt.png"))
    page.get_by_label("Ansvarlig").select_option("SKE")
    page.get_by_label("Tema").select_option("")
    assert all(r in lanes for r in page.evaluate(VISIBLE_ROWS))
    page.get_by_role("button", name="Vis alle").click()
    assert len(page.evaluate(VISIBLE_ROWS)) == len(lanes)
    assert watched.errors == []
    assert watched.requests == [report.resolve().as_uri()]  # the page, nothing else
    context.close()


def test_without_script_the_links_and_the_table_work(browser: Any, report: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    watched = Watched(context)
    page = watched.page
    page.goto(report.resolve().as_uri())
    assert page.locator("fieldset.veikart-filter, .veikart-detaljer, select").count() == 0
    rows = page.locator("#veikart-visning tbody tr")
    assert rows.count() > 20 and all(rows.nth(i).is_visible() for i in range(rows.count()))
    link = page.locator("#veikart-link-bar-T04")
    assert link.get_attribute("href") == "#tiltak-T04"
    link.click()
    assert page.evaluate("location.hash") == "#tiltak-T04"  # a script-free page still runs it
    cell = page.locator("#tiltak-T04 > td").first
    assert cell.evaluate("c => getComputedStyle(c).backgroundColor") == HIGHLIGHT  # :target
    assert watched.requests == [report.resolve().as_uri()]
    context.close()


def test_the_fragment_as_the_app_embeds_it(browser: Any) -> None:
    """The fragment in a page of the app's CSP, the script and style sheet served as files:
    no CSP violation, the bars keep their colours, the filters work."""
    from okosys_plan.app.guard import CSP
    from okosys_plan.report.roadmap_view import ROADMAP_SCRIPT, ROADMAP_STYLE, roadmap_view_html
    from okosys_plan.run.pipeline import run_pipeline

    results = run_pipeline(BUNDLED, RunConfig(draws=0), AS_OF)
    body = (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Veikart</title>'
            f'<link rel="stylesheet" href="/static/roadmap.css"></head><body><main>'
            f'{roadmap_view_html(results, "nb")}</main>'
            f'<script src="/static/roadmap.js"></script></body></html>')
    files = {"/veikart": (body, "text/html"),
             "/static/roadmap.js": (ROADMAP_SCRIPT.read_text(encoding="utf-8"),
                                    "text/javascript"),
             "/static/roadmap.css": (ROADMAP_STYLE.read_text(encoding="utf-8"), "text/css")}
    context = browser.new_context()

    def serve(route: Any) -> None:
        path = "/" + route.request.url.split("/", 3)[3]
        text, kind = files.get(path, ("", "text/plain"))
        route.fulfill(status=200 if path in files else 404, body=text, content_type=kind,
                      headers={"Content-Security-Policy": CSP})

    context.route("http://app.test/**", serve)
    watched = Watched(context)
    page = watched.page
    page.goto("http://app.test/veikart")
    bar = page.locator("#veikart-bar-T01 path")
    assert bar.evaluate("p => getComputedStyle(p).fill") == "rgb(0, 117, 90)"  # #00755a
    page.get_by_label("Tema").select_option(LANE)
    assert len(page.evaluate(VISIBLE_ROWS)) == 6
    page.locator("#veikart-link-bar-T02").hover()
    assert "2023-K1–2025-K4" in page.locator(".veikart-detaljer").inner_text()
    assert watched.errors == []  # a CSP violation is a console error
    context.close()
