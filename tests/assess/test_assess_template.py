"""The assessment template (issue 15, §1): one AU member's workbook, read back with
openpyxl (validations, protection) and calamine (texts as Excel shows them)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.assess import layout
from okosys_plan.assess.template import (
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    input_message,
    write_assessment_template,
)
from okosys_plan.catalogue import domain
from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.catalogue.model import Catalogue, Criterion, Direction, Need, Origin
from okosys_plan.cli.main import cli
from okosys_plan.errors import UsageError
from okosys_plan.export.files import xml_text
from okosys_plan.export.xlsx_values import within_cell_limit

BUNDLED = Path(__file__).resolve().parents[2] / "catalogue" / "behovskatalog.xlsx"
HEADER = layout.TABLE_HEADER_ROW


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return load_catalogue(BUNDLED)


def _write(tmp_path: Path, catalogue: Catalogue, **kw: Any) -> tuple[Path, tuple[Need, ...]]:
    path = tmp_path / kw.pop("name", "v.xlsx")
    needs = write_assessment_template(path, catalogue, kw.pop("assessor", "Kari Nordmann"),
                                      kw.pop("agency", "NAV"), **kw)
    return path, needs


def _validations(sheet: Any) -> dict[str, Any]:
    """Column letter -> its data validation (one per column)."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            letter = cells.coord.split(":")[0].rstrip("0123456789")
            assert letter not in found
            found[letter] = validation
    return found


def test_the_header_block_and_the_table_header(tmp_path: Path, bundled: Catalogue) -> None:
    path, needs = _write(tmp_path, bundled)
    sheet = openpyxl.load_workbook(path)[layout.SHEET]
    assert [sheet.cell(r, 1).value for r in (1, 2, 3)] == list(layout.HEADER_LABELS)
    assert [sheet.cell(r, 2).value for r in (1, 2, 3)] == ["Kari Nordmann", "NAV", None]
    assert sheet.cell(4, 1).value is None
    criteria = [c.name for c in bundled.scored_criteria]
    assert len(criteria) == 8
    header = [c.value for c in sheet[HEADER]]
    assert header == [*layout.FIXED_COLUMNS, *criteria, layout.COMMENT]
    assert len(needs) == len(bundled.needs) == sheet.max_row - HEADER
    first = bundled.needs[0]
    assert [c.value for c in sheet[HEADER + 1]][:4] == [first.id, first.title, first.theme,
                                                        first.description]
    assert openpyxl.load_workbook(path).sheetnames == [layout.SHEET, layout.RUBRIC_SHEET,
                                                       layout.GUIDE_SHEET]


def test_only_the_grades_comments_and_block_values_are_unlocked(
        tmp_path: Path, bundled: Catalogue) -> None:
    path, _ = _write(tmp_path, bundled)
    sheet = openpyxl.load_workbook(path)[layout.SHEET]
    assert sheet.protection.sheet
    width = len(layout.FIXED_COLUMNS) + 8 + 1
    for row in range(HEADER + 1, sheet.max_row + 1):
        locked = [sheet.cell(row, col).protection.locked for col in range(1, width + 1)]
        assert locked == [True] * 4 + [False] * 9, row
    assert [c.protection.locked for c in sheet[HEADER]] == [True] * width
    assert [sheet.cell(r, 1).protection.locked for r in (1, 2, 3)] == [True] * 3
    assert [sheet.cell(r, 2).protection.locked for r in (1, 2, 3)] == [False] * 3
    assert sheet["B3"].number_format == "DD.MM.YYYY"


def test_every_criterion_has_a_drop_down_of_its_scale_with_its_rubric(
        tmp_path: Path, bundled: Catalogue) -> None:
    path, needs = _write(tmp_path, bundled)
    sheet = openpyxl.load_workbook(path)[layout.SHEET]
    validations = _validations(sheet)
    letters = [c.column_letter for c in sheet[HEADER]][4:-1]
    assert sorted(validations) == sorted(letters)
    cut = 0
    for letter, criterion in zip(letters, bundled.scored_criteria, strict=True):
        validation = validations[letter]
        assert validation.type == "list" and validation.formula1 == '"1,2,3,4,5"'
        assert str(validation.sqref) == f"{letter}{HEADER + 1}:{letter}{HEADER + len(needs)}"
        assert validation.promptTitle == criterion.name and len(validation.promptTitle) <= 32
        assert len(validation.prompt) <= MESSAGE_LIMIT
        assert validation.errorStyle in (None, "stop") and validation.showErrorMessage
        # every score keeps its beginning in view, in order; a cut says where the rest is
        lines = validation.prompt.splitlines()
        whole = "\n".join(f"{s}: {t}" for s, t in criterion.rubric)
        if lines[-1] == "(hele teksten står i arket Rubrikk)":
            lines = lines[:-1]
            cut += 1
        else:
            assert validation.prompt.endswith(whole)
        if criterion.direction is Direction.COST:
            assert lines.pop(0) == "kostnad: høyere er verre"
        assert [line.split(":")[0] for line in lines] == [str(s) for s in range(1, 6)]
    assert cut > 0  # the defaults' rubric is longer than a message holds


