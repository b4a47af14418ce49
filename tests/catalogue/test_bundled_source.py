"""The bundled catalogue: its CSV source, the committed workbook and the roadmap settings.

These tests read the source with ``csv`` and the workbook with ``openpyxl`` only, so they
pin the bundled content independently of okosys-plan's own reader.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogue"
SOURCE = CATALOGUE / "source"
WORKBOOK = CATALOGUE / "behovskatalog.xlsx"
VEIKART = ROOT / "roadmap" / "veikart.toml"

THEMES = [
    "Sammenhengende tjenester og livshendelser",
    "Digital identitet og tilgang",
    "Representasjon, fullmakt og samtykke",
    "Deling av data og nasjonale grunndata",
    "Hendelser, meldinger og dialog",
    "Arkitektur, standarder og «lett å gjøre rett»",
    "Styring og finansiering av fellesløsninger",
]
SKATE_CODES = {
    "Digdir",
    "Arkivverket",
    "Brreg",
    "DiBK",
    "eHelse",
    "Halden",
    "Kartverket",
    "KS",
    "NAV",
    "Oslo",
    "POD",
    "SKE",
    "SSB",
    "Sikt",
}
CRITERIA = {
    "Samfunnsnytte": 0.25,
    "Bredde": 0.15,
    "Hastegrad": 0.15,
    "Gjennomførbarhet": 0.15,
    "Modenhet": 0.10,
    "Strategisk forankring": 0.10,
    "Muliggjører": 0.05,
    "Risiko": 0.05,
}
NEED_STATUSES = {
    "Meldt inn",
    "Under vurdering",
    "Anbefalt",
    "Prioritert",
    "Under utredning",
    "Under gjennomføring",
    "Løst",
    "Avvist",
    "Slått sammen",
    "Parkert",
}
MEASURE_STATUSES = {
    "Planlagt",
    "Pågår",
    "I rute",
    "Mindre forsinkelser",
    "Større forsinkelser",
    "Fullført",
}
LIFE_EVENTS = {
    "Få barn",
    "Alvorlig sykt barn",
    "Miste og finne jobb",
    "Ny i Norge",
    "Starte og drive en bedrift",
    "Dødsfall og arv",
    "Starte og drive en frivillig organisasjon",
    "Tverrgående",
}
ILLUSTRATIVE = "Illustrativt eksempel"
PERIOD = re.compile(r"Påbegynt|(\d{4})(-K([1-4]))?")
SKATE_CASE = re.compile(r"\d{1,2}/\d{2}")
#: The column that says where a row comes from (Finansiering uses Kilde for the source
#: of funds, so its provenance column is Datakilde).
PROVENANCE = {"Finansiering": "Datakilde"}


def read(name: str) -> list[dict[str, str]]:
    with (SOURCE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue_build", CATALOGUE / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def period_bounds(text: str) -> tuple[float, float] | None:
    """(first day, last day) of a period as fractional years; None for Påbegynt/empty."""
    match = PERIOD.fullmatch(text)
    assert match is not None, f"bad period {text!r}"
    if text == "Påbegynt":
        return None
    year = int(match.group(1))
    if match.group(3):
        quarter = int(match.group(3))
        return year + (quarter - 1) / 4, year + quarter / 4
    return float(year), year + 1.0


def assert_acyclic(graph: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, f"dependency cycle: {' -> '.join([*path, node])}"
        state[node] = 1
        for nxt in graph.get(node, []):
            visit(nxt, [*path, node])
        state[node] = 2

    for node in graph:
        visit(node, [])


def test_rebuild_matches_committed_workbook(tmp_path: Path) -> None:
    build = load_build()
    out = tmp_path / "behovskatalog.xlsx"
    build.build(out)
    assert out.read_bytes() == WORKBOOK.read_bytes(), (
        "catalogue/behovskatalog.xlsx is out of date: run python catalogue/build.py"
    )
    again = tmp_path / "again.xlsx"
    build.build(again)
    assert again.read_bytes() == out.read_bytes()


def test_workbook_sheets_and_cell_types() -> None:
    workbook = openpyxl.load_workbook(WORKBOOK)
    assert workbook.sheetnames == [
        "Behov",
        "Kriterier",
        "Tiltak",
        "Milepæler",
        "Kostnader",
        "Finansiering",
        "Virksomheter",
        "Bruk",
        "Budsjett",
        "Mål",
        "Nøkkeltall",
        "Tjenestekjeder",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
        assert len(list(sheet.iter_rows(min_row=2))) == len(read(sheet.title))
    behov = workbook["Behov"]
    header = [cell.value for cell in behov[1]]
    first = {title: cell for title, cell in zip(header, behov[2], strict=True)}
    assert first["Dato meldt inn"].is_date
    assert first["Dato meldt inn"].number_format == "DD.MM.YYYY"
    assert isinstance(first["Samfunnsnytte"].value, int)
    assert isinstance(first["Investering"].value, int | float)
    assert first["Lovkrav"].value in {"Ja", "Nei"}
    tiltak = workbook["Tiltak"]
    header = [cell.value for cell in tiltak[1]]
    starts = {row[header.index("Start")].value for row in tiltak.iter_rows(min_row=2)}
    assert "Påbegynt" in starts
    assert 2023 in starts
    assert "2024-K2" in starts
    chains = workbook["Tjenestekjeder"]
    header = [cell.value for cell in chains[1]]
    assert all(isinstance(row[header.index("Steg")].value, int)
               for row in chains.iter_rows(min_row=2))


def test_the_service_chain_maps_are_illustrative_and_tied_to_needs() -> None:
    rows = read("Tjenestekjeder")
    assert {r["Tjenestekjede"] for r in rows} == {"Dødsfall og arv", "Ny i Norge"}
    assert all(r["Kilde"].startswith("Illustrativt eksempel") for r in rows)
    needs = {need["ID"] for need in read("Behov")}
    breaks = [r for r in rows if r["Brudd"]]
    assert {r["Brudd"] for r in breaks} == {"Juridisk", "Organisatorisk", "Semantisk",
                                            "Teknisk"}
    assert all(r["Behov"] and set(r["Behov"].split("; ")) <= needs for r in breaks)


def test_needs_cover_the_themes_and_are_complete() -> None:
    needs = read("Behov")
    assert len(needs) >= 40
    assert {need["Tema"] for need in needs} == set(THEMES)
    agencies = {row["Kode"] for row in read("Virksomheter")}
    ids = [need["ID"] for need in needs]
    assert len(ids) == len(set(ids))
    for need in needs:
        assert need["Tittel"].strip()
        assert need["Status"] in NEED_STATUSES, need["ID"]
        assert need["Behovstype"] in {
            "Brukerbehov",
            "Fellesfunksjonalitet",
            "Rammebetingelse",
            "Standard og veiledning",
        }
        assert set(split(need["Livshendelse"])) <= LIFE_EVENTS, need["ID"]
        assert need["Meldt inn av"] in agencies, need["ID"]
        assert need["Eier"] in agencies, need["ID"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", need["Dato meldt inn"])
        for criterion in CRITERIA:
            assert need[criterion] in {"1", "2", "3", "4", "5"}, (need["ID"], criterion)
        assert need["Lovkrav"] in {"Ja", "Nei"}
        assert not need["Skate-sak"] or SKATE_CASE.fullmatch(need["Skate-sak"])
        assert float(need["Investering"]) >= 0
        assert float(need["Årlig drift"]) >= 0
        float(need["Netto nåverdi"])
        assert float(need["Varighet"]) > 0
        for column in ("Start", "Slutt"):
            if need[column]:
                period_bounds(need[column])
    assert 2 <= sum(need["Lovkrav"] == "Ja" for need in needs) <= 4
    # the rankings must be interesting: scores vary on every criterion
    for criterion in CRITERIA:
        assert len({need[criterion] for need in needs}) >= 3, criterion


def test_criteria_are_the_skate_defaults() -> None:
    rows = read("Kriterier")
    assert {row["Kriterium"]: float(row["Vekt"]) for row in rows} == CRITERIA
    for row in rows:
        assert row["Retning"] == ("Kostnad" if row["Kriterium"] == "Risiko" else "Nytte")
        assert (row["Skala min"], row["Skala maks"]) == ("1", "5")
    assert list(CRITERIA) == [row["Kriterium"] for row in rows]
    assert list(CRITERIA) == [column for column in read("Behov")[0] if column in CRITERIA]


def test_measures_span_the_roadmap() -> None:
    measures = read("Tiltak")
    assert len(measures) >= 25
    need_ids = {need["ID"] for need in read("Behov")}
    measure_ids = [measure["ID"] for measure in measures]
    assert len(measure_ids) == len(set(measure_ids))
    assert not need_ids & set(measure_ids)
    years: set[int] = set()
    unscheduled = 0
    for measure in measures:
        assert measure["Tema"] in THEMES, measure["ID"]
        assert measure["Status"] in MEASURE_STATUSES, measure["ID"]
        assert set(split(measure["Behov"])) <= need_ids, measure["ID"]
        if not measure["Start"] and not measure["Slutt"]:
            unscheduled += 1
            continue
        start, end = period_bounds(measure["Start"]), period_bounds(measure["Slutt"])
        assert end is not None, measure["ID"]
        first = 2022.0 if start is None else start[0]
        assert end[1] > first, measure["ID"]
        years.update(range(int(first), int(end[1] - 1e-9) + 1))
    assert {2022, 2023, 2024, 2025} <= years
    assert 4 <= unscheduled <= 6
    assert {measure["Tema"] for measure in measures} == set(THEMES)


def test_dependencies_exist_are_acyclic_and_ordered() -> None:
    needs = read("Behov")
    need_graph = {need["ID"]: split(need["Avhengigheter"]) for need in needs}
    for need_id, deps in need_graph.items():
        assert set(deps) <= set(need_graph), need_id
    assert sum(bool(deps) for deps in need_graph.values()) >= 5
    assert_acyclic(need_graph)

    measures = {measure["ID"]: measure for measure in read("Tiltak")}
    measure_graph = {mid: split(m["Avhengigheter"]) for mid, m in measures.items()}
    for measure_id, deps in measure_graph.items():
        assert set(deps) <= set(measures), measure_id
    assert sum(bool(deps) for deps in measure_graph.values()) >= 5
    assert_acyclic(measure_graph)
    # a measure does not start before what it depends on has ended
    for measure_id, deps in measure_graph.items():
        start = measures[measure_id]["Start"]
        if not start:
            continue
        begin = period_bounds(start)
        for dep in deps:
            end = measures[dep]["Slutt"]
            assert end, (measure_id, dep)
            finish = period_bounds(end)
            assert begin is not None and finish is not None
            assert begin[0] >= finish[1], (measure_id, dep)


def test_every_row_names_its_source() -> None:
    for path in sorted(SOURCE.glob("*.csv")):
        name = path.stem
        column = PROVENANCE.get(name, "Kilde")
        rows = read(name)
        assert rows, name
        assert column in rows[0], name
        for number, row in enumerate(rows, start=2):
            assert row[column].strip(), f"{name}.csv line {number}: no {column}"
    # invented rows say so in exactly the agreed words
    assert sum(row["Kilde"] == ILLUSTRATIVE for row in read("Behov")) >= 20
    assert sum(row["Kilde"] == ILLUSTRATIVE for row in read("Tiltak")) >= 5
    assert all(row["Kilde"] == ILLUSTRATIVE for row in read("Bruk"))


def test_references_from_other_sheets() -> None:
    measure_ids = {measure["ID"] for measure in read("Tiltak")}
    agencies = {row["Kode"] for row in read("Virksomheter")}
    for name in ("Milepæler", "Kostnader", "Finansiering"):
        assert {row["Tiltak"] for row in read(name)} <= measure_ids, name
    milestones = read("Milepæler")
    assert 8 <= len(milestones) <= 15
    for row in read("Tiltak"):
        assert row["Ansvarlig"] in agencies
        assert set(split(row["Deltakere"])) <= agencies, row["ID"]
    for row in read("Bruk"):
        assert row["Løsning"] in measure_ids
        assert row["Virksomhet"] in agencies


def test_funding_shows_a_grant_ending_and_unresolved_funding() -> None:
    costs = read("Kostnader")
    funding = read("Finansiering")
    assert {row["Kostnadstype"] for row in costs} == {
        "Investering",
        "Drift",
        "Forvaltning",
        "Videreutvikling",
    }
    assert {row["Status"] for row in funding} == {"Bekreftet", "Søkt", "Uavklart"}
    grants = {row["Tiltak"] for row in funding if row["Kilde"] == "Medfinansiering"}
    found_gap = False
    for measure in grants:
        grant_years = {
            int(row["År"])
            for row in funding
            if row["Tiltak"] == measure and row["Kilde"] == "Medfinansiering"
        }
        grant = sum(
            float(row["Beløp"])
            for row in funding
            if row["Tiltak"] == measure and row["Kilde"] == "Medfinansiering"
        )
        total = sum(float(row["Beløp"]) for row in costs if row["Tiltak"] == measure)
        invest = sum(
            float(row["Beløp"])
            for row in costs
            if row["Tiltak"] == measure and row["Kostnadstype"] == "Investering"
        )
        assert len(grant_years) <= 3, measure
        assert 10 <= invest <= 100, measure
        assert grant <= 0.5 * invest + 1e-9, measure
        assert total > 0
        operations_after = {
            int(row["År"])
            for row in costs
            if row["Tiltak"] == measure
            and row["Kostnadstype"] == "Drift"
            and int(row["År"]) > max(grant_years)
        }
        funded_after = {
            int(row["År"])
            for row in funding
            if row["Tiltak"] == measure and int(row["År"]) > max(grant_years)
        }
        if operations_after and not operations_after & funded_after:
            found_gap = True
    assert found_gap, "no co-funded measure whose operations go unfunded after the grant"
    by_measure: dict[str, set[str]] = {}
    for row in funding:
        by_measure.setdefault(row["Tiltak"], set()).add(row["Status"])
    assert any(statuses == {"Uavklart"} for statuses in by_measure.values())


def test_agencies_and_usage() -> None:
    agencies = {row["Kode"]: row for row in read("Virksomheter")}
    assert set(agencies) >= SKATE_CODES | {"UDI"}
    assert agencies["KS"]["Type"] == "Annet"
    assert {row["Type"] for row in agencies.values()} == {
        "Stat",
        "Kommune",
        "Fylkeskommune",
        "Annet",
    }
    for row in agencies.values():
        if row["Type"] in {"Kommune", "Fylkeskommune"}:
            assert int(row["Innbyggere"]) > 0, row["Kode"]
    usage = read("Bruk")
    volumes = [int(row["Volum"]) for row in usage]
    assert min(volumes) < 200_000 < max(volumes)
    assert {int(row["År"]) for row in usage} == {2022, 2023, 2024, 2025}
    assert all(1 <= int(row["Nytte"]) <= 10 for row in usage)


def test_goals_and_key_figures() -> None:
    goals = read("Mål")
    assert len(goals) == 5
    ratings = {row["Mål"]: row["Vurdering"] for row in goals}
    assert ratings["Lett å gjøre rett"] == "Middels"
    assert sorted(ratings.values()).count("Oppnådd") == 4
    figures = {
        (row["Indikator"], row["Gruppe"], int(row["År"])): float(row["Verdi"])
        for row in read("Nøkkeltall")
    }
    easy = "Andel som opplever det som lett å gjøre rett"
    assert figures[(easy, "Stat", 2021)] == figures[(easy, "Stat", 2022)] == 38
    assert figures[(easy, "Kommune", 2021)] == 31
    assert figures[(easy, "Kommune", 2022)] == 22
    assert {27.0, 30.0, 39.0} <= set(figures.values())
    budget = {int(row["År"]): float(row["Ramme"]) for row in read("Budsjett")}
    assert set(budget) == {2022, 2023, 2024, 2025}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def test_contrast_formula() -> None:
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


def test_roadmap_settings() -> None:
    settings = tomllib.loads(VEIKART.read_text(encoding="utf-8"))
    assert settings["title"] == "Veikart 2.0 for felles økosystem"
    assert settings["subtitle"]
    assert settings["horizon"] == {"start": 2022, "end": 2025}
    assert settings["lanes"] == THEMES
    assert set(settings["lane_labels"]) == set(THEMES)
    assert all(0 < len(label) <= 28 for label in settings["lane_labels"].values())
    palette = settings["palette"]
    assert set(palette) == set(THEMES)
    assert len(set(palette.values())) == len(THEMES)
    for lane, colour in palette.items():
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", colour), lane
        assert contrast_with_white(colour) >= 4.5, (lane, colour)
    markers = settings["markers"]
    assert markers
    for marker in markers:
        assert marker["label"].strip()
        date = marker["date"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or period_bounds(date), date
