"""The command line, through click's CliRunner: exit codes, stdout, stderr, files written."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import click
import openpyxl
import pytest
from click.testing import CliRunner, Result
from conftest import MakeCatalogue, need, valid_sheets

from okosys_plan import load_catalogue
from okosys_plan.catalogue.annotate import FILLS
from okosys_plan.catalogue.validate import validate
from okosys_plan.cli.actions.catalogue import validate_files
from okosys_plan.cli.main import cli
from okosys_plan.cli.outcome import Common
from okosys_plan.text.say import say

REPO = Path(__file__).resolve().parents[2]
PROBLEM_KEYS = {"severity", "code", "sheet", "cell", "column", "value", "message", "hint"}

#: Where each planted error of ``BROKEN`` sits: (code, cell).
PLANTED = [
    ("out-of-range", "G3"),  # score 7 on a 1–5 scale
    ("duplicate-id", "A4"),  # second B01
    ("not-a-number", "F5"),  # 'ca. 120' in Investering
    ("unknown-reference", "J5"),  # B99 does not exist
    ("end-before-start", "I6"),  # Slutt 2023 before Start 2025
]
BROKEN = valid_sheets(
    need("B01", "Felles innlogging", Avhengigheter="B02"),
    need("B02", "Digital fullmakt", Nytte=7, Avhengigheter="B01"),
    need("B01", "Samtykke"),
    need("B03", "Meldingsformidling", **{"Investering (MNOK)": "ca. 120", "Avhengigheter": "B99"}),
    need("B04", "Grunndata", Start="2025", Slutt="2023"),
)


def invoke(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def problems_of(result: Result) -> list[dict[str, Any]]:
    document = json.loads(result.stdout)
    assert len(document["files"]) == 1
    problems: list[dict[str, Any]] = document["files"][0]["problems"]
    return problems


def assert_clean_failure(result: Result, code: int) -> None:
    """Exit ``code`` with exactly one line on stderr and no traceback anywhere."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("okosys-plan: ")


# --- validate ---------------------------------------------------------------------------


