"""The local web app: local only, honest forms, the Katalog page, no 500 for any real file."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from babel.messages.pofile import read_po

from okosys_plan.app.server import AppState, create_app

ROOT = Path(__file__).resolve().parents[2]
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
REALWORLD = ROOT.parent / "shared" / "realworld-workbooks"
TEMPLATES = ROOT / "okosys_plan" / "app" / "templates"


@pytest.fixture
def state() -> Any:
    found = AppState(PORT)
    yield found
    found.close()


@pytest.fixture
def client(state: AppState) -> Any:
    return create_app(PORT, state).test_client()


def token(client: Any) -> str:
    page = client.get("/", base_url=BASE).data.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def text(html: bytes) -> str:
    """The page's text, tags dropped, spaces made one."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def upload(client: Any, files: list[tuple[str, bytes]], lang: str = "nb") -> Any:
    data: dict[str, Any] = {"token": token(client), "lang": lang,
                            "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/katalog", data=data, base_url=BASE,
                       content_type="multipart/form-data")


def test_the_page_is_norwegian_accessible_and_loads_nothing_from_elsewhere(client: Any) -> None:
    response = client.get("/", base_url=BASE)
    assert response.status_code == 200
    page = response.data.decode()
    assert '<html lang="nb">' in page and "<title>Katalog · okosys-plan</title>" in page
    assert '<label for="files">Arbeidsbøker</label>' in page  # every field labelled
    assert 'href="#innhold"' in page and 'id="innhold"' in page  # skip link to the content
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    for address in re.findall(r'(?:src|href|action)="([^"]+)"', page):
        assert not re.match(r"(?:https?:)?//", address), address  # nothing from elsewhere
    english = client.get("/?lang=en", base_url=BASE).data.decode()
    assert '<html lang="en">' in english and "Workbooks" in english


def test_another_host_name_and_a_form_without_the_token_are_refused(client: Any) -> None:
    assert client.get("/", base_url=f"http://evil.example:{PORT}").status_code == 400
    assert client.get("/", base_url="http://127.0.0.1:9999").status_code == 400
    refused = client.post("/katalog", data={"bundled": "1", "token": "wrong"}, base_url=BASE)
    assert refused.status_code == 403
    assert "Skjemaet var utdatert" in text(refused.data)  # said, not a bare error


def test_the_bundled_catalogue_is_checked_and_its_marked_copy_opens(client: Any) -> None:
    response = client.post("/katalog", data={"token": token(client), "bundled": "1"},
                           base_url=BASE)
    assert response.status_code == 200
    assert "behovskatalog.xlsx: 49 behov, 0 feil, 0 advarsler" in text(response.data)
    link = re.search(r'href="(/katalog/\d+/merket\.xlsx[^"]*)"', response.data.decode())
    assert link is not None
    copy = client.get(link.group(1).replace("&amp;", "&"), base_url=BASE)
    assert copy.status_code == 200
    assert "behovskatalog-merket.xlsx" in copy.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(copy.data))
    assert "Behov" in book.sheetnames