def test_the_rubric_sheet_holds_every_criterion_and_score_in_full(
        tmp_path: Path, bundled: Catalogue) -> None:
    path, _ = _write(tmp_path, bundled)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        layout.RUBRIC_SHEET).to_python()
    assert tuple(rows[0]) == layout.RUBRIC_HEADERS
    expected = [[c.name, c.weight, "Kostnad" if c.direction is Direction.COST else "Nytte",
                 c.scale_min, c.scale_max, c.description, score, text]
                for c in bundled.scored_criteria for score, text in c.rubric]
    assert len(expected) == 40
    assert [[r[0], r[1], r[2], int(r[3]), int(r[4]), r[5], int(r[6]), r[7]] for r in rows[1:]] \
        == expected


def test_the_default_criteria_have_a_rubric_for_every_score() -> None:
    for criterion in domain.DEFAULT_CRITERIA:
        assert [s for s, _ in criterion.rubric] == [1, 2, 3, 4, 5], criterion.name
        assert all(len(text) > 10 for _, text in criterion.rubric)
    doc = (Path(__file__).resolve().parents[2] / "docs" / "rubric.md").read_text("utf-8")
    for criterion in domain.DEFAULT_CRITERIA:
        assert f"## {criterion.name}" in doc
        assert all(f"| {score} | {text} |" in doc for score, text in criterion.rubric)


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path, bundled: Catalogue) -> None:
    first, _ = _write(tmp_path, bundled, name="a.xlsx")
    second, _ = _write(tmp_path, bundled, name="b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    other, _ = _write(tmp_path, bundled, name="c.xlsx", assessor="Ola")
    assert other.read_bytes() != first.read_bytes()


def test_a_subset_by_ids_and_by_theme(tmp_path: Path, bundled: Catalogue) -> None:
    path, needs = _write(tmp_path, bundled, needs=["b05", "B01"])
    assert [n.id for n in needs] == ["B01", "B05"]  # the catalogue's order
    sheet = openpyxl.load_workbook(path)[layout.SHEET]
    assert [sheet.cell(r, 1).value for r in range(HEADER + 1, sheet.max_row + 1)] == \
        ["B01", "B05"]
    theme = bundled.needs[0].theme
    assert theme is not None
    _, themed = _write(tmp_path, bundled, name="t.xlsx", theme=theme.upper())
    assert themed and {n.theme for n in themed} == {theme}
    assert len(themed) == sum(n.theme == theme for n in bundled.needs)
    _, both = _write(tmp_path, bundled, name="b.xlsx", theme=theme, needs=["B01", "B49"])
    assert [n.id for n in both] == [n.id for n in bundled.needs
                                    if n.id in ("B01", "B49") and n.theme == theme]


def test_an_unknown_id_or_theme_names_it_and_the_closest(tmp_path: Path,
                                                         bundled: Catalogue) -> None:
    with pytest.raises(UsageError, match=r"No need 'B1O'.*did you mean B10\?"):
        _write(tmp_path, bundled, needs=["B01", "B1O"])
    with pytest.raises(UsageError, match=r"No theme 'Digital identitet'.*did you mean "
                                         r"Digital identitet og tilgang"):
        _write(tmp_path, bundled, theme="Digital identitet")
    assert not (tmp_path / "v.xlsx").exists()


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_the_command_writes_the_workbook_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "kari.xlsx"
    result = _invoke("template", "--assessor", "Kari Nordmann", "--agency", "nav",
                     "--needs", "B01,B05", "--catalogue", str(BUNDLED), "-o", str(out),
                     "--json")
    assert result.exit_code == 0, result.output
    import json

    document = json.loads(result.output)
    assert document["needs"] == ["B01", "B05"] and document["agency"] == "NAV"
    assert document["assessor"] == "Kari Nordmann" and len(document["criteria"]) == 8
    sheet = openpyxl.load_workbook(out)[layout.SHEET]
    assert sheet["B1"].value == "Kari Nordmann" and sheet["B2"].value == "NAV"


@pytest.mark.parametrize(("args", "said"), [
    (("--needs", "B01,X99"), "Fant ikke behovet «X99» i behovskatalog.xlsx; mente du"),
    (("--theme", "Ukjent tema"), "Fant ikke temaet «Ukjent tema» i behovskatalog.xlsx; "
                                 "mente du"),
    (("--agency", "NAVV"), "Fant ikke virksomheten «NAVV» i behovskatalog.xlsx; mente du NAV?"),
    (("--assessor", " "), "--assessor trenger medlemmets navn"),
])
def test_a_bad_option_exits_2_with_one_line(tmp_path: Path, args: tuple[str, ...],
                                            said: str) -> None:
    out = tmp_path / "x.xlsx"
    result = _invoke("template", "--assessor", "Kari", *args, "-o", str(out))
    assert result.exit_code == 2
    assert said in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_without_assessor_the_template_is_the_empty_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "mal.xlsx"
    result = _invoke("template", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Behov" in openpyxl.load_workbook(out).sheetnames
    refused = _invoke("template", "--theme", "X", "-o", str(tmp_path / "y.xlsx"))
    assert refused.exit_code == 2 and "--theme krever --assessor" in refused.output


def _catalogue(criterion: Criterion) -> Catalogue:
    need = Need("B01", "Et behov", Origin("k.xlsx", "Behov", 2), theme="Tema",
                description="Beskrivelse")
    return Catalogue("k.xlsx", (need,), (criterion,))


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.text(max_size=600), min_size=1, max_size=7),
       name=st.text(min_size=1, max_size=60).filter(str.strip),
       cost=st.booleans())
