"""The workbook format as data: sheets, columns, aliases and value kinds.

The reader, the checker, the template and the writers all read this one table, so a
column or alias is added in one place. ``docs/workbook-format.md`` documents it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a column's cells are read."""

    ID = "id"
    TEXT = "text"
    NUMBER = "number"  # any real number
    AMOUNT = "amount"  # MNOK, >= 0
    POSITIVE = "positive"  # > 0
    YEAR = "year"
    BOOL = "bool"
    LIST = "list"
    DATE = "date"
    PERIOD = "period"
    CASE = "case"  # Skate case NN/YY
    SCORE = "score"  # whole number within a criterion's scale


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its key, the names it may go by, its kind and unit."""

    key: str
    names: tuple[str, ...]
    kind: Kind = Kind.TEXT
    required: bool = False
    unit: str | None = None
    choices: str | None = None  # name of a vocabulary in okosys_plan.catalogue.domain

    @property
    def label(self) -> str:
        """The Norwegian header the template writes."""
        return self.names[0] if self.unit is None else f"{self.names[0]} ({self.unit})"


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the format."""

    key: str
    names: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def label(self) -> str:
        """The Norwegian sheet name."""
        return self.names[0]

    @functools.cached_property
    def required(self) -> tuple[Column, ...]:
        """The columns that must be present."""
        return tuple(c for c in self.columns if c.required)

    @functools.cached_property
    def signed(self) -> tuple[Column, ...]:
        """The columns whose numbers have a sign rule: amounts (>= 0) and positives (> 0)."""
        return tuple(c for c in self.columns if c.kind in (Kind.AMOUNT, Kind.POSITIVE))

    def column(self, key: str) -> Column:
        """The column with this key."""
        return next(c for c in self.columns if c.key == key)


C = Column
K = Kind

NEEDS = SheetSpec(
    "needs",
    ("Behov", "Needs", "Behovskatalog"),
    (
        C("id", ("ID", "Behov-ID", "Need ID", "BehovID"), K.ID, required=True),
        C("title", ("Tittel", "Title", "Behov", "Navn", "Name"), required=True),
        C("owner", ("Eier", "Owner", "Behovseier", "Ansvarlig")),
        C("description", ("Beskrivelse", "Description")),
        C("theme", ("Tema", "Theme", "Innsatsområde"), choices="THEMES"),
        C("need_type", ("Behovstype", "Need type", "Type"), choices="NEED_TYPES"),
        C("life_events", ("Livshendelse", "Life event", "Livshendelser", "Life events"), K.LIST,
          choices="LIFE_EVENTS"),
        C("submitted_by", ("Meldt inn av", "Submitted by", "Innmelder")),
        C("submitted", ("Dato meldt inn", "Submitted", "Innmeldt dato", "Date submitted"),
          K.DATE),
        C("status", ("Status",), choices="NEED_STATUSES"),
        C("legal_requirement", ("Lovkrav", "Legal requirement"), K.BOOL),
        C("skate_case", ("Skate-sak", "Skate case", "Skatesak"), K.CASE),
        C("investment", ("Investering", "Investment", "Kostnad", "Cost"), K.AMOUNT,
          unit="MNOK"),
        C("annual_operations", ("Årlig drift", "Annual operations", "Drift"), K.AMOUNT,
          unit="MNOK"),
        C("npv", ("Netto nåverdi", "Net present value", "NNV", "NPV"), K.NUMBER, unit="MNOK"),
        C("duration", ("Varighet", "Duration"), K.POSITIVE, unit="år"),
        C("start", ("Start",), K.PERIOD),
        C("end", ("Slutt", "End"), K.PERIOD),
        C("depends_on", ("Avhengigheter", "Depends on", "Avhenger av", "Dependencies"),
          K.LIST),
        C("comment", ("Kommentar", "Comment", "Merknad")),
    ),
)

