"""diff: what changed between two catalogue versions, as JSON, CloudEvents, text and Excel."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.model import Period
from okosys_plan.cli.main import cli
from okosys_plan.diff.api import changes_since, diff_catalogues
from okosys_plan.diff.compare import compare, same
from okosys_plan.diff.document import EVENT_TYPES, cloud_events, diff_document
from okosys_plan.diff.present import changelog
from okosys_plan.errors import InvalidData
from tests.conftest import CRITERIA, NEED_HEADERS, need, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "catalogue" / "behovskatalog.xlsx"
MEASURE_HEADERS = ["ID", "Tittel", "Ansvarlig", "Start", "Slutt", "Status", "Behov"]
EMPTY = {"added": [], "removed": [], "changed": [], "rank_moves": [], "moved": [],
         "funding": []}


def sheets(*, new: bool = False) -> dict[str, list[list[Any]]]:
    """The old version, or (``new``) the one with exactly the changes the tests look for."""
    if not new:
        needs = [need("B01", "Felles innlogging", Nytte=4),
                 need("B02", "Digital fullmakt", Nytte=3),
                 need("B03", "Varsling", Nytte=2)]
        measure_end, funding = "2024", 10
    else:  # B02: title and score; B03 removed; B04 added; T01 ends later; funding 10 -> 12
        needs = [need("B01", "Felles innlogging", Nytte=4),
                 need("B02", "Digital fullmakt for alle", Nytte=5),
                 need("B04", "Ny varslingstjeneste", Nytte=1)]
        measure_end, funding = "2025", 12
    return {
        "Behov": [list(NEED_HEADERS), *needs],
        "Kriterier": [list(r) for r in CRITERIA],
        "Tiltak": [MEASURE_HEADERS, ["T01", "Ny innlogging", "DIGDIR", "2023", measure_end,
                                     "Planlagt", "B01"]],
        "Kostnader": [["Tiltak", "År", "Kostnadstype", "Beløp"], ["T01", 2023, "Investering", 5]],
        "Finansiering": [["Tiltak", "År", "Kilde", "Beløp", "Status"],
                         ["T01", 2023, "Egen ramme", funding, "Bekreftet"]],
    }


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """The old and the new version as workbooks."""
    return (write_catalogue(tmp_path / "gammel.xlsx", sheets()),
            write_catalogue(tmp_path / "ny.xlsx", sheets(new=True)))


def document(old: Path, new: Path) -> dict[str, Any]:
    """The library's diff document of two files."""
    return changes_since(old, load_catalogue(new))


# --- the core ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [BUNDLED, None])
def test_a_catalogue_diffed_with_itself_is_empty(path: Path | None,
                                                 versions: tuple[Path, Path]) -> None:
    catalogue = load_catalogue(path or versions[0])
    assert catalogue.needs and catalogue.measures and catalogue.funding
    diff = diff_catalogues(catalogue, load_catalogue(path or versions[0]))
    assert diff.empty
    assert diff_document(diff) == EMPTY
    assert cloud_events(diff) == []


def test_the_diff_finds_exactly_the_changes_made(versions: tuple[Path, Path]) -> None:
    found = document(*versions)
    assert found["added"] == [{"kind": "behov", "id": "B04", "title": "Ny varslingstjeneste"}]
    assert found["removed"] == [{"kind": "behov", "id": "B03", "title": "Varsling"}]
    assert found["changed"] == [
        {"kind": "behov", "id": "B02", "field": "Tittel", "old": "Digital fullmakt",
         "new": "Digital fullmakt for alle"},
        {"kind": "behov", "id": "B02", "field": "Nytte", "old": 3, "new": 5},
        {"kind": "tiltak", "id": "T01", "field": "Slutt", "old": "2024", "new": "2025"},
    ]
    assert found["moved"] == [{"id": "T01", "old_start": "2023-01-01", "old_end": "2024-12-31",
                               "new_start": "2023-01-01", "new_end": "2025-12-31",
                               "start_slip": 0, "end_slip": 4}]
    assert found["funding"] == [
        {"kind": "finansiering", "id": "T01", "year": 2023, "cost_type": None,
         "source": "Egen ramme", "change": "endret", "field": "Beløp", "old": 10, "new": 12,
         "status": "Bekreftet"}]


