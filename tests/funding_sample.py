"""A small catalogue for the funding tests, written as a workbook (so cells can be checked).

T1 (dated 2022–2025) has its own cost and funding lines and Bruk rows for NAV, Oslo and
Halden; T2 (2023–2024) has no lines and takes the 4 MNOK Investering of B2; need B3 has
cost lines of its own. The figures the tests expect are worked out by hand beside them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import CRITERIA, write_catalogue

NEEDS = [["ID", "Tittel", "Eier", "Tema", "Investering (MNOK)", "Årlig drift (MNOK)", "Nytte"],
         ["B1", "Innlogging", "Digdir", "Digital identitet og tilgang", 6, 1, 4],
         ["B2", "Varsling", "Digdir", "Hendelser, meldinger og dialog", 4, None, 3],
         ["B3", "Egen løsning", "NAV", "Deling av data og nasjonale grunndata", None, None, 2]]
MEASURES = [["ID", "Tittel", "Tema", "Ansvarlig", "Start", "Slutt", "Behov"],
            ["T1", "ID-porten", "Digital identitet og tilgang", "Digdir", "2022", "2025", "B1"],
            ["T2", "Varsling", "Hendelser, meldinger og dialog", "Digdir", "2023", "2024",
             "B2"]]
# T1: cost 3, 1, 1, 1 in 2022–2025.
COSTS = [["Tiltak", "År", "Kostnadstype", "Beløp (MNOK)"],
         ["T1", 2022, "Investering", 2], ["T1", 2022, "Drift", 1], ["T1", 2023, "Drift", 1],
         ["T1", 2024, "Drift", 1], ["T1", 2025, "Forvaltning", 1], ["B3", 2024, "Investering", 1]]
# T1: confirmed 2, 0, 1, 0; applied 0, 0.5, 0, 0 -> gap 1, 1, 0, 1; if applied 1, 0.5, 0, 1.
FUNDING = [["Tiltak", "År", "Kilde", "Beløp (MNOK)", "Status"],
           ["T1", 2022, "Medfinansiering", 1, "Bekreftet"],
           ["T1", 2022, "Egen ramme", 1, "Bekreftet"],
           ["T1", 2023, "Egen ramme", 0.5, "Søkt"],
           ["T1", 2024, "Egen ramme", 1, "Bekreftet"],
           ["T2", 2024, "Brukerbetaling", 1, "Uavklart"]]
AGENCIES = [["Kode", "Navn", "Type", "Innbyggere", "IT-budsjett (MNOK)"],
            ["Digdir", "Digitaliseringsdirektoratet", "Stat", None, 800],
            ["NAV", "Arbeids- og velferdsetaten", "Stat", None, 3600],
            ["Oslo", "Oslo kommune", "Kommune", 709_000, 1650],
            ["Halden", "Halden kommune", "Kommune", 31_500, 48]]
USAGE = [["Løsning", "Virksomhet", "År", "Volum", "Nytte", "Andel"],
         ["T1", "NAV", None, 48_000_000, 10, 60],
         ["T1", "Oslo", None, 2_400_000, 6, 30],
         ["T1", "Halden", None, 95_000, 3, 10]]


def sheets(**changes: list[list[Any]]) -> dict[str, list[list[Any]]]:
    """The sample's sheets, with any replaced (``Bruk=[...]``)."""
    found = {"Behov": NEEDS, "Kriterier": CRITERIA, "Tiltak": MEASURES, "Kostnader": COSTS,
             "Finansiering": FUNDING, "Virksomheter": AGENCIES, "Bruk": USAGE}
    found.update(changes)
    return {name: [list(row) for row in rows] for name, rows in found.items()}


def sample(folder: Path, name: str = "finansiering-test.xlsx",
           **changes: list[list[Any]]) -> Path:
    """Write the sample (with changes) into ``folder``."""
    return write_catalogue(folder / name, sheets(**changes))
