"""Merging submissions: every row and column kept with its origin, clashes found, renumbering."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from conftest import NEED_HEADERS, MakeCatalogue, need, valid_sheets

from okosys_plan import load_catalogue
from okosys_plan.catalogue.merge import ORIGIN_HEADER, merge_catalogues, normalised_title
from okosys_plan.catalogue.validate import validate
from okosys_plan.cli.main import cli

AGENCIES = [["Kode", "Navn", "Type"], ["DIGDIR", "Digitaliseringsdirektoratet", "Stat"]]


def invoke(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    """The rows of ``sheet`` in a written workbook, as dicts by header."""
    values = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(map(str, values[0]), row, strict=True)) for row in values[1:]]


def headers(path: Path, sheet: str) -> list[Any]:
    return [c.value for c in openpyxl.load_workbook(path)[sheet][1]]


def first_file() -> dict[str, list[list[Any]]]:
    sheets = valid_sheets(need("B01", "Felles innlogging"),
                          need("B02", "Digital fullmakt", Avhengigheter="B01"))
    sheets["Behov"][0].append("Merknad fra etat")  # a column the format does not know
    sheets["Behov"][1].append("ring oss")
    sheets["Behov"][2].append("haster")
    sheets["Tiltak"] = [["ID", "Tittel", "Behov"], ["T01", "ID-porten videre", "B01, B02"]]
    sheets["Virksomheter"] = [list(r) for r in AGENCIES]
    return sheets


def second_file(first_id: str = "B10") -> dict[str, list[list[Any]]]:
    sheets = valid_sheets(need(first_id, "Meldingsboks"),
                          need("B11", "Varsling", Avhengigheter=first_id))
    sheets["Tiltak"] = [["ID", "Tittel", "Behov"], ["T02", "Varslingstjeneste", first_id]]
    sheets["Virksomheter"] = [list(r) for r in AGENCIES]
    return sheets


@pytest.fixture
def two(make_catalogue: MakeCatalogue) -> tuple[Path, Path]:
    return make_catalogue("etat-a.xlsx", first_file()), make_catalogue("etat-b.xlsx", second_file())


def test_merge_keeps_every_row_column_and_origin(tmp_path: Path, two: tuple[Path, Path]) -> None:
    out = tmp_path / "samlet.xlsx"
    result = invoke("merge", *two, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"{out}: 4 behov" in result.stdout
    needs = rows(out, "Behov")
    assert [r["ID"] for r in needs] == ["B01", "B02", "B10", "B11"]
    assert set(NEED_HEADERS) | {"Merknad fra etat", ORIGIN_HEADER} == set(headers(out, "Behov"))
    assert headers(out, "Behov")[-1] == ORIGIN_HEADER
    assert [r["Merknad fra etat"] for r in needs] == ["ring oss", "haster", None, None]
    assert [r[ORIGIN_HEADER] for r in needs] == [
        "etat-a.xlsx:Behov!2", "etat-a.xlsx:Behov!3", "etat-b.xlsx:Behov!2", "etat-b.xlsx:Behov!3"]
    assert [r["Nytte"] for r in needs] == [3, 3, 3, 3]
    assert needs[3]["Avhengigheter"] == "B10"
    measures = rows(out, "Tiltak")
    assert [(m["ID"], m["Behov"], m[ORIGIN_HEADER]) for m in measures] == [
        ("T01", "B01, B02", "etat-a.xlsx:Tiltak!2"), ("T02", "B10", "etat-b.xlsx:Tiltak!2")]


def test_merged_workbook_is_a_valid_catalogue(tmp_path: Path, two: tuple[Path, Path]) -> None:
    out = tmp_path / "samlet.xlsx"
    assert invoke("merge", *two, "-o", out).exit_code == 0
    catalogue = load_catalogue(out)
    assert [n.id for n in catalogue.needs] == ["B01", "B02", "B10", "B11"]
    assert validate(catalogue).errors == ()


def test_identical_criteria_and_agencies_appear_once(
        tmp_path: Path, two: tuple[Path, Path]) -> None:
    out = tmp_path / "samlet.xlsx"
    result = invoke("merge", "--json", *two, "-o", out)
    assert result.exit_code == 0
    assert [r["Kriterium"] for r in rows(out, "Kriterier")] == ["Nytte"]
    assert [r["Kode"] for r in rows(out, "Virksomheter")] == ["DIGDIR"]
    assert json.loads(result.stdout)["problems"] == []


def test_conflicting_agency_rows_are_reported(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    second = second_file()
    second["Virksomheter"][1][1] = "Digdir (annet navn)"
    paths = make_catalogue("a.xlsx", first_file()), make_catalogue("b.xlsx", second)
    result = invoke("merge", "--json", *paths, "-o", tmp_path / "ut.xlsx")
    assert result.exit_code == 0
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["conflicting-row"]


def test_same_id_in_two_files_is_an_error_and_writes_nothing(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    a = make_catalogue("etat-a.xlsx", first_file())
    b = make_catalogue("etat-b.xlsx", second_file("B01"))
    out = tmp_path / "samlet.xlsx"
    result = invoke("merge", "--json", a, b, "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    document = json.loads(result.stdout)
    assert document["valid"] is False and document["output"] is None
    [problem] = [p for p in document["problems"] if p["code"] == "duplicate-id"]
    assert problem["severity"] == "error" and problem["value"] == "B01"
    # both places: where it is now (file, sheet, cell) and where it was first
    assert problem["sheet"] == "etat-b.xlsx:Behov" and problem["cell"] == "A2"
    assert "etat-a.xlsx:Behov!A2" in problem["message"]


def test_same_id_text_output_names_both_files(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    a = make_catalogue("etat-a.xlsx", first_file())
    b = make_catalogue("etat-b.xlsx", second_file("b01"))  # IDs compare without case
    result = invoke("merge", a, b, "-o", tmp_path / "samlet.xlsx")
    assert result.exit_code == 1
    assert "etat-b.xlsx:Behov" in result.stdout and "etat-a.xlsx:Behov!A2" in result.stdout
    assert not (tmp_path / "samlet.xlsx").exists()


def test_renumber_rewrites_ids_and_references(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    a = make_catalogue("etat-a.xlsx", first_file())
    b = make_catalogue("etat-b.xlsx", second_file("B01"))
    out = tmp_path / "samlet.xlsx"
    result = invoke("merge", "--renumber", "--json", a, b, "-o", out)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    [mapping] = document["renumbered"]
    new = mapping["new"]
    assert mapping["old"] == "B01" and new not in {"B01", "B02", "B11"}
    needs = rows(out, "Behov")
    assert [r["ID"] for r in needs] == ["B01", "B02", new, "B11"]
    assert needs[1]["Avhengigheter"] == "B01"  # the first file's reference is untouched
    assert needs[3]["Avhengigheter"] == new  # the second file's reference follows
    measures = rows(out, "Tiltak")
    assert [m["Behov"] for m in measures] == ["B01, B02", new]
    assert rows(out, "Omnummerering") == [
        {"Fil": "etat-b.xlsx", "Ark": "Behov", "Rad": 2, "Gammel ID": "B01", "Ny ID": new}]
    assert validate(load_catalogue(out)).errors == ()


def test_renumber_does_not_hide_a_duplicate_inside_one_file(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    inner = valid_sheets(need("B01", "En"), need("B01", "To"))
    a = make_catalogue("a.xlsx", inner)
    b = make_catalogue("b.xlsx", second_file())
    out = tmp_path / "samlet.xlsx"
    result = invoke("merge", "--renumber", "--json", a, b, "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["code"], problem["sheet"], problem["cell"]) == ("duplicate-id", "a.xlsx:Behov",
                                                                     "A3")


def test_likely_duplicate_titles_across_files(
        tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    second = second_file()
    second["Behov"][1][1] = "FELLES innlogging!"
    a, b = make_catalogue("a.xlsx", first_file()), make_catalogue("b.xlsx", second)
    result = invoke("merge", "--json", a, b, "-o", tmp_path / "ut.xlsx")
    assert result.exit_code == 0
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "likely-duplicate" and problem["severity"] == "warning"
    assert problem["cell"] == "B2" and problem["value"] == "FELLES innlogging!"
    assert "B01" in problem["message"] and "a.xlsx" in problem["message"]
    assert len(rows(tmp_path / "ut.xlsx", "Behov")) == 4  # reported, not dropped


def test_normalised_title() -> None:
    assert normalised_title("Felles innlogging") == normalised_title(" felles, INNLOGGING. ")
    assert normalised_title("Felles innlogging") != normalised_title("Felles utlogging")


def test_skipped_totals_row_is_reported(tmp_path: Path, make_catalogue: MakeCatalogue) -> None:
    first = first_file()
    first["Behov"].append([None, None, None, None, "Sum", 20])
    a, b = make_catalogue("a.xlsx", first), make_catalogue("b.xlsx", second_file())
    result = invoke("merge", "--json", a, b, "-o", tmp_path / "ut.xlsx")
    assert result.exit_code == 0
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "row-skipped" and problem["sheet"] == "a.xlsx:Behov"
    assert "4" in problem["message"]
    assert len(rows(tmp_path / "ut.xlsx", "Behov")) == 4


def test_merge_refuses_to_overwrite_an_input(
        tmp_path: Path, two: tuple[Path, Path]) -> None:
    before = two[0].read_bytes()
    for force in ([], ["--force"]):
        result = invoke("merge", *force, *two, "-o", two[0])
        assert result.exit_code == 2
        assert "Traceback" not in result.output and result.stderr.count("\n") == 1
        assert two[0].read_bytes() == before


def test_merge_refuses_existing_output_without_force(
        tmp_path: Path, two: tuple[Path, Path]) -> None:
    out = tmp_path / "ut.xlsx"
    out.write_bytes(b"old")
    assert invoke("merge", *two, "-o", out).exit_code == 2
    assert out.read_bytes() == b"old"
    assert invoke("merge", "--force", *two, "-o", out).exit_code == 0
    assert len(rows(out, "Behov")) == 4


def test_merge_with_unusable_input_exits_2(tmp_path: Path, two: tuple[Path, Path]) -> None:
    empty = tmp_path / "tom.xlsx"
    empty.write_bytes(b"")
    out = tmp_path / "ut.xlsx"
    result = invoke("merge", two[0], empty, "-o", out)
    assert result.exit_code == 2
    assert "tom.xlsx" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_merge_catalogues_library(two: tuple[Path, Path]) -> None:
    merged = merge_catalogues([load_catalogue(p) for p in two])
    assert merged.needs == ["B01", "B02", "B10", "B11"]
    assert merged.problems == [] and merged.mapping == []
    assert set(merged.sheets) == {"needs", "criteria", "measures", "agencies"}


def test_sheets_outside_the_format_are_not_dropped_silently(
        make_catalogue: MakeCatalogue) -> None:
    first = make_catalogue("a.xlsx", {**valid_sheets(), "Notater": [["x"]]})
    merged = merge_catalogues([load_catalogue(first)])
    [note] = [p for p in merged.problems if p.code == "sheet-not-merged"]
    assert note.params["name"] == "Notater" and "Notater" in (note.sheet or "")
