"""A catalogue diff as JSON, and as CloudEvents 1.0 (one event per change). Pure.

The event types are ``no.okosys.<kind>.<what>``: kind ``behov``, ``tiltak``, ``kostnad`` or
``finansiering``; what ``lagt-til``, ``fjernet``, ``endret``, ``flyttet`` (a roadmap
item's period) or ``rang-endret`` (a need's rank or priority class). docs/diff.md lists
them with an example.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from okosys_plan.catalogue.model import Period
from okosys_plan.catalogue.present import json_value
from okosys_plan.diff.compare import (
    CatalogueDiff,
    FieldChange,
    Kind,
    LineChange,
    Move,
    RankMove,
    Record,
)

SPECVERSION = "1.0"
TYPE_PREFIX = "no.okosys"
SOURCE_PREFIX = "urn:okosys-plan:katalog:"

#: Every event type ``--events`` may write, in the order of the document's lists.
EVENT_TYPES = (
    *(f"{TYPE_PREFIX}.{k.value}.{w}" for k in (Kind.NEED, Kind.MEASURE)
      for w in ("lagt-til", "fjernet", "endret", "flyttet")),
    f"{TYPE_PREFIX}.{Kind.NEED.value}.rang-endret",
    *(f"{TYPE_PREFIX}.{k.value}.{w}" for k in (Kind.COST, Kind.FUNDING)
      for w in ("lagt-til", "fjernet", "endret")),
)


def value_json(value: Any) -> Any:
    """A typed value as JSON holds it: a period as its text, a list as a list, dates ISO."""
    if isinstance(value, Period):
        return value.text
    if isinstance(value, list | tuple):
        return [value_json(v) for v in value]
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    return json_value(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def record_entry(record: Record) -> dict[str, Any]:
    """An added or removed need or measure."""
    return {"kind": record.kind.value, "id": record.id, "title": record.title}


def change_entry(change: FieldChange) -> dict[str, Any]:
    """One changed field of a need or measure."""
    return {"kind": change.kind.value, "id": change.id, "field": change.field,
            "old": value_json(change.old), "new": value_json(change.new)}


def rank_entry(move: RankMove) -> dict[str, Any]:
    """A need's rank or class move."""
    return {"id": move.id, "old_rank": move.old_rank, "new_rank": move.new_rank,
            "old_class": None if move.old_class is None else move.old_class.value,
            "new_class": None if move.new_class is None else move.new_class.value}


def move_entry(move: Move) -> dict[str, Any]:
    """A roadmap item whose period moved (dates ISO, null when not placed)."""
    return {"id": move.id, "old_start": _day(move.old_start), "old_end": _day(move.old_end),
            "new_start": _day(move.new_start), "new_end": _day(move.new_end),
            "start_slip": move.start_slip, "end_slip": move.end_slip}


def line_entry(line: LineChange) -> dict[str, Any]:
    """A cost or funding line added, removed or changed (one field)."""
    return {"kind": line.kind.value, "id": line.id, "year": line.year,
            "cost_type": line.key if line.kind is Kind.COST else None,
            "source": line.key if line.kind is Kind.FUNDING else None,
            "change": line.change.value, "field": line.field,
            "old": value_json(line.old), "new": value_json(line.new), "status": line.status}


def diff_document(diff: CatalogueDiff) -> dict[str, Any]:
    """The diff as ``diff --json`` prints it; every list is empty when nothing changed."""
    return {
        "added": [record_entry(r) for r in diff.added],
        "removed": [record_entry(r) for r in diff.removed],
        "changed": [change_entry(c) for c in diff.changed],
        "rank_moves": [rank_entry(m) for m in diff.rank_moves],
        "moved": [move_entry(m) for m in diff.moved],
        "funding": [line_entry(line) for line in diff.funding],
    }


def _changes(diff: CatalogueDiff) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(type, subject, data) for every change, in the document's order."""
    for record in diff.added:
        yield f"{TYPE_PREFIX}.{record.kind.value}.lagt-til", record.id, record_entry(record)
    for record in diff.removed:
        yield f"{TYPE_PREFIX}.{record.kind.value}.fjernet", record.id, record_entry(record)
    for change in diff.changed:
        yield f"{TYPE_PREFIX}.{change.kind.value}.endret", change.id, change_entry(change)
    for rank in diff.rank_moves:
        yield f"{TYPE_PREFIX}.{Kind.NEED.value}.rang-endret", rank.id, rank_entry(rank)
    for move in diff.moved:
        yield f"{TYPE_PREFIX}.{move.kind.value}.flyttet", move.id, move_entry(move)
    for line in diff.funding:
        yield f"{TYPE_PREFIX}.{line.kind.value}.{line.change.value}", line.id, line_entry(line)


def event_source(name: str) -> str:
    """The events' source: ``urn:okosys-plan:katalog:`` and the catalogue's file name."""
    return SOURCE_PREFIX + quote(name, safe="")


def cloud_events(diff: CatalogueDiff, *, basis: str = "",
                 time: date | None = None) -> list[dict[str, Any]]:
    """One CloudEvents 1.0 event per change, source the new catalogue, subject the ID.

    An event's ``id`` is a hash of its content and ``basis`` (say, the two files' SHA-256),
    so the same diff always gives the same ids; ``time`` is set only when given.
    """
    source = event_source(diff.new_source)
    events: list[dict[str, Any]] = []
    seen: set[str] = set()
    for kind, subject, data in _changes(diff):
        event_id = _unique(_hash(basis, source, kind, subject, data), seen)
        event: dict[str, Any] = {"specversion": SPECVERSION, "id": event_id, "source": source,
                                 "type": kind, "subject": subject}
        if time is not None:
            event["time"] = _timestamp(time)
        event["datacontenttype"] = "application/json"
        event["data"] = data
        events.append(event)
    return events


def _hash(basis: str, source: str, kind: str, subject: str, data: dict[str, Any]) -> str:
    content = json.dumps([basis, source, kind, subject, data], ensure_ascii=False,
                         sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def _unique(event_id: str, seen: set[str]) -> str:
    """The id, with -2, -3 … when an identical change came before (duplicate lines)."""
    candidate, number = event_id, 1
    while candidate in seen:
        number += 1
        candidate = f"{event_id}-{number}"
    seen.add(candidate)
    return candidate


def _timestamp(time: date) -> str:
    """RFC 3339: a date at midnight UTC, a datetime as given (UTC when naive)."""
    if isinstance(time, datetime):
        text = time.isoformat()
        return text if time.tzinfo is not None else text + "Z"
    return f"{time.isoformat()}T00:00:00Z"


def event_lines(events: list[dict[str, Any]]) -> str:
    """The events as JSON Lines (one object per line, UTF-8, keys in a fixed order)."""
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
