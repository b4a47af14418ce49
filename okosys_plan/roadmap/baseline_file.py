"""The baseline as a file: versioned JSON, same plan same bytes, read back with checks.

The format (docs/veikart.md, "The adopted baseline") is an object with ``format``
("okosys-plan-baseline"), ``version`` (1), ``source``, ``decided`` (ISO day or null),
``skate_case``, ``horizon`` ([first, last] year or null) and ``items``: one object per
item with ``id``, ``title``, ``kind``, ``lane``, ``owner``, ``start``, ``end`` (ISO days),
``start_quarter``/``end_quarter`` (e.g. "2024-K1", for people; not read back),
``decided`` and ``skate_case``. Anything else is refused with the file and the field.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan.errors import UsageError
from okosys_plan.paths import read_small
from okosys_plan.roadmap.baseline import Baseline, BaselineItem
from okosys_plan.text.later import Msg, msg

FORMAT = "okosys-plan-baseline"
VERSION = 1
SIZE_LIMIT = 20 * 1024 * 1024  # bytes: far above any real roadmap
_TOP = {"format", "version", "source", "decided", "skate_case", "horizon", "items"}
_ITEM = {"id", "title", "kind", "lane", "owner", "start", "end", "start_quarter",
         "end_quarter", "decided", "skate_case"}


class BadBaseline(UsageError):
    """A baseline file that cannot be used (exit 2)."""

    def __init__(self, path: Path, where: str, reason: Msg) -> None:
        place = f"{where}: " if where else ""
        super().__init__("bad-baseline", f"{path}: {place}{reason}", file=str(path),
                         where=place, reason=reason)


def _quarter(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def baseline_document(baseline: Baseline) -> dict[str, Any]:
    """The baseline as a JSON-ready dict, items in their order."""
    return {
        "format": FORMAT, "version": VERSION, "source": baseline.source,
        "decided": _day(baseline.decided), "skate_case": baseline.case,
        "horizon": list(baseline.horizon) if baseline.horizon else None,
        "items": [{"id": i.id, "title": i.title, "kind": i.kind, "lane": i.lane,
                   "owner": i.owner, "start": i.start.isoformat(), "end": i.end.isoformat(),
                   "start_quarter": _quarter(i.start), "end_quarter": _quarter(i.end),
                   "decided": _day(i.decided), "skate_case": i.case}
                  for i in baseline.items],
    }


def baseline_bytes(baseline: Baseline) -> bytes:
    """The baseline file's bytes: UTF-8 JSON, two-space indent, a final newline."""
    text = json.dumps(baseline_document(baseline), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def write_baseline(path: Path, baseline: Baseline, *, force: bool = False,
                   inputs: tuple[Path | None, ...] = ()) -> Path:
    """Write the baseline atomically (refused over an existing file without ``force``)."""
    from okosys_plan.export.files import check_outputs, write_bytes_atomic

    check_outputs([path], force=force, inputs=inputs)
    write_bytes_atomic(path, baseline_bytes(baseline))
    return path


def read_baseline(path: Path) -> Baseline:
    """Read and check a baseline file; a broken or foreign one is refused naming the field."""
    try:
        data = json.loads(read_small(path, SIZE_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise BadBaseline(path, "", msg("the file does not exist")) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BadBaseline(path, "", msg("cannot be read ({error})", error=error)) from None
    return baseline_from(data, path)


def baseline_from(data: Any, path: Path) -> Baseline:
    """A baseline from parsed JSON, every field checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadBaseline(path, "format", msg("not an okosys-plan baseline (expected "
                                              "\"format\": \"{format}\")", format=FORMAT))
    if data.get("version") != VERSION:
        raise BadBaseline(path, "version", msg("version {found} is not read (this version "
                                               "reads {version})",
                                               found=str(data.get("version")), version=VERSION))
    _no_unknown(path, "", data, _TOP)
    items = data.get("items")
    if not isinstance(items, list):
        raise BadBaseline(path, "items", msg("must be a list"))
    return Baseline(tuple(_item(path, f"items[{n}]", entry) for n, entry in enumerate(items)),
                    _date(path, "decided", data.get("decided"), optional=True),
                    _text(path, "skate_case", data.get("skate_case"), optional=True),
                    _text(path, "source", data.get("source", ""), optional=True) or "",
                    _horizon(path, data.get("horizon")))


def _item(path: Path, where: str, entry: Any) -> BaselineItem:
    if not isinstance(entry, dict):
        raise BadBaseline(path, where, msg("must be an object"))
    _no_unknown(path, where, entry, _ITEM)
    start = _date(path, f"{where}.start", entry.get("start"))
    end = _date(path, f"{where}.end", entry.get("end"))
    assert start is not None and end is not None
    if end < start:
        raise BadBaseline(path, f"{where}.end", msg("ends before it starts"))
    kind = entry.get("kind", "measure")
    if kind not in ("measure", "need"):
        raise BadBaseline(path, f"{where}.kind", msg("must be \"measure\" or \"need\""))
    return BaselineItem(
        _text(path, f"{where}.id", entry.get("id")) or "",
        _text(path, f"{where}.title", entry.get("title", ""), optional=True) or "",
        start, end, kind,
        _text(path, f"{where}.lane", entry.get("lane"), optional=True),
        _text(path, f"{where}.owner", entry.get("owner"), optional=True),
        _date(path, f"{where}.decided", entry.get("decided"), optional=True),
        _text(path, f"{where}.skate_case", entry.get("skate_case"), optional=True))


def _no_unknown(path: Path, where: str, data: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise BadBaseline(path, f"{where}.{unknown[0]}" if where else unknown[0],
                          msg("unknown field"))


def _text(path: Path, where: str, value: Any, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise BadBaseline(path, where, msg("must be a text"))
    return value


def _date(path: Path, where: str, value: Any, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise BadBaseline(path, where, msg("must be a date written YYYY-MM-DD")) from None


def _horizon(path: Path, value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(type(v) is int for v in value) or value[0] > value[1]):
        raise BadBaseline(path, "horizon", msg("must be [first year, last year]"))
    return value[0], value[1]
