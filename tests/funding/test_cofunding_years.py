"""The co-funding rules of the right year: the bundled tables, their limits, the year chosen."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan import load_catalogue
from okosys_plan.catalogue.model import CostLine, FundingLine, Origin
from okosys_plan.cli.main import cli
from okosys_plan.funding.api import analyse_funding
from okosys_plan.funding.cofunding import bundled_rules, check, pick
from okosys_plan.funding.rulesets import BadRules, RuleSet, load_rules
from okosys_plan.roadmap.settings import RoadmapSettings
from tests.funding_sample import FUNDING, sample, sheets

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = Origin("t.xlsx", "Kostnader", 2)
RULES = bundled_rules()
BY_YEAR = {r.year: r for r in RULES}


def _measure(cost: float, grant: float, years: int = 1, grant_years: int = 1,
             start: int = 2024, applied: int | None = None) -> Any:
    """A measure costing ``cost`` over ``years`` years, ``grant`` over ``grant_years``."""
    lines = [CostLine("T9", start + i, "Investering", cost / years, ORIGIN)
             for i in range(years)]
    grants = [FundingLine("T9", start + i, "Medfinansiering", grant / grant_years, "Søkt",
                          ORIGIN, (), applied) for i in range(grant_years)]
    return check("T9", "Prøve", lines, grants, None, RULES)


def test_the_bundled_file_has_one_table_per_scheme_year_with_its_source() -> None:
    assert [r.year for r in RULES] == [2019, 2021, 2023]
    assert all(r.source and r.not_checked for r in RULES)
    assert BY_YEAR[2019].categories == ()  # the source gives no checkable limit
    assert [c.name for c in BY_YEAR[2021].categories] == ["small", "large"]
    assert BY_YEAR[2021].life_events


@pytest.mark.parametrize(("cost", "grant", "years", "grant_years", "failed"), [
    (10, 5, 1, 1, ()), (9.99, 4, 1, 1, ("total-below-10",)),
    (100, 50, 4, 3, ()), (100.01, 50, 1, 1, ("total-above-100",)),
    (20, 10.01, 1, 1, ("scheme-above-50",)), (20, 10, 1, 4, ("grant-years-above-3",)),
    (20, 10, 5, 3, ("project-years-above-4",)),
])
def test_the_2023_limits_just_inside_and_outside(cost: float, grant: float, years: int,
                                                 grant_years: int,
                                                 failed: tuple[str, ...]) -> None:
    found = _measure(cost, grant, years, grant_years, start=2024)
    assert found.rules_year == 2023 and found.rules_reason == "start-year"
    assert found.failed_rules == failed


@pytest.mark.parametrize(("cost", "grant", "eligible", "failed"), [
    (5, 2.5, True, ()),                     # small: 5 MNOK at 50 %
    (30, 15, True, ()),                     # small: the grant at its 15 MNOK ceiling
    (40, 20, True, ()),                     # small fails (grant 20 > 15), large fits
    (100, 85, True, ()),                    # large: 100 MNOK at 85 %
    (4, 3.4, True, ()),                     # large has no lower limit
    (100.01, 10, False, ("total-above-100",)),
    (60, 51.6, False, ("scheme-above-85",)),  # large fails fewest: its rule is named
])
def test_the_2021_categories_a_measure_fits_either(cost: float, grant: float, eligible: bool,
                                                   failed: tuple[str, ...]) -> None:
    found = _measure(cost, grant, start=2022)
    assert found.rules_year == 2021 and found.eligible is eligible
    assert found.failed_rules == failed


def test_2019_checks_nothing_the_workbook_holds() -> None:
    found = _measure(500, 499, years=8, grant_years=8, start=2019)
    assert found.rules_year == 2019 and found.eligible and found.rules == ()


def test_which_year_column_then_start_then_newest_then_oldest() -> None:
    assert _measure(20, 10, start=2022, applied=2024).rules_reason == "column"
    assert _measure(20, 10, start=2022, applied=2024).rules_year == 2023
    assert pick(RULES, None, None) == (BY_YEAR[2023], "default")
    assert pick(RULES, None, 2020) == (BY_YEAR[2019], "start-year")
    assert pick(RULES, 2015, 2024) == (BY_YEAR[2019], "before-first")
    assert pick(RULES, 2022, 2024) == (BY_YEAR[2021], "column")


def _wider(rule_set: RuleSet) -> bool:
    """Whether every category-free or some category of the table contains the 2023 box."""
    if not rule_set.categories:
        return True
    return any(dict(c.limits).get("min_total", 0) <= 10 and
               dict(c.limits).get("max_total", 1e9) >= 100 and
               dict(c.limits).get("max_share", 1) >= 0.5 and "max_grant" not in dict(c.limits)
               for c in rule_set.categories)


@settings(max_examples=150, deadline=None)
@given(cost=st.floats(10, 100), share=st.floats(0, 0.5), years=st.integers(1, 4),
       grant_years=st.integers(1, 3))
def test_inside_the_2023_limits_stays_eligible_under_wider_rules(
        cost: float, share: float, years: int, grant_years: int) -> None:
    grant_years = min(grant_years, years)
    assert _measure(cost, cost * share, years, grant_years).eligible  # 2023's own
    for rule_set in RULES:
        if _wider(rule_set):
            year = rule_set.year
            found = _measure(cost, cost * share, years, grant_years, start=year)
            assert found.rules_year == year and found.eligible


def test_a_bad_rules_file_names_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "medfinansiering.toml"
    bad.write_text('[[rules]]\nyear = 2023\nsource = "x"\ncategories = '
                   '[{name = "a", max_share = "half"}]\n', encoding="utf-8")
    with pytest.raises(BadRules, match=r"medfinansiering\.toml.*categories\[0\]\.max_share"):
        load_rules(bad)
    bad.write_text('[[rules]]\nyear = 2023\nsource = "x"\nlimit = 3\n', encoding="utf-8")
    with pytest.raises(BadRules, match=r"rules\[0\]\.limit"):
        load_rules(bad)
    bad.write_text("rules = 3\n", encoding="utf-8")
    with pytest.raises(BadRules, match="rules"):
        load_rules(bad)
    with pytest.raises(BadRules, match="does not exist"):
        load_rules(tmp_path / "none.toml")


def _with_column(year: object) -> list[list[Any]]:
    rows = [[*FUNDING[0], "Søknadsår"]]
    rows += [[*row, year if row[2] == "Medfinansiering" else None] for row in FUNDING[1:]]
    return rows


def _ods(path: Path, book: dict[str, list[list[Any]]]) -> Path:
    """A minimal .ods (strings and numbers) of ``book``."""
    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")
    tables = "".join(
        f'<table:table table:name="{escape(name)}">' + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows) + "</table:table>" for name, rows in book.items())
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f"{tables}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_the_application_year_column_is_read(tmp_path: Path, suffix: str) -> None:
    book = sheets(Finansiering=_with_column(2024))
    path = (sample(tmp_path, Finansiering=book["Finansiering"]) if suffix == "xlsx"
            else _ods(tmp_path / "finansiering-test.ods", book))
    catalogue = load_catalogue(path)
    assert {f.applied_year for f in catalogue.funding} == {2024, None}
    found = analyse_funding(catalogue, RoadmapSettings(start_year=2022, end_year=2025), None)
    by_id = {e.id: e for e in found.eligibility}
    assert (by_id["T1"].rules_year, by_id["T1"].rules_reason) == (2023, "column")
    assert (by_id["T2"].rules_year, by_id["T2"].rules_reason) == (2023, "start-year")


def test_a_year_before_the_first_rules_warns(tmp_path: Path) -> None:
    path = sample(tmp_path, Finansiering=_with_column(2015))
    found = analyse_funding(load_catalogue(path),
                            RoadmapSettings(start_year=2022, end_year=2025), None)
    t1 = {e.id: e for e in found.eligibility}["T1"]
    assert (t1.rules_year, t1.rules_reason) == (2019, "before-first")
    warning = [p for p in found.problems if p.code == "rules-before-first"]
    assert [(p.value, p.params["year"], p.params["first"]) for p in warning] == [
        ("T1", 2015, 2019)]


def test_the_json_and_the_workbook_name_the_rules_year(tmp_path: Path) -> None:
    path = sample(tmp_path, Finansiering=_with_column(2021))
    result = CliRunner().invoke(cli, ["funding", str(path), "--json"])
    assert result.exit_code == 0, result.output
    found = {e["id"]: e for e in json.loads(result.stdout)["eligibility"]}
    assert (found["T1"]["rules_year"], found["T1"]["rules_reason"]) == (2021, "column")
    assert found["T2"]["rules_year"] == 2023
    out = tmp_path / "f.xlsx"
    result = CliRunner().invoke(cli, ["funding", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Medfinansiering"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Regler fra år")
    assert {r[0]: r[column] for r in rows[1:]} == {"T1": 2021, "T2": 2023}
