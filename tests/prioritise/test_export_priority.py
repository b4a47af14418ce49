"""The priority workbook: content equal to the ranking, the user's columns kept, styled, safe."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import THEME
from openpyxl.worksheet.worksheet import Worksheet

from okosys_plan import load_catalogue
from okosys_plan.catalogue.model import Catalogue, Direction
from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.export.sheets import write_sheets
from okosys_plan.export.tables import MAX_WIDTH, Table, fitted_widths
from okosys_plan.prioritise.scoring import Method, Ranking, score_needs
from okosys_plan.prioritise.sensitivity import Sensitivity, sensitivity
from okosys_plan.prioritise.workbook import (
    CLASS_COLOURS,
    priority_tables,
    sheet_names,
    write_priority_workbook,
)
from okosys_plan.text.rounding import shown_score

NEED_HEADERS = ["ID", "Tittel", "Tema", "Lovkrav", "Investering (MNOK)",
                "Netto nåverdi (MNOK)", "Nytte", "Kost", "Risiko", "Avhengigheter",
                "Dato meldt inn", "Egen merknad"]
NEEDS = [
    ["B01", "Felles innlogging", THEME, "Ja", 10, 30, 4, 3, 4, None, None, "lovpålagt"],
    ["B02", "=SUM(A1)", THEME, "Nei", 20, 100, 3, 1, 9, "B05", None, "-minus først"],
    ["B03", "Digital fullmakt", THEME, "Nei", 5, None, 4, 2, None, None, None, None],
    ["B04", "Varsling", THEME, "Nei", 0, 5, 1, 5, 2, None, datetime(2024, 3, 1), "@kanal"],
    ["B05", "Grunndata", THEME, "Nei", 8, 16, 2, 3, 1, None, None, "+47 22 00 00 00"],
    ["B06", "Uten poeng", THEME, "Nei", None, None, None, None, None, None, None, "tom"],
]
CRITERIA = [["Kriterium", "Vekt", "Retning", "Skala min", "Skala maks", "Beskrivelse"],
            ["Nytte", 3, "Nytte", 1, 5, "Gevinst for innbyggere"],
            ["Kost", 1, "Kostnad", 1, 5, None],
            ["Risiko", 2, "Nytte", 0, 10, "=lav risiko gir høy score"]]
OURS_NB = ["Rang", "ID", "Tittel", "Tema", "Poengsum", "Prioritet", "Lovkrav", "Ufullstendig",
           "Mangler poeng for", "Effektiv prioritet", "Effektiv rang", "Løftet av"]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The test catalogue: three criteria (one a cost), Lovkrav, gaps, an unknown column."""
    path = tmp_path_factory.mktemp("input") / "katalog.xlsx"
    # Written as a user's text cells ("=SUM(A1)" is a title, not a formula).
    write_sheets(path, [("Behov", NEED_HEADERS, NEEDS),
                        ("Kriterier", CRITERIA[0], CRITERIA[1:])])
    return load_catalogue(path)


@pytest.fixture(scope="module")
def ranking(catalogue: Catalogue) -> Ranking:
    """The weighted ranking of the test catalogue."""
    return score_needs(catalogue.needs, catalogue.scored_criteria)


@pytest.fixture(scope="module")
def stable(ranking: Ranking) -> Sensitivity:
    """A seeded sensitivity run on the ranking."""
    return sensitivity(ranking, 200, seed=1, top_k=2)


def write(path: Path, ranking: Ranking, catalogue: Catalogue,
          run: Sensitivity | None = None, **options: Any) -> openpyxl.Workbook:
    """Write the priority workbook and open it again."""
    write_priority_workbook(path, ranking, catalogue, run, **options)
    return openpyxl.load_workbook(path)


def rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    """The data rows below the header, as values."""
    return list(sheet.iter_rows(min_row=2, values_only=True))


