"""Read filled assessment workbooks: every problem with its cell, as for a catalogue.

The sheet is found by name (``layout.SHEET``, or any visible sheet whose header row has
ID and a criterion), the table by its header row wherever it is (a member may have
inserted rows), the header block by its labels in column A above the table. Grades are
read as the catalogue reads a score (a formula's error value, a stale cached value, a
number written as text with a decimal comma: the same rules and problems); a blank grade
is simply not given. What is particular to assessments:

- ``assessment-unknown-need`` (warning): a row whose ID the catalogue does not have; its
  grades are not used;
- ``assessment-need-twice`` (error): the same need twice in one member's workbook;
- ``assessor-twice`` (error): two workbooks by the same member (name, case-insensitive);
- ``assessment-empty`` (warning): a member who graded nothing;
- ``assessment-no-assessor`` (warning): no name in the header block; the file's name is used;
- ``missing-criterion-column`` (warning) and ``assessment-unknown-criterion`` (warning).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from okosys_plan.assess import layout
from okosys_plan.assess.model import Assessment, Assessments, Assessor
from okosys_plan.catalogue import coerce, schema
from okosys_plan.catalogue.bind import bind, first_filled_row
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.model import Criterion, Problem, Severity
from okosys_plan.catalogue.validate import id_key
from okosys_plan.errors import UsageError
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED, RawSheet, RawWorkbook, read_workbook

#: The table's columns the reader knows besides the criteria (Norwegian and English names).
TABLE = schema.SheetSpec("assessment", (layout.SHEET, "Assessment"), (
    schema.Column("id", (layout.ID,), required=True),
    schema.Column("title", (layout.TITLE, "Title")),
    schema.Column("theme", (layout.THEME, "Theme")),
    schema.Column("description", (layout.DESCRIPTION, "Description")),
    schema.Column("comment", (layout.COMMENT, "Comment")),
))
_GRADE = schema.Column("grade", ("grade",), schema.Kind.SCORE)
_LABELS = {schema.normalise(label): label for label in layout.HEADER_LABELS} | {
    schema.normalise("Assessor"): layout.ASSESSOR_LABEL,
    schema.normalise("Agency"): layout.AGENCY_LABEL,
}


def read_assessments(paths: Sequence[Path], needs: Sequence[str],
                     criteria: Sequence[Criterion],
                     max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Assessments:
    """Every assessment in ``paths``, checked against the catalogue's needs and criteria.

    A file that cannot be read as a spreadsheet raises ``UnreadableWorkbook`` (exit 2);
    everything else is a problem in the result.
    """
    problems: list[Problem] = []
    known = {id_key(need): need for need in needs}
    read = [_assessment(read_workbook(path, max_unpacked), known, criteria, problems)
            for path in paths]
    found = _once([a for a in read if a is not None], problems)
    return Assessments(found, tuple(problems))


def _assessment(book: RawWorkbook, known: dict[str, str], criteria: Sequence[Criterion],
                problems: list[Problem]) -> Assessment | None:
    file = book.name
    columns = {schema.normalise(c.name): schema.Column(f"grade:{c.name}", (c.name,),
                                                        schema.Kind.SCORE) for c in criteria}
    binding = None
    for sheet in _candidates(book.sheets):
        binding = bind(sheet, TABLE, columns)
        if binding is not None:
            break
    if binding is None:
        problems.append(Problem(Severity.ERROR, "missing-sheet", None, None, None, None,
                                {"looked_for": f"{layout.SHEET}: {layout.ID}"}, file))
        return None
    cells = SheetCells(binding, file, book.date1904, problems)
    assessor = _assessor(binding.sheet, binding.header_row, file, problems)
    graded = [c for c in criteria if cells.has(f"grade:{c.name}")]
    _columns(cells, criteria, graded, problems)
    grades: dict[tuple[str, str], int] = {}
    comments: dict[str, str] = {}
    rows: dict[str, int] = {}
    for row in cells.rows():
        need = _need(cells, row, known, rows)
        if need is None:
            continue
        rows[need] = row.number
        for criterion in graded:
            grade = _grade(cells, row, criterion)
            if grade is not None:
                grades[(need, criterion.name)] = grade
        comment = cells.value(row, "comment", TABLE.column("comment"))
        if comment:
            comments[need] = str(comment)
    if not grades:
        problems.append(Problem(Severity.WARNING, "assessment-empty", cells.sheet, None, None,
                                None, {"assessor": assessor.name}, file))
    return Assessment(assessor, grades, comments, rows)


def _candidates(sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheet named as the layout says first, then every other visible sheet."""
    names = {schema.normalise(n) for n in TABLE.names}
    named = [s for s in sheets if schema.normalise(s.name) in names]
    return named + [s for s in sheets if s.visible and s not in named]


