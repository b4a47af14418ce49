"""Build the bundled needs catalogue ``catalogue/behovskatalog.xlsx`` from its text source.

The reviewable source is ``catalogue/source/``: one UTF-8 CSV per sheet, with the
Norwegian column names of the workbook format. Run from the repository root::

    python catalogue/build.py            # writes catalogue/behovskatalog.xlsx
    python catalogue/build.py OUT.xlsx   # writes somewhere else

The output is byte-for-byte deterministic: the same CSVs always give the same file
(``tests/catalogue/test_bundled_source.py`` rebuilds it and compares the bytes).

Cell types: numbers become numbers (the CSVs use a dot as decimal separator), ISO dates
in date columns become real date cells shown as ``DD.MM.YYYY``, a period column
(Start/Slutt) holding a plain year becomes a whole number while quarters and
``Påbegynt`` stay text, and everything else is written as text (never as a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from okosys_plan.export.files import save_workbook, set_text  # noqa: E402

SOURCE = HERE / "source"
DEFAULT_OUT = HERE / "behovskatalog.xlsx"

#: Sheets in workbook order; each is read from ``source/<name>.csv``.
SHEETS = (
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
)

CRITERIA = (
    "Samfunnsnytte",
    "Bredde",
    "Hastegrad",
    "Gjennomførbarhet",
    "Modenhet",
    "Strategisk forankring",
    "Muliggjører",
    "Risiko",
)

#: Columns written as numbers, by sheet.
NUMERIC: dict[str, frozenset[str]] = {
    "Behov": frozenset((*CRITERIA, "Investering", "Årlig drift", "Netto nåverdi", "Varighet")),
    "Kriterier": frozenset(("Vekt", "Skala min", "Skala maks")),
    "Kostnader": frozenset(("År", "Beløp")),
    "Finansiering": frozenset(("År", "Beløp")),
    "Virksomheter": frozenset(("Innbyggere", "IT-budsjett")),
    "Bruk": frozenset(("År", "Volum", "Nytte")),
    "Budsjett": frozenset(("År", "Ramme")),
    "Nøkkeltall": frozenset(("År", "Verdi")),
    "Tjenestekjeder": frozenset(("Steg",)),
}
#: Columns whose ISO dates become date cells, by sheet.
DATES: dict[str, frozenset[str]] = {
    "Behov": frozenset(("Dato meldt inn",)),
    "Milepæler": frozenset(("Dato",)),
}
#: Period columns: a plain year becomes a whole number, anything else stays text.
PERIODS: dict[str, frozenset[str]] = {
    "Behov": frozenset(("Start", "Slutt")),
    "Tiltak": frozenset(("Start", "Slutt")),
}

DATE_FORMAT = "DD.MM.YYYY"
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def read_sheet(name: str, source: Path = SOURCE) -> tuple[list[str], list[list[str]]]:
    """Read ``source/<name>.csv``: the header and the data rows (blank rows dropped)."""
    with (source / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    header, data = rows[0], rows[1:]
    for number, row in enumerate(data, start=2):
        if len(row) != len(header):
            raise ValueError(
                f"{name}.csv line {number}: {len(row)} fields, header has {len(header)}"
            )
    return header, data


def convert(sheet: str, column: str, text: str) -> object:
    """The typed cell value for one CSV field (``None`` for an empty field)."""
    value = text.strip()
    if not value:
        return None
    if column in NUMERIC.get(sheet, ()):
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        raise ValueError(f"{sheet}.{column}: {value!r} is not a number")
    if column in DATES.get(sheet, ()) and _ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    if column in PERIODS.get(sheet, ()) and _YEAR.fullmatch(value):
        return int(value)
    return value


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return max(len(line) for line in str(value).splitlines() or [""])


def add_sheet(workbook: Workbook, name: str, source: Path = SOURCE) -> None:
    """Append one sheet, typed, with a bold frozen header and sensible widths."""
    header, data = read_sheet(name, source)
    sheet = workbook.create_sheet(name)
    widths = [len(title) for title in header]
    bold = Font(bold=True)
    for col, title in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=col)
        set_text(cell, title)
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
    for row_number, row in enumerate(data, start=2):
        for col, (title, text) in enumerate(zip(header, row, strict=True), start=1):
            value = convert(name, title, text)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=col)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
            widths[col - 1] = max(widths[col - 1], _display_width(value))
    for col, width in enumerate(widths, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"


def build_workbook(source: Path = SOURCE) -> Workbook:
    """The catalogue workbook, built in memory from the CSV source."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name in SHEETS:
        add_sheet(workbook, name, source)
    workbook.properties.creator = "okosys-plan"
    workbook.properties.title = "Behovskatalog for felles økosystem (Veikart 2.0)"
    workbook.properties.lastModifiedBy = "okosys-plan"
    return workbook


def build(out_path: Path | str = DEFAULT_OUT, source: Path = SOURCE) -> Path:
    """Build the workbook from ``source`` and save it deterministically to ``out_path``."""
    out = Path(out_path)
    save_workbook(build_workbook(source), out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: python catalogue/build.py [OUT.xlsx]", file=sys.stderr)
        return 2
    out = build(Path(args[0]) if args else DEFAULT_OUT)
    print(f"skrev {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