CRITERIA = SheetSpec(
    "criteria",
    ("Kriterier", "Criteria"),
    (
        C("name", ("Kriterium", "Criterion"), required=True),
        C("weight", ("Vekt", "Weight"), K.NUMBER, required=True),
        C("direction", ("Retning", "Direction")),
        C("scale_min", ("Skala min", "Scale min"), K.NUMBER),
        C("scale_max", ("Skala maks", "Scale max", "Skala max"), K.NUMBER),
        C("description", ("Beskrivelse", "Description")),
    ),
)

MEASURES = SheetSpec(
    "measures",
    ("Tiltak", "Measures"),
    (
        C("id", ("ID", "Tiltak-ID", "Measure ID"), K.ID, required=True),
        C("title", ("Tittel", "Title", "Navn", "Name"), required=True),
        C("theme", ("Tema", "Theme", "Innsatsområde"), choices="THEMES"),
        C("owner", ("Ansvarlig", "Owner", "Eier")),
        C("participants", ("Deltakere", "Participants"), K.LIST),
        C("start", ("Start",), K.PERIOD),
        C("end", ("Slutt", "End"), K.PERIOD),
        C("status", ("Status",), choices="MEASURE_STATUSES"),
        C("needs", ("Behov", "Needs"), K.LIST),
        C("depends_on", ("Avhengigheter", "Depends on", "Avhenger av", "Dependencies"),
          K.LIST),
        C("skate_case", ("Skate-sak", "Skate case", "Skatesak"), K.CASE),
    ),
)

MILESTONES = SheetSpec(
    "milestones",
    ("Milepæler", "Milestones"),
    (
        C("measure", ("Tiltak", "Measure"), K.ID, required=True),
        C("name", ("Milepæl", "Milestone"), required=True),
        C("when", ("Dato", "Date"), K.PERIOD, required=True),
    ),
)

COSTS = SheetSpec(
    "costs",
    ("Kostnader", "Costs"),
    (
        C("item", ("Tiltak", "Measure", "Behov", "Need"), K.ID, required=True),
        C("year", ("År", "Year"), K.YEAR, required=True),
        C("cost_type", ("Kostnadstype", "Cost type"), required=True, choices="COST_TYPES"),
        C("amount", ("Beløp", "Amount"), K.AMOUNT, required=True, unit="MNOK"),
    ),
)

FUNDING = SheetSpec(
    "funding",
    ("Finansiering", "Funding"),
    (
        C("item", ("Tiltak", "Measure", "Behov", "Need"), K.ID, required=True),
        C("year", ("År", "Year"), K.YEAR, required=True),
        C("source", ("Kilde", "Source"), required=True, choices="FUNDING_SOURCES"),
        C("amount", ("Beløp", "Amount"), K.AMOUNT, required=True, unit="MNOK"),
        C("status", ("Status",), choices="FUNDING_STATUSES"),
        C("applied_year", ("Søknadsår", "Application year", "Soknadsar", "Applied"), K.YEAR),
    ),
)

AGENCIES = SheetSpec(
    "agencies",
    ("Virksomheter", "Agencies"),
    (
        C("code", ("Kode", "Code"), K.ID, required=True),
        C("name", ("Navn", "Name"), required=True),
        C("kind", ("Type",), choices="AGENCY_TYPES"),
        C("inhabitants", ("Innbyggere", "Inhabitants"), K.AMOUNT),
        C("it_budget", ("IT-budsjett", "IT budget"), K.AMOUNT, unit="MNOK"),
    ),
)

USAGE = SheetSpec(
    "usage",
    ("Bruk", "Usage"),
    (
        C("solution", ("Løsning", "Solution"), K.ID, required=True),
        C("agency", ("Virksomhet", "Agency"), K.ID, required=True),
        C("year", ("År", "Year"), K.YEAR),
        C("volume", ("Volum", "Volume"), K.AMOUNT),
        C("benefit", ("Nytte", "Benefit"), K.AMOUNT),
        C("share", ("Andel", "Share", "Kostnadsandel", "Cost share"), K.AMOUNT),
    ),
)

BUDGET = SheetSpec(
    "budget",
    ("Budsjett", "Budget", "Budsjettramme"),
    (
        C("year", ("År", "Year"), K.YEAR, required=True),
        C("cap", ("Ramme", "Ramme (MNOK)", "Cap", "Budget cap"), K.AMOUNT, required=True),
    ),
)

