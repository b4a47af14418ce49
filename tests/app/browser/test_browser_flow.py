"""The app in a real browser, as a person uses it: upload through the file input, see the
problems, move a weight and see the ranking change, download the zip and open it.

What the pages should show is computed with the library, never written into the test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from okosys_plan.text.say import say
from tests.app.browser.fixtures import app_url, page, watched  # noqa: F401 (fixtures)
from tests.app.browser.pages import (
    a_cap_that_moves_a_measure,
    a_weight_change_that_moves_the_top,
    library_ranking,
    library_starts,
    use_bundled,
)
from tests.conftest import need, valid_sheets, write_catalogue

#: The IDs' cells of the ranking table on Prioritering.
RANKED = "#ranking tbody th[scope=row]"


def cells(row: Any) -> list[str]:
    """The texts of a table row's cells."""
    return [" ".join(c.split()) for c in row.locator("th, td").all_inner_texts()]


def ranked_ids(page: Any) -> list[str]:
    """The IDs in the ranking table of Prioritering, top first."""
    return page.locator(RANKED).all_inner_texts()


def test_problems_of_an_uploaded_workbook_are_shown_with_cell_column_and_message(
        page: Any, tmp_path: Path) -> None:
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.catalogue.present import problem_dict, summary_line

    broken = need("B01", "Felles innlogging", **{"Investering (MNOK)": "mye"})
    path = write_catalogue(tmp_path / "innsendt.xlsx",
                           valid_sheets(broken, need("B02", "Digital fullmakt")))
    report = check_file(path).report
    assert report is not None and report.errors
    expected = [problem_dict(p, "nb") for p in report.errors]
    page.goto("/")
    page.set_input_files("input[type=file][name=files]", str(path))
    page.get_by_role("button", name=say("nb", "Check the files")).click()
    page.wait_for_selector("section h2")
    assert page.locator("section p").first.inner_text() == summary_line(report, "nb")
    shown = [cells(row) for row in page.locator("tr.error").all()]
    for problem in expected:
        assert [problem["cell"], say("nb", "error"), problem["column"], str(problem["value"]),
                problem["message"], problem["hint"]] in shown, (problem, shown)
    caption = page.locator("caption").first.inner_text()
    assert caption.startswith(f"{expected[0]['sheet']}:")


def test_a_valid_upload_becomes_the_catalogue_of_the_other_pages(page: Any,
                                                                 tmp_path: Path) -> None:
    path = write_catalogue(tmp_path / "gyldig.xlsx", valid_sheets())
    page.goto("/")
    page.set_input_files("#files", str(path))
    page.click("button:not([name])")
    page.wait_for_selector("section p.ok")
    page.goto("/prioritering")
    assert sorted(ranked_ids(page)) == ["B01", "B02"]
    assert "gyldig.xlsx" in page.locator("main > p").first.inner_text()


def test_a_moved_weight_re_ranks_as_the_library_says(page: Any) -> None:
    from playwright.sync_api import expect

    use_bundled(page)
    page.goto("/prioritering")
    before = ranked_ids(page)
    assert before == [n.id for n in library_ranking()]
    names = page.locator("fieldset").first.locator("label").all_inner_texts()
    weights = a_weight_change_that_moves_the_top(names)
    for index, name in enumerate(names):
        if name in weights:
            page.fill(f"#weight-{index}", str(weights[name]))
    page.get_by_role("button", name=say("nb", "Rank again")).click()
    expected = [n.id for n in library_ranking(dict(weights))]
    assert expected[0] != before[0]
    expect(page.locator(RANKED)).to_have_text(expected)  # redrawn in place (htmx)
    for index, name in enumerate(names):  # the fields keep what was typed
        if name in weights:
            assert page.input_value(f"#weight-{index}") == str(weights[name])


def test_the_explanation_of_a_score_opens_from_its_id(page: Any) -> None:
    from okosys_plan import load_catalogue
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.prioritise.api import prioritise
    from okosys_plan.prioritise.explain import explain_need

    use_bundled(page)
    page.goto("/prioritering")
    ranking = prioritise(load_catalogue(bundled_catalogue())).ranking
    last = ranking.needs[-1]
    page.get_by_role("link", name=last.id, exact=True).click()
    page.wait_for_selector("#forklaring")
    said = page.locator("section pre").inner_text()
    assert said.strip() == explain_need(ranking, last, "nb").strip()


def test_the_zip_from_last_ned_holds_the_ranking_the_library_makes(page: Any) -> None:
    use_bundled(page)
    page.goto("/last-ned")
    page.get_by_role("button", name=say("nb", "Make every file")).click(timeout=120_000)
    page.wait_for_selector("main h2")
    with page.expect_download() as started:
        page.get_by_role("link", name=say("nb", "Every file in one zip")).click()
    download = started.value
    assert download.suggested_filename == "okosys-plan.zip"
    archive = zipfile.ZipFile(download.path())
    shown = set(page.locator("main ul li a").all_inner_texts())
    assert {n.split("/", 1)[1] for n in archive.namelist()} == shown
    book = openpyxl.load_workbook(io.BytesIO(archive.read("okosys-plan/prioritert-behov.xlsx")))
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    head = [c.value for c in book.worksheets[0][1]]
    ids, scores = head.index("ID"), head.index("Poengsum")
    expected = library_ranking()
    assert [r[ids] for r in rows] == [n.id for n in expected]
    assert [r[scores] for r in rows] == [n.score for n in expected]


def test_a_lower_budget_cap_moves_a_measure_as_the_library_plans(page: Any) -> None:
    from playwright.sync_api import expect

    year, cap, measure = a_cap_that_moves_a_measure()
    before, after = library_starts(), library_starts({year: cap})
    use_bundled(page)
    page.goto("/veikart")
    start = page.locator(f"#plassering-{measure} td.q").first
    expect(start).to_have_text(before[measure][0])
    page.fill(f"#cap-{year}", str(cap))
    page.get_by_role("button", name=say("nb", "Plan again")).click()
    expect(start).to_have_text(after[measure][0])  # redrawn in place (htmx)
    shown = {row.get_attribute("id")[len("plassering-"):]: row.locator("td.q").all_inner_texts()
             for row in page.locator("#plassering tbody tr").all()}
    assert {i: (s.split(" (")[0], e) for i, (s, e) in shown.items()} == after
    assert page.input_value(f"#cap-{year}") == str(cap)


@pytest.mark.parametrize(("address", "field"), [("/prioritering", "#weight-0"),
                                                ("/veikart", "#cap-2022")])
def test_a_wrong_value_is_marked_beside_its_field_with_script_too(
        page: Any, address: str, field: str) -> None:
    from playwright.sync_api import expect

    use_bundled(page)
    page.goto(address)
    page.fill(field, "mye")
    page.locator("form button[type=submit]:not([name])").first.click()
    expect(page.locator(field)).to_have_attribute("aria-invalid", "true", timeout=5000)
    described = page.get_attribute(field, "aria-describedby") or ""
    assert page.inner_text(f"#{described}")  # the message beside the field
