"""``okosys-plan deck``: the Skate deck as a .pptx; its exit codes, --json, --template."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from okosys_plan.cli.main import cli
from tests.conftest import need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
AS_OF = ("--as-of", "2024-03-01")
LAYOUT_NAME = "Skate: tittel og innhold"
MASTER_NAME = "Skate-malen"
THEME_NAME = "Skate-temaet"
OWN_SLIDE = "Malens eget lysbilde"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = ("application/vnd.openxmlformats-officedocument.presentationml.presentation."
              "main+xml")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def _titles(path: Path) -> list[str]:
    from pptx import Presentation

    deck = Presentation(str(path))
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_deck_writes_veikart_pptx_that_opens_with_titled_slides(folder: Path) -> None:
    result = invoke("deck", str(BUNDLED), *AS_OF)
    assert result.exit_code == 0, result.output
    titles = _titles(folder / "veikart.pptx")
    assert titles and all(t.strip() for t in titles)
    assert len(set(titles)) == len(titles)  # a unique title on every slide
    assert "veikart.pptx" in result.stdout and titles[0] in result.stdout
    assert "lysbilder" in result.stdout  # Norwegian by default


def test_json_is_the_document_alone_with_titles_and_audit(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["deck", str(BUNDLED), "-o", "d.pptx", "--json", *AS_OF])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # stdout is the JSON document and nothing else
    assert document["output"] == "d.pptx" and document["valid"] is True
    assert document["slides"] == _titles(folder / "d.pptx")
    assert document["audit"]["as_of"] == "2024-03-01"
    assert document["audit"]["input"] == BUNDLED.name
    assert isinstance(document["warnings"], list)


def test_same_input_twice_gives_the_same_bytes(folder: Path) -> None:
    assert invoke("deck", str(BUNDLED), "-o", "a.pptx", *AS_OF).exit_code == 0
    assert invoke("deck", str(BUNDLED), "-o", "b.pptx", *AS_OF).exit_code == 0
    assert (folder / "a.pptx").read_bytes() == (folder / "b.pptx").read_bytes()


def test_english_with_lang_en(folder: Path) -> None:
    result = invoke("deck", str(BUNDLED), "--lang", "en", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "Deck written: veikart.pptx; slides:" in result.stdout
    from pptx import Presentation

    assert Presentation("veikart.pptx").core_properties.language == "en-GB"
    assert invoke("deck", str(BUNDLED), "-o", "nb.pptx", *AS_OF).exit_code == 0
    assert Presentation("nb.pptx").core_properties.language == "nb-NO"


def test_an_invalid_catalogue_writes_nothing_exit_1(folder: Path) -> None:
    path = write_catalogue(folder / "feil.xlsx", valid_sheets(need("B1", "En", Nytte=9)))
    result = invoke("deck", str(path), *AS_OF)
    assert result.exit_code == 1
    assert "G2" in result.stdout and "ingen presentasjon ble skrevet" in result.stderr
    assert not (folder / "veikart.pptx").exists()
    as_json = invoke("deck", str(path), "--json", *AS_OF)
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["valid"] is False


@pytest.mark.parametrize(("args", "said"), [
    (["-o", "deck.pdf"], "skrives som .pptx, ikke .pdf"),
    (["--template", "finnes-ikke.potx"], "finnes-ikke.potx: filen finnes ikke"),
    (["--template", "mal.docx"], "en mal er en .pptx- eller .potx-fil"),
    (["--template", "tekst.pptx"], "ikke en PowerPoint-fil (ikke en zip-pakke)"),
    (["--template", "arkiv.pptx"], "ikke en PowerPoint-fil (ingen presentasjonsdel)"),
    (["--template", "tekst.pptx", "-o", "tekst.pptx", "--force"], "ville skrevet over en innfil"),
], ids=["suffix", "no-template", "template-suffix", "not-zip", "zip-not-pptx", "over-input"])
def test_unusable_input_is_exit_2_and_nothing_is_written(folder: Path, args: list[str],
                                                         said: str) -> None:
    (folder / "mal.docx").write_bytes(b"x")
    (folder / "tekst.pptx").write_text("ikke en presentasjon", encoding="utf-8")
    with zipfile.ZipFile(folder / "arkiv.pptx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = invoke("deck", str(BUNDLED), *AS_OF, *args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    as_json = invoke("deck", str(BUNDLED), *AS_OF, *args, "--json")
    assert as_json.exit_code == 2 and said in json.loads(as_json.stdout)["error"]


def test_an_existing_output_needs_force(folder: Path) -> None:
    (folder / "veikart.pptx").write_bytes(b"old")
    result = invoke("deck", str(BUNDLED), *AS_OF)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (folder / "veikart.pptx").read_bytes() == b"old"
    assert invoke("deck", str(BUNDLED), *AS_OF, "--force").exit_code == 0
    assert _titles(folder / "veikart.pptx")


def test_a_missing_catalogue_is_exit_2(folder: Path) -> None:
    result = invoke("deck", "borte.xlsx", *AS_OF)
    assert result.exit_code == 2 and "borte.xlsx" in result.stderr
    assert not (folder / "veikart.pptx").exists()


def _template(path: Path) -> Path:
    """A template of its own: a renamed layout, a named theme with its own accent, a slide."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    deck = Presentation()
    layout = next(la for la in deck.slide_layouts if la.name == "Title Only")
    layout._element.cSld.set("name", LAYOUT_NAME)
    deck.slide_master._element.cSld.set("name", MASTER_NAME)
    theme = deck.slide_master.part.part_related_by(RT.THEME)
    theme._blob = (theme.blob.replace(b'name="Office Theme"', f'name="{THEME_NAME}"'.encode())
                   .replace(b'<a:srgbClr val="4F81BD"/>', b'<a:srgbClr val="7A1F5C"/>', 1))
    slide = deck.slides.add_slide(layout)
    slide.shapes.title.text = OWN_SLIDE
    buffer = io.BytesIO()
    deck.save(buffer)
    if path.suffix == ".pptx":
        path.write_bytes(buffer.getvalue())
        return path
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(_DECK_TYPE.encode(), _TEMPLATE_TYPE.encode())
            target.writestr(info, data)
    return path


