"""The template workbook: sheets, headers, drop-downs, defaults, and a filled-in round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from okosys_plan import load_catalogue
from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.model import Direction
from okosys_plan.catalogue.template import DATA_ROWS, sheet_columns, write_template
from okosys_plan.catalogue.validate import validate
from okosys_plan.errors import OutputExists

LAST = DATA_ROWS + 1
CRITERIA_NAMES = [c.name for c in domain.DEFAULT_CRITERIA]


@pytest.fixture(scope="module")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "mal.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def book(template_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template_path)


def sheet(book: openpyxl.Workbook, name: str) -> Worksheet:
    ws = book[name]
    assert isinstance(ws, Worksheet)
    return ws


def headers(ws: Worksheet) -> list[Any]:
    return [cell.value for cell in ws[1]]


def validation_for(ws: Worksheet, header: str) -> DataValidation:
    letter = get_column_letter(headers(ws).index(header) + 1)
    wanted = f"{letter}2:{letter}{LAST}"
    found: list[DataValidation] = [
        dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == wanted
    ]
    assert len(found) == 1, f"{ws.title}!{header}: {len(found)} validations on {wanted}"
    return found[0]


def list_values(book: openpyxl.Workbook, formula: str) -> list[Any]:
    """The values a list validation's formula (``Lister!$A$2:$A$8``) points at."""
    name, ref = formula.lstrip("=").split("!")
    return [row[0].value for row in sheet(book, name)[ref.replace("$", "")]]


# --- structure ------------------------------------------------------------------------


def test_sheets_in_order_with_hidden_lists(book: openpyxl.Workbook) -> None:
    expected = ["Veiledning", *(spec.label for spec in schema.SHEETS), "Lister"]
    assert book.sheetnames == expected
    assert sheet(book, "Lister").sheet_state == "hidden"
    assert all(sheet(book, n).sheet_state == "visible" for n in expected[:-1])
    assert book.active is not None and book.active.title == "Veiledning"


@pytest.mark.parametrize("spec", schema.SHEETS, ids=lambda s: s.key)
def test_headers_are_schema_labels(book: openpyxl.Workbook, spec: schema.SheetSpec) -> None:
    ws = sheet(book, spec.label)
    expected = [c.label for c in spec.columns]
    if spec is schema.NEEDS:
        at = expected.index("Status") + 1
        expected[at:at] = CRITERIA_NAMES
    if spec is schema.CRITERIA:  # the rubric's columns, headed by their scores
        expected += ["1", "2", "3", "4", "5"]
    assert headers(ws) == expected
    assert ws.freeze_panes == "A2"
    assert all(ws[1][i].font.bold for i in range(len(expected)))
    letters = [get_column_letter(i) for i in range(1, len(expected) + 1)]
    assert all(ws.column_dimensions[letter].width >= 12 for letter in letters)


def test_needs_headers_each_once(book: openpyxl.Workbook) -> None:
    labels = headers(sheet(book, "Behov"))
    assert len(labels) == len(set(labels)) == len(schema.NEEDS.columns) + len(CRITERIA_NAMES)
    assert [c.label for c in sheet_columns(schema.NEEDS)] == labels


def test_required_columns_carry_a_comment(book: openpyxl.Workbook) -> None:
    for spec in schema.SHEETS:
        ws = sheet(book, spec.label)
        for cell, column in zip(ws[1], sheet_columns(spec), strict=True):
            assert column.required == (
                cell.comment is not None and "Påkrevd" in cell.comment.text
            ), f"{spec.label}!{cell.coordinate}"