def header(sheet: Worksheet) -> list[Any]:
    """The header row's values."""
    return [c.value for c in sheet[1]]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two RGB hex colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[-6:][i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- content -----------------------------------------------------------------------------


def test_the_test_catalogue_has_what_the_tests_rely_on(ranking: Ranking) -> None:
    by_id = {s.id: s for s in ranking.needs}
    assert ranking.needs[0].id == "B01" and by_id["B01"].legal_requirement
    assert by_id["B03"].missing == ("Risiko",) and by_id["B06"].score is None
    assert by_id["B05"].effective_from == "B02"
    assert [c.direction for c in ranking.criteria] == [Direction.BENEFIT, Direction.COST,
                                                       Direction.BENEFIT]


def test_sheets_and_headers_in_bokmal(tmp_path: Path, ranking: Ranking,
                                      catalogue: Catalogue, stable: Sensitivity) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue, stable)
    assert book.sheetnames == ["Prioritert", "Poengfordeling", "Kriterier", "Innstillinger",
                               "Følsomhet", "Vektendring"]
    assert book.sheetnames == list(sheet_names(sensitivity=True))
    assert header(book["Prioritert"]) == OURS_NB + NEED_HEADERS
    assert header(book["Poengfordeling"]) == ["Rang", "ID", "Tittel", "Nytte", "Kost",
                                              "Risiko", "Sum"]
    assert header(book["Kriterier"]) == ["Kriterium", "Vekt", "Retning", "Skala min",
                                         "Skala maks", "Beskrivelse"]
    assert header(book["Følsomhet"]) == ["Rang", "ID", "Tittel", "Median rang", "Rang 5 %",
                                         "Rang 95 %", "Sannsynlighet topp 2", "Usikker"]
    assert header(book["Vektendring"]) == ["Kriterium", "Faktor", "Kommer inn", "Faller ut"]


def test_without_sensitivity_there_are_no_sensitivity_sheets(tmp_path: Path, ranking: Ranking,
                                                             catalogue: Catalogue) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue)
    assert book.sheetnames == ["Prioritert", "Poengfordeling", "Kriterier", "Innstillinger"]
    assert [r[0] for r in rows(book["Innstillinger"])] == [
        "Kilde", "Metode", "Terskel Høy", "Terskel Middels"]


def test_priority_rows_follow_the_ranking_with_numbers_as_numbers(
        tmp_path: Path, ranking: Ranking, catalogue: Catalogue) -> None:
    sheet = write(tmp_path / "p.xlsx", ranking, catalogue)["Prioritert"]
    found = rows(sheet)
    assert [(r[0], r[1]) for r in found] == [(s.rank, s.id) for s in ranking.needs]
    for number, scored in enumerate(ranking.needs, start=2):
        score = sheet.cell(number, 5)
        if scored.score is None:
            assert score.value is None and sheet.cell(number, 6).value is None
            continue
        assert score.data_type == "n" and score.number_format == "0.0"
        assert math.isclose(score.value, scored.score, abs_tol=1e-9)
        assert sheet.cell(number, 6).value == scored.priority
        assert sheet.cell(number, 11).data_type == "n"
    by_id = {r[1]: r for r in found}
    assert by_id["B01"][6] == "Ja" and by_id["B02"][6] == "Nei"
    assert by_id["B03"][7:9] == ("Ja", "Risiko") and by_id["B01"][7:9] == ("Nei", None)
    assert by_id["B05"][11] == "B02" and by_id["B05"][9] == by_id["B02"][5]
    assert by_id["B05"][10] == by_id["B02"][0]


def test_every_original_column_is_kept_as_the_user_wrote_it(
        tmp_path: Path, ranking: Ranking, catalogue: Catalogue) -> None:
    sheet = write(tmp_path / "p.xlsx", ranking, catalogue)["Prioritert"]
    typed = {row[0]: row for row in NEEDS}
    first = len(OURS_NB)
    for row in rows(sheet):
        assert list(row[first:]) == typed[row[1]]  # date, scores, unknown column included
    b04 = next(n for n, r in enumerate(rows(sheet), start=2) if r[1] == "B04")
    assert sheet.cell(b04, first + 1 + NEED_HEADERS.index("Dato meldt inn")).is_date


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, ranking: Ranking,
                                                   catalogue: Catalogue) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue)
    texts = {"=SUM(A1)", "-minus først", "@kanal", "+47 22 00 00 00",
             "=lav risiko gir høy score"}
    cells = [c for name in ("Prioritert", "Poengfordeling", "Kriterier")
             for row in book[name].iter_rows() for c in row if c.value in texts]
    assert {c.value for c in cells} == texts
    assert all(c.data_type == "s" for c in cells)
    assert len([c for c in cells if c.value == "=SUM(A1)"]) == 3  # ours, user's, points


