"""Last ned in the app: the whole job's files one by one and as one zip."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
from pptx import Presentation

from tests.app.test_app import BASE, client, state, text, token  # noqa: F401 (fixtures)


def test_every_file_of_the_run_is_offered_and_the_zip_holds_them(client: Any) -> None:  # noqa: F811
    page = client.get("/last-ned", base_url=BASE).data.decode()
    assert "behovskatalog.xlsx" in page and 'aria-current="page">Last ned' in page
    made = client.post("/last-ned", data={"token": token(client)}, base_url=BASE)
    assert made.status_code == 200
    links = re.findall(r'href="(/last-ned/run-\d+/([^"]+))"', made.data.decode())
    names = {name for _, name in links}
    assert {"prioritert-behov.xlsx", "plan.xlsx", "veikart.pptx", "rapport.html",
            "revisjon.json", "hendelser.json"} <= names
    workbook = client.get(dict((n, u) for u, n in links)["plan.xlsx"], base_url=BASE)
    assert "Plan" in openpyxl.load_workbook(io.BytesIO(workbook.data)).sheetnames
    zip_link = re.search(r'href="(/last-ned/run-\d+\.zip)"', made.data.decode())
    assert zip_link is not None
    archive = zipfile.ZipFile(io.BytesIO(client.get(zip_link.group(1), base_url=BASE).data))
    inside = {n.split("/", 1)[1] for n in archive.namelist()}
    assert inside == names
    deck = Presentation(io.BytesIO(archive.read("okosys-plan/veikart.pptx")))
    assert len(deck.slides) > 5


def test_a_run_folder_outside_the_uploads_is_not_served(client: Any) -> None:  # noqa: F811
    assert client.get("/last-ned/../x.zip", base_url=BASE).status_code == 404
    assert client.get("/last-ned/run-99/plan.xlsx", base_url=BASE).status_code == 404
    assert client.get("/last-ned/etc/passwd", base_url=BASE).status_code == 404
    assert "Den siden finnes ikke." in text(client.get("/last-ned/run-x.zip",
                                                       base_url=BASE).data)
