"""Criteria (and class thresholds) from a TOML file, for ``--criteria FILE.toml``.

The file::

    [thresholds]            # optional: Høy at 70 or more, Middels at 40 or more
    high = 70
    medium = 40

    [[criteria]]
    name = "Samfunnsnytte"
    weight = 0.25
    direction = "benefit"   # or "cost"; "nytte" / "kostnad" are accepted too
    min = 1                 # optional, default 1
    max = 5                 # optional, default 5
    description = "…"       # optional
    rubric = { 1 = "Én virksomhet", 5 = "Alle virksomheter" }   # optional: score = text

A criterion without ``rubric`` that has a Skate default's name and the 1–5 scale gets the
default's rubric (``catalogue.rubrics``).

Any mistake stops with one line naming the file, the criterion and the field (exit 2):
a settings file is not data to be partly used.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.model import Criterion
from okosys_plan.catalogue.rubrics import default_rubric
from okosys_plan.errors import UsageError
from okosys_plan.paths import read_small
from okosys_plan.prioritise.scoring import Thresholds, normalised
from okosys_plan.text.later import Msg, msg

#: Where in the file a problem is: a criterion (said in the reader's language) or a table.
_Where = Msg | str
_FILE: _Where = ""
_KEYS = {"name", "weight", "direction", "min", "max", "description", "rubric"}
#: A weight at most (weights are normalised; the bound keeps their sum finite).
MAX_WEIGHT = 1_000_000
#: A scale's ends at most, in absolute value.
MAX_SCALE = 1_000_000


@dataclass(frozen=True)
class CriteriaFile:
    """What a criteria file sets: the criteria, and the thresholds if it has them."""

    criteria: tuple[Criterion, ...]
    thresholds: Thresholds | None = None


class BadCriteriaFile(UsageError):
    """A criteria file that cannot be used as it is."""

    def __init__(self, path: Path, where: _Where, reason: Msg) -> None:
        super().__init__("bad-criteria-file", f"{path}: {where}{reason}", file=str(path),
                         where=where, reason=reason)


def load_criteria_file(path: Path) -> CriteriaFile:
    """Read and check a criteria TOML file; weights are normalised to sum to 1."""
    data = _toml(path)
    unknown = set(data) - {"criteria", "thresholds"}
    if unknown:
        name = sorted(unknown)[0]
        raise BadCriteriaFile(path, _FILE, msg("unknown key '{name}' (known: criteria, "
                                                 "thresholds)", name=name))
    entries = data.get("criteria")
    if not isinstance(entries, list) or not entries:
        raise BadCriteriaFile(path, _FILE, msg("the file has no [[criteria]] tables"))
    criteria = _criteria(path, entries)
    thresholds = _thresholds(path, data["thresholds"]) if "thresholds" in data else None
    return CriteriaFile(normalised(criteria), thresholds)


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_small(path).decode("utf-8"))
    except FileNotFoundError:
        raise BadCriteriaFile(path, _FILE, msg("the file does not exist")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadCriteriaFile(path, _FILE, msg("cannot be read ({error})", error=error)) from None
    except tomllib.TOMLDecodeError as error:
        raise BadCriteriaFile(path, _FILE,
                              msg("is not valid TOML ({error})", error=error)) from None


def _criteria(path: Path, entries: list[Any]) -> tuple[Criterion, ...]:
    found: list[Criterion] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        criterion = _criterion(path, number, entry)
        key = schema.normalise(criterion.name)
        if key in seen:
            raise BadCriteriaFile(path, msg("criterion {number}: ", number=number),
                                  msg("'{name}' is given twice", name=criterion.name))
        seen.add(key)
        found.append(criterion)
    if math.fsum(c.weight for c in found) <= 0:
        raise BadCriteriaFile(path, _FILE, msg("at least one weight must be above 0"))
    return tuple(found)


def _criterion(path: Path, number: int, entry: Any) -> Criterion:
    where = msg("criterion {number}: ", number=number)
    if not isinstance(entry, dict):
        raise BadCriteriaFile(path, where, msg("must be a table"))
    unknown = set(entry) - _KEYS
    if unknown:
        name = sorted(unknown)[0]
        raise BadCriteriaFile(path, where, msg("unknown field '{name}' (known: {known})",
                                                 name=name, known=_known()))
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadCriteriaFile(path, where, msg("name must be a text"))
    where = msg("criterion {number} ('{name}'): ", number=number, name=name.strip())
    weight = _number(path, where, entry, "weight", None)
    if not 0 <= weight <= MAX_WEIGHT:
        raise BadCriteriaFile(path, where, msg("weight must be from 0 to {most}",
                                                 most=MAX_WEIGHT))
    low, high = (_whole(path, where, entry, key, default) for key, default in
                 (("min", 1), ("max", 5)))
    if low >= high:
        raise BadCriteriaFile(path, where, msg("min ({low}) must be below max ({high})",
                                                 low=low, high=high))
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise BadCriteriaFile(path, where, msg("description must be a text"))
    rubric = _rubric(path, where, entry, low, high) or default_rubric(name.strip(), low, high)
    return Criterion(name.strip(), weight, _direction(path, where, entry), low, high,
                     description, rubric)


def _rubric(path: Path, where: _Where, entry: dict[str, Any], low: int, high: int
            ) -> tuple[tuple[int, str], ...]:
    """``rubric = { 1 = "…", 5 = "…" }``: whole scores within the scale, each a text."""
    table = entry.get("rubric", {})
    if not isinstance(table, dict):
        raise BadCriteriaFile(path, where, msg("rubric must be a table of score = text"))
    found: dict[int, str] = {}
    for key, text in table.items():
        score = schema.rubric_score(key)
        if score is None or not low <= score <= high:
            raise BadCriteriaFile(path, where, msg("rubric: '{key}' is not a score from {low} "
                                                     "to {high}", key=key, low=low, high=high))
        if score in found:
            raise BadCriteriaFile(path, where, msg("rubric: score {score} is given twice",
                                                     score=score))
        if not isinstance(text, str):
            raise BadCriteriaFile(path, where, msg("rubric: the text of {score} must be a text",
                                                     score=score))
        if text.strip():
            found[score] = text.strip()
    return tuple(sorted(found.items()))


def _known() -> str:
    return ", ".join(sorted(_KEYS))


def _number(path: Path, where: _Where, entry: dict[str, Any], key: str,
            default: float | None) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadCriteriaFile(path, where, msg("{key} must be a number", key=key))
    return float(value)


def _whole(path: Path, where: _Where, entry: dict[str, Any], key: str, default: int) -> int:
    value = _number(path, where, entry, key, default)
    if not value.is_integer() or abs(value) > MAX_SCALE:
        raise BadCriteriaFile(path, where, msg("{key} must be a whole number from {lowest} "
                                                 "to {highest}", key=key, lowest=-MAX_SCALE,
                                                 highest=MAX_SCALE))
    return int(value)


def _direction(path: Path, where: _Where, entry: dict[str, Any]) -> Any:
    value = entry.get("direction", "benefit")
    value = value if isinstance(value, str) else ""
    direction = domain.DIRECTIONS.get(schema.normalise(str(value)))
    if direction is None:
        raise BadCriteriaFile(path, where, msg("direction must be benefit or cost (nytte or "
                                                 "kostnad)"))
    return direction


def _thresholds(path: Path, data: Any) -> Thresholds:
    where = "[thresholds]: "
    if not isinstance(data, dict) or set(data) - {"high", "medium"}:
        raise BadCriteriaFile(path, where, msg("the known fields are high and medium"))
    high = _number(path, where, data, "high", 70.0)
    medium = _number(path, where, data, "medium", 40.0)
    return checked_thresholds(high, medium, lambda reason: BadCriteriaFile(path, where, reason))


def checked_thresholds(high: float, medium: float, fail: Any) -> Thresholds:
    """Thresholds with 0 ≤ medium < high ≤ 100, else ``fail(reason)`` is raised."""
    if not 0 <= medium < high <= 100:
        raise fail(msg("thresholds must satisfy 0 ≤ medium ({medium:g}) < high ({high:g}) ≤ 100",
                         medium=medium, high=high))
    return Thresholds(high, medium)