ADOPTED = SheetSpec(
    "adopted",
    ("Vedtatt", "Adopted", "Vedtatt veikart", "Baseline"),
    (
        C("measure", ("Tiltak", "Measure", "Tiltak-ID", "ID"), K.ID, required=True),
        C("start", ("Start",), K.PERIOD, required=True),
        C("end", ("Slutt", "End"), K.PERIOD, required=True),
        C("decided", ("Vedtatt dato", "Decided", "Vedtaksdato", "Date decided"), K.DATE),
        C("case", ("Skate-sak", "Skate case", "Skatesak"), K.CASE),
    ),
)

GOALS = SheetSpec(
    "goals",
    ("Mål", "Goals"),
    (
        C("goal", ("Mål", "Goal"), required=True),
        C("result", ("Resultat", "Result")),
        C("assessment", ("Vurdering", "Assessment"), choices="GOAL_ASSESSMENTS"),
    ),
)

KEY_FIGURES = SheetSpec(
    "key_figures",
    ("Nøkkeltall", "Key figures", "Indikatorer"),
    (
        C("indicator", ("Indikator", "Indicator"), required=True),
        C("group", ("Gruppe", "Group")),
        C("year", ("År", "Year"), K.YEAR, required=True),
        C("value", ("Verdi", "Value"), K.NUMBER, required=True),
    ),
)

#: Kart for tjenestekjeder: one row per element of a service-chain map (docs/tjenestekjeder.md).
CHAINS = SheetSpec(
    "chains",
    ("Tjenestekjeder", "Service chains", "Tjenestekjede", "Kart for tjenestekjeder"),
    (
        C("id", ("ID", "Element-ID", "Element ID", "Element"), K.ID, required=True),
        C("chain", ("Tjenestekjede", "Kjede", "Chain", "Service chain", "Livshendelse"),
          required=True),
        C("step", ("Steg", "Step", "Rekkefølge", "Order"), K.POSITIVE, required=True),
        C("layer", ("Rad", "Row", "Radtype", "Row kind", "Lag"), required=True,
          choices="CHAIN_LAYERS"),
        C("text", ("Tekst", "Text", "Beskrivelse", "Description"), required=True),
        C("actor", ("Aktør", "Actor", "Virksomhet", "Agency")),
        C("triggers", ("Utløser", "Triggers", "Fører til", "Leads to", "Neste"), K.LIST),
        C("break_level", ("Brudd", "Bruddnivå", "Break", "Break level"),
          choices="BREAK_LEVELS"),
        C("break_text", ("Bruddbeskrivelse", "Break description", "Om bruddet")),
        C("needs", ("Behov", "Needs"), K.LIST),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (
    NEEDS, CRITERIA, MEASURES, MILESTONES, COSTS, FUNDING, AGENCIES, USAGE, BUDGET, GOALS,
    KEY_FIGURES, ADOPTED, CHAINS,
)

#: A Kriterier column headed by a whole number (``1`` … ``5``) holds the rubric's anchored
#: text for that score; at most this many digits.
_RUBRIC_HEADER = re.compile(r"[+-]?\d{1,7}")


def rubric_score(header: object) -> int | None:
    """The score a Kriterier column's header names (``1``, ``5``, a number cell), or None."""
    if isinstance(header, bool):
        return None
    if isinstance(header, int | float):
        return int(header) if float(header).is_integer() and abs(header) < 1e7 else None
    text = str(header).strip()
    return int(text) if _RUBRIC_HEADER.fullmatch(text) else None


_UNIT = re.compile(r"\s*\([^()]*\)\s*$")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def normalise(name: object) -> str:
    """Fold a sheet or column name for matching: case, spaces, a trailing unit, a '*'."""
    text = _SPACE.sub(" ", str(name)).strip().rstrip("*").strip()
    text = _UNIT.sub("", text)
    return text.casefold()


def lookup(spec: SheetSpec) -> dict[str, Column]:
    """Map every normalised name of the sheet's columns to its column."""
    table: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.names:
            table.setdefault(normalise(name), column)
    return table
