"""Pairwise comparisons in, weighted criteria out: the I/O edge of ``weights ahp``.

A member's judgements come from a workbook's Parvis sheet (criterion names across row 1
from B1 and down column A from A2) or from TOML (``criteria = [...]``, ``matrix =
[[...], ...]``). Every bad cell becomes a Problem with its place; nothing here raises for
a cell. The weights go out as a Kriterier sheet (.xlsx) or a criteria TOML file.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from okosys_plan.catalogue import coerce, domain, schema
from okosys_plan.catalogue.model import Criterion, Direction, Problem, Severity
from okosys_plan.errors import UnreadableWorkbook
from okosys_plan.export.files import check_suffix, check_target, write_bytes_atomic
from okosys_plan.paths import read_small
from okosys_plan.prioritise.ahp import AhpResult, Flaw, matrix_flaws
from okosys_plan.text.address import column_letter
from okosys_plan.workbook.read import DEFAULT_MAX_UNPACKED, RawSheet, RawWorkbook, read_workbook
from okosys_plan.workbook.sniff import Format

SHEET_NAMES = ("Parvis", "Pairwise")
OUTPUT_SUFFIXES = (".xlsx", ".toml")
_FRACTION = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)\s*$")
_DIRECTION_LABELS = {Direction.BENEFIT: "Nytte", Direction.COST: "Kostnad"}


@dataclass(frozen=True)
class Judgements:
    """One member's comparisons: names, cells (None blank, NaN unreadable) and problems."""

    file: str
    names: tuple[str, ...]
    cells: tuple[tuple[float | None, ...], ...]
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        """True when no problem is an error (the matrix can be used)."""
        return not any(p.is_error for p in self.problems)


@dataclass
class _Place:
    """Where a member's cells are, so a problem can name its cell."""

    file: str
    sheet: str | None
    cell: Callable[[int, int], str]  # 0-based matrix row and column -> reference
    problems: list[Problem]

    def add(self, code: str, cell: str | None, value: Any = None, header: str | None = None,
            **params: Any) -> None:
        """Record an error at ``cell`` (``header``: the criterion whose column it is in)."""
        self.problems.append(Problem(Severity.ERROR, code, self.sheet, cell, header, value,
                                     params, self.file))


def parse_judgement(value: object) -> float | None:
    """A judgement: a number or a fraction such as '1/3'; blank gives None."""
    if isinstance(value, str) and (match := _FRACTION.match(value)):
        numerator, denominator = (float(g.replace(",", ".")) for g in match.groups())
        if denominator == 0:
            raise coerce.CoerceError("not-a-judgement")
        return numerator / denominator
    try:
        return coerce.parse_number(value)
    except coerce.CoerceError:
        raise coerce.CoerceError("not-a-judgement") from None