def test_any_rubric_gives_a_valid_workbook_with_the_whole_text_in_rubrikk(
        texts: list[str], name: str, cost: bool) -> None:
    rubric = tuple((score, text) for score, text in enumerate(texts, start=1))
    criterion = Criterion(name, 1.0, Direction.COST if cost else Direction.BENEFIT, 1,
                          max(len(texts), 2), "Beskrivelse", rubric)
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "v.xlsx"
        write_assessment_template(path, _catalogue(criterion), "Kari", None)
        sheet = openpyxl.load_workbook(path)[layout.SHEET]
        (validation,) = sheet.data_validations.dataValidation
        units = len(validation.prompt.encode("utf-16-le", "surrogatepass")) // 2
        assert units <= MESSAGE_LIMIT
        assert len(validation.promptTitle) <= TITLE_LIMIT
        assert validation.prompt == input_message(criterion, "nb").replace("\r", "\n") or \
            "\r" in validation.prompt + input_message(criterion, "nb")
        rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
            layout.RUBRIC_SHEET).to_python()
        shown = [row[7] for row in rows[1:]]
        assert shown == [within_cell_limit(xml_text(t)) for t in texts], shown
    finally:
        shutil.rmtree(folder)


def test_a_rubric_of_any_length_is_cut_cleanly_in_the_message() -> None:
    rubric = tuple((s, "ord " * 2000) for s in range(1, 6))
    message = input_message(Criterion("K", 1.0, rubric=rubric), "en")
    assert len(message) <= MESSAGE_LIMIT
    lines = message.splitlines()
    assert [line[:2] for line in lines[:5]] == ["1:", "2:", "3:", "4:", "5:"]
    assert all(line.endswith("ord…") for line in lines[:5])
    assert lines[-1] == "(the whole text is on the Rubrikk sheet)"
    short = input_message(Criterion("K", 1.0, rubric=((1, "lav"), (5, "høy"))), "en")
    assert short == "1: lav\n5: høy"
    plain = input_message(Criterion("K", 1.0, scale_min=0, scale_max=3), "en")
    assert plain == "A whole number from 0 to 3."


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_drop_downs_the_messages_and_the_protection(
        tmp_path: Path, bundled: Catalogue) -> None:
    import re
    import subprocess
    import zipfile

    path, needs = _write(tmp_path, bundled, needs=["B01", "B02"])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "ods", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    content = zipfile.ZipFile(tmp_path / "v.ods").read("content.xml").decode("utf-8")
    lists = re.findall(r'table:condition="of:cell-content-is-in-list\(([^)]*)\)"', content)
    assert lists == ["&quot;1&quot;;&quot;2&quot;;&quot;3&quot;;&quot;4&quot;;&quot;5&quot;"] * 8
    titles = re.findall(r'<table:help-message table:title="([^"]*)"', content)
    assert titles == [c.name for c in bundled.scored_criteria]
    sheet = content[content.index('table:name="Vurdering"'):content.index('table:name="Rubrikk"')]
    assert 'table:protected="true"' in sheet[:300]
    assert sheet.count("table:content-validation-name") == 8 * len(needs)
