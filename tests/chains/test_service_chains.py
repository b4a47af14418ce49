"""Service chains linked through the needs: each break's fix, each chain's readiness, events."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from okosys_plan.chains.api import service_chains
from okosys_plan.chains.events import event_type, slug
from okosys_plan.chains.model import ServiceChains
from okosys_plan.run.pipeline import RunConfig, run_pipeline
from tests.catalogue.test_chains_sheet import HEADERS
from tests.cli.test_plan_cli import small

DEATH, NEW = "Dødsfall og arv", "Ny i Norge"
ROWS = [
    ["K1", DEATH, 1, "Aktivitet", "Melder dødsfall", None, "K2", None, None, None],
    ["K2", DEATH, 2, "Hendelse", "Dødsfall er registrert", "SKE", "K3, K4", None, None, None],
    ["K3", DEATH, 3, "Tjeneste", "Oppgjør av bo", "Domstol", None, "Juridisk",
     "Arvinger mangler fullmakt", "B1"],
    ["K4", DEATH, 3, "Tjeneste", "Stans av ytelser", "NAV", None, "Teknisk", "Ingen hendelse",
     "B3"],
    ["K5", DEATH, 2, "Data", "Folkeregisteret", "SKE", "K3", "Semantisk", "Ulike begreper",
     None],
    ["K6", DEATH, 4, "Tjeneste", "Skifte", "Domstol", None, "Organisatorisk", None, "B99"],
    ["N1", NEW, 1, "Aktivitet", "Flytter til Norge", None, "N2", None, None, None],
    ["N2", NEW, 2, "Hendelse", "Dødsfall  er registrert", None, "N3", None, None, None],
    ["N3", NEW, 3, "Tjeneste", "Oppdatere familie", "NAV", None, None, None, None],
    ["N4", NEW, 1, "Tjeneste", "Registrere innflytting", "SKE", "N2", None, None, None],
]


def catalogue_with(tmp_path: Path, rows: list[list[Any]], funded: bool) -> Path:
    path = small(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("Tjenestekjeder")
    for row in [HEADERS, *rows]:
        sheet.append(row)
    if funded:  # T1 carries B3 and costs its 10 MNOK in 2022: confirmed in full
        funding = book.create_sheet("Finansiering")
        for row in [["Tiltak", "År", "Kilde", "Beløp", "Status"],
                    ["T1", 2022, "Egen ramme", 10, "Bekreftet"]]:
            funding.append(row)
    book.save(path)
    return path


def chains_of(path: Path) -> ServiceChains:
    results = run_pipeline(path, RunConfig(draws=0), date(2022, 1, 1), keep_going=True)
    assert results.checked.catalogue is not None and results.prioritised is not None
    found = service_chains(results.checked.catalogue, results.prioritised.ranking,
                           results.plan, results.funding)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def funded(tmp_path_factory: pytest.TempPathFactory) -> ServiceChains:
    return chains_of(catalogue_with(tmp_path_factory.mktemp("f"), ROWS, funded=True))


def test_maps_keep_the_chains_in_order_and_elements_in_map_order(funded: ServiceChains) -> None:
    assert [m.name for m in funded.maps] == [DEATH, NEW]
    death = funded.maps[0]
    assert [e.id for e in death.elements] == ["K1", "K2", "K3", "K4", "K6", "K5"]  # row, step
    assert [b.element.id for b in death.breaks] == ["K3", "K4", "K6", "K5"]
    assert funded.chain("  dødsfall OG arv ") is death


def test_each_break_knows_where_its_fix_stands(funded: ServiceChains) -> None:
    death = {b.element.id: b for b in funded.maps[0].breaks}
    # B1 scores 5 of 5 on the only criterion: class Høy; its measure T3 is planned (no cap).
    b1 = death["K3"].needs[0]
    assert (b1.id, b1.found, b1.priority, b1.planned) == ("B1", True, "Høy", True)
    assert b1.funded is False and b1.gap == 40.0  # 40 MNOK, no funding at all
    # B3 scores 2 of 5: class Lav; T1 is dated 2022 and its 10 MNOK confirmed.
    b3 = death["K4"].needs[0]
    assert (b3.priority, b3.planned, b3.funded, b3.gap) == ("Lav", True, True, 0.0)
    assert [m.id for m in b3.measures] == ["T1"]
    assert b3.measures[0].start == date(2022, 1, 1)
    assert death["K5"].needs == ()
    assert death["K6"].needs[0].found is False  # B99 does not exist


def test_readiness_against_a_hand_count(funded: ServiceChains,
                                        tmp_path: Path) -> None:
    ready = funded.maps[0].readiness
    assert ready is not None
    # Four breaks, one per level; with an existing need: K3, K4; prioritised: K3 (B1 Høy);
    # planned: K3 (T3), K4 (T1); planned and funded: K4 (T1's 10 MNOK confirmed).
    assert (ready.breaks, ready.proposed, ready.prioritised, ready.planned, ready.funded) == (
        4, 2, 1, 2, 1)
    assert dict(ready.by_level) == {"Juridisk": 1, "Organisatorisk": 1, "Semantisk": 1,
                                    "Teknisk": 1}
    assert ready.share == 0.25
    unfunded = chains_of(catalogue_with(tmp_path, ROWS, funded=False)).maps[0].readiness
    assert unfunded is not None and unfunded.funded == 0 and unfunded.planned == 2
    new = funded.maps[1].readiness
    assert new is not None and (new.breaks, new.share) == (0, 1.0)


def test_the_event_catalogue_holds_each_event_once(funded: ServiceChains) -> None:
    events = funded.events
    assert len(events) == 1  # the same event, spaced differently, in both chains
    event = events[0]
    assert event.type == "no.okosys.hendelse.dodsfall-er-registrert"
    assert event.chains == (DEATH, NEW) and event.elements == ("K2", "N2")
    assert event.producers == ("SKE",)  # its own actor in K2; in N2 the service N4's
    assert event.consumers == (("Oppgjør av bo", "Domstol"), ("Stans av ytelser", "NAV"),
                               ("Oppdatere familie", "NAV"))


def test_event_type_names_are_lower_case_ascii_words() -> None:
    assert slug("Søknad er sendt") == "soknad-er-sendt"
    assert slug("Ærlig Åpen Ønsket") == "aerlig-apen-onsket"
    assert slug("Vedtak (§ 12) fattet!") == "vedtak-12-fattet"
    assert slug("…") == "hendelse"
    assert event_type("Barn er født") == "no.okosys.hendelse.barn-er-fodt"


def test_a_catalogue_without_chains_has_none(tmp_path: Path) -> None:
    results = run_pipeline(small(tmp_path), RunConfig(draws=0), date(2022, 1, 1))
    assert results.checked.catalogue is not None
    assert service_chains(results.checked.catalogue) is None


def test_the_roadmap_grouped_by_chain_puts_each_measure_in_its_chains(tmp_path: Path) -> None:
    from okosys_plan.charts.roadmap.layout import layout_roadmap

    rows = [*ROWS, ["N5", NEW, 4, "Tjeneste", "Bolig", "Oslo", None, "Teknisk", None, "B1"]]
    results = run_pipeline(catalogue_with(tmp_path, rows, funded=False), RunConfig(draws=0),
                           date(2022, 1, 1), keep_going=True)
    assert results.plan is not None and results.settings is not None
    layout = layout_roadmap(results.plan.placed_items(), results.settings,
                            as_of=date(2022, 1, 1), group_by="tjenestekjede")
    lanes = {lane.name: sorted(b.id for b in layout.bars if b.lane == lane.name)
             for lane in layout.lanes}
    # T3 carries B1 (named in both chains), T1 carries B3 (Dødsfall only), T2 carries B2
    # (in no map).
    assert lanes == {DEATH: ["T1", "T3"], NEW: ["T3"], "": ["T2"]}
    assert " ".join(layout.lanes[-1].label.text.split()) == "Uten tjenestekjede"


def test_the_roadmap_command_takes_the_grouping(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from okosys_plan.cli.main import cli

    valid = [row for row in ROWS if row[9] != "B99"]  # a valid catalogue: every need exists
    path = catalogue_with(tmp_path, valid, funded=False)
    out = tmp_path / "veikart.svg"
    result = CliRunner().invoke(cli, ["roadmap", str(path), "--group-by", "tjenestekjede",
                                      "-o", str(out), "--as-of", "2022-01-01"])
    assert result.exit_code == 0, result.output
    assert DEATH in out.read_text(encoding="utf-8")


def test_a_needs_explanation_and_the_priority_workbook_name_the_breaks_it_fixes(
        tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from okosys_plan.cli.main import cli

    valid = [row for row in ROWS if row[9] != "B99"]
    path = catalogue_with(tmp_path, valid, funded=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["explain", str(path), "B1"])
    assert result.exit_code == 0, result.output
    assert "Løser brudd i tjenestekjedene: Dødsfall og arv: K3 (Juridisk)." in result.stdout
    document = json.loads(runner.invoke(cli, ["explain", str(path), "B1",
                                              "--json"]).stdout)
    assert document["chains"] == [{"chain": DEATH, "element": "K3", "level": "Juridisk",
                                   "break": "Arvinger mangler fullmakt"}]
    out = tmp_path / "prioritert.xlsx"
    result = runner.invoke(cli, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out, read_only=True)["Prioritert"].values)
    column = rows[0].index("Brudd i tjenestekjeder det løser")
    fixes = {row[1]: row[column] for row in rows[1:]}
    assert fixes == {"B1": "Dødsfall og arv: K3 (Juridisk)",
                     "B3": "Dødsfall og arv: K4 (Teknisk)", "B2": None}


def test_run_writes_the_chains_workbook_events_json_and_a_report_section(
        tmp_path: Path) -> None:
    import json

    from okosys_plan.report.outputs import write_outputs

    valid = [row for row in ROWS if row[9] != "B99"]
    path = catalogue_with(tmp_path, valid, funded=True)
    config = RunConfig(draws=0)
    results = run_pipeline(path, config, date(2022, 1, 1))
    out = tmp_path / "ut"
    out.mkdir()
    written = write_outputs(results, config, out)
    names = [p.name for p in written]
    assert "tjenestekjeder.xlsx" in names and "hendelser.json" in names
    audit = json.loads((out / "revisjon.json").read_text(encoding="utf-8"))
    assert {"tjenestekjeder.xlsx", "hendelser.json"} <= set(audit["files"])
    book = openpyxl.load_workbook(out / "tjenestekjeder.xlsx", read_only=True)
    assert book.sheetnames == ["Modenhet", "Brudd", "Hendelser"]
    ready = list(book["Modenhet"].values)
    assert ready[1][:2] == (DEATH, 3)  # K3, K4, K5: three breaks once B99's row is gone
    breaks = list(book["Brudd"].values)
    assert {(r[1], r[6]) for r in breaks[1:]} == {("K3", "B1"), ("K4", "B3"), ("K5", None)}
    events = json.loads((out / "hendelser.json").read_text(encoding="utf-8"))
    assert [e["type"] for e in events["events"]] == ["no.okosys.hendelse.dodsfall-er-registrert"]
    report = (out / "rapport.html").read_text(encoding="utf-8")
    assert "<h2>Tjenestekjeder</h2>" in report
    assert "K3 Juridisk – Arvinger mangler fullmakt: B1 (Høy, rang 1)" in report
    assert "Modenhet i tjenestekjedene" in report  # the readiness chart, inline
    charts = report.count('role="img"') + report.count('role="group"')  # the roadmap: links
    assert charts >= 7  # …and the maps: one per chain
    assert f"Tjenestekjeden {DEATH}: rader, utløsere og brudd" in report
