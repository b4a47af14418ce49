"""Tjenestekjeder in the app: readiness, each chain's breaks with their fixes, its map."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import Any

import openpyxl

from tests.app.test_app import BASE, client, state, text, upload  # noqa: F401 (fixtures)


def test_the_bundled_chains_with_readiness_breaks_and_maps(client: Any) -> None:  # noqa: F811
    response = client.get("/tjenestekjeder", base_url=BASE)
    page = response.data.decode()
    said = text(response.data)
    assert response.status_code == 200 and 'aria-current="page">Tjenestekjeder' in page
    assert "Dødsfall og arv" in said and "Ny i Norge" in said
    assert "<caption>Modenhet per kjede</caption>" in page
    assert "D05 Teknisk – Kommunene får ikke hendelsen fra Folkeregisteret maskinelt" in said
    assert page.count('<img class="map"') == 2 and 'alt="Kartet for Dødsfall og arv' in page
    svg = client.get("/tjenestekjeder/1.svg", base_url=BASE)
    assert svg.mimetype == "image/svg+xml"
    texts = " ".join(t.text or "" for t in ET.fromstring(svg.data).iter(
        "{http://www.w3.org/2000/svg}text"))
    assert "Dødsfall og arv" in texts
    assert client.get("/tjenestekjeder/9.svg", base_url=BASE).status_code == 404


def test_a_catalogue_without_chains_is_told_how_to_add_them(client: Any) -> None:  # noqa: F811
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Behov"
    for row in (["ID", "Tittel"], ["B1", "Ett behov"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    upload(client, [("liten.xlsx", buffer.getvalue())])
    said = text(client.get("/tjenestekjeder", base_url=BASE).data)
    assert "liten.xlsx har ikke noe Tjenestekjeder-ark" in said
