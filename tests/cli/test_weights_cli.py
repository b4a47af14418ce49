"""``okosys-plan weights ahp`` through click's CliRunner: files in, weights out."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner, Result

from okosys_plan import load_catalogue
from okosys_plan.catalogue.model import Direction
from okosys_plan.cli.actions.weights import weights_ahp
from okosys_plan.cli.main import cli
from okosys_plan.prioritise.ahp import ahp, complete_matrix
from okosys_plan.prioritise.pairwise import parse_judgement

NAMES = ["Samfunnsnytte", "Bredde", "Risiko", "Eget kriterium"]
#: A consistent-enough member: the upper triangle as typed, the lower left blank.
UPPER: list[list[Any]] = [
    [1, 3, 5, 7],
    [None, 1, "1/2", 3],
    [None, None, 1, 4],
    [None, None, None, 1],
]


def invoke(*args: Any) -> Result:
    return CliRunner().invoke(cli, ["weights", "ahp", *map(str, args)])


def parvis(path: Path, names: Sequence[Any], rows: Sequence[Sequence[Any]],
           down: Sequence[Any] | None = None, sheet: str = "Parvis") -> Path:
    """A workbook whose ``sheet`` has names across B1.., down A2.. and the judgements."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for col, name in enumerate(names, start=2):
        ws.cell(1, col, name)
    for row, name in enumerate(names if down is None else down, start=2):
        ws.cell(row, 1, name)
    for i, values in enumerate(rows, start=2):
        for j, value in enumerate(values, start=2):
            if value is not None:
                ws.cell(i, j, value)  # '1/3' stays text, '=1/3' becomes a formula
    book.save(path)
    return path


