"""The domain model: frozen dataclasses for everything a catalogue holds.

Nothing here does I/O. Every record keeps where it came from (``Origin``) and the
columns the format does not know (``extra``), so that no value a user typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from okosys_plan.text.address import column_letter


class Severity(StrEnum):
    """How bad a problem is: an error blocks the run, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


class Direction(StrEnum):
    """Whether a higher criterion score is better (benefit) or worse (cost)."""

    BENEFIT = "benefit"
    COST = "cost"


@dataclass(frozen=True)
class Origin:
    """Where a record was read: file, sheet and the row number a user sees."""

    file: str
    sheet: str
    row: int

    def label(self) -> str:
        """A short text such as ``fil.xlsx:Behov!7``."""
        return f"{self.file}:{self.sheet}!{self.row}"


@dataclass(frozen=True)
class Period:
    """A span of days from a period cell: a year, quarter, month, date or 'Påbegynt'."""

    first: date
    last: date
    text: str
    started_before: bool = False


@dataclass(frozen=True)
class Criterion:
    """A prioritisation criterion with its weight, direction and scale."""

    name: str
    weight: float
    direction: Direction = Direction.BENEFIT
    scale_min: int = 1
    scale_max: int = 5
    description: str = ""
    #: Anchored texts for scores ("1: one agency … 5: every agency"), (score, text) pairs.
    rubric: tuple[tuple[int, str], ...] = ()


Extra = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Need:
    """A need (behov) for a common digital solution."""

    id: str
    title: str
    origin: Origin
    owner: str | None = None
    description: str | None = None
    theme: str | None = None
    need_type: str | None = None
    life_events: tuple[str, ...] = ()
    submitted_by: str | None = None
    submitted: date | None = None
    status: str | None = None
    #: Whole grades as typed; an aggregate of several assessors may be fractional (3.5).
    scores: Mapping[str, float | None] = field(default_factory=dict)
    legal_requirement: bool = False
    skate_case: str | None = None
    investment: float | None = None
    annual_operations: float | None = None
    npv: float | None = None
    duration: float | None = None
    start: Period | None = None
    end: Period | None = None
    depends_on: tuple[str, ...] = ()
    comment: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Measure:
    """A measure (tiltak): a bar on the roadmap."""

    id: str
    title: str
    origin: Origin
    theme: str | None = None
    owner: str | None = None
    participants: tuple[str, ...] = ()
    start: Period | None = None
    end: Period | None = None
    status: str | None = None
    needs: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    skate_case: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Milestone:
    """A milestone on a measure."""

    measure: str
    name: str
    when: Period
    origin: Origin
    extra: Extra = ()


@dataclass(frozen=True)
class CostLine:
    """A cost of a measure or need in one year, by cost type, in MNOK."""

    item: str
    year: int
    cost_type: str
    amount: float
    origin: Origin
    extra: Extra = ()


@dataclass(frozen=True)
class FundingLine:
    """Funding for a measure or need in one year from one source, in MNOK."""

    item: str
    year: int
    source: str
    amount: float
    status: str
    origin: Origin
    extra: Extra = ()
    applied_year: int | None = None  # Søknadsår: which year's co-funding rules apply


@dataclass(frozen=True)
class Agency:
    """An agency (virksomhet) that may use and pay for common solutions."""

    code: str
    name: str
    origin: Origin
    kind: str | None = None
    inhabitants: float | None = None
    it_budget: float | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Usage:
    """An agency's use of (and benefit from) a solution in a year."""

    solution: str
    agency: str
    origin: Origin
    year: int | None = None
    volume: float | None = None
    benefit: float | None = None
    share: float | None = None  # an agreed cost share (Andel), for the manual key
    extra: Extra = ()


@dataclass(frozen=True)
class BudgetLine:
    """The yearly budget cap (ramme) for the roadmap's measures, in MNOK."""

    year: int
    cap: float
    origin: Origin
    extra: Extra = ()


