"""Katalog with several submissions: merged into one, as ``okosys-plan merge`` merges."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl

from tests.app.test_app import BASE, client, state, token, upload  # noqa: F401 (fixtures)
from tests.conftest import need, valid_sheets, write_catalogue


def submissions(tmp_path: Path, *groups: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """One small valid workbook per group of need IDs, named a.xlsx, b.xlsx, …"""
    files = []
    for number, ids in enumerate(groups):
        name = f"{'abcdefgh'[number]}.xlsx"
        rows = [need(i, f"Behov {i} fra {name}") for i in ids]
        files.append((name, write_catalogue(tmp_path / name, valid_sheets(*rows)).read_bytes()))
    return files


def merge(client: Any, page: str, renumber: bool = False) -> str:  # noqa: F811
    ids = re.findall(r'name="upload" value="(\d+)"', page)
    form: dict[str, Any] = {"token": token(client), "upload": ids}
    if renumber:
        form["renumber"] = "1"
    response = client.post("/katalog/slaa-sammen", data=form, base_url=BASE)
    assert response.status_code == 200
    return str(response.data.decode())


def test_two_submissions_merge_into_the_catalogue_the_pages_work_on(
        client: Any, tmp_path: Path) -> None:  # noqa: F811
    page = upload(client, submissions(tmp_path, ("B01", "B02"), ("B03",))).data.decode()
    assert "Slå sammen de 2 filene til én katalog" in page
    merged = merge(client, page)
    assert "Slått sammen: a.xlsx, b.xlsx" in merged
    assert "Den sammenslåtte katalogen har 3 behov; de andre sidene bruker den nå." in merged
    link = re.search(r'href="(/katalog/\d+/fil\.xlsx)[^"]*" download>Last ned den samm', merged)
    assert link is not None
    book = openpyxl.load_workbook(io.BytesIO(client.get(link.group(1), base_url=BASE).data))
    ids = [row[0] for row in book["Behov"].iter_rows(min_row=2, values_only=True)]
    assert ids == ["B01", "B02", "B03"]
    ranking = client.get("/prioritering", base_url=BASE).data.decode()
    assert "sammenslått-katalog.xlsx" in ranking and "Alle 3 behov" in ranking


def test_an_id_in_two_files_is_an_error_until_renumbered(client: Any, tmp_path: Path) -> None:  # noqa: F811
    page = upload(client, submissions(tmp_path, ("B01", "B02"), ("B02", "B09"))).data.decode()
    refused = merge(client, page)
    assert "Filene kan ikke slås sammen slik de er" in refused
    found = refused.split('id="sammenslaaing"')[1]
    assert re.search(r"b\.xlsx.*Behov!A2.*B02", found, re.S)
    assert re.search(r'id="renumber" name="renumber" value="1" checked', refused)
    renumbered = merge(client, refused, renumber=True)
    assert "Den sammenslåtte katalogen har 4 behov" in renumbered
    table = renumbered.split("<caption>Omnummererte ID-er</caption>")[1].split("</table>")[0]
    assert re.search(r"<th scope=\"row\">b\.xlsx</th><td>B02</td><td>B02-2</td>", table)


def test_one_file_or_an_unreadable_one_offers_no_merge(client: Any, tmp_path: Path) -> None:  # noqa: F811
    one = upload(client, submissions(tmp_path, ("B01",))).data.decode()
    assert "Slå sammen de" not in one
    files = [*submissions(tmp_path, ("B01",)), ("tull.xlsx", b"not a workbook at all")]
    assert "Slå sammen de" not in upload(client, files).data.decode()
    forged = client.post("/katalog/slaa-sammen", data={"token": token(client),
                                                      "upload": ["1", "999"]}, base_url=BASE)
    assert forged.status_code == 404