def _theme_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(n) for n in archive.namelist()
                        if n.startswith("ppt/theme/"))


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_a_template_s_masters_layouts_and_theme_are_kept_its_slides_dropped(
        folder: Path, suffix: str) -> None:
    from pptx import Presentation

    template = _template(folder / f"mal{suffix}")
    assert template.suffix != ".potx" or _TEMPLATE_TYPE.encode() in zipfile.ZipFile(
        template).read("[Content_Types].xml")
    result = invoke("deck", str(BUNDLED), "--template", str(template), "-o", "m.pptx", *AS_OF)
    assert result.exit_code == 0, result.output
    deck = Presentation("m.pptx")
    assert LAYOUT_NAME in [layout.name for layout in deck.slide_layouts]
    assert [master.name for master in deck.slide_masters] == [MASTER_NAME]
    assert LAYOUT_NAME in {slide.slide_layout.name for slide in deck.slides}  # content slides
    assert len(deck.slides) >= 1
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    assert OWN_SLIDE not in texts  # the template's own slide is gone
    theme = _theme_xml(folder / "m.pptx")
    assert THEME_NAME.encode() in theme and b'val="7A1F5C"' in theme
    again = invoke("deck", str(BUNDLED), "--template", str(template), "-o", "m2.pptx", *AS_OF)
    assert again.exit_code == 0 and (folder / "m2.pptx").read_bytes() == (
        folder / "m.pptx").read_bytes()  # on a template too, the same bytes
    assert invoke("deck", str(BUNDLED), "-o", "plain.pptx", *AS_OF).exit_code == 0
    assert THEME_NAME.encode() not in _theme_xml(folder / "plain.pptx")


def test_the_settings_file_names_the_template_and_the_option_wins(folder: Path) -> None:
    _template(folder / "mal.potx")
    (folder / "okosys-plan.toml").write_text('[deck]\ntemplate = "mal.potx"\n',
                                             encoding="utf-8")
    assert invoke("deck", str(BUNDLED), "-o", "a.pptx", *AS_OF).exit_code == 0
    assert THEME_NAME.encode() in _theme_xml(folder / "a.pptx")
    (folder / "tom.pptx").write_bytes(b"")
    result = invoke("deck", str(BUNDLED), "-o", "b.pptx", "--template", "tom.pptx", *AS_OF)
    assert result.exit_code == 2 and "tom.pptx" in result.stderr
    (folder / "okosys-plan.toml").write_text('[deck]\ntemplate = 3\n', encoding="utf-8")
    bad = invoke("deck", str(BUNDLED), "-o", "c.pptx", *AS_OF)
    assert bad.exit_code == 2 and "[deck] template" in bad.stderr


def test_help_is_said_in_the_language_asked() -> None:
    norwegian = invoke("deck", "--help")
    english = invoke("--lang", "en", "deck", "--help")
    assert "redigerbar PowerPoint" in norwegian.output and "PowerPoint-mal" in norwegian.output
    assert "editable PowerPoint" in english.output and "veikart.pptx" in english.output


def test_run_writes_the_deck_on_the_settings_template_and_hashes_it(folder: Path) -> None:
    import hashlib

    _template(folder / "mal.pptx")
    (folder / "okosys-plan.toml").write_text('[deck]\ntemplate = "mal.pptx"\n',
                                             encoding="utf-8")
    result = invoke("run", str(BUNDLED), "-o", "ut", "--json", *AS_OF)
    assert result.exit_code == 0, result.output
    files = [Path(p).name for p in json.loads(result.stdout)["files"]]
    assert files.index("veikart.pptx") < files.index("rapport.html") < files.index(
        "revisjon.json")  # before the report and the audit record
    deck = folder / "ut" / "veikart.pptx"
    assert THEME_NAME.encode() in _theme_xml(deck) and _titles(deck)
    audit = json.loads((folder / "ut" / "revisjon.json").read_text(encoding="utf-8"))
    assert audit["files"]["veikart.pptx"] == hashlib.sha256(deck.read_bytes()).hexdigest()
    assert audit["settings"]["deck_template"] == "mal.pptx"


def test_run_with_a_bad_settings_template_stops_before_writing(folder: Path) -> None:
    (folder / "mal.pptx").write_text("ikke en presentasjon", encoding="utf-8")
    (folder / "okosys-plan.toml").write_text('[deck]\ntemplate = "mal.pptx"\n',
                                             encoding="utf-8")
    result = invoke("run", str(BUNDLED), "-o", "ut", *AS_OF)
    assert result.exit_code == 2 and "mal.pptx" in result.stderr
    assert not (folder / "ut").exists()


def test_a_template_that_is_no_regular_file_is_refused_at_once(folder: Path) -> None:
    import os

    os.mkfifo(folder / "rør.pptx")  # opened for reading, it would block: never opened
    result = invoke("deck", str(BUNDLED), "--template", "rør.pptx", *AS_OF)
    assert result.exit_code == 2 and "ikke en vanlig fil" in result.stderr, result.output
    assert not (folder / "veikart.pptx").exists()