def test_points_add_up_to_the_score(tmp_path: Path, ranking: Ranking,
                                    catalogue: Catalogue) -> None:
    sheet = write(tmp_path / "p.xlsx", ranking, catalogue)["Poengfordeling"]
    found = rows(sheet)
    assert [r[1] for r in found] == [s.id for s in ranking.needs]
    for row, scored in zip(found, ranking.needs, strict=True):
        points = row[3:6]
        expected = [scored.contributions.get(c.name) for c in ranking.criteria]
        assert [p is None for p in points] == [e is None for e in expected]
        assert all(math.isclose(p, e, abs_tol=1e-9) for p, e in zip(points, expected, strict=True)
                   if p is not None and e is not None)
        if scored.score is None:
            assert row[6] is None and points == (None, None, None)
        else:
            assert math.isclose(math.fsum(p for p in points if p is not None), row[6],
                                abs_tol=1e-9)
            assert scored.exact_score is not None
            assert math.isclose(row[6], scored.exact_score, abs_tol=1e-9)
            assert shown_score(row[6]) == scored.score  # the one rounding rule
    b03 = next(r for r in found if r[1] == "B03")
    assert b03[5] is None and b03[3] is not None  # Risiko not scored: blank, not 0


def test_criteria_sheet_reads_back_to_the_weights_used(tmp_path: Path, ranking: Ranking,
                                                       catalogue: Catalogue) -> None:
    out = tmp_path / "p.xlsx"
    write_priority_workbook(out, ranking, catalogue)
    back = load_catalogue(out)
    assert back.criteria_from_workbook
    assert "weights-normalised" not in [p.code for p in back.problems]
    assert [(c.name, c.direction, c.scale_min, c.scale_max, c.description)
            for c in back.criteria] == [
        (c.name, c.direction, c.scale_min, c.scale_max, c.description)
        for c in ranking.criteria]
    for read, used in zip(back.criteria, ranking.criteria, strict=True):
        assert math.isclose(read.weight, used.weight, abs_tol=1e-12)
    assert math.isclose(ranking.criteria[0].weight, 0.5)  # 3 of 3 + 1 + 2


def test_settings_name_the_method_thresholds_and_the_draws(
        tmp_path: Path, ranking: Ranking, catalogue: Catalogue, stable: Sensitivity) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue, stable)
    settings = dict(rows(book["Innstillinger"]))
    assert settings == {"Kilde": "katalog.xlsx", "Metode": "weighted", "Terskel Høy": 70,
                        "Terskel Middels": 40, "Trekninger": 200, "Frø": 1,
                        "Konsentrasjon": stable.concentration, "K (topp K)": 2}


def test_sensitivity_sheets_hold_the_run(tmp_path: Path, ranking: Ranking,
                                         catalogue: Catalogue, stable: Sensitivity) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue, stable)
    sheet = book["Følsomhet"]
    for number, scored in enumerate(ranking.needs, start=2):
        values = [c.value for c in sheet[number]]
        found = stable.stability[scored.id]
        assert values == [scored.rank, scored.id, scored.title, found.median_rank,
                          found.rank_p05, found.rank_p95, found.p_top_k,
                          "Ja" if found.uncertain else "Nei"]
        assert sheet.cell(number, 7).number_format == "0 %"
    changes = rows(book["Vektendring"])
    assert changes, "the test catalogue should have a weight change that moves the top 2"
    assert changes == [(c.criterion, c.factor, ", ".join(c.entered) or None,
                        ", ".join(c.left) or None) for c in stable.changes]
    assert book["Vektendring"]["B2"].number_format == '0.0"×"'


def test_nnv_adds_the_ratio_and_why_it_is_missing(catalogue: Catalogue) -> None:
    ranking = score_needs(catalogue.needs, catalogue.scored_criteria, Method.NNV)
    table = priority_tables(ranking, catalogue)[0]
    assert table.headers[:14] == (*OURS_NB, "NNV per krone", "Merknad")
    by_id = {row[1]: row for row in table.rows}
    assert by_id["B02"][12] == 5.0 and by_id["B02"][13] is None
    assert by_id["B03"][12:14] == (None, "Mangler netto nåverdi")
    assert by_id["B04"][13] == "Investering er 0"
    assert by_id["B06"][13] == "Mangler netto nåverdi"
    english = priority_tables(ranking, catalogue, lang="en")[0]
    assert {row[1]: row for row in english.rows}["B04"][13] == "Investment is 0"


def test_english_sheet_names_headers_and_words(tmp_path: Path, ranking: Ranking,
                                               catalogue: Catalogue,
                                               stable: Sensitivity) -> None:
    out = tmp_path / "p.xlsx"
    book = write(out, ranking, catalogue, stable, lang="en")
    assert book.sheetnames == ["Prioritised", "Points", "Criteria", "Settings", "Sensitivity",
                               "Weight changes"]
    assert header(book["Prioritised"])[:12] == [
        "Rank", "ID", "Title", "Theme", "Score", "Priority", "Legal requirement", "Incomplete",
        "Missing scores for", "Effective priority", "Effective rank", "Lifted by"]
    assert header(book["Prioritised"])[12:] == NEED_HEADERS  # the user's own stay as written
    assert header(book["Criteria"]) == ["Criterion", "Weight", "Direction", "Scale min",
                                        "Scale max", "Description"]
    assert [r[2] for r in rows(book["Criteria"])] == ["Benefit", "Cost", "Benefit"]
    assert rows(book["Prioritised"])[0][5:8] == (
        {"Høy": "High", "Middels": "Medium", "Lav": "Low"}[ranking.needs[0].priority or ""],
        "Yes", "No")
    assert load_catalogue(out).criteria_from_workbook  # "Criteria" reads back too


