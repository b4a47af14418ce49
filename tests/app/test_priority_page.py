"""Prioritering in the app: the ranking with its stability, weights and limits as fields."""

from __future__ import annotations

import re
from typing import Any

from tests.app.test_app import BASE, client, state, text, token  # noqa: F401 (fixtures)


def rows(page: str) -> list[list[str]]:
    """The ranking table's rows as cell texts."""
    body = page.split("<tbody>")[-1].split("</tbody>")[0]
    return [[" ".join(re.sub(r"<[^>]+>", " ", c).split())
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def weights(page: str) -> dict[str, str]:
    """The weight fields: name -> value."""
    return dict(re.findall(r'name="(weight-\d+)" value="([^"]*)"', page))


def test_the_bundled_catalogue_is_ranked_with_rank_intervals(client: Any) -> None:  # noqa: F811
    page = client.get("/prioritering", base_url=BASE).data.decode()
    found = rows(page)
    assert len(found) == 49
    assert [r[0] for r in found] == [str(n) for n in range(1, 50)]
    assert all(re.fullmatch(r"\d+–\d+", r[5]) for r in found)  # rank 5–95 %
    assert len(weights(page)) == 8 and 'aria-current="page">Prioritering' in page


def test_a_changed_weight_re_ranks(client: Any) -> None:  # noqa: F811
    page = client.get("/prioritering", base_url=BASE).data.decode()
    before = [r[1] for r in rows(page)]
    fields = {key: "0" for key in weights(page)}
    fields["weight-2"] = "1"  # only Hastegrad counts
    response = client.post("/prioritering", data={"token": token(client), **fields,
                                                  "high": "70", "medium": "40"}, base_url=BASE)
    after = rows(response.data.decode())
    assert response.status_code == 200 and len(after) == 49
    assert [r[1] for r in after] != before
    assert 'value="1"' in response.data.decode()  # the typed weights stay in their fields


def test_wrong_values_are_said_beside_their_fields_and_nothing_is_ranked(
        client: Any) -> None:  # noqa: F811
    page = client.get("/prioritering", base_url=BASE).data.decode()
    fields = dict(weights(page))
    fields["weight-0"] = "mye"
    response = client.post("/prioritering", data={"token": token(client), **fields,
                                                  "high": "40", "medium": "70"}, base_url=BASE)
    shown = response.data.decode()
    assert 'aria-describedby="weight-0-error" aria-invalid="true"' in shown
    assert "En vekt er et tall fra 0 til 1000." in text(response.data)
    assert "Middels må begynne under Høy." in text(response.data)
    assert rows(shown) == [] or "<tbody>" not in shown
    zeros = {key: "0" for key in weights(page)}
    none = client.post("/prioritering", data={"token": token(client), **zeros, "high": "70",
                                              "medium": "40"}, base_url=BASE)
    assert "Minst én vekt må være over 0." in text(none.data)


def test_a_needs_score_is_explained_on_click(client: Any) -> None:  # noqa: F811
    page = client.get("/prioritering?behov=B12", base_url=BASE).data.decode()
    assert 'id="forklaring"' in page
    explained = page.split("<pre>")[1].split("</pre>")[0]
    assert "B12" in explained and "Poengsum" in explained
    link = re.search(r'href="(/prioritering\?lang=nb&amp;[^"]*&amp;behov=B01)#forklaring"', page)
    assert link is not None and "weight-0=" in link.group(1) and "high=" in link.group(1)


def test_the_explanation_is_of_the_weights_typed(client: Any) -> None:  # noqa: F811
    from dataclasses import replace

    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.prioritise.api import PriorityOptions, prioritise
    from okosys_plan.prioritise.explain import explain_need

    page = client.get("/prioritering", base_url=BASE).data.decode()
    fields = {key: "0" for key in weights(page)} | {"weight-2": "1"}  # only Hastegrad
    posted = client.post("/prioritering", data={"token": token(client), **fields,
                                                "high": "70", "medium": "40"},
                         base_url=BASE).data.decode()
    link = re.search(r'href="(/prioritering\?[^"]*behov=B12[^"]*)#forklaring"', posted)
    assert link is not None
    explained = client.get(link.group(1).replace("&amp;", "&"), base_url=BASE).data.decode()
    assert weights(explained) == fields  # the fields keep what was typed
    catalogue = check_file(bundled_catalogue()).catalogue
    assert catalogue is not None
    scored = catalogue.scored_criteria
    criteria = tuple(replace(c, weight=1.0 if c.name == scored[2].name else 0.0)
                     if c in scored else c for c in catalogue.criteria)
    ranking = prioritise(replace(catalogue, criteria=criteria),
                         PriorityOptions(draws=0)).ranking
    expected = explain_need(ranking, ranking.find("B12"), "nb")
    assert explained.split("<pre>")[1].split("</pre>")[0] == expected.replace(
        "&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace(
        "'", "&#39;")


def test_numbers_are_written_as_the_language_writes_them(client: Any) -> None:  # noqa: F811
    nb = weights(client.get("/prioritering", base_url=BASE).data.decode())
    en = weights(client.get("/prioritering?lang=en", base_url=BASE).data.decode())
    assert nb["weight-0"] == "0,25" and en["weight-0"] == "0.25"
    response = client.post("/prioritering", data={"token": token(client), **nb, "high": "70",
                                                  "medium": "40"}, base_url=BASE)
    assert len(rows(response.data.decode())) == 49  # '0,25' is read as typed


def test_legal_requirements_are_marked_and_the_marks_explained(client: Any) -> None:  # noqa: F811
    from okosys_plan.bundled import bundled_catalogue
    from okosys_plan.catalogue.check import check_file
    from okosys_plan.prioritise.api import PriorityOptions, prioritise

    catalogue = check_file(bundled_catalogue()).catalogue
    assert catalogue is not None
    legal = {s.id for s in prioritise(catalogue, PriorityOptions(draws=0)).ranking.needs
             if s.legal_requirement}
    page = client.get("/prioritering", base_url=BASE).data.decode()
    marked = {r[1] for r in rows(page) if r[2].endswith("§")}
    assert marked == legal and legal
    assert "§ = lovkrav (rangert først)" in page
