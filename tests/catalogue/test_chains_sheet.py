"""The Tjenestekjeder sheet: service-chain maps read and checked like any sheet, with cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan import load_catalogue, validate
from okosys_plan.catalogue.model import Problem
from okosys_plan.catalogue.template import build_template
from tests.cli.test_plan_cli import small

HEADERS = ["ID", "Tjenestekjede", "Steg", "Rad", "Tekst", "Aktør", "Utløser", "Brudd",
           "Bruddbeskrivelse", "Behov"]
CHAIN = "Dødsfall og arv"
#: A small, sound chain: the user reports, the event triggers two services, data behind.
SOUND = [
    ["K1", CHAIN, 1, "Aktivitet", "Melder dødsfall", None, "K2", None, None, None],
    ["K2", CHAIN, 2, "Hendelse", "Dødsfall er registrert", None, "K3, K4", None, None, None],
    ["K3", CHAIN, 3, "Tjeneste", "Oppgjør av bo", "Domstol", None, "Juridisk",
     "Fullmakt til arvinger mangler", "B1"],
    ["K4", CHAIN, 3, "Tjeneste", "Stans av ytelser", "NAV", None, None, None, None],
    ["K5", CHAIN, 2, "Data", "Folkeregisteret", "SKE", "K3, K4", None, None, None],
]


def with_chains(tmp_path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    import openpyxl

    path = small(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("Tjenestekjeder")
    for row in [headers, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def chain_problems(path: Path) -> list[Problem]:
    return [p for p in validate(load_catalogue(path)).problems if p.sheet == "Tjenestekjeder"]


def test_a_sound_chain_is_read_with_every_field_and_no_problem(tmp_path: Path) -> None:
    catalogue = load_catalogue(with_chains(tmp_path, SOUND))
    assert not [p for p in validate(catalogue).problems if p.sheet == "Tjenestekjeder"]
    elements = {e.id: e for e in catalogue.chain_elements}
    assert list(elements) == ["K1", "K2", "K3", "K4", "K5"]
    three = elements["K3"]
    assert (three.chain, three.step, three.layer, three.actor, three.break_level,
            three.break_text, three.needs) == (CHAIN, 3, "Tjeneste", "Domstol", "Juridisk",
                                               "Fullmakt til arvinger mangler", ("B1",))
    assert elements["K2"].triggers == ("K3", "K4")
    assert three.origin.sheet == "Tjenestekjeder" and three.origin.row == 4


def test_english_headers_and_any_case_of_the_values(tmp_path: Path) -> None:
    headers = ["Element ID", "Chain", "Step", "Row", "Text", "Actor", "Triggers", "Break level",
               "Break description", "Needs"]
    rows = [[*r[:3], str(r[3]).upper(), *r[4:7], (r[7] or "").lower() or None, *r[8:]]
            for r in SOUND]
    catalogue = load_catalogue(with_chains(tmp_path, rows, headers))
    assert [e.layer for e in catalogue.chain_elements] == [r[3] for r in SOUND]
    assert catalogue.chain_elements[2].break_level == "Juridisk"


def test_every_rule_is_a_problem_in_its_cell(tmp_path: Path) -> None:
    rows = [
        ["K1", CHAIN, 1, "Aktivitet", "Melder", None, "K9", None, None, None],  # unknown
        ["K2", CHAIN, 2, "Hendelse", "Registrert", None, None, None, None, None],  # no trigger
        ["K3", CHAIN, 3, "Tjeneste", "Oppgjør", None, "K4", "Teknisk", "Ingen API", None],
        ["K4", CHAIN, 4, "Tjeneste", "Stans", "NAV", "K3", None, "Uklart", "B99"],
        ["K5", "Ny i Norge", 1, "Aktivitet", "Flytter", None, "K2", None, None, None],
        ["K1", CHAIN, 5, "Data", "Dobbel", "SKE", None, None, None, None],
        ["K6", CHAIN, 1, "Kø", "Feil rad", "SKE", None, "Økonomisk", None, "B1"],
        ["K7", CHAIN, None, "Data", None, None, None, None, None, None],
    ]
    found = {(p.code, p.cell, p.is_error) for p in chain_problems(with_chains(tmp_path, rows))}
    assert ("chain-unknown-element", "G2", True) in found
    assert ("event-triggers-nothing", "G3", False) in found
    assert ("service-without-actor", "F4", True) in found
    assert ("break-without-need", "J4", False) in found
    assert ("unknown-reference", "J5", True) in found
    assert ("break-without-level", "H5", False) in found
    assert ("chain-other-chain", "G6", True) in found
    assert ("duplicate-id", "A7", True) in found
    assert ("invalid-choice", "D8", True) in found and ("invalid-choice", "H8", True) in found
    assert ("missing-value", "C9", True) in found and ("missing-value", "E9", True) in found
    cycles = [p for p in chain_problems(with_chains(tmp_path, rows)) if p.code == "chain-cycle"]
    assert len(cycles) == 1 and cycles[0].params["cycle"] == "K3 → K4 → K3"


def test_messages_say_the_place_and_a_hint_in_both_languages(tmp_path: Path) -> None:
    from okosys_plan.catalogue.messages import hint, message

    rows = [*SOUND[:4], ["K5", CHAIN, 2, "Data", "Folkeregisteret", "SKE", "K3", "Teknisk",
                         None, None]]
    problem = next(p for p in chain_problems(with_chains(tmp_path, rows))
                   if p.code == "break-without-need")
    assert message(problem, "nb") == ("Et brudd ingen har foreslått å løse: K5 (Teknisk) "
                                      "viser ikke til noe behov")
    assert "Behov" in hint(problem, "nb")
    assert message(problem, "en").startswith("A break nobody has proposed to fix: K5")


def test_the_template_has_the_sheet_with_drop_downs_for_row_and_break() -> None:
    book = build_template("nb")
    sheet = book["Tjenestekjeder"]
    headers = [c.value for c in sheet[1]]
    assert headers == HEADERS
    lists = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation
             if v.type == "list"}
    assert {"D2", "H2"} <= set(lists), sorted(lists)


@st.composite
def chains(draw: st.DrawFn) -> tuple[list[list[Any]], set[tuple[str, str]]]:
    """A random map with random triggers; the triggers that leave the known elements."""
    count = draw(st.integers(min_value=1, max_value=12))
    names = [f"E{i}" for i in range(count)]
    which = [draw(st.sampled_from(["A", "B"])) for _ in names]
    rows, bad = [], set()
    for index, name in enumerate(names):
        targets = draw(st.lists(st.sampled_from([*names, "X1", "X2"]), max_size=3,
                                unique=True))
        for target in targets:
            if target.startswith("X"):
                bad.add((name, "chain-unknown-element"))
            elif which[names.index(target)] != which[index]:
                bad.add((name, "chain-other-chain"))
        rows.append([name, which[index], index + 1, "Data", f"Kilde {name}", "SKE",
                     ", ".join(targets) or None, None, None, None])
    return rows, bad


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chains())
def test_every_bad_trigger_of_any_map_is_found_on_its_row(
        tmp_path: Path, case: tuple[list[list[Any]], set[tuple[str, str]]]) -> None:
    rows, bad = case
    problems = chain_problems(with_chains(tmp_path, rows))
    ids = {f"G{n}": row[0] for n, row in enumerate(rows, start=2)}
    found = {(ids[p.cell], p.code) for p in problems
             if p.code in ("chain-unknown-element", "chain-other-chain")}
    assert found == bad
