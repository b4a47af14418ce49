"""The agreement's sheets in the priority workbook: every grade, the spread, the levels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from okosys_plan.assess.model import Agreement, Level
from okosys_plan.assess.tables import (
    LEVEL_COLOURS,
    agreement_tables,
    sheet_names,
)
from okosys_plan.catalogue.model import Catalogue
from okosys_plan.charts.palette import contrast_ratio
from okosys_plan.prioritise.scoring import PriorityClass, Ranking
from okosys_plan.prioritise.workbook import CLASS_COLOURS, write_priority_workbook
from okosys_plan.prioritise.workbook import sheet_names as priority_sheets
from tests.assess.agreement_sample import bundled, sample_agreement

LEVELS = {"nb": {"Høy": Level.HIGH, "Middels": Level.MEDIUM, "Lav": Level.LOW},
          "en": {"High": Level.HIGH, "Medium": Level.MEDIUM, "Low": Level.LOW}}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled()


@pytest.fixture(scope="module")
def sample(catalogue: Catalogue) -> tuple[Agreement, Ranking]:
    return sample_agreement(catalogue, members=5)


def written(path: Path, catalogue: Catalogue, agreement: Agreement, ranking: Ranking,
            lang: str = "nb") -> openpyxl.Workbook:
    write_priority_workbook(path, ranking, catalogue, lang=lang,
                            extra=agreement_tables(agreement, ranking, lang))
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue,
         sample: tuple[Agreement, Ranking]) -> openpyxl.Workbook:
    agreement, ranking = sample
    return written(tmp_path_factory.mktemp("vurdering") / "prioritert.xlsx", catalogue,
                   agreement, ranking)


def rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def test_the_sheets_follow_the_workbooks_own(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [*priority_sheets("nb"), "Vurderinger", "Enighet", "Diskusjon",
                               "Avvik"]
    assert sheet_names("en") == ("Assessments", "Agreement", "Discussion", "Outliers")


def test_one_row_per_need_criterion_and_member(book: openpyxl.Workbook,
                                               sample: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = sample
    found = rows(book["Vurderinger"])
    assert found[0] == ("ID", "Tittel", "Kriterium", "Vurderer", "Virksomhet", "Poeng",
                        "Kommentar til behovet")
    assert len(found) - 1 == len(agreement.cells) * len(agreement.criteria) * 5 == 49 * 8 * 5
    top = ranking.needs[0]
    first = found[1:1 + 5]  # rank 1's first criterion, every member in order
    cell = agreement.cells[top.id][agreement.criteria[0]]
    assert [r[0] for r in first] == [top.id] * 5
    assert [r[2] for r in first] == [agreement.criteria[0]] * 5
    assert [r[3] for r in first] == [a.name for a in agreement.assessors]
    assert [r[4] for r in first] == [a.agency for a in agreement.assessors]
    assert tuple(r[5] for r in first) == cell.grades
    # every grade of the sheet is the grade in the agreement, ungraded ones empty
    index = {a.name: i for i, a in enumerate(agreement.assessors)}
    for need, _, criterion, member, _, grade, _ in found[1:]:
        assert agreement.cells[str(need)][str(criterion)].grades[index[str(member)]] == grade
    assert any(r[5] is None for r in found[1:])


def test_each_members_comment_is_on_their_rows(book: openpyxl.Workbook,
                                               sample: tuple[Agreement, Ranking]) -> None:
    agreement, _ = sample
    said = {(need, who): text for need, pairs in agreement.comments.items()
            for who, text in pairs}
    found = rows(book["Vurderinger"])[1:]
    for need, _, _, member, _, _, comment in found:
        assert comment == said.get((need, member))
    assert sum(1 for r in found if r[6]) == len(said) * 8


def test_enighet_holds_the_spread_and_the_level_as_coloured_text(
        book: openpyxl.Workbook, sample: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = sample
    sheet = book["Enighet"]
    found = rows(sheet)
    assert found[0] == ("ID", "Tittel", "Kriterium", "Vurderere som ga poeng",
                        "Samlet (median)", "Laveste poeng", "Høyeste poeng", "Kvartilbredde",
                        "Enighet", "Kommentarer")
    assert len(found) - 1 == 49 * 8
    assert [r[0] for r in found[1::8]] == [s.id for s in ranking.needs]
    seen = set()
    for number, row in enumerate(found[1:], start=2):
        cell = agreement.cells[str(row[0])][str(row[2])]
        assert row[3:8] == (cell.count, cell.aggregate, cell.low, cell.high, cell.iqr)
        assert LEVELS["nb"].get(str(row[8])) is cell.level
        fill, text = LEVEL_COLOURS[cell.level] if cell.level else (None, None)
        level_cell = sheet.cell(number, 9)
        if fill is not None:
            assert level_cell.fill.fgColor.rgb[-6:] == fill
            assert level_cell.font.color.rgb[-6:] == text
        seen.add(cell.level)
    assert seen >= {Level.HIGH, Level.MEDIUM, Level.LOW}
    commented = next(r for r in found[1:] if r[0] in agreement.comments)
    assert str(commented[9]).startswith(f"{agreement.assessors[0].name}: ")


def test_the_priority_classes_keep_their_own_colours(book: openpyxl.Workbook) -> None:
    """'Lav' is a priority class and a level: each sheet colours it its own way."""
    sheet = book["Prioritert"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("Prioritet") + 1
    low = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, column).value == "Lav")
    assert sheet.cell(low, column).fill.fgColor.rgb[-6:] == CLASS_COLOURS[PriorityClass.LOW][0]
    assert LEVEL_COLOURS[Level.LOW][0] != CLASS_COLOURS[PriorityClass.LOW][0]


def test_discussion_and_outliers(book: openpyxl.Workbook,
                                 sample: tuple[Agreement, Ranking]) -> None:
    agreement, _ = sample
    found = rows(book["Diskusjon"])
    assert found[0][:4] == ("Rang", "ID", "Tittel", "Hva kan endres")
    assert len(found) - 1 == len(agreement.discussion) == 6
    for row, item in zip(found[1:], agreement.discussion, strict=True):
        assert row[:3] == (item.rank, item.need, item.title)
        assert row[4:7] == (item.low_score, item.score, item.high_score)
        assert row[7] == ", ".join(item.criteria)
    assert found[1][3] == "Inn i eller ut av topp K, Prioritetsklasse"
    outliers = rows(book["Avvik"])
    assert outliers[1] == ("Ola Hansen", "Skatteetaten", 9, 40, 1.6)


def test_english_sheets_say_their_levels_in_english(
        tmp_path: Path, catalogue: Catalogue, sample: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = sample
    book = written(tmp_path / "en.xlsx", catalogue, agreement, ranking, "en")
    assert book.sheetnames[-4:] == ["Assessments", "Agreement", "Discussion", "Outliers"]
    levels = {r[8] for r in rows(book["Agreement"])[1:]}
    assert levels <= {"High", "Medium", "Low", None} and "Low" in levels
    assert rows(book["Agreement"])[0][4] == "Aggregate (median)"


def test_a_comment_like_a_formula_stays_text(tmp_path: Path, catalogue: Catalogue,
                                             sample: tuple[Agreement, Ranking]) -> None:
    agreement, ranking = sample
    need = ranking.needs[0].id
    tricky = replace(agreement, comments={need: (("Kari Nordmann", "=SUM(A1:A9)"),)})
    book = written(tmp_path / "f.xlsx", catalogue, tricky, ranking)
    sheet = book["Vurderinger"]
    cell = sheet.cell(2, 7)
    assert cell.value == "=SUM(A1:A9)" and cell.data_type == "s"


def test_level_colours_meet_contrast() -> None:
    for fill, text in LEVEL_COLOURS.values():
        assert contrast_ratio(f"#{fill}", f"#{text}") >= 4.5