def test_rank_moves_follow_the_scores(versions: tuple[Path, Path]) -> None:
    # old: B01 75 (Høy), B02 50 (Middels), B03 25; new: B02 100 (Høy), B01 75, B04 0
    assert document(*versions)["rank_moves"] == [
        {"id": "B01", "old_rank": 1, "new_rank": 2, "old_class": "Høy", "new_class": "Høy"},
        {"id": "B02", "old_rank": 2, "new_rank": 1, "old_class": "Middels",
         "new_class": "Høy"},
    ]


def test_the_reverse_diff_swaps_added_and_removed(versions: tuple[Path, Path]) -> None:
    forward, backward = document(*versions), document(versions[1], versions[0])
    assert backward["added"] == forward["removed"]
    assert backward["removed"] == forward["added"]
    assert [(c["old"], c["new"]) for c in backward["changed"]] == \
        [(c["new"], c["old"]) for c in forward["changed"]]


def test_ids_match_as_the_format_compares_them_and_extra_columns_count(tmp_path: Path) -> None:
    old = sheets()
    new = sheets()
    new["Behov"] = [[*NEED_HEADERS, "Kilde"], [*need("b01", "Felles innlogging", Nytte=4),
                                               "Digdir 2023"],
                    *(list(row) for row in old["Behov"][2:])]
    diff = compare(load_catalogue(write_catalogue(tmp_path / "a.xlsx", old)),
                   load_catalogue(write_catalogue(tmp_path / "b.xlsx", new)))
    assert not diff.added and not diff.removed
    assert [(c.id, c.field, c.old, c.new) for c in diff.changed] == \
        [("b01", "Kilde", None, "Digdir 2023")]


def test_values_are_compared_after_typing() -> None:
    year = Period(date(2024, 1, 1), date(2024, 12, 31), "2024")
    assert same(year, Period(date(2024, 1, 1), date(2024, 12, 31), "K1 2024–K4 2024"))
    assert not same(year, Period(date(2024, 1, 1), date(2025, 12, 31), "2024–2025"))
    assert same(10, 10.0) and not same(10, 10.5)
    assert same(("B01", "B02"), ["B01", "B02"]) and not same(("B01", "B02"), ("B02", "B01"))
    assert same(None, "") and not same(None, 0)


def test_an_invalid_old_catalogue_is_refused_by_changes_since(tmp_path: Path,
                                                              versions: tuple[Path, Path]) -> None:
    broken = sheets()
    broken["Behov"].append(need("B01", "Dobbel ID"))
    path = write_catalogue(tmp_path / "ugyldig.xlsx", broken)
    with pytest.raises(InvalidData):
        changes_since(path, load_catalogue(versions[1]))
    assert changes_since(str(versions[0]), versions[1]) == document(*versions)


def test_the_changelog_is_short_and_in_both_languages(versions: tuple[Path, Path]) -> None:
    old, new = (load_catalogue(p) for p in versions)
    diff = diff_catalogues(old, new)
    norwegian = changelog(diff, "nb")
    assert "Lagt til (1)" in norwegian and "+ B04" in norwegian and "− B03" in norwegian
    assert "Middels → Høy" in norwegian and "poengsum 50,0 → 100,0" in norwegian
    assert "Beløp 10 → 12" in norwegian
    english = changelog(diff, "en")
    assert "Added (1)" in english and "Title: “Digital fullmakt”" in english
    assert "Medium → High" in english
    cut = changelog(diff, "nb", limit=1)
    assert "… og 2 til" in cut and "T01  Slutt" not in cut