def _assessor(sheet: RawSheet, header_row: int, file: str,
              problems: list[Problem]) -> Assessor:
    """Name and agency from the label:value rows above the table."""
    found: dict[str, str] = {}
    for cells in sheet.rows[:max(0, header_row - sheet.first_row)]:  # the rows above
        filled = [c for c in cells if c is not None and str(c).strip()]
        if len(filled) >= 2 and isinstance(filled[0], str):
            label = _LABELS.get(schema.normalise(filled[0].rstrip(":")))
            if label is not None:
                found.setdefault(label, " ".join(str(filled[1]).split()))
    name = found.get(layout.ASSESSOR_LABEL)
    if not name:
        name = Path(file).stem
        problems.append(Problem(Severity.WARNING, "assessment-no-assessor", sheet.name,
                                f"B{first_filled_row(sheet)}", layout.ASSESSOR_LABEL, None,
                                {"name": name}, file))
    return Assessor(name, found.get(layout.AGENCY_LABEL) or None, file)


def _columns(cells: SheetCells, criteria: Sequence[Criterion], graded: Sequence[Criterion],
             problems: list[Problem]) -> None:
    header = Row(cells.binding.header_row, [])
    for criterion in criteria:
        if criterion not in graded:
            problems.append(Problem(Severity.WARNING, "missing-criterion-column", cells.sheet,
                                    cells.cell(header, 0), criterion.name, None,
                                    {"criterion": criterion.name}, cells.file))
    fixed = {schema.normalise(n) for c in TABLE.columns for n in c.names}
    for index, label in enumerate(cells.binding.headers):
        if cells.binding.columns[index] is None and label and \
                schema.normalise(label) not in fixed:
            problems.append(Problem(Severity.WARNING, "assessment-unknown-criterion",
                                    cells.sheet, cells.cell(header, index), label, label, {},
                                    cells.file))


def _need(cells: SheetCells, row: Row, known: dict[str, str], seen: dict[str, int]
          ) -> str | None:
    """The catalogue's ID of the row's need, or None (with a problem where one is due)."""
    raw = row.raw(cells.index("id"))
    if coerce.is_blank(raw):
        return None
    typed = cells.value(row, "id", TABLE.column("id"))
    need = known.get(id_key(str(typed))) if typed is not None else None
    if need is None:
        if typed is not None:
            cells.problem(row, cells.index("id"), "assessment-unknown-need", Severity.WARNING)
        return None
    if need in seen:
        cells.problem(row, cells.index("id"), "assessment-need-twice", first=seen[need])
        return None
    return need


def _grade(cells: SheetCells, row: Row, criterion: Criterion) -> int | None:
    """The row's whole grade on ``criterion``, or None (blank, or a problem)."""
    key = f"grade:{criterion.name}"
    index = cells.index(key)
    raw: Any = row.raw(index)
    if cells.marked(row, index):
        cells.value(row, key, _GRADE)
        return None
    if coerce.is_blank(raw):
        return None
    number = raw if type(raw) in (int, float) else cells.value(row, key, _GRADE)
    if number is None:
        return None
    return cells.grade(row, index, number, criterion.scale_min, criterion.scale_max)


def _once(found: Sequence[Assessment], problems: list[Problem]) -> tuple[Assessment, ...]:
    """Each member's first workbook; a second one by the same name is an error, not used."""
    first: dict[str, Assessment] = {}
    for assessment in found:
        key = schema.normalise(assessment.assessor.name)
        if key in first:
            problems.append(Problem(
                Severity.ERROR, "assessor-twice", None, None, layout.ASSESSOR_LABEL,
                assessment.assessor.name, {"first": first[key].assessor.file},
                assessment.assessor.file))
        else:
            first[key] = assessment
    return tuple(first.values())


#: The files a folder of assessments is read for (lock files and hidden files left out).
SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")


def assessment_files(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file given, and each folder's spreadsheets in name order.

    None at all (an empty folder, or one of other files) is a ``UsageError``: a round
    without assessments is not what was asked for.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(
                p for p in path.iterdir()
                if p.suffix.casefold() in SUFFIXES and not p.name.startswith((".", "~$"))
                and p.is_file()))
        else:
            found.append(path)
    if paths and not found:
        raise UsageError.bad_option(
            "no assessment workbooks in {folders}: give .xlsx, .xlsm, .ods or .xls files, or "
            "a folder that holds them", folders=", ".join(map(str, paths)))
    once: dict[Path, Path] = {}  # a file named twice (also via its folder) is read once
    for path in found:
        once.setdefault(path.resolve(), path)
    return list(once.values())
