"""What changed between two versions of a catalogue: records, ranks, roadmap and money. Pure.

Needs and measures are matched by ID as the format compares IDs (``id_key``); cost lines
by item, year and cost type; funding lines by item, year and source (the n-th line with a
key in one version is paired with the n-th in the other). Values are compared as the
reader typed them: periods by their dates (a ``2024-K1`` rewritten as ``K1 2024`` is no
change), lists as lists, numbers as numbers, unknown extra columns by header. The order is
fixed: by kind (behov, tiltak, kostnad, finansiering), then natural ID order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.model import Catalogue, CostLine, FundingLine, Measure, Need, Period
from okosys_plan.catalogue.validate import id_key
from okosys_plan.prioritise.scoring import PriorityClass, Ranking, ScoredNeed, natural_key
from okosys_plan.roadmap.items import ItemKind
from okosys_plan.roadmap.schedule import Plan, PlannedItem


class Kind(StrEnum):
    """What a change is about; the values are the ``kind`` of the JSON and event types."""

    NEED = "behov"
    MEASURE = "tiltak"
    COST = "kostnad"
    FUNDING = "finansiering"


class Change(StrEnum):
    """What happened to a cost or funding line."""

    ADDED = "lagt-til"
    REMOVED = "fjernet"
    CHANGED = "endret"


KIND_ORDER = {kind: number for number, kind in enumerate(Kind)}
AMOUNT, STATUS = "Beløp", "Status"  # the field names of a cost or funding line


@dataclass(frozen=True)
class Record:
    """A need or measure that is only in one version (added or removed)."""

    kind: Kind
    id: str
    title: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a need or measure with its old and new value (as the reader typed them)."""

    kind: Kind
    id: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RankMove:
    """A need whose rank or priority class changed (its score is kept for the changelog)."""

    id: str
    title: str
    old_rank: int
    new_rank: int
    old_class: PriorityClass | None
    new_class: PriorityClass | None
    old_score: float | None
    new_score: float | None


@dataclass(frozen=True)
class Move:
    """A roadmap item (dated or planned) whose start or end moved; None: not placed."""

    kind: Kind
    id: str
    title: str
    old_start: date | None
    old_end: date | None
    new_start: date | None
    new_end: date | None
    #: Quarters the start and end moved (``roadmap.baseline.slippage``, the status
    #: table's figures: the old plan as the baseline); None when either is not placed.
    start_slip: int | None = None
    end_slip: int | None = None


@dataclass(frozen=True)
class LineChange:
    """A cost or funding line added, removed, or one of its fields changed."""

    kind: Kind
    id: str
    year: int
    key: str  # the cost type of a cost line, the source of a funding line
    change: Change
    field: str
    old: Any
    new: Any
    status: str | None = None  # a funding line's status (the new one, if it still exists)


@dataclass(frozen=True)
class CatalogueDiff:
    """Everything that changed from ``old`` to ``new``, each list in its fixed order."""

    old_source: str
    new_source: str
    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    changed: tuple[FieldChange, ...] = ()
    rank_moves: tuple[RankMove, ...] = ()
    moved: tuple[Move, ...] = ()
    funding: tuple[LineChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.changed or self.rank_moves
                    or self.moved or self.funding)


def compare(old: Catalogue, new: Catalogue, old_ranking: Ranking | None = None,
            new_ranking: Ranking | None = None, old_plan: Plan | None = None,
            new_plan: Plan | None = None) -> CatalogueDiff:
    """Compare two catalogues, and their rankings and plans when given."""
    needs = _records(Kind.NEED, old.needs, new.needs)
    measures = _records(Kind.MEASURE, old.measures, new.measures)
    return CatalogueDiff(
        old.source, new.source, needs[0] + measures[0], needs[1] + measures[1],
        needs[2] + measures[2],
        rank_moves(old_ranking, new_ranking) if old_ranking and new_ranking else (),
        moves(old_plan, new_plan) if old_plan and new_plan else (),
        tuple(sorted([*_lines(Kind.COST, old.costs, new.costs),
                      *_lines(Kind.FUNDING, old.funding, new.funding)], key=_line_order)))


# --- needs and measures ------------------------------------------------------------------

Item = Need | Measure


def _records(kind: Kind, old: Sequence[Item], new: Sequence[Item]
             ) -> tuple[tuple[Record, ...], tuple[Record, ...], tuple[FieldChange, ...]]:
    """Records added, removed, and the field changes of the rest, in natural ID order."""
    before = {id_key(r.id): r for r in old}
    after = {id_key(r.id): r for r in new}
    keys = sorted(before.keys() | after.keys(), key=natural_key)
    added = tuple(Record(kind, after[k].id, after[k].title) for k in keys if k not in before)
    removed = tuple(Record(kind, before[k].id, before[k].title) for k in keys if k not in after)
    changed = tuple(change for k in keys if k in before and k in after
                    for change in record_changes(kind, before[k], after[k]))
    return added, removed, changed


def record_changes(kind: Kind, old: Item, new: Item) -> Iterator[FieldChange]:
    """Each field of a need or measure that differs: the format's columns, scores, extras."""
    for field, was, now in _fields(kind, old, new):
        if not same(was, now):
            yield FieldChange(kind, new.id, field, was, now)