@dataclass(frozen=True)
class AdoptedLine:
    """A measure's period as adopted (the Vedtatt sheet): the baseline of status reports."""

    measure: str
    start: Period
    end: Period
    origin: Origin
    decided: date | None = None
    case: str | None = None  # the Skate case
    extra: Extra = ()


@dataclass(frozen=True)
class ChainElement:
    """One element of a service-chain map: an activity, event, service or data source.

    ``triggers`` are the IDs of the elements it leads to; ``break_level`` says where the
    chain breaks at it (juridisk, organisatorisk, semantisk, teknisk) and ``needs`` which
    needs of the catalogue address that break.
    """

    id: str
    chain: str
    step: float
    layer: str
    text: str
    origin: Origin
    actor: str | None = None
    triggers: tuple[str, ...] = ()
    break_level: str | None = None
    break_text: str | None = None
    needs: tuple[str, ...] = ()
    extra: Extra = ()


@dataclass(frozen=True)
class Goal:
    """A yearly goal for the ecosystem, its result and how it was assessed."""

    goal: str
    origin: Origin
    result: str | None = None
    assessment: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class KeyFigure:
    """One value of an indicator, for a group (Stat, Kommune …) in a year."""

    indicator: str
    year: int
    value: float
    origin: Origin
    group: str | None = None
    extra: Extra = ()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with its place, in a language-neutral form.

    ``params`` fill the message and hint templates of ``code`` (see ``messages``).
    """

    severity: Severity
    code: str
    sheet: str | None = None
    cell: str | None = None
    column: str | None = None
    value: Any = None
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None

    @property
    def is_error(self) -> bool:
        """True for an error, False for a warning."""
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class SheetTable:
    """A sheet as read: its header labels and every kept data row, untyped.

    Used to write a catalogue back out (merge, annotate) with every column a user had.
    ``keys`` holds the format's key for each column, or None for an unknown column.
    """

    sheet: str
    header_row: int
    headers: tuple[str, ...]
    keys: tuple[str | None, ...]
    rows: tuple[tuple[int, Sequence[Any]], ...]
    first_col: int = 1

    def cell(self, key: str, row: int) -> str | None:
        """The reference (``F12``) of column ``key`` in ``row``, if the sheet has it."""
        if key not in self.keys:
            return None
        return f"{column_letter(self.first_col + self.keys.index(key))}{row}"

    def header(self, key: str) -> str | None:
        """The header a user wrote for column ``key``, if the sheet has it."""
        return self.headers[self.keys.index(key)] if key in self.keys else None


@dataclass(frozen=True)
class Catalogue:
    """A needs catalogue: typed records, the tables they came from, and read problems."""

    source: str
    needs: tuple[Need, ...]
    criteria: tuple[Criterion, ...]
    measures: tuple[Measure, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    costs: tuple[CostLine, ...] = ()
    funding: tuple[FundingLine, ...] = ()
    agencies: tuple[Agency, ...] = ()
    usage: tuple[Usage, ...] = ()
    budgets: tuple[BudgetLine, ...] = ()
    goals: tuple[Goal, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    adopted: tuple[AdoptedLine, ...] = ()  # the Vedtatt sheet
    chain_elements: tuple[ChainElement, ...] = ()  # the Tjenestekjeder sheet
    problems: tuple[Problem, ...] = ()
    tables: Mapping[str, SheetTable] = field(default_factory=dict)
    sheets_present: frozenset[str] = frozenset()
    other_sheets: tuple[str, ...] = ()  # sheets the format does not know (not read)
    missing_criteria: tuple[str, ...] = ()
    criteria_from_workbook: bool = False

    @property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        """The criteria whose column exists in the needs sheet."""
        missing = set(self.missing_criteria)
        return tuple(c for c in self.criteria if c.name not in missing)


@dataclass(frozen=True)
class Report:
    """The outcome of validation: every problem found, in one pass."""

    source: str
    problems: tuple[Problem, ...]
    needs: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are warnings."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def valid(self) -> bool:
        """True when no problem is an error."""
        return not self.errors
