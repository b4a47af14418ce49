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
from okosys_plan.errors import UsageError
from okosys_plan.paths import read_small
from okosys_plan.prioritise.scoring import Thresholds, normalised

_Where = tuple[str, str]
_FILE: _Where = ("", "")
_KEYS = {"name", "weight", "direction", "min", "max", "description"}
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

    def __init__(self, path: Path, where: tuple[str, str], nb: str, en: str) -> None:
        super().__init__("bad-criteria-file", f"{path}: {where[1]}{en}", file=str(path),
                         where=where[0], reason=nb)


def load_criteria_file(path: Path) -> CriteriaFile:
    """Read and check a criteria TOML file; weights are normalised to sum to 1."""
    data = _toml(path)
    unknown = set(data) - {"criteria", "thresholds"}
    if unknown:
        name = sorted(unknown)[0]
        raise BadCriteriaFile(path, _FILE, f"ukjent nøkkel «{name}» (kjente: criteria, thresholds)",
                              f"unknown key '{name}' (known: criteria, thresholds)")
    entries = data.get("criteria")
    if not isinstance(entries, list) or not entries:
        raise BadCriteriaFile(path, _FILE, "filen har ingen [[criteria]]-tabeller",
                              "the file has no [[criteria]] tables")
    criteria = _criteria(path, entries)
    thresholds = _thresholds(path, data["thresholds"]) if "thresholds" in data else None
    return CriteriaFile(normalised(criteria), thresholds)


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_small(path).decode("utf-8"))
    except FileNotFoundError:
        raise BadCriteriaFile(path, _FILE, "filen finnes ikke", "the file does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadCriteriaFile(path, _FILE, f"kan ikke leses ({error})",
                              f"cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise BadCriteriaFile(path, _FILE, f"er ikke gyldig TOML ({error})",
                              f"is not valid TOML ({error})") from None


def _criteria(path: Path, entries: list[Any]) -> tuple[Criterion, ...]:
    found: list[Criterion] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        criterion = _criterion(path, number, entry)
        key = schema.normalise(criterion.name)
        if key in seen:
            raise BadCriteriaFile(path, (f"kriterium {number}: ", f"criterion {number}: "),
                                  f"«{criterion.name}» finnes allerede",
                                  f"'{criterion.name}' is given twice")
        seen.add(key)
        found.append(criterion)
    if math.fsum(c.weight for c in found) <= 0:
        raise BadCriteriaFile(path, _FILE, "minst én vekt må være over 0",
                              "at least one weight must be above 0")
    return tuple(found)


def _criterion(path: Path, number: int, entry: Any) -> Criterion:
    where = (f"kriterium {number}: ", f"criterion {number}: ")
    if not isinstance(entry, dict):
        raise BadCriteriaFile(path, where, "må være en tabell", "must be a table")
    unknown = set(entry) - _KEYS
    if unknown:
        name = sorted(unknown)[0]
        raise BadCriteriaFile(path, where, f"ukjent felt «{name}» (kjente: {_known()})",
                              f"unknown field '{name}' (known: {_known()})")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadCriteriaFile(path, where, "name må være en tekst", "name must be a text")
    where = (f"kriterium {number} («{name.strip()}»): ", f"criterion {number} ('{name.strip()}'): ")
    weight = _number(path, where, entry, "weight", None)
    if not 0 <= weight <= MAX_WEIGHT:
        raise BadCriteriaFile(path, where, f"weight må være fra 0 til {MAX_WEIGHT}",
                              f"weight must be from 0 to {MAX_WEIGHT}")
    low, high = (_whole(path, where, entry, key, default) for key, default in
                 (("min", 1), ("max", 5)))
    if low >= high:
        raise BadCriteriaFile(path, where, f"min ({low}) må være under max ({high})",
                              f"min ({low}) must be below max ({high})")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise BadCriteriaFile(path, where, "description må være en tekst",
                              "description must be a text")
    return Criterion(name.strip(), weight, _direction(path, where, entry), low, high,
                     description)


def _known() -> str:
    return ", ".join(sorted(_KEYS))


def _number(path: Path, where: _Where, entry: dict[str, Any], key: str,
            default: float | None) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadCriteriaFile(path, where, f"{key} må være et tall", f"{key} must be a number")
    return float(value)


def _whole(path: Path, where: _Where, entry: dict[str, Any], key: str, default: int) -> int:
    value = _number(path, where, entry, key, default)
    if not value.is_integer() or abs(value) > MAX_SCALE:
        raise BadCriteriaFile(path, where, f"{key} må være et heltall fra {-MAX_SCALE} til "
                              f"{MAX_SCALE}", f"{key} must be a whole number from {-MAX_SCALE} "
                              f"to {MAX_SCALE}")
    return int(value)


def _direction(path: Path, where: _Where, entry: dict[str, Any]) -> Any:
    value = entry.get("direction", "benefit")
    value = value if isinstance(value, str) else ""
    direction = domain.DIRECTIONS.get(schema.normalise(str(value)))
    if direction is None:
        raise BadCriteriaFile(path, where, "direction må være benefit eller cost "
                              "(nytte eller kostnad)",
                              "direction must be benefit or cost (nytte or kostnad)")
    return direction


def _thresholds(path: Path, data: Any) -> Thresholds:
    where = ("[thresholds]: ", "[thresholds]: ")
    if not isinstance(data, dict) or set(data) - {"high", "medium"}:
        raise BadCriteriaFile(path, where, "kjente felt er high og medium",
                              "the known fields are high and medium")
    high = _number(path, where, data, "high", 70.0)
    medium = _number(path, where, data, "medium", 40.0)
    return checked_thresholds(high, medium, lambda nb, en: BadCriteriaFile(path, where, nb, en))


def checked_thresholds(high: float, medium: float, fail: Any) -> Thresholds:
    """Thresholds with 0 ≤ medium < high ≤ 100, else ``fail(nb, en)`` is raised."""
    if not 0 <= medium < high <= 100:
        raise fail(f"tersklene må oppfylle 0 ≤ middels ({medium:g}) < høy ({high:g}) ≤ 100",
                   f"thresholds must satisfy 0 ≤ medium ({medium:g}) < high ({high:g}) ≤ 100")
    return Thresholds(high, medium)
