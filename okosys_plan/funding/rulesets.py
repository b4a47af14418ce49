"""The co-funding scheme's rules per scheme year (``roadmap/medfinansiering.toml``).

Each table applies from its ``year`` until the next table's year. A table has one or more
categories; a measure fits the year's rules if it fits any category. A limit left out of a
category is not checked. Which table a measure is checked against: its application year
(when given), else its start year, else the newest table; a year before the first table
takes the oldest table (with a warning).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okosys_plan.errors import UsageError
from okosys_plan.paths import read_small
from okosys_plan.text.later import Msg, msg

#: A category's limits: key -> whether it is a whole number.
LIMITS: dict[str, bool] = {"min_total": False, "max_total": False, "max_share": False,
                           "max_grant": False, "max_grant_years": True,
                           "max_project_years": True}
_TABLE_KEYS = {"year", "source", "url", "categories", "not_checked", "life_events"}


@dataclass(frozen=True)
class Category:
    """One category of a year's rules: its name and limits (MNOK, share, years)."""

    name: str
    limits: tuple[tuple[str, float | int], ...]


@dataclass(frozen=True)
class RuleSet:
    """The scheme's rules from one year on."""

    year: int
    source: str
    url: str
    categories: tuple[Category, ...]
    not_checked: tuple[str, ...]
    life_events: bool = False


class BadRules(UsageError):
    """A co-funding rules file that cannot be used."""

    def __init__(self, path: Path, reason: Msg) -> None:
        super().__init__("bad-settings", f"{path}: {reason}", file=str(path), reason=reason)


def _bad(path: Path, key: str) -> BadRules:
    return BadRules(path, msg("wrong, missing or unknown key '{key}'", key=key))


def load_rules(path: Path) -> tuple[RuleSet, ...]:
    """Read and check a co-funding rules file; the tables sorted by year."""
    try:
        data = tomllib.loads(read_small(path).decode("utf-8"))
    except FileNotFoundError:
        raise BadRules(path, msg("the file does not exist")) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadRules(path, msg("cannot be read ({error})", error=error)) from None
    return rules_from(data, path)


def rules_from(data: dict[str, Any], path: Path) -> tuple[RuleSet, ...]:
    """Rule sets from parsed TOML, every value checked."""
    tables = data.get("rules")
    if set(data) - {"rules"} or not isinstance(tables, list) or not tables:
        raise _bad(path, next(iter(set(data) - {"rules"}), "rules"))
    found = tuple(sorted((_table(path, t, i) for i, t in enumerate(tables)),
                         key=lambda r: r.year))
    years = [r.year for r in found]
    if len(set(years)) != len(years):
        raise _bad(path, "rules.year")
    return found


def _table(path: Path, table: Any, index: int) -> RuleSet:
    where = f"rules[{index}]"
    if not isinstance(table, dict) or set(table) - _TABLE_KEYS:
        bad = sorted(set(table) - _TABLE_KEYS) if isinstance(table, dict) else [""]
        raise _bad(path, f"{where}.{bad[0]}")
    year, source, url = table.get("year"), table.get("source"), table.get("url", "")
    if type(year) is not int or not 1900 <= year <= 2100:
        raise _bad(path, f"{where}.year")
    for key, value in (("source", source), ("url", url)):
        if not isinstance(value, str):
            raise _bad(path, f"{where}.{key}")
    not_checked = table.get("not_checked", [])
    if not isinstance(not_checked, list) or not all(isinstance(x, str) for x in not_checked):
        raise _bad(path, f"{where}.not_checked")
    categories = table.get("categories", [])
    if not isinstance(categories, list):
        raise _bad(path, f"{where}.categories")
    return RuleSet(year, str(source), str(url),
                   tuple(_category(path, c, f"{where}.categories[{i}]")
                         for i, c in enumerate(categories)),
                   tuple(not_checked), table.get("life_events") is True)


def _category(path: Path, data: Any, where: str) -> Category:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise _bad(path, f"{where}.name")
    limits: list[tuple[str, float | int]] = []
    for key, value in data.items():
        if key == "name":
            continue
        whole = LIMITS.get(key)
        ok = (type(value) is int if whole else type(value) in (int, float)) and value >= 0
        if whole is None or not ok:
            raise _bad(path, f"{where}.{key}")
        limits.append((key, value))
    return Category(data["name"], tuple(limits))


def rules_for(rule_sets: tuple[RuleSet, ...], year: int | None) -> tuple[RuleSet, bool]:
    """The rule set for ``year`` (None: the newest) and whether the year was too early."""
    if year is None:
        return rule_sets[-1], False
    earlier = [r for r in rule_sets if r.year <= year]
    if not earlier:
        return rule_sets[0], True
    return earlier[-1], False