# --- styling -------------------------------------------------------------------------------


def test_headers_panes_filters_and_widths(tmp_path: Path, ranking: Ranking,
                                          catalogue: Catalogue, stable: Sensitivity) -> None:
    book = write(tmp_path / "p.xlsx", ranking, catalogue, stable)
    for sheet in book.worksheets:
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        for cell in sheet[1]:
            assert cell.font.bold
            assert contrast(cell.fill.fgColor.rgb, cell.font.color.rgb) >= 4.5
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= w <= MAX_WIDTH for w in widths)
    priority = book["Prioritert"]
    assert priority.freeze_panes == "C2" and book["Kriterier"].freeze_panes == "A2"
    width = {c.value: priority.column_dimensions[c.column_letter].width for c in priority[1]}
    assert width["Tittel"] > width["Rang"]
    ours, theirs = priority["L1"].fill.fgColor.rgb, priority["M1"].fill.fgColor.rgb
    assert ours != theirs  # the user's own columns are set apart


def test_widths_are_capped_for_long_text(tmp_path: Path, catalogue: Catalogue,
                                         ranking: Ranking) -> None:
    table = priority_tables(ranking, catalogue)[0]
    long = Table("X", ("Kort", "Lang"), (("a", "x" * 300),))
    assert fitted_widths(long) == [8.0, float(MAX_WIDTH)]
    assert max(fitted_widths(table)) <= MAX_WIDTH


def test_data_bar_and_class_colours(tmp_path: Path, ranking: Ranking,
                                    catalogue: Catalogue) -> None:
    sheet = write(tmp_path / "p.xlsx", ranking, catalogue)["Prioritert"]
    bars = [(str(cf.sqref), rule) for cf in sheet.conditional_formatting for rule in cf.rules
            if rule.type == "dataBar"]
    assert [ref for ref, _ in bars] == [f"E2:E{len(ranking.needs) + 1}"]
    assert [float(v.val) for v in bars[0][1].dataBar.cfvo] == [0.0, 100.0]
    colours = {cls.value: pair for cls, pair in CLASS_COLOURS.items()}
    seen = set()
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[5], row[9]):
            if cell.value is None:
                assert cell.fill.fill_type is None
                continue
            fill, text = colours[cell.value]
            assert cell.fill.fgColor.rgb[-6:] == fill and cell.font.color.rgb[-6:] == text
            assert contrast(fill, text) >= 4.5
            seen.add(cell.value)
    assert len(seen) >= 2  # the test catalogue spans several classes


# --- the file ------------------------------------------------------------------------------


def test_two_writes_give_identical_bytes(tmp_path: Path, ranking: Ranking,
                                         catalogue: Catalogue, stable: Sensitivity) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_priority_workbook(first, ranking, catalogue, stable)
    write_priority_workbook(second, ranking, catalogue, stable)
    assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_an_existing_file_is_refused_without_force(tmp_path: Path, ranking: Ranking,
                                                   catalogue: Catalogue) -> None:
    out = tmp_path / "p.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(OutputExists):
        write_priority_workbook(out, ranking, catalogue)
    assert out.read_bytes() == b"old"
    write_priority_workbook(out, ranking, catalogue, force=True)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Prioritert"


def test_the_input_is_never_the_output(tmp_path: Path, ranking: Ranking,
                                       catalogue: Catalogue) -> None:
    source = tmp_path / "katalog.xlsx"
    source.write_bytes(b"input")
    with pytest.raises(UsageError):
        write_priority_workbook(source, ranking, catalogue, force=True, inputs=(source,))
    assert source.read_bytes() == b"input"


def test_a_catalogue_without_tables_still_writes_our_columns(ranking: Ranking,
                                                             catalogue: Catalogue) -> None:
    bare = Catalogue(catalogue.source, catalogue.needs, catalogue.criteria)
    table = priority_tables(ranking, bare)[0]
    assert table.headers == tuple(OURS_NB)
    assert all(len(row) == len(OURS_NB) for row in table.rows)
