"""Every rule of the format, with the place each problem names."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okosys_plan import UnreadableWorkbook, load_catalogue
from okosys_plan.catalogue.messages import codes, hint, message
from okosys_plan.catalogue.model import Problem, Report
from okosys_plan.catalogue.validate import find_cycles, validate

HEAD = ["ID", "Tittel", "Tema", "Status", "Samfunnsnytte", "Investering (MNOK)", "Start",
        "Slutt", "Avhengigheter", "Merknad", "Egen kolonne"]
CRIT = [["Kriterium", "Vekt", "Retning", "Skala min", "Skala maks"],
        ["Samfunnsnytte", 1, "Nytte", 1, 5]]
THEME = "Digital identitet og tilgang"
LO = Path(__file__).parents[1] / "data" / "libreoffice"
Write = Callable[..., Path]


def row(id_: Any, title: Any = "Tittel", **kw: Any) -> list[Any]:
    values = {"Tema": THEME, "Status": "Meldt inn", "Samfunnsnytte": 3,
              "Investering (MNOK)": 1, "Start": None, "Slutt": None, "Avhengigheter": None,
              "Merknad": None, "Egen kolonne": None, **kw}
    return [id_, title, *(values[h] for h in HEAD[2:])]


@pytest.fixture
def check(make_catalogue: Write) -> Callable[..., tuple[Report, Any]]:
    def run(*rows: list[Any], extra: dict[str, list[list[Any]]] | None = None,
            name: str = "k.xlsx") -> tuple[Report, Any]:
        sheets = {"Behov": [HEAD, *rows], "Kriterier": CRIT, **(extra or {})}
        catalogue = load_catalogue(make_catalogue(name, sheets))
        return validate(catalogue), catalogue
    return run


def find(report: Report, code: str) -> list[Problem]:
    return [p for p in report.problems if p.code == code]


def test_a_clean_catalogue_has_no_problems(check: Any) -> None:
    report, catalogue = check(row("B01"), row("B02", Avhengigheter="B01"))
    assert report.problems == ()
    assert report.valid and report.needs == 2
    assert catalogue.needs[1].depends_on == ("B01",)


def test_duplicate_ids_ignore_case_and_invisible_characters(check: Any) -> None:
    report, _ = check(row("B01"), row("b01"), row("B01\u200b"))
    dups = find(report, "duplicate-id")
    assert [(p.cell, p.sheet, p.severity.value) for p in dups] == \
        [("A3", "Behov", "error"), ("A4", "Behov", "error")]
    assert dups[0].params["first"] == "Behov!A2"


def test_unknown_dependency_names_the_cell_and_the_id(check: Any) -> None:
    report, _ = check(row("B01", Avhengigheter="B02, B99"), row("B02"))
    [problem] = find(report, "unknown-reference")
    assert (problem.cell, problem.column, problem.value) == ("I2", "Avhengigheter", "B99")
    assert "B99" in message(problem)


def test_dependency_cycle_is_reported_once_with_its_path(check: Any) -> None:
    report, _ = check(row("B01", Avhengigheter="B02"), row("B02", Avhengigheter="B03"),
                      row("B03", Avhengigheter="B01"), row("B04", Avhengigheter="B04"))
    cycles = find(report, "dependency-cycle")
    assert len(cycles) == 2
    assert cycles[0].params["cycle"] == "B01 → B02 → B03 → B01"
    assert cycles[1].params["cycle"] == "B04 → B04"


def test_end_before_start(check: Any) -> None:
    report, _ = check(row("B01", Start="2024-K3", Slutt="2024-K2"),
                      row("B02", Start="2024-K2", Slutt="2024-K2"))
    [problem] = find(report, "end-before-start")
    assert problem.cell == "H2" and problem.params["start"] == "2024-K3"


def test_scores_must_be_whole_and_within_scale(check: Any) -> None:
    report, catalogue = check(row("B01", Samfunnsnytte=7), row("B02", Samfunnsnytte=3.5),
                              row("B03", Samfunnsnytte=None), row("B04", Samfunnsnytte="4"))
    assert [(p.cell, p.code) for p in report.problems] == [
        ("E2", "out-of-range"), ("E3", "not-whole"), ("E4", "not-scored")]
    assert report.problems[2].severity.value == "warning"
    assert catalogue.needs[3].scores == {"Samfunnsnytte": 4}
    assert catalogue.needs[2].scores == {"Samfunnsnytte": None}


def test_text_where_a_number_belongs(check: Any) -> None:
    report, catalogue = check(row("B01", **{"Investering (MNOK)": "ca. 120"}),
                              row("B02", **{"Investering (MNOK)": "1 234,5"}),
                              row("B03", **{"Investering (MNOK)": -2}))
    assert [(p.cell, p.code, p.value) for p in report.problems] == [
        ("F2", "not-a-number", "ca. 120"), ("F4", "out-of-range", -2)]
    assert message(report.problems[1]).startswith("«-2»")
    assert catalogue.needs[1].investment == 1234.5
    assert "MNOK" in hint(report.problems[0])


def test_criteria_weights_are_normalised_with_a_warning(check: Any) -> None:
    crit = [CRIT[0], ["Samfunnsnytte", 3, "Nytte", 1, 5], ["Risiko", 1, "Kostnad", 1, 5]]
    report, catalogue = check(row("B01"), extra={"Kriterier": crit})
    weights = {c.name: c.weight for c in catalogue.criteria}
    assert weights == {"Samfunnsnytte": 0.75, "Risiko": 0.25}
    assert find(report, "weights-normalised")[0].params["total"] == "4"
    [missing] = find(report, "missing-criterion-column")
    assert missing.column == "Risiko" and missing.severity.value == "warning"
    assert [c.name for c in catalogue.scored_criteria] == ["Samfunnsnytte"]


@pytest.mark.parametrize(("crit_row", "code"), [
    (["Samfunnsnytte", -1, "Nytte", 1, 5], "out-of-range"),
    (["Samfunnsnytte", 0, "Nytte", 1, 5], "no-positive-weight"),
    (["Samfunnsnytte", 1, "Nytte", 5, 5], "bad-scale"),
    (["Samfunnsnytte", 1, "Sidelengs", 1, 5], "invalid-choice"),
])
def test_bad_criteria(check: Any, crit_row: list[Any], code: str) -> None:
    report, _ = check(row("B01"), extra={"Kriterier": [CRIT[0], crit_row]})
    assert any(p.code == code and p.sheet == "Kriterier" and p.is_error
               for p in report.problems), report.problems


def test_statuses_are_mapped_or_warned(check: Any) -> None:
    report, catalogue = check(row("B01", Status="Ny"), row("B02", Status="Gjennomført"),
                              row("B03", Status="Blåst bort"), row("B04", Status="prioritert"))
    assert [n.status for n in catalogue.needs] == ["Meldt inn", "Løst", "Blåst bort",
                                                   "Prioritert"]
    assert [p.cell for p in find(report, "status-mapped")] == ["D2", "D3"]
    [unknown] = find(report, "unknown-status")
    assert unknown.severity.value == "warning" and "Under vurdering" in hint(unknown)


def test_a_near_miss_theme_suggests_the_likely_one(check: Any) -> None:
    report, _ = check(row("B01", Tema="Digital identitet og tilgan"))
    [problem] = find(report, "unknown-theme")
    assert problem.params["suggestion"] == THEME
    assert "mente du «Digital identitet og tilgang»" in message(problem)
    assert "did you mean 'Digital identitet og tilgang'" in message(problem, "en")


def test_a_row_with_neither_id_nor_title_is_skipped_with_a_warning(check: Any) -> None:
    report, catalogue = check(row("B01"), row(None, None, Merknad="Sum"), row("B02"))
    [skipped] = find(report, "row-skipped")
    assert skipped.cell == "A3" and "3" in message(skipped)
    assert [n.id for n in catalogue.needs] == ["B01", "B02"]
    assert catalogue.needs[1].origin.row == 4


def test_a_row_missing_its_title_is_an_error(check: Any) -> None:
    report, catalogue = check(row("B01", None))
    [problem] = find(report, "missing-value")
    assert problem.cell == "B2" and problem.is_error
    assert catalogue.needs == ()


def test_unknown_columns_are_kept_in_order(check: Any) -> None:
    _, catalogue = check(row("B01", Merknad="hei", **{"Egen kolonne": 12}))
    assert catalogue.needs[0].comment == "hei"
    assert catalogue.needs[0].extra == (("Egen kolonne", 12),)
    assert catalogue.tables["needs"].headers[-1] == "Egen kolonne"


def test_header_below_a_title_and_english_aliases(make_catalogue: Write) -> None:
    sheets = {"Needs": [["Our needs, spring round"], [],
                        ["Need ID", "Title", "Owner", "Theme", "Cost (MNOK)", "Start", "End"],
                        ["N1", "Wallet", "NAV", THEME, "2,5", "2024-Q1", "2025"]]}
    catalogue = load_catalogue(make_catalogue("en.xlsx", sheets))
    need = catalogue.needs[0]
    assert (need.id, need.title, need.owner, need.investment) == ("N1", "Wallet", "NAV", 2.5)
    assert catalogue.tables["needs"].header_row == 3
    assert need.end is not None and need.end.last.isoformat() == "2025-12-31"


def test_owner_aliases(make_catalogue: Write) -> None:
    for alias in ("Eier", "Ansvarlig", "Behovseier"):
        sheets = {"Behov": [["ID", "Tittel", alias, "Kostnad"], ["B1", "T", "SKE", 3]]}
        need = load_catalogue(make_catalogue(f"{alias}.xlsx", sheets)).needs[0]
        assert (need.owner, need.investment) == ("SKE", 3.0)


def test_a_workbook_without_needs_sheet_is_invalid_data(make_catalogue: Write) -> None:
    report = validate(load_catalogue(make_catalogue("x.xlsx", {"Ark1": [["a", "b"], [1, 2]]})))
    [problem] = report.errors
    assert problem.code == "missing-sheet" and "ID" in message(problem)


def test_a_needs_sheet_missing_a_required_column(make_catalogue: Write) -> None:
    report = validate(load_catalogue(make_catalogue("x.xlsx", {"Behov": [["ID", "Eier"]]})))
    [problem] = report.errors
    assert (problem.code, problem.sheet, problem.column) == ("missing-column", "Behov", "Tittel")


def test_measures_milestones_costs_funding_agencies_usage(check: Any) -> None:
    extra = {
        "Tiltak": [["ID", "Tittel", "Start", "Slutt", "Behov", "Avhengigheter", "Ansvarlig"],
                   ["T1", "Første", "2023", "2024-K2", "B01", None, "Digdir"],
                   ["T2", "Andre", "2024-K1", "2025", "B01, B77", "T1", "Digdir"],
                   ["B01", "Kollisjon", None, None, None, None, None]],
        "Milepæler": [["Tiltak", "Milepæl", "Dato"], ["T9", "Lansering", "2024-K3"]],
        "Kostnader": [["Tiltak", "År", "Kostnadstype", "Beløp"],
                      ["T1", 2023, "Reise", 1], ["T1", 2024, "Drift", -1]],
        "Finansiering": [["Tiltak", "År", "Kilde", "Beløp", "Status"],
                         ["T1", 2023, "Medfinansiering", 1, None]],
        "Virksomheter": [["Kode", "Navn"], ["Digdir", "Digitaliseringsdirektoratet"]],
        "Bruk": [["Løsning", "Virksomhet", "År", "Volum"], ["T1", "NAV", 2024, 1000]],
    }
    report, catalogue = check(row("B01"), extra=extra)
    got = {(p.code, p.sheet, p.cell) for p in report.problems}
    assert ("id-clash", "Tiltak", "A4") in got
    assert ("unknown-reference", "Tiltak", "E3") in got
    assert ("starts-before-dependency", "Tiltak", "C3") in got
    assert ("unknown-reference", "Milepæler", "A2") in got
    assert ("invalid-choice", "Kostnader", "C2") in got
    assert ("out-of-range", "Kostnader", "D3") in got
    assert ("unknown-agency", "Bruk", "B2") in got
    assert catalogue.funding[0].status == "Uavklart"
    assert catalogue.measures[1].depends_on == ("T1",)


def test_a_formula_without_a_cached_value_is_an_error(check: Any) -> None:
    report, _ = check(row("B01", **{"Investering (MNOK)": "=1+1"}))
    [problem] = find(report, "formula-no-value")
    assert problem.cell == "F2" and problem.is_error


def test_csv_with_semicolons_comma_decimals_and_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "behov.csv"
    path.write_bytes("ID;Tittel;Investering;Dato meldt inn\r\nB1;Søknad;12,5;mars 2025\r\n"
                     .encode("cp1252"))
    need = load_catalogue(path).needs[0]
    assert (need.title, need.investment, need.submitted.isoformat() if need.submitted else None) \
        == ("Søknad", 12.5, "2025-03-01")


def test_an_xls_named_xlsx_is_read_by_content(tmp_path: Path) -> None:
    target = tmp_path / "innsending.xlsx"
    shutil.copy(LO / "lo_catalogue.xls", target)
    catalogue = load_catalogue(target)
    assert len(catalogue.needs) == 8
    [note] = [p for p in catalogue.problems if p.code == "wrong-extension"]
    assert ".xls" in message(note)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(UnreadableWorkbook) as caught:
        load_catalogue(path, max_unpacked=10 * 1024 * 1024)
    assert caught.value.code == "zip-bomb" and "zip bomb" in str(caught.value)


def test_every_problem_code_has_both_languages() -> None:
    for code in codes():
        problem = Problem(severity="error", code=code)  # type: ignore[arg-type]
        assert message(problem, "nb") != message(problem, "en")


def test_find_cycles_on_a_long_chain_does_not_recurse() -> None:
    chain = {f"n{i}": [f"n{i + 1}"] for i in range(20000)}
    assert find_cycles(chain) == []
    chain["n20000"] = ["n0"]
    [cycle] = find_cycles(chain)
    assert len(cycle) == 20001 and cycle[0] == "n0"


def test_sheets_outside_the_format_are_listed(make_catalogue: Write) -> None:
    sheets = {"Behov": [HEAD, row("B01")], "Kriterier": CRIT, "Notater": [["fritekst"]]}
    catalogue = load_catalogue(make_catalogue("n.xlsx", sheets))
    assert catalogue.other_sheets == ("Notater",)