# --- drop-downs and checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet_name", "header", "values", "shows_error"),
    [
        ("Behov", "Tema", domain.THEMES, True),
        ("Behov", "Status", domain.NEED_STATUSES, True),
        ("Behov", "Behovstype", domain.NEED_TYPES, True),
        ("Behov", "Livshendelse", domain.LIFE_EVENTS, False),
        ("Behov", "Lovkrav", ("Ja", "Nei"), True),
        ("Tiltak", "Tema", domain.THEMES, True),
        ("Tiltak", "Status", domain.MEASURE_STATUSES, True),
        ("Kostnader", "Kostnadstype", domain.COST_TYPES, True),
        ("Finansiering", "Kilde", domain.FUNDING_SOURCES, True),
        ("Finansiering", "Status", domain.FUNDING_STATUSES, True),
        ("Virksomheter", "Type", domain.AGENCY_TYPES, True),
        ("Kriterier", "Retning", ("Nytte", "Kostnad"), True),
    ],
)
def test_list_validations(book: openpyxl.Workbook, sheet_name: str, header: str,
                          values: tuple[str, ...], shows_error: bool) -> None:
    dv = validation_for(sheet(book, sheet_name), header)
    assert dv.type == "list" and dv.formula1 is not None
    assert dv.formula1.startswith("Lister!$")  # a range: inline lists stop at 255 characters
    assert list_values(book, dv.formula1) == list(values)
    assert bool(dv.showErrorMessage) is shows_error


def test_theme_list_is_too_long_to_inline() -> None:
    assert len(",".join(domain.THEMES)) > 255


def test_free_text_lists_get_an_input_message(book: openpyxl.Workbook) -> None:
    dv = validation_for(sheet(book, "Behov"), "Livshendelse")
    assert dv.showInputMessage and dv.prompt


@pytest.mark.parametrize("criterion", domain.DEFAULT_CRITERIA, ids=lambda c: c.name)
def test_criterion_columns_take_whole_numbers(book: openpyxl.Workbook, criterion: Any) -> None:
    dv = validation_for(sheet(book, "Behov"), criterion.name)
    assert (dv.type, dv.operator) == ("whole", "between")
    assert (dv.formula1, dv.formula2) == (str(criterion.scale_min), str(criterion.scale_max))
    assert dv.showErrorMessage and dv.errorStyle == "stop"
    assert dv.error == "Skriv et heltall fra 1 til 5."


def test_amounts_must_not_be_negative(book: openpyxl.Workbook) -> None:
    for sheet_name, header in (("Behov", "Investering (MNOK)"), ("Kostnader", "Beløp (MNOK)")):
        dv = validation_for(sheet(book, sheet_name), header)
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")


# --- pre-filled sheets ----------------------------------------------------------------


def test_criteria_prefilled_with_defaults(book: openpyxl.Workbook) -> None:
    assert [c.value for c in sheet(book, "Kriterier")[1]][-5:] == ["1", "2", "3", "4", "5"]
    rows = list(sheet(book, "Kriterier").iter_rows(min_row=2, values_only=True))
    labels = {Direction.BENEFIT: "Nytte", Direction.COST: "Kostnad"}
    assert rows == [
        (c.name, c.weight, labels[c.direction], c.scale_min, c.scale_max, c.description,
         *(text for _, text in c.rubric))
        for c in domain.DEFAULT_CRITERIA
    ]


def test_agencies_prefilled_with_skate(book: openpyxl.Workbook) -> None:
    rows = list(sheet(book, "Virksomheter").iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in rows] == list(domain.SKATE_AGENCIES)
    assert len({row[0] for row in rows}) == 14


def test_template_alone_reads_without_errors(template_path: Path) -> None:
    catalogue = load_catalogue(template_path)
    assert validate(catalogue).errors == ()
    assert catalogue.criteria == domain.DEFAULT_CRITERIA
    assert [a.code for a in catalogue.agencies] == [a[0] for a in domain.SKATE_AGENCIES]


# --- the instructions -----------------------------------------------------------------


def guide_text(path: Path) -> str:
    ws = sheet(openpyxl.load_workbook(path), "Veiledning")
    return "\n".join(str(row[0]) for row in ws.iter_rows(values_only=True) if row[0])


def test_guide_explains_every_sheet_and_format(template_path: Path) -> None:
    text = guide_text(template_path)
    for spec in schema.SHEETS:
        assert spec.label in text
    for example in ("12,5", "1 234,5", "15.03.2023", "mars 2025", "2023-K2", "Påbegynt",
                    "semikolon", "Påkrevde kolonner: ID, Tittel."):
        assert example in text