def _fields(kind: Kind, old: Item, new: Item) -> Iterator[tuple[str, Any, Any]]:
    """(field name, old value, new value) for every field either version has."""
    spec = schema.NEEDS if kind is Kind.NEED else schema.MEASURES
    for column in spec.columns:
        if column.key != "id":
            yield column.names[0], getattr(old, column.key), getattr(new, column.key)
    if isinstance(old, Need) and isinstance(new, Need):
        for name in dict.fromkeys([*old.scores, *new.scores]):
            yield name, old.scores.get(name), new.scores.get(name)
    was, now = dict(old.extra), dict(new.extra)
    for header in dict.fromkeys([*was, *now]):
        yield header, was.get(header), now.get(header)


def same(old: Any, new: Any) -> bool:
    """True when two typed values mean the same (periods by dates, numbers as numbers)."""
    return bool(comparable(old) == comparable(new))


def comparable(value: Any) -> Any:
    """A value in the form it is compared in."""
    if isinstance(value, Period):
        return ("period", value.first, value.last, value.started_before)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return tuple(comparable(v) for v in value)
    return value


# --- ranks and the roadmap ---------------------------------------------------------------

def rank_moves(old: Ranking, new: Ranking) -> tuple[RankMove, ...]:
    """Needs in both rankings whose rank or priority class changed, in natural ID order."""
    before = {id_key(s.id): s for s in old.needs}
    found = [_move(before[id_key(s.id)], s) for s in new.needs if id_key(s.id) in before]
    moved = [m for m in found if m.old_rank != m.new_rank or m.old_class != m.new_class]
    return tuple(sorted(moved, key=lambda m: natural_key(m.id)))


def _move(old: ScoredNeed, new: ScoredNeed) -> RankMove:
    return RankMove(new.id, new.title, old.rank, new.rank, old.priority, new.priority,
                    old.score, new.score)


def moves(old: Plan, new: Plan) -> tuple[Move, ...]:
    """Roadmap items in both plans whose start or end moved (None when not placed)."""
    from okosys_plan.roadmap.baseline import baseline_of, slippage

    before = {id_key(p.item.id): p for p in old.items}
    slips = {id_key(s.id): s for s in slippage(baseline_of(old), new)}
    found = []
    for planned in new.items:
        was = before.get(id_key(planned.item.id))
        if was is not None and _span(was) != _span(planned):
            kind = Kind.MEASURE if planned.item.kind is ItemKind.MEASURE else Kind.NEED
            slip = slips.get(id_key(planned.item.id))
            found.append(Move(kind, planned.item.id, planned.item.title, *_span(was),
                              *_span(planned), slip.start_slip if slip else None,
                              slip.end_slip if slip else None))
    return tuple(sorted(found, key=lambda m: (KIND_ORDER[m.kind], natural_key(m.id))))


def _span(planned: PlannedItem) -> tuple[date | None, date | None]:
    if not planned.placed:
        return None, None
    return planned.item.start, planned.item.end


# --- cost and funding lines ----------------------------------------------------------------

Line = CostLine | FundingLine


def _line_key(line: Line) -> str:
    return line.cost_type if isinstance(line, CostLine) else line.source


def _keyed(lines: Sequence[Line]) -> dict[tuple[str, int, str, int], Line]:
    """Lines by (item, year, type or source, occurrence)."""
    seen: dict[tuple[str, int, str], int] = {}
    out = {}
    for line in lines:
        base = (id_key(line.item), line.year, _line_key(line).casefold())
        seen[base] = seen.get(base, -1) + 1
        out[(*base, seen[base])] = line
    return out


def _lines(kind: Kind, old: Sequence[Line], new: Sequence[Line]) -> Iterator[LineChange]:
    before, after = _keyed(old), _keyed(new)
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if now is None and was is not None:
            yield _whole(kind, was, Change.REMOVED)
        elif was is None and now is not None:
            yield _whole(kind, now, Change.ADDED)
        elif was is not None and now is not None:
            yield from _line_fields(kind, was, now)


def _status(line: Line) -> str | None:
    return line.status if isinstance(line, FundingLine) else None


def _whole(kind: Kind, line: Line, change: Change) -> LineChange:
    old, new = (line.amount, None) if change is Change.REMOVED else (None, line.amount)
    return LineChange(kind, line.item, line.year, _line_key(line), change, AMOUNT, old, new,
                      _status(line))


def _line_fields(kind: Kind, old: Line, new: Line) -> Iterator[LineChange]:
    pairs: list[tuple[str, Any, Any]] = [(AMOUNT, old.amount, new.amount),
                                         (STATUS, _status(old), _status(new))]
    was, now = dict(old.extra), dict(new.extra)
    pairs += [(h, was.get(h), now.get(h)) for h in dict.fromkeys([*was, *now])]
    for field, before, after in pairs:
        if not same(before, after):
            yield LineChange(kind, new.item, new.year, _line_key(new), Change.CHANGED, field,
                             before, after, _status(new))


_FIELD_ORDER = {AMOUNT: 0, STATUS: 1}
_CHANGE_ORDER = {change: number for number, change in enumerate(Change)}


def _line_order(line: LineChange) -> tuple[Any, ...]:
    return (KIND_ORDER[line.kind], natural_key(line.id), line.year, line.key.casefold(),
            _CHANGE_ORDER[line.change], _FIELD_ORDER.get(line.field, 2), line.field)

