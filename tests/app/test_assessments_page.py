"""Prioritering with several members' assessments: given, ranked on, listed, removed."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl

from tests.app.test_app import BASE, client, state, token  # noqa: F401 (fixtures)

ASSESSMENTS = Path(__file__).parents[2] / "catalogue" / "vurderinger"


def ranking_ids(page: str) -> list[str]:
    """The ranking table's need IDs in their order."""
    table = re.split(r"<caption>Alle \d+ behov i rangordning</caption>", page)[1]
    body = table.split("</tbody>")[0]
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a></th>', body)


def give(client: Any, **form: Any) -> str:  # noqa: F811
    response = client.post("/prioritering/vurderinger", base_url=BASE,
                           data={"token": token(client), **form},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    return str(client.get("/prioritering", base_url=BASE).data.decode())


def library_ranking(files: list[Path]) -> Any:
    """The bundled catalogue ranked on ``files`` as ``prioritise --assessments`` does."""
    from okosys_plan.app.priority_page import DRAWS
    from okosys_plan.assess.api import assess
    from okosys_plan.assess.read import read_assessments
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.prioritise.api import PriorityOptions

    catalogue = check_file(bundled_catalogue()).catalogue
    assert catalogue is not None
    read = read_assessments(files, [n.id for n in catalogue.needs], catalogue.criteria)
    return assess(catalogue, read, PriorityOptions(draws=DRAWS))


def test_the_bundled_assessments_rank_as_the_library_and_list_the_disagreement(
        client: Any) -> None:  # noqa: F811
    own = ranking_ids(client.get("/prioritering", base_url=BASE).data.decode())
    page = give(client, bundled="1")
    expected = library_ranking(sorted(ASSESSMENTS.glob("*.xlsx")))
    assert ranking_ids(page) == [s.id for s in expected.prioritised.ranking.needs] != own
    assert "Rangert på vurderingene: 49 behov." in page
    talk = page.split('id="diskusjon"')[1].split("</table>")[0]
    listed = re.findall(r"<tr><td>\d+</td><td>([^<]+)</td>", talk)
    assert listed == [d.need for d in expected.agreement.discussion] and listed
    back = give(client, forget="1")
    assert ranking_ids(back) == own and "Vurderinger gitt" not in back


def test_uploaded_assessments_are_read_by_the_same_reader(client: Any) -> None:  # noqa: F811
    files = sorted(ASSESSMENTS.glob("*.xlsx"))[:3]
    page = give(client, assessments=[(io.BytesIO(p.read_bytes()), p.name) for p in files])
    assert ranking_ids(page) == [s.id for s in library_ranking(files).prioritised.ranking.needs]
    assert "Vurderinger gitt: vurdering-a.xlsx, vurdering-b.xlsx, vurdering-c.xlsx." in page


def test_an_assessment_with_errors_is_listed_and_the_catalogues_scores_rank(
        client: Any, tmp_path: Path) -> None:  # noqa: F811
    own = ranking_ids(client.get("/prioritering", base_url=BASE).data.decode())
    book = openpyxl.load_workbook(ASSESSMENTS / "vurdering-a.xlsx")
    sheet = book["Vurdering"]
    sheet["E6"] = 9  # Samfunnsnytte of B01 off the 1–5 scale
    broken = tmp_path / "vurdering-x.xlsx"
    book.save(broken)
    page = give(client, assessments=[(io.BytesIO(broken.read_bytes()), "vurdering-x.xlsx")])
    problems = page.split('id="vurderinger"')[1].split("</table>")[0]
    assert "vurdering-x.xlsx" in problems and "Vurdering!E6" in problems
    assert "Vurderingene kan ikke brukes før feilene er rettet" in page
    assert ranking_ids(page) == own


def test_a_file_that_is_not_a_spreadsheet_gets_one_line(client: Any) -> None:  # noqa: F811
    page = give(client, assessments=[(io.BytesIO(b"\x00\x01binary\xff" * 50), "x.xlsx")])
    assert 'role="alert" class="error">x.xlsx' in page
    assert len(ranking_ids(page)) == 49  # ranked on the catalogue's scores
