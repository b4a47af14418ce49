"""Veikart in the app: the caps per year as fields, re-planned on change, scenarios kept."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from tests.app.test_app import BASE, client, state, token  # noqa: F401 (fixtures)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def bundled() -> Any:
    """The bundled catalogue's analysis, as the app makes it (no sensitivity draws)."""
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.run.pipeline import RunConfig, run_pipeline

    return run_pipeline(bundled_catalogue(), RunConfig(draws=0), date.today())


def library_starts(results: Any, caps: dict[int, float]) -> dict[str, str]:
    """Measure -> its start quarter (or '' when not placed) as the library plans it."""
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.text.numbers import quarter_label

    catalogue = replace(results.checked.catalogue, budgets=())
    plan = make_plan(catalogue, results.settings, results.prioritised.ranking, budgets=caps)
    return {p.item.id: quarter_label(p.item.start, "nb") if p.placed and p.item.start else ""
            for p in plan.items}


def page_starts(html: str) -> dict[str, str]:
    """Measure -> the start quarter the page's table shows."""
    rows = re.findall(r'<tr id="plassering-([^"]+)">\s*<th scope="row">[^<]*</th><td>.*?</td>'
                      r'<td>.*?</td>\s*<td>.*?</td><td class="q">(\d{4}-K\d)?', html, re.S)
    return dict(rows)


def fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(cap-\d{4})" value="([^"]*)"', html))


def post(client: Any, form: dict[str, str]) -> str:  # noqa: F811
    response = client.post("/veikart", base_url=BASE,
                           data={"token": token(client), **form})
    assert response.status_code == 200
    return str(response.data.decode())


def test_the_fields_hold_the_budget_sheets_caps_and_the_table_the_librarys_plan(
        client: Any, bundled: Any) -> None:  # noqa: F811
    from okosys_plan.roadmap.planning import caps

    html = client.get("/veikart", base_url=BASE).data.decode()
    assert 'aria-current="page">Veikart' in html
    sheet = caps(bundled.checked.catalogue)[0]
    assert fields(html) == {f"cap-{y}": f"{c:g}".replace(".", ",") for y, c in sheet.items()}
    assert page_starts(html) == library_starts(bundled, sheet)
    assert page_starts(html) == {p.item.id: page_starts(html)[p.item.id]
                                 for p in bundled.plan.items}  # the run's own plan's measures


def test_a_lower_cap_moves_a_measure_as_the_library_says(client: Any, bundled: Any) -> None:  # noqa: F811
    from okosys_plan.roadmap.planning import caps

    sheet = caps(bundled.checked.catalogue)[0]
    before = library_starts(bundled, sheet)
    moved = None
    for cap in range(int(sheet[2022]), 0, -5):  # lower 2022's cap until a start moves
        after = library_starts(bundled, {**sheet, 2022: float(cap)})
        if any(after[m] and after[m] != before[m] for m in before):
            moved = cap
            break
    assert moved is not None, "no cap in 2022 moves a measure: the test needs another year"
    form = {f"cap-{y}": str(c) for y, c in sheet.items()} | {"cap-2022": f"{moved},0"}
    html = post(client, form)
    assert page_starts(html) == after
    assert fields(html)["cap-2022"] == f"{moved},0"
    svg = re.search(r'href="(/veikart/veikart\.svg[^"]*)"', html)
    assert svg is not None and "2022:" + repr(float(moved)) in svg.group(1)
    chart = client.get(svg.group(1).replace("&amp;", "&"), base_url=BASE)
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    texts = " ".join(t.text or "" for t in ET.fromstring(chart.data).iter(f"{SVG}text"))
    assert "2025" in texts


def test_a_blank_cap_is_no_cap_and_a_wrong_one_is_said_beside_its_field(
        client: Any) -> None:  # noqa: F811
    html = post(client, {"cap-2022": "", "cap-2023": "", "cap-2024": "", "cap-2025": ""})
    caps = re.findall(r"<tr><th scope=\"row\">(\d{4})</th><td class=\"num\">([^<]*)</td>", html)
    assert [c for _, c in caps] == ["–"] * 4
    for wrong in ("mye", "-5", "1e9", "12,3,4"):
        html = post(client, {"cap-2022": wrong})
        assert 'id="cap-2022" name="cap-2022" value="' in html
        assert 'aria-describedby="cap-2022-error" aria-invalid="true"' in html
        assert "En ramme er et beløp i MNOK" in html and "veikart-stolpe" not in html
        assert f'value="{wrong}"' in html  # nothing the user typed is lost


def test_scenarios_are_kept_side_by_side_and_removed(client: Any, bundled: Any) -> None:  # noqa: F811
    from okosys_plan.roadmap.planning import caps

    sheet = caps(bundled.checked.catalogue)[0]
    tight = {f"cap-{y}": f"{c:g}" for y, c in sheet.items()} | {"cap-2022": "140"}
    html = post(client, {**tight, "scenario": "  Stram   2022 ", "save": "1"})
    assert "Scenarioet Stram 2022 er lagret." in html
    side = html.split('id="scenarier"')[1]
    assert "Katalogens rammer" in side and "Stram 2022" in side
    expected = library_starts(bundled, {**sheet, 2022: 140.0})
    differing = [m for m, s in library_starts(bundled, sheet).items() if s != expected[m]]
    marked = re.findall(r'<tr class="differs"><th scope="row">([^<]+?) <span', side)
    assert marked == differing and differing
    again = post(client, {**tight, "scenario": "Stram 2022", "save": "1"})
    assert "Det finnes allerede et scenario som heter Stram 2022." in again
    for blank in ("", "   ", "x" * 61):
        assert "Gi scenarioet et navn" in post(client, {**tight, "scenario": blank, "save": "1"})
    gone = post(client, {**tight, "forget": "0"})
    assert "Scenarioet Stram 2022 er fjernet." in gone and 'id="scenarier"' not in gone


def test_the_chart_refuses_an_address_it_did_not_make(client: Any) -> None:  # noqa: F811
    for caps in ("", "2022", "2022:x", "x:1", "2022:-1", "2022:nan"):
        response = client.get(f"/veikart/veikart.svg?caps={caps}", base_url=BASE)
        assert response.status_code == 404, caps


def test_the_page_in_english(client: Any) -> None:  # noqa: F811
    html = client.get("/veikart?lang=en", base_url=BASE).data.decode()
    assert 'lang="en"' in html and "Budget cap per year (MNOK)" in html
    assert re.search(r"<td class=\"q\">\d{4}-Q\d", html)


def test_the_chart_is_drawn_with_the_garbage_collector_paused(
        client: Any, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import gc

    from okosys_plan.charts.roadmap import save

    seen: list[bool] = []
    drawn = save.roadmap_bytes

    def watched(layout: Any, formats: Any) -> Any:
        seen.append(gc.isenabled())
        return drawn(layout, formats)

    monkeypatch.setattr(save, "roadmap_bytes", watched)
    html = client.get("/veikart", base_url=BASE).data.decode()
    address = re.search(r'href="(/veikart/veikart\.svg[^"]*)"', html)
    assert address is not None
    chart = client.get(address.group(1).replace("&amp;", "&"), base_url=BASE)
    assert chart.status_code == 200 and chart.data.startswith(b"<?xml")
    assert seen == [False, False] and gc.isenabled()  # the page's chart, then the file


def test_caps_tried_before_draw_nothing_again(client: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
                                              ) -> None:
    from okosys_plan.charts.roadmap import save

    drawn: list[int] = []
    original = save.roadmap_bytes

    def counted(layout: Any, formats: Any) -> Any:
        drawn.append(1)
        return original(layout, formats)

    monkeypatch.setattr(save, "roadmap_bytes", counted)
    first = client.get("/veikart", base_url=BASE).data.decode()
    post(client, {"cap-2022": "140"})
    again = client.get("/veikart", base_url=BASE).data.decode()
    assert len(drawn) == 2  # the catalogue's caps once, 140 once; the return is kept
    assert again == first
    english = client.get("/veikart?lang=en", base_url=BASE).data.decode()
    assert len(drawn) == 3 and "Budget cap per year" in english  # another language: drawn