def test_problems_are_grouped_by_sheet_with_cell_column_value_and_hint(
        client: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Behov"
    for row in (["ID", "Tittel", "Investering (MNOK)"], ["B1", "Første", "mye"],
                ["B1", "Andre", 5]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, [("innsendt.xlsx", buffer.getvalue())])
    page = response.data.decode()
    assert response.status_code == 200
    assert "innsendt.xlsx: 2 behov, 2 feil" in text(response.data)
    assert re.search(r"<caption>Behov: \d+ problemer</caption>", page)
    rows = [r for r in re.findall(r"<tr class=\"error\">(.*?)</tr>", page, re.S)]
    cells = [" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in rows]
    assert any(c.startswith("C2 feil Investering (MNOK) mye") for c in cells), cells
    assert any(c.startswith("A3 feil ID B1") for c in cells), cells


def test_an_unreadable_file_gets_the_terminals_one_line(client: Any) -> None:
    response = upload(client, [("notat.xlsx", b"dette er ingen arbeidsbok\n")])
    assert response.status_code == 200
    said = text(response.data)
    assert "notat.xlsx" in said and "ikke et regneark" in said
    assert 'role="alert"' in response.data.decode()


def test_too_large_an_upload_is_a_message_not_a_crash(client: Any, state: AppState) -> None:
    client.application.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload(client, [("stor.xlsx", b"x" * 5000)])
    assert response.status_code == 413
    assert "Filene er for store" in text(response.data)


def test_uploads_are_private_and_removed_when_the_app_stops(client: Any,
                                                            state: AppState) -> None:
    upload(client, [("a.csv", b"ID;Tittel\nB1;En\n")])
    folder = state.uploads.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    kept = [p for p in folder.rglob("*") if p.is_file()]
    assert kept and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert all(stat.S_IMODE(p.parent.stat().st_mode) == 0o700 for p in kept)
    state.uploads.close()
    assert not folder.exists()


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="the shared real-world workbooks are absent")
def test_no_real_world_workbook_gives_a_500_page(client: Any) -> None:
    files = sorted(p for p in REALWORLD.iterdir() if p.suffix.lower() in
                   (".xlsx", ".xlsm", ".xls", ".ods", ".csv"))
    assert len(files) > 20
    for path in files:
        response = upload(client, [(path.name, path.read_bytes())])
        assert response.status_code == 200, path.name
        assert path.name in text(response.data), path.name




def test_every_text_of_the_templates_has_its_bokmal() -> None:
    with (ROOT / "okosys_plan" / "text" / "locale" / "nb" / "LC_MESSAGES"
          / "okosys_plan.po").open("rb") as handle:
        catalog = read_po(handle)
    said = {m.id: m.string for m in catalog if m.id}
    found = [s for path in TEMPLATES.glob("*.html")
             for s in re.findall(r't\("((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))]
    assert len(found) > 15
    missing = [s for s in found if not said.get(s)]
    assert missing == []
    from okosys_plan.app import server

    shown = [*server.REFUSALS.values(), server.OTHER_REFUSAL, server.DEFECT,
             "Choose at least one file."]
    assert [s for s in shown if not said.get(s)] == []


def test_the_server_answers_on_loopback_and_removes_its_uploads_when_stopped() -> None:
    import threading
    import urllib.request

    from okosys_plan.app.server import bind, serve

    bound = bind(0)  # a free port
    folder = bound.state.uploads.folder
    worker = threading.Thread(target=serve, args=(bound,), kwargs={"browser": False})
    worker.start()
    try:
        url = f"http://127.0.0.1:{bound.state.port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and b'<html lang="nb">' in response.read()
    finally:
        bound.server.shutdown()
        worker.join(timeout=10)
    assert not folder.exists()


def test_a_taken_port_is_one_line_and_exit_2() -> None:
    import socket

    from click.testing import CliRunner

    from okosys_plan.cli.main import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["app", "--no-browser", "--port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} kan ikke brukes" in result.output


@pytest.mark.parametrize(("given", "kept"), [
    ("katalog.xlsx", "katalog.xlsx"), ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ola\\innsendt.xlsx", "innsendt.xlsx"), ("..", "opplasting"),
    ("", "opplasting"), ("a\x00b\nc.csv", "a_b_c.csv"), ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx")])
def test_a_kept_file_has_the_users_name_made_safe(given: str, kept: str) -> None:
    from okosys_plan.app.uploads import Uploads

    uploads = Uploads()
    try:
        found = uploads.keep(given, b"data")
        assert found.path.name == kept and found.path.parent.parent == uploads.folder
    finally:
        uploads.close()


def test_messages_name_the_file_as_the_user_named_it(client: Any) -> None:
    said = text(upload(client, [("notat.xlsx", "tull og tøys\n".encode())]).data)
    assert "notat.xlsx er en tekstfil" in said


def test_the_apps_language_is_the_pages_default() -> None:
    english = AppState(PORT, "en")
    try:
        page = create_app(PORT, english).test_client().get("/", base_url=BASE).data.decode()
        assert '<html lang="en">' in page and "Workbooks" in page
    finally:
        english.uploads.close()