def read_judgements(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> Judgements:
    """Read one member's matrix: TOML by its suffix, else a workbook's Parvis sheet."""
    if path.suffix.casefold() == ".toml":
        return judgements_from_toml(path.name, _load_toml(path))
    return judgements_from_workbook(read_workbook(path, max_unpacked))


def _matrix(place: _Place, names: Sequence[str], raws: Sequence[Sequence[Any]],
            unreadable: set[tuple[int, int]]) -> Judgements:
    """Parse every cell, then check the matrix as a whole."""
    cells: list[tuple[float | None, ...]] = []
    for i, row in enumerate(raws):
        parsed: list[float | None] = []
        for j, raw in enumerate(row):
            parsed.append(math.nan if (i, j) in unreadable else _parsed(place, names, i, j, raw))
        cells.append(tuple(parsed))
    for flaw in matrix_flaws(cells):
        _report(place, names, raws, flaw)
    return Judgements(place.file, tuple(names), tuple(cells), tuple(place.problems))


def _parsed(place: _Place, names: Sequence[str], i: int, j: int, raw: Any) -> float | None:
    try:
        return parse_judgement(raw)
    except coerce.CoerceError as error:
        place.add(error.code, place.cell(i, j), raw, names[j], row=names[i], column=names[j])
        return math.nan


def _report(place: _Place, names: Sequence[str], raws: Sequence[Sequence[Any]],
            flaw: Flaw) -> None:
    i, j = flaw.row, flaw.column
    mirror = {"mirror": place.cell(j, i), "mirror_value": _shown(raws[j][i])}
    value = "" if flaw.code == "missing-judgement" else raws[i][j]
    place.add(flaw.code, place.cell(i, j), value, names[j], row=names[i], column=names[j],
              **mirror)


def _shown(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _check_names(place: _Place, names: Sequence[str | None], cells: Sequence[str]) -> bool:
    """Report blank and repeated names; True when every name is there and unique."""
    seen: dict[str, str] = {}
    ok = True
    for name, cell in zip(names, cells, strict=True):
        if name is None:
            place.add("missing-criterion-name", cell, "")
            ok = False
            continue
        key = schema.normalise(name)
        if key in seen:
            place.add("duplicate-criterion", cell, name, first=seen[key])
            ok = False
        seen.setdefault(key, cell)
    return ok


# --- the Parvis sheet ------------------------------------------------------------------


def judgements_from_workbook(book: RawWorkbook) -> Judgements:
    """A member's matrix from the workbook's Parvis sheet (a CSV file is that sheet)."""
    sheet = _parvis(book)
    label = None if book.sniffed.format is Format.CSV else (sheet.name if sheet else None)
    place = _Place(book.name, label, lambda i, j: f"{column_letter(j + 2)}{i + 2}", [])
    if sheet is None:
        place.add("missing-parvis", None, sheets=", ".join(s.name for s in book.sheets) or "-")
        return Judgements(book.name, (), (), tuple(place.problems))
    across = _names(sheet, [(1, col) for col in range(2, _width(sheet) + 1)])
    down = _names(sheet, [(row, 1) for row in range(2, _height(sheet) + 1)])
    names = _sheet_names(place, across, down)
    if names is None:
        return Judgements(book.name, (), (), tuple(place.problems))
    n = len(names)
    raws = [[_at(sheet, i + 2, j + 2) for j in range(n)] for i in range(n)]
    blanks = {(i, j) for i in range(n) for j in range(n)
              if (i + 2, j + 2) in sheet.formula_blanks}
    for i, j in sorted(blanks):
        place.add("formula-no-value", place.cell(i, j), "", names[j])
    for i in range(n):
        for j in range(n):
            error = sheet.errors.get((i + 2, j + 2))
            if (i + 2, j + 2) in sheet.stale:
                error = "formula-not-calculated"
                place.add(error, place.cell(i, j), raws[i][j], names[j])
            elif error is not None:
                place.add("formula-error", place.cell(i, j), error, names[j])
            if error is not None:
                blanks.add((i, j))
    return _matrix(place, names, raws, blanks)


def _parvis(book: RawWorkbook) -> RawSheet | None:
    if book.sniffed.format is Format.CSV:
        return book.sheets[0] if book.sheets else None
    wanted = {schema.normalise(name) for name in SHEET_NAMES}
    return next((s for s in book.sheets if schema.normalise(s.name) in wanted), None)


def _at(sheet: RawSheet, row: int, col: int) -> Any:
    """The raw value at an Excel row and column (1-based), or None outside the data."""
    r, c = row - sheet.first_row, col - sheet.first_col
    if r < 0 or c < 0 or r >= len(sheet.rows) or c >= len(sheet.rows[r]):
        return None
    return sheet.rows[r][c]


def _width(sheet: RawSheet) -> int:
    return sheet.first_col - 1 + max((len(row) for row in sheet.rows), default=0)


def _height(sheet: RawSheet) -> int:
    return sheet.first_row - 1 + len(sheet.rows)


def _names(sheet: RawSheet, places: list[tuple[int, int]]) -> list[tuple[str, str | None]]:
    """(cell, name) up to the last name written; blanks inside are kept as None."""
    found = [(f"{column_letter(col)}{row}", coerce.clean_text(_at(sheet, row, col)))
             for row, col in places]
    while found and found[-1][1] is None:
        found.pop()
    return found


def _sheet_names(place: _Place, across: list[tuple[str, str | None]],
                 down: list[tuple[str, str | None]]) -> list[str] | None:
    """The criteria if row 1 and column A list the same ones in the same order."""
    if not across and not down:
        place.add("no-criteria", "A1", "")
        return None
    if len(across) != len(down):
        place.add("ahp-not-square", "A1", "", rows=len(down), columns=len(across))
        return None
    ok = _check_names(place, [name for _, name in down], [cell for cell, _ in down])
    ok = _check_names(place, [name for _, name in across], [cell for cell, _ in across]) and ok
    if not ok:
        return None
    for (column_cell, column), (row_cell, row) in zip(across, down, strict=True):
        if schema.normalise(column) != schema.normalise(row):
            place.add("ahp-names-differ", row_cell, row, row=row, column=column,
                      column_cell=column_cell)
            return None
    return [name for _, name in across if name is not None]


# --- TOML --------------------------------------------------------------------------------


def _load_toml(path: Path) -> dict[str, Any]:
    """The parsed file; a file that cannot be read at all raises ``UnreadableWorkbook``."""
    try:
        data = read_small(path)
    except FileNotFoundError:
        raise UnreadableWorkbook("not-found", f"{path.name} does not exist",
                                 file=path.name) from None
    except IsADirectoryError:
        raise UnreadableWorkbook("is-directory", f"{path.name} is a folder, not a file",
                                 file=path.name) from None
    except OSError as error:
        raise UnreadableWorkbook("os-error", f"{path.name} cannot be opened ({error.strerror})",
                                 file=path.name, reason=error.strerror) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UnreadableWorkbook("bad-toml", f"{path.name} is not valid TOML ({error})",
                                 file=path.name, reason=str(error)) from None


def judgements_from_toml(file: str, data: dict[str, Any]) -> Judgements:
    """A member's matrix from parsed TOML; cells are placed as matrix[row][column] from 1."""
    place = _Place(file, None, lambda i, j: f"matrix[{i + 1}][{j + 1}]", [])
    names = _toml_names(place, data.get("criteria"))
    if names is None:
        return Judgements(file, (), (), tuple(place.problems))
    rows = _toml_rows(place, data.get("matrix"), len(names))
    if rows is None:
        return Judgements(file, (), (), tuple(place.problems))
    raws = [[None if value == "" else value for value in row] for row in rows]
    return _matrix(place, names, raws, set())


def _toml_names(place: _Place, entries: Any) -> list[str] | None:
    if not isinstance(entries, list) or not entries:
        place.add("no-criteria", "criteria", "")
        return None
    cells = [f"criteria[{k}]" for k in range(1, len(entries) + 1)]
    names = [coerce.clean_text(e) if isinstance(e, str) else None for e in entries]
    return [n for n in names if n is not None] if _check_names(place, names, cells) else None


def _toml_rows(place: _Place, rows: Any, n: int) -> list[list[Any]] | None:
    """The matrix's rows if it is n × n; else a problem saying how it is not."""
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        place.add("ahp-not-square", "matrix", "", rows=0, columns=n)
        return None
    for number, row in enumerate(rows, start=1):
        if len(row) != n:
            place.add("ahp-not-square", f"matrix[{number}]", "", rows=len(rows),
                      columns=len(row))
            return None
    if len(rows) != n:
        place.add("ahp-not-square", "matrix", "", rows=len(rows), columns=n)
        return None
    return rows


# --- writing the weights ---------------------------------------------------------------


def criteria_from_weights(result: AhpResult) -> tuple[Criterion, ...]:
    """Criteria ready for scoring: a Skate default's direction, scale, text and rubric, by
    name."""
    defaults = {schema.normalise(c.name): c for c in domain.DEFAULT_CRITERIA}
    found = []
    for name, weight in zip(result.criteria, result.weights, strict=True):
        known = defaults.get(schema.normalise(name))
        found.append(Criterion(name, weight) if known is None
                     else replace(known, name=name, weight=weight))
    return tuple(found)


def check_output(path: Path, *, force: bool, inputs: tuple[Path, ...]) -> None:
    """Refuse an output that is neither .xlsx nor .toml, an input, or exists without force."""
    check_suffix(path, OUTPUT_SUFFIXES)
    check_target(path, force=force, inputs=inputs)


def write_criteria(path: Path, criteria: Sequence[Criterion], result: AhpResult, *,
                   force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write the criteria as a Kriterier sheet (.xlsx) or a criteria TOML file."""
    check_output(path, force=force, inputs=inputs)
    if path.suffix.casefold() == ".toml":
        write_bytes_atomic(path, criteria_toml(criteria, result).encode("utf-8"))
        return
    from okosys_plan.export.sheets import write_sheets

    headers = [column.names[0] for column in schema.CRITERIA.columns]
    rows = [[c.name, c.weight, _DIRECTION_LABELS[c.direction], c.scale_min, c.scale_max,
             c.description] for c in criteria]
    write_sheets(path, [(schema.CRITERIA.label, headers, rows)], force=force, inputs=inputs)


def criteria_toml(criteria: Sequence[Criterion], result: AhpResult) -> str:
    """The criteria file text that ``--criteria FILE.toml`` reads."""
    lines = ["# Kriterievekter fra parvise sammenligninger (AHP): okosys-plan weights ahp",
             f"# lambda_max = {result.lambda_max:.4f}, CI = {result.ci:.4f}, "
             f"CR = {result.cr:.4f}"]
    for c in criteria:
        lines += ["", "[[criteria]]", f"name = {_toml_text(c.name)}",
                  f"weight = {c.weight!r}", f"direction = {_toml_text(c.direction.value)}",
                  f"min = {c.scale_min}", f"max = {c.scale_max}"]
        if c.description:
            lines.append(f"description = {_toml_text(c.description)}")
    return "\n".join(lines) + "\n"


def _toml_text(text: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, \uXXXX for controls.
    return json.dumps(text, ensure_ascii=False)