def test_validate_valid_catalogue_exits_0_with_summary(make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("gyldig.xlsx")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "gyldig.xlsx: 2 behov, 0 feil, 0 advarsler"
    assert result.stderr == ""


def test_validate_reports_every_planted_error_with_its_cell(
        make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    result = invoke("validate", path)
    assert result.exit_code == 1
    for code, cell in PLANTED:
        assert f"  {cell}  feil" in result.stdout, (code, cell)
    assert "B01 → B02 → B01" in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith("5 behov, 6 feil, 0 advarsler")


def test_validate_json_places_each_problem(make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    result = invoke("validate", "--json", path)
    assert result.exit_code == 1
    problems = problems_of(result)
    found = {(p["code"], p["cell"]) for p in problems}
    for planted in PLANTED:
        assert planted in found
    by_code = {p["code"]: p for p in problems}
    assert by_code["out-of-range"]["column"] == "Nytte"
    assert by_code["out-of-range"]["value"] == 7
    assert by_code["not-a-number"]["value"] == "ca. 120"
    assert by_code["unknown-reference"]["value"] == "B99"
    assert "A2" in by_code["duplicate-id"]["message"]  # names the first place too
    cycle = by_code["dependency-cycle"]
    assert cycle["cell"] in {"J2", "J3"} and "B01 → B02 → B01" in cycle["message"]
    assert all(p["severity"] == "error" and p["sheet"] == "Behov" for p in problems)
    assert len(problems) == 6


def test_validate_json_has_exactly_the_documented_keys(make_catalogue: MakeCatalogue) -> None:
    good, bad = make_catalogue("a.xlsx"), make_catalogue("b.xlsx", BROKEN)
    result = invoke("validate", "--json", good, bad)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"valid", "files"}
    assert document["valid"] is False
    assert [f["valid"] for f in document["files"]] == [True, False]
    assert [f["needs"] for f in document["files"]] == [2, 5]
    for entry in document["files"]:
        assert set(entry) == {"path", "valid", "needs", "problems"}
        for problem in entry["problems"]:
            assert set(problem) == PROBLEM_KEYS
    assert document["files"][0]["path"] == str(good)


def test_validate_json_equals_the_library_document(make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    result = invoke("validate", "--json", "--lang", "en", path)
    assert json.loads(result.stdout) == validate_files([path], common=Common(lang="en")).document


def test_validate_json_of_valid_catalogue(make_catalogue: MakeCatalogue) -> None:
    result = invoke("validate", "--json", make_catalogue())
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["valid"] is True
    assert document["files"][0]["problems"] == []


def test_validate_lang_en_and_default_nb(make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    norwegian, english = invoke("validate", path), invoke("validate", "--lang", "en", path)
    assert "utenfor gyldig område" in norwegian.stdout
    assert "out of range" not in norwegian.stdout
    assert "'ca. 120' is not a number" in english.stdout
    assert "5 needs, 6 errors, 0 warnings" in english.stdout
    assert "ikke et tall" not in english.stdout
    assert english.exit_code == norwegian.exit_code == 1


def test_validate_empty_xlsx_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")
    result = invoke("validate", path)
    assert_clean_failure(result, 2)
    assert "x.xlsx" in result.stderr
    assert result.stdout == ""


def test_validate_text_file_named_xls_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "notat.xls"
    path.write_text("Dette er bare et notat, ikke et regneark.\n", encoding="utf-8")
    result = invoke("validate", path)
    assert_clean_failure(result, 2)
    assert "notat.xls" in result.stderr


def test_validate_unusable_file_among_good_ones_exits_2(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    empty = tmp_path / "tom.xlsx"
    empty.write_bytes(b"")
    result = invoke("validate", "--json", make_catalogue(), empty)
    assert_clean_failure(result, 2)
    document = json.loads(result.stdout)
    assert [f["valid"] for f in document["files"]] == [True, False]


# --- validate --annotate -------------------------------------------------------------------


def test_annotate_marks_problem_cells(tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    out = tmp_path / "merket.xlsx"
    result = invoke("validate", "--annotate", out, "--json", path)
    assert result.exit_code == 1
    problems = problems_of(result)
    book = openpyxl.load_workbook(out)
    sheet = book["Behov"]
    for problem in problems:
        cell = sheet[problem["cell"]]
        assert cell.fill.fgColor.rgb.endswith(FILLS["error"].fgColor.rgb[-6:]), problem
        assert cell.comment is not None and problem["message"] in cell.comment.text
    assert sheet["G3"].value == 7 and sheet["F5"].value == "ca. 120"  # values kept
    assert sheet["A2"].comment is None and sheet["A2"].fill.fill_type is None  # others untouched
    listed = list(book["Problemer"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3]) for r in listed] == [(p["code"], p["cell"]) for p in problems]
    assert [r[6] for r in listed] == [p["message"] for p in problems]


def test_annotate_in_english(tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    out = tmp_path / "marked.xlsx"
    result = invoke("validate", "--lang", "en", "--annotate", out,
                    make_catalogue("feil.xlsx", BROKEN))
    assert result.exit_code == 1
    book = openpyxl.load_workbook(out)
    assert "Problems" in book.sheetnames and "Problemer" not in book.sheetnames
    assert "is out of range" in book["Behov"]["G3"].comment.text


def test_annotate_refuses_to_overwrite_the_input(make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    before = path.read_bytes()
    for force in ([], ["--force"]):
        result = invoke("validate", *force, "--annotate", path, path)
        assert_clean_failure(result, 2)
        assert path.read_bytes() == before


def test_annotate_refuses_existing_file_without_force(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    path = make_catalogue("feil.xlsx", BROKEN)
    out = tmp_path / "finnes.xlsx"
    out.write_bytes(b"old content")
    result = invoke("validate", "--annotate", out, path)
    assert_clean_failure(result, 2)
    assert "--force" in result.stderr
    assert out.read_bytes() == b"old content"

    forced = invoke("validate", "--annotate", out, "--force", path)
    assert forced.exit_code == 1
    assert openpyxl.load_workbook(out)["Behov"]["G3"].comment is not None


def test_annotate_takes_one_file(tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    result = invoke("validate", "--annotate", tmp_path / "out.xlsx",
                    make_catalogue("a.xlsx"), make_catalogue("b.xlsx"))
    assert result.exit_code == 2
    assert not (tmp_path / "out.xlsx").exists()


# --- run, template, help ---------------------------------------------------------------------


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Work in an empty folder: run finds the bundled catalogue beside the package."""
    monkeypatch.chdir(tmp_path)
    return REPO


def test_run_summarises_the_bundled_catalogue(in_repo: Path) -> None:
    catalogue = load_catalogue(in_repo / "catalogue" / "behovskatalog.xlsx")
    result = invoke("run")
    assert result.exit_code == 0, result.output
    assert "Behov per tema" in result.stdout and "Behov per status" in result.stdout
    for theme, count in Counter(n.theme for n in catalogue.needs).items():
        assert re.search(rf"^\s+{count}\s+{re.escape(str(theme))}$", result.stdout, re.M), theme
    assert f"{len(catalogue.needs)} behov, 0 feil" in result.stdout


def test_run_writes_the_priority_list_and_charts_into_exports(in_repo: Path) -> None:
    import openpyxl
    from defusedxml import ElementTree

    from okosys_plan.prioritise.api import prioritise

    ranking = prioritise(load_catalogue(in_repo / "catalogue" / "behovskatalog.xlsx")).ranking
    result = invoke("run", "--json", "--as-of", "2023-06-30")
    assert result.exit_code == 0
    files = [Path(f) for f in json.loads(result.stdout)["files"]]
    assert [f.name for f in files][:5] == [
        "prioritert-behov.xlsx", "prioritering.png", "prioritering-rangintervall.png",
        "prioritering.svg", "prioritering-rangintervall.svg"]
    assert all(f.parent == Path("exports") for f in files)
    book = openpyxl.load_workbook(files[0], read_only=True)
    rows = list(book["Prioritert"].iter_rows(min_row=2, max_row=4, values_only=True))
    assert [r[1] for r in rows] == [s.id for s in ranking.needs[:3]]
    assert "Følsomhet" in book.sheetnames
    svg = ElementTree.parse(files[3]).getroot()
    texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert ranking.needs[0].id in texts and "Samfunnsnytte" in texts
    first = {f: f.read_bytes() for f in files}
    assert invoke("run", "--as-of", "2023-06-30").exit_code == 0
    assert {f: f.read_bytes() for f in files} == first  # same input, same bytes


def test_run_json(in_repo: Path) -> None:
    catalogue = load_catalogue(in_repo / "catalogue" / "behovskatalog.xlsx")
    result = invoke("run", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["valid"] is True and document["errors"] == 0
    assert document["needs"] == len(catalogue.needs) >= 40
    assert document["by_theme"] == dict(Counter(n.theme for n in catalogue.needs))


def test_run_on_a_given_broken_catalogue(make_catalogue: MakeCatalogue) -> None:
    result = invoke("run", make_catalogue("feil.xlsx", BROKEN))
    assert result.exit_code == 1
    assert "G3" in result.stdout


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and command.help.strip()
    norwegian = say("nb", " ".join(command.help.split()))
    assert norwegian != command.help  # the help is a message id with a bokmål text
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and " ".join(norwegian.split()[:3]) in result.stdout
    english = invoke(name, "--lang", "en", "--help") if name != "weights" else result
    if name != "weights":
        assert " ".join(command.help.split()[:3]) in english.stdout
        assert norwegian.split()[0] not in english.stdout or norwegian.split()[0] == \
            command.help.split()[0]


def test_group_help() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.stdout


def test_template_reads_back_without_errors(tmp_path: Path) -> None:
    pytest.importorskip("okosys_plan.catalogue.template")
    out = tmp_path / "mal.xlsx"
    result = invoke("template", "-o", out)
    assert result.exit_code == 0, result.output
    catalogue = load_catalogue(out)
    assert catalogue.needs == ()
    assert validate(catalogue).errors == ()
    assert "ID" in [c.value for c in openpyxl.load_workbook(out)["Behov"][1]]


def test_template_refuses_existing_file(tmp_path: Path) -> None:
    pytest.importorskip("okosys_plan.catalogue.template")
    out = tmp_path / "mal.xlsx"
    out.write_bytes(b"keep")
    result = invoke("template", "-o", out)
    assert_clean_failure(result, 2)
    assert out.read_bytes() == b"keep"


def _helps(command: click.Command) -> list[str]:
    found = [command.help] if command.help else []
    found += [p.help for p in command.params if isinstance(p, click.Option) and p.help]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found += _helps(sub)
    return [" ".join(text.split()) for text in found]


def test_every_help_text_is_a_message_id_said_in_both_languages() -> None:
    """Each command's and option's help is an English id the bokmål catalogue translates."""
    from okosys_plan.text.say import translations

    helps = _helps(cli)
    assert len(helps) > 60
    untranslated = [h for h in helps if translations("nb").gettext(h) == h]
    assert untranslated == []
    assert all(translations("en").gettext(h) == h for h in helps)