def toml_file(path: Path, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """A TOML member file; None is written as "" (blank), text as a string."""
    cells = [", ".join('""' if v is None else json.dumps(v) for v in row) for row in rows]
    matrix = ",\n  ".join(f"[{row}]" for row in cells)
    path.write_text(f"criteria = {json.dumps(names, ensure_ascii=False)}\n"
                    f"matrix = [\n  {matrix},\n]\n", encoding="utf-8")
    return path


def expected_weights(rows: Sequence[Sequence[Any]]) -> dict[str, float]:
    cells = [[parse_judgement(v) for v in row] for row in rows]
    return ahp(complete_matrix(cells), NAMES).by_name()


def problems(result: Result) -> list[dict[str, Any]]:
    document = json.loads(result.stdout)
    assert document["valid"] is False
    found: list[dict[str, Any]] = document["problems"]
    return found


@pytest.fixture
def member(tmp_path: Path) -> Path:
    return parvis(tmp_path / "medlem.xlsx", NAMES, UPPER)


# --- weights and the table ------------------------------------------------------------------


def test_table_in_norwegian_by_default(member: Path) -> None:
    result = invoke(member)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Vekter fra parvise sammenligninger (AHP)"
    weights = expected_weights(UPPER)
    assert f"  Samfunnsnytte   {weights['Samfunnsnytte']:.4f}" in lines
    assert lines[-1].startswith("λmax ") and lines[-1].endswith("konsistent: ja")
    assert result.stderr == ""


def test_table_in_english(member: Path) -> None:
    result = invoke(member, "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("Weights from pairwise comparisons (AHP)\n  Criterion")
    assert result.stdout.rstrip().endswith("consistent: yes")


def test_json_equals_what_the_library_returns(member: Path) -> None:
    result = invoke(member, "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document == weights_ahp([member]).document
    assert document["weights"] == expected_weights(UPPER)
    assert list(document["weights"]) == NAMES
    assert {"lambda_max", "ci", "cr", "consistent", "most_inconsistent", "warnings",
            "members"} <= set(document)
    assert document["consistent"] is True and document["members"] == ["medlem.xlsx"]
    assert document["cr"] == pytest.approx(document["ci"] / 0.90)


def test_lower_triangle_and_fractions_as_text_or_numbers(tmp_path: Path) -> None:
    lower = [[None, None, None, None], ["1/3", None, None, None], [0.2, 2, None, None],
             ["1/7", "1/3", 0.25, 1]]
    path = parvis(tmp_path / "nedre.xlsx", NAMES, lower)
    document = json.loads(invoke(path, "--json").stdout)
    assert document["weights"] == pytest.approx(expected_weights(UPPER))


def test_csv_is_read_as_the_parvis_sheet(tmp_path: Path) -> None:
    path = tmp_path / "parvis.csv"
    rows = [";" + ";".join(NAMES)] + [
        ";".join([name, *("" if v is None else str(v) for v in row)])
        for name, row in zip(NAMES, UPPER, strict=True)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    document = json.loads(invoke(path, "--json").stdout)
    assert document["weights"] == pytest.approx(expected_weights(UPPER))


def test_toml_member(tmp_path: Path) -> None:
    path = toml_file(tmp_path / "medlem.toml", NAMES, UPPER)
    result = invoke(path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["weights"] == pytest.approx(expected_weights(UPPER))


# --- several members ------------------------------------------------------------------------


def test_members_are_combined_by_geometric_mean(tmp_path: Path, member: Path) -> None:
    other = [[1, 5, 3, 9], [None, 1, 1, 5], [None, None, 1, 2], [None, None, None, 1]]
    full = complete_matrix([[parse_judgement(v) for v in row] for row in other])
    order = [3, 1, 0, 2]  # the second member lists the criteria in another order
    shuffled = [[None if j < i else full[a, b] for j, b in enumerate(order)]
                for i, a in enumerate(order)]
    second = toml_file(tmp_path / "b.toml", [NAMES[k] for k in order], shuffled)
    mine = complete_matrix([[parse_judgement(v) for v in row] for row in UPPER])
    expected = ahp(np.sqrt(mine * full), NAMES).by_name()
    result = invoke(member, second, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["weights"] == pytest.approx(expected)
    assert list(document["weights"]) == NAMES
    assert document["members"] == ["medlem.xlsx", "b.toml"]
    assert "geometrisk snitt av 2 medlemmer" in invoke(member, second).stdout


def test_members_with_other_criteria_are_refused(tmp_path: Path, member: Path) -> None:
    names = ["Samfunnsnytte", "bredde", "Risiko", "Hastegrad"]
    other = toml_file(tmp_path / "annen.toml", names, UPPER)
    result = invoke(member, other)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line == ("okosys-plan: annen.toml har ikke de samme kriteriene som medlem.xlsx: "
                    "mangler Eget kriterium; har i tillegg Hastegrad")
    assert "Traceback" not in result.output


# --- the consistency warning ----------------------------------------------------------------


def test_inconsistent_judgements_warn_and_name_the_pair(tmp_path: Path) -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    matrix = (w[:, None] / w[None, :]).tolist()
    matrix[1][2] = 7  # Bredde against Risiko; the others say 1.5
    upper = [[v if j >= i else None for j, v in enumerate(row)] for i, row in enumerate(matrix)]
    path = parvis(tmp_path / "ujevn.xlsx", NAMES, upper)
    result = invoke(path)
    assert result.exit_code == 0
    assert "konsistent: nei" in result.stdout
    assert result.stderr.startswith("okosys-plan: advarsel: Konsistensforholdet CR = 0.11")
    assert "«Bredde» mot «Risiko»: gitt 7, mens vektene tilsier 3.39" in result.stderr
    document = json.loads(invoke(path, "--json", "--lang", "en").stdout)
    assert document["consistent"] is False
    assert document["most_inconsistent"]["row"] == "Bredde"
    assert document["most_inconsistent"]["column"] == "Risiko"
    assert document["most_inconsistent"]["given"] == 7
    [warning] = document["warnings"]
    assert warning["code"] == "ahp-inconsistent" and warning["severity"] == "warning"
    assert "'Bredde' against 'Risiko': given 7" in warning["message"]


# --- outputs ---------------------------------------------------------------------------------


def test_xlsx_output_is_a_kriterier_sheet_the_catalogue_reader_takes(
        tmp_path: Path, member: Path) -> None:
    out = tmp_path / "kriterier.xlsx"
    result = invoke(member, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith(f"Skrev {out}")
    sheet = openpyxl.load_workbook(out)["Kriterier"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Kriterium", "Vekt", "Retning", "Skala min", "Skala maks", "Beskrivelse"]
    assert rows[3][:5] == ["Risiko", pytest.approx(expected_weights(UPPER)["Risiko"]),
                           "Kostnad", 1, 5]
    assert rows[4][2:] == ["Nytte", 1, 5, None]
    catalogue = load_catalogue(out)
    assert catalogue.criteria_from_workbook
    weights = {c.name: c.weight for c in catalogue.criteria}
    assert weights == pytest.approx(expected_weights(UPPER))
    risk = next(c for c in catalogue.criteria if c.name == "Risiko")
    assert risk.direction is Direction.COST and risk.description
    assert not [p for p in catalogue.problems if p.code == "weights-normalised"]


def test_toml_output_is_a_criteria_file(tmp_path: Path, member: Path) -> None:
    out = tmp_path / "kriterier.toml"
    assert invoke(member, "-o", out).exit_code == 0
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"criteria"}
    assert [c["name"] for c in data["criteria"]] == NAMES
    assert {c["name"]: c["weight"] for c in data["criteria"]} == expected_weights(UPPER)
    first, risk, own = data["criteria"][0], data["criteria"][2], data["criteria"][3]
    assert (first["direction"], first["min"], first["max"]) == ("benefit", 1, 5)
    assert first["description"] == "Samfunnsnytte og gevinster"
    assert risk["direction"] == "cost"
    assert "description" not in own


def test_toml_output_reads_back_as_criteria(tmp_path: Path, member: Path) -> None:
    criteria_file = pytest.importorskip("okosys_plan.prioritise.criteria_file")
    out = tmp_path / "kriterier.toml"
    assert invoke(member, "-o", out).exit_code == 0
    loaded = criteria_file.load_criteria_file(out)
    assert {c.name: c.weight for c in loaded.criteria} == pytest.approx(expected_weights(UPPER))


def test_existing_output_needs_force(tmp_path: Path, member: Path) -> None:
    out = tmp_path / "kriterier.toml"
    out.write_text("gammel\n", encoding="utf-8")
    result = invoke(member, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"okosys-plan: {out} finnes allerede (bruk --force for å " \
        "erstatte den)"
    assert out.read_text(encoding="utf-8") == "gammel\n"
    assert invoke(member, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Kriterievekter")


def test_output_of_another_kind_is_a_usage_error(tmp_path: Path, member: Path) -> None:
    result = invoke(member, "-o", tmp_path / "kriterier.csv")
    assert result.exit_code == 2
    assert "skrives som .xlsx eller .toml" in result.stderr
    assert not (tmp_path / "kriterier.csv").exists()


def test_output_is_deterministic(tmp_path: Path, member: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    invoke(member, "-o", first)
    invoke(member, "-o", second)
    assert first.read_bytes() == second.read_bytes()


# --- bad input: every problem with its place, exit 1 ----------------------------------------

THREE = ["A", "B", "C"]
GOOD3: list[list[Any]] = [[1, 3, 5], [None, 1, 2], [None, None, 1]]


def with_cell(rows: list[list[Any]], i: int, j: int, value: Any) -> list[list[Any]]:
    changed = [list(row) for row in rows]
    changed[i][j] = value
    return changed


SHEET_CASES = {
    "not a number": (THREE, with_cell(GOOD3, 0, 1, "mye"), None, "not-a-judgement", "C2"),
    "zero": (THREE, with_cell(GOOD3, 0, 2, 0), None, "judgement-out-of-range", "D2"),
    "negative": (THREE, with_cell(GOOD3, 1, 2, -2), None, "judgement-out-of-range", "D3"),
    "above nine": (THREE, with_cell(GOOD3, 0, 2, 10), None, "judgement-out-of-range", "D2"),
    "below a ninth": (THREE, with_cell(GOOD3, 0, 1, "1/10"), None, "judgement-out-of-range",
                      "C2"),
    "diagonal": (THREE, with_cell(GOOD3, 1, 1, 2), None, "diagonal-not-one", "C3"),
    "not reciprocal": (THREE, with_cell(GOOD3, 1, 0, 3), None, "not-reciprocal", "B3"),
    "both blank": (THREE, with_cell(GOOD3, 0, 2, None), None, "missing-judgement", "D2"),
    "repeated name": (["A", "B", "A"], GOOD3, None, "duplicate-criterion", "D1"),
    "not square": (THREE, GOOD3, ["A", "B"], "ahp-not-square", "A1"),
    "names differ": (THREE, GOOD3, ["A", "C", "B"], "ahp-names-differ", "A3"),
    "name missing": (["A", None, "C"], GOOD3, THREE, "missing-criterion-name", "C1"),
}


@pytest.mark.parametrize("case", sorted(SHEET_CASES))
def test_bad_sheet_is_reported_with_its_cell(tmp_path: Path, case: str) -> None:
    names, rows, down, code, cell = SHEET_CASES[case]
    path = parvis(tmp_path / "feil.xlsx", names, rows, down)
    result = invoke(path, "--json")
    assert result.exit_code == 1, result.output
    found = [(p["code"], p["cell"], p["sheet"]) for p in problems(result)]
    assert (code, cell, "Parvis") in found, found
    assert json.loads(result.stdout)["weights"] == {}
    text = invoke(path)
    assert text.exit_code == 1
    assert "== feil.xlsx" in text.stdout and f"  {cell}  feil" in text.stdout
    assert "→" in text.stdout  # a hint
    assert "Traceback" not in text.output


def test_bad_cell_message_names_both_criteria(tmp_path: Path) -> None:
    path = parvis(tmp_path / "feil.xlsx", THREE, with_cell(GOOD3, 1, 0, 3))
    [problem] = problems(invoke(path, "--json", "--lang", "en"))
    assert problem["message"] == "'3' (B against A) and '3' in C2 are not reciprocal"
    assert problem["file"] == "feil.xlsx" and problem["sheet"] == "Parvis"
    assert problem["hint"].startswith("Leave one of the two blank")


def test_every_bad_cell_is_reported_at_once(tmp_path: Path) -> None:
    rows = with_cell(with_cell(GOOD3, 0, 1, "mye"), 1, 2, 0)
    found = {(p["code"], p["cell"]) for p in problems(invoke(parvis(
        tmp_path / "feil.xlsx", THREE, rows), "--json"))}
    assert found == {("not-a-judgement", "C2"), ("judgement-out-of-range", "D3")}


def test_missing_parvis_sheet(tmp_path: Path) -> None:
    path = parvis(tmp_path / "uten.xlsx", THREE, GOOD3, sheet="Ark1")
    result = invoke(path, "--json")
    assert result.exit_code == 1
    [problem] = problems(result)
    assert problem["code"] == "missing-parvis" and "Ark1" in problem["message"]


def test_formula_without_a_stored_value(tmp_path: Path) -> None:
    path = parvis(tmp_path / "formel.xlsx", THREE, with_cell(GOOD3, 0, 1, "=1/3"))
    found = {(p["code"], p["cell"]) for p in problems(invoke(path, "--json"))}
    assert ("formula-no-value", "C2") in found


TOML_CASES = {
    "not a number": (with_cell(GOOD3, 0, 1, "mye"), "not-a-judgement", "matrix[1][2]"),
    "boolean": (with_cell(GOOD3, 0, 1, True), "not-a-judgement", "matrix[1][2]"),
    "zero": (with_cell(GOOD3, 0, 2, 0), "judgement-out-of-range", "matrix[1][3]"),
    "diagonal": (with_cell(GOOD3, 2, 2, "1/2"), "diagonal-not-one", "matrix[3][3]"),
    "not reciprocal": (with_cell(GOOD3, 2, 1, "1/3"), "not-reciprocal", "matrix[3][2]"),
    "both blank": (with_cell(GOOD3, 1, 2, None), "missing-judgement", "matrix[2][3]"),
    "short row": ([[1, 3, 5], [None, 1], [None, None, 1]], "ahp-not-square", "matrix[2]"),
    "extra row": ([*GOOD3, [1, 1, 1]], "ahp-not-square", "matrix"),
}


@pytest.mark.parametrize("case", sorted(TOML_CASES))
def test_bad_toml_is_reported_with_row_and_column(tmp_path: Path, case: str) -> None:
    rows, code, cell = TOML_CASES[case]
    result = invoke(toml_file(tmp_path / "feil.toml", THREE, rows), "--json")
    assert result.exit_code == 1, result.output
    found = [(p["code"], p["cell"]) for p in problems(result)]
    assert (code, cell) in found, found


def test_toml_problem_names_the_criteria(tmp_path: Path) -> None:
    path = toml_file(tmp_path / "feil.toml", THREE, with_cell(GOOD3, 0, 1, "mye"))
    [problem] = problems(invoke(path, "--json"))
    assert problem["message"] == "«mye» er verken et tall eller en brøk (A mot B)"
    assert problem["column"] == "B"


def test_toml_repeated_and_missing_criteria(tmp_path: Path) -> None:
    path = tmp_path / "navn.toml"
    path.write_text('criteria = ["A", "a", 3]\nmatrix = [[1, 1, 1], [1, 1, 1], [1, 1, 1]]\n',
                    encoding="utf-8")
    found = {(p["code"], p["cell"]) for p in problems(invoke(path, "--json"))}
    assert found == {("duplicate-criterion", "criteria[2]"),
                     ("missing-criterion-name", "criteria[3]")}
    path.write_text("matrix = []\n", encoding="utf-8")
    assert [p["code"] for p in problems(invoke(path, "--json"))] == ["no-criteria"]


# --- unusable input: one line, exit 2 --------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [
    ("tom.xlsx", b""), ("ugyldig.toml", b"criteria = [\n"), ("tekst.xlsx", b"hei\n"),
])
def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path, name: str,
                                                content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke(path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"okosys-plan: {name}")
    assert "Traceback" not in result.output


def test_missing_toml_file(tmp_path: Path) -> None:
    result = invoke(tmp_path / "borte.toml")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("okosys-plan: borte.toml finnes ikke; sjekk navnet og "
                                     "mappen (et navn uten mappe letes etter der du står)")


def test_help_for_the_group_and_the_command() -> None:
    runner = CliRunner()
    group = runner.invoke(cli, ["weights", "--help"])
    assert group.exit_code == 0 and "ahp" in group.stdout
    command = runner.invoke(cli, ["weights", "ahp", "--help"])
    assert command.exit_code == 0
    for option in ("-o, --output", "--json", "--force", "--lang"):
        assert option in command.stdout
