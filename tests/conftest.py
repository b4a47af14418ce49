"""Shared fixtures: catalogue workbooks generated with openpyxl from plain rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

Sheets = Mapping[str, Sequence[Sequence[Any]]]
MakeCatalogue = Callable[..., Path]

#: Behov columns used by the generated catalogues; the score column "Nytte" is G.
NEED_HEADERS = ["ID", "Tittel", "Eier", "Tema", "Status", "Investering (MNOK)", "Nytte",
                "Start", "Slutt", "Avhengigheter"]
THEME = "Digital identitet og tilgang"
#: One criterion on a 1–5 scale, so a generated catalogue needs only one score column.
CRITERIA: list[list[Any]] = [["Kriterium", "Vekt", "Skala min", "Skala maks"], ["Nytte", 1, 1, 5]]


def need(need_id: str, title: str, **fields: Any) -> list[Any]:
    """One Behov row in ``NEED_HEADERS`` order; keyword arguments override the defaults."""
    values = {"Eier": "DIGDIR", "Tema": THEME, "Status": "Meldt inn",
              "Investering (MNOK)": 10, "Nytte": 3, "Start": "2023", "Slutt": "2024",
              "Avhengigheter": None, **fields}
    return [need_id, title, *(values[h] for h in NEED_HEADERS[2:])]


def valid_sheets(*needs: Sequence[Any]) -> dict[str, list[list[Any]]]:
    """A small valid catalogue: Behov (two needs unless given) and Kriterier."""
    rows = list(needs) or [need("B01", "Felles innlogging"), need("B02", "Digital fullmakt")]
    return {"Behov": [list(NEED_HEADERS), *map(list, rows)],
            "Kriterier": [list(r) for r in CRITERIA]}


def write_catalogue(path: Path, sheets: Sheets) -> Path:
    """Write ``sheets`` (sheet name -> rows, header first) to an .xlsx at ``path``."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def make_catalogue(tmp_path: Path) -> MakeCatalogue:
    """A factory: ``make_catalogue("a.xlsx", {"Behov": [...]})`` -> the written path.

    Without sheets it writes ``valid_sheets()``.
    """

    def make(name: str = "katalog.xlsx", sheets: Sheets | None = None) -> Path:
        return write_catalogue(tmp_path / name, valid_sheets() if sheets is None else sheets)

    return make