def test_english_guide_keeps_norwegian_names(tmp_path: Path, template_path: Path) -> None:
    path = tmp_path / "template-en.xlsx"
    write_template(path, lang="en")
    text = guide_text(path)
    assert text != guide_text(template_path)
    assert "Required columns: ID, Tittel." in text and "Påkrevde" not in text
    english, norwegian = openpyxl.load_workbook(path), openpyxl.load_workbook(template_path)
    assert english.sheetnames == norwegian.sheetnames
    for name in norwegian.sheetnames[1:]:
        assert headers(sheet(english, name)) == headers(sheet(norwegian, name))
    dv = validation_for(sheet(english, "Behov"), "Risiko")
    assert dv.error == "Enter a whole number from 1 to 5."


# --- files ----------------------------------------------------------------------------


def test_same_bytes_every_time(tmp_path: Path, template_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    write_template(again)
    assert again.read_bytes() == template_path.read_bytes()


def test_refuses_to_overwrite_without_force(tmp_path: Path, template_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"not yours")
    with pytest.raises(OutputExists):
        write_template(path)
    assert path.read_bytes() == b"not yours"
    write_template(path, force=True)
    assert path.read_bytes() == template_path.read_bytes()


# --- round trip -----------------------------------------------------------------------


def fill(ws: Worksheet, row: int, values: dict[str, Any]) -> None:
    columns = headers(ws)
    for header, value in values.items():
        ws.cell(row=row, column=columns.index(header) + 1, value=value)


NEEDS: list[dict[str, Any]] = [
    {"ID": "B-001", "Tittel": "Digital fullmakt", "Eier": "Digdir", "Tema": domain.THEMES[2],
     "Behovstype": "Fellesfunksjonalitet", "Status": "Prioritert", "Lovkrav": "Ja",
     "Livshendelse": "Dødsfall og arv, Ny i Norge", "Investering (MNOK)": 12.5},
    {"ID": "B-002", "Tittel": "Felles hendelsesliste", "Eier": "NAV", "Tema": domain.THEMES[4],
     "Behovstype": "Brukerbehov", "Status": "Meldt inn", "Lovkrav": "Nei",
     "Start": "2024", "Slutt": "2025-K2"},
    {"ID": "B-003", "Tittel": "Varsling ved dødsfall", "Eier": "SKE", "Tema": domain.THEMES[0],
     "Behovstype": "Brukerbehov", "Status": "Under vurdering", "Avhengigheter": "B-001"},
]


def scores(index: int) -> dict[str, int]:
    return {name: (index + position) % 5 + 1 for position, name in enumerate(CRITERIA_NAMES)}


def test_filled_template_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    for row, need in enumerate(NEEDS, start=2):
        fill(sheet(book, "Behov"), row, {**need, **scores(row)})
    fill(sheet(book, "Tiltak"), 2, {"ID": "T-001", "Tittel": "Fullmaktsløsning",
                                    "Tema": domain.THEMES[2], "Ansvarlig": "Digdir",
                                    "Status": "Planlagt", "Behov": "B-001; B-003",
                                    "Start": "2024", "Slutt": "2026"})
    fill(sheet(book, "Kostnader"), 2, {"Tiltak": "T-001", "År": 2025,
                                       "Kostnadstype": "Investering", "Beløp (MNOK)": 4.5})
    book.save(path)

    catalogue = load_catalogue(path)
    report = validate(catalogue)
    assert report.errors == ()
    assert report.warnings == ()
    assert [n.id for n in catalogue.needs] == ["B-001", "B-002", "B-003"]
    for row, (need, typed) in enumerate(zip(NEEDS, catalogue.needs, strict=True), start=2):
        assert (typed.title, typed.owner, typed.theme, typed.status, typed.need_type) == (
            need["Tittel"], need["Eier"], need["Tema"], need["Status"], need["Behovstype"])
        assert dict(typed.scores) == scores(row)
    first, second, third = catalogue.needs
    assert first.legal_requirement and not second.legal_requirement
    assert first.life_events == ("Dødsfall og arv", "Ny i Norge")
    assert first.investment == 12.5
    assert second.start is not None and second.start.first.isoformat() == "2024-01-01"
    assert second.end is not None and second.end.last.isoformat() == "2025-06-30"
    assert third.depends_on == ("B-001",)
    assert [(m.id, m.needs) for m in catalogue.measures] == [("T-001", ("B-001", "B-003"))]
    assert [(c.item, c.year, c.cost_type, c.amount) for c in catalogue.costs] == [
        ("T-001", 2025, "Investering", 4.5)]
