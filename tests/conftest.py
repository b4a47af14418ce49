"""Shared fixtures: catalogue workbooks generated with openpyxl from plain rows."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build names a defect, not a dice roll);
# HYPOTHESIS_PROFILE=explore draws new, more numerous examples to hunt for defects.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


@pytest.fixture(autouse=True, scope="session")
def _errors_are_said_from_the_catalogue() -> Iterator[None]:
    """Every error raised anywhere in the suite: its English text is the catalogue's line.

    ``str(error)`` is the raiser's English; ``error_text(error, "en")`` says the same line
    from the catalogue and the error's language-neutral fields, as the command line does.
    Where they differ, a field carries text of one language (or the raiser's words drifted
    from the catalogue), and the error is said wrong in the other language.
    """
    from okosys_plan.errors import OkosysError
    from okosys_plan.text.errors import error_text

    original = OkosysError.__init__

    def checked(self: OkosysError, code: str, english: str, **params: Any) -> None:
        original(self, code, english, **params)
        said = error_text(self, "en")
        if said != str(self):
            raise AssertionError(f"error {code!r} says {str(self)!r} but the catalogue's "
                                 f"English line is {said!r}")

    OkosysError.__init__ = checked  # type: ignore[method-assign]
    try:
        yield
    finally:
        OkosysError.__init__ = original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium (Playwright) for one module's browser tests, or a skip.

    Closed when the module ends: the browser and Playwright's driver are child processes,
    and the tests that check a command leaves no child behind must not see them."""
    from tests.web import chromium_browser, missing

    reason = missing()
    if reason:
        pytest.skip(f"no real browser: {reason}")
    with chromium_browser() as launched:
        yield launched