# --- CloudEvents -------------------------------------------------------------------------

def test_every_event_has_the_cloudevents_required_attributes(versions: tuple[Path, Path]) -> None:
    old, new = (load_catalogue(p) for p in versions)
    diff = diff_catalogues(old, new)
    events = cloud_events(diff, basis="abc")
    entries = diff_document(diff)
    assert len(events) == sum(len(v) for v in entries.values()) == 9
    for event in events:
        assert event["specversion"] == "1.0"
        for key in ("id", "source", "type", "subject"):
            assert isinstance(event[key], str) and event[key], key
        assert event["source"] == "urn:okosys-plan:katalog:ny.xlsx"
        assert event["type"] in EVENT_TYPES
        assert event["datacontenttype"] == "application/json"
        assert event["subject"] == event["data"]["id"]
        assert "time" not in event
    assert len({e["id"] for e in events}) == len(events)
    assert [e["type"] for e in events] == [
        "no.okosys.behov.lagt-til", "no.okosys.behov.fjernet", "no.okosys.behov.endret",
        "no.okosys.behov.endret", "no.okosys.tiltak.endret", "no.okosys.behov.rang-endret",
        "no.okosys.behov.rang-endret", "no.okosys.tiltak.flyttet",
        "no.okosys.finansiering.endret"]
    assert cloud_events(diff, basis="abc") == events  # deterministic
    assert cloud_events(diff, basis="other")[0]["id"] != events[0]["id"]
    dated = cloud_events(diff, time=date(2024, 6, 30))
    assert {e["time"] for e in dated} == {"2024-06-30T00:00:00Z"}


def test_identical_changes_still_get_unique_event_ids(tmp_path: Path) -> None:
    old, new = sheets(), sheets()
    line = ["T01", 2023, "Egen ramme", 10, "Bekreftet"]
    old["Finansiering"] = [old["Finansiering"][0], line, line]
    new["Finansiering"] = [new["Finansiering"][0]]
    diff = compare(load_catalogue(write_catalogue(tmp_path / "a.xlsx", old)),
                   load_catalogue(write_catalogue(tmp_path / "b.xlsx", new)))
    events = cloud_events(diff)
    assert [e["type"] for e in events] == ["no.okosys.finansiering.fjernet"] * 2
    assert events[0]["id"] != events[1]["id"]


# --- the command -------------------------------------------------------------------------

def test_cli_json_equals_the_library_document(versions: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(cli, ["diff", *map(str, versions), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == document(*versions)


def test_cli_writes_excel_and_events(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    out, events = tmp_path / "diff.xlsx", tmp_path / "hendelser.jsonl"
    result = CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(out),
                                      "--events", str(events)])
    assert result.exit_code == 0, result.output
    assert "Endringer fra gammel.xlsx til ny.xlsx" in result.stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Oversikt", "Lagt til", "Fjernet", "Endret", "Rang", "Flyttet",
                               "Finansiering"]
    rows = [[c.value for c in row] for row in book["Endret"].iter_rows()]
    assert rows[1:] == [["behov", "B02", "Tittel", "Digital fullmakt", "Digital fullmakt for alle"],
                        ["behov", "B02", "Nytte", 3, 5], ["tiltak", "T01", "Slutt", "2024", "2025"]]
    moved = [c.value for c in book["Flyttet"][2]]
    assert moved[1] == "T01" and moved[4].date() == date(2024, 12, 31)
    assert moved[6].date() == date(2025, 12, 31)
    assert [c.value for c in book["Rang"][3]][:5] == ["B02", "Digital fullmakt for alle", 2, 1, 1]
    lines = events.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9 and json.loads(lines[0])["subject"] == "B04"


def test_cli_in_english_names_the_sheets_in_english(tmp_path: Path,
                                                    versions: tuple[Path, Path]) -> None:
    out = tmp_path / "diff.xlsx"
    result = CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(out),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Changes from gammel.xlsx to ny.xlsx" in result.stdout
    assert openpyxl.load_workbook(out).sheetnames == [
        "Summary", "Added", "Removed", "Changed", "Rank", "Moved", "Funding"]


def test_cli_unreadable_input_is_exit_2(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    text = tmp_path / "tekst.xlsx"
    text.write_text("ikke et regneark", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(text), str(versions[1]), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["valid"] is False
    assert "okosys-plan: tekst.xlsx" in result.stderr and "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["diff", str(versions[0]), str(tmp_path / "borte.xlsx")])
    assert missing.exit_code == 2 and "borte.xlsx" in missing.stderr


def test_cli_invalid_catalogue_is_exit_1_with_its_problems(tmp_path: Path,
                                                           versions: tuple[Path, Path]) -> None:
    broken = sheets(new=True)
    broken["Behov"].append(need("B02", "Dobbel ID"))
    path = write_catalogue(tmp_path / "ugyldig.xlsx", broken)
    result = CliRunner().invoke(cli, ["diff", str(versions[0]), str(path)])
    assert result.exit_code == 1
    assert f"== {path}" in result.stdout and "Behov" in result.stdout
    assert "ugyldig.xlsx: Katalogen har" in result.stderr
    as_json = CliRunner().invoke(cli, ["diff", str(versions[0]), str(path), "--json"])
    files = json.loads(as_json.stdout)["files"]
    assert [f["valid"] for f in files] == [True, False] and files[1]["problems"]


def test_cli_refuses_bad_outputs_before_writing(tmp_path: Path,
                                                versions: tuple[Path, Path]) -> None:
    existing = tmp_path / "finnes.xlsx"
    existing.write_bytes(b"old")
    events = tmp_path / "e.jsonl"
    result = CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(existing),
                                      "--events", str(events)])
    assert result.exit_code == 2 and existing.read_bytes() == b"old" and not events.exists()
    wrong = CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(tmp_path / "d.csv")])
    assert wrong.exit_code == 2 and not (tmp_path / "d.csv").exists()
    onto_input = CliRunner().invoke(cli, ["diff", *map(str, versions), "--events",
                                          str(versions[0]), "--force"])
    assert onto_input.exit_code == 2
    forced = CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(existing),
                                      "--force"])
    assert forced.exit_code == 0 and openpyxl.load_workbook(existing).sheetnames[0] == "Oversikt"


def test_cli_excel_output_is_deterministic(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        assert CliRunner().invoke(cli, ["diff", *map(str, versions), "-o", str(out)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_diff_s_slippage_is_the_baseline_s(versions: tuple[Path, Path]) -> None:
    """A move's quarters are ``roadmap.baseline.slippage`` with the old plan as baseline."""
    from okosys_plan.diff.present import diff_tables
    from okosys_plan.roadmap.baseline import baseline_of, slippage
    from okosys_plan.roadmap.planning import make_plan
    from okosys_plan.roadmap.settings import RoadmapSettings

    old, new = (load_catalogue(p) for p in versions)
    rules = RoadmapSettings()
    old_plan, new_plan = (make_plan(c, rules, None) for c in (old, new))
    slips = {s.id: s for s in slippage(baseline_of(old_plan), new_plan)}
    diff = diff_catalogues(old, new)
    assert diff.moved
    for move in diff.moved:
        assert (move.start_slip, move.end_slip) == (slips[move.id].start_slip,
                                                    slips[move.id].end_slip)
    moved = next(t for t in diff_tables(diff, "nb") if t[0] == "Flyttet")
    assert moved[1][-2:] == ["Forskyvning start (kvartaler)", "Forskyvning slutt (kvartaler)"]
    assert moved[2][0][-2:] == [0, 4]
    assert "(±0 kv. / +4 kv.)" in changelog(diff, "nb")
