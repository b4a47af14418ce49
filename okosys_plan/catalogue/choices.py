"""Values from a fixed list: statuses, themes, types. Case and spacing never matter.

A status under another common name is mapped and said; an unknown status or theme is a
warning (the lane or status is kept as typed); other lists are strict (an error).
"""

from __future__ import annotations

import difflib
import functools
from typing import Any

from okosys_plan.catalogue import domain, schema
from okosys_plan.catalogue.cells import Row, SheetCells
from okosys_plan.catalogue.model import Severity

_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "need_type": domain.NEED_TYPES,
    "life_events": domain.LIFE_EVENTS,
    "cost_type": domain.COST_TYPES,
    "source": domain.FUNDING_SOURCES,
    "status": domain.FUNDING_STATUSES,
    "kind": domain.AGENCY_TYPES,
    "assessment": domain.GOAL_ASSESSMENTS,
    "layer": domain.CHAIN_LAYERS,
    "break_level": domain.BREAK_LEVELS,
}


def canonical(value: str, known: tuple[str, ...]) -> str | None:
    """The known spelling of ``value``, ignoring case and spaces, or None."""
    return _folded(known).get(schema.normalise(value))


@functools.lru_cache(maxsize=64)
def _folded(known: tuple[str, ...]) -> dict[str, str]:
    return {schema.normalise(k): k for k in known}


def suggest(value: str, known: tuple[str, ...]) -> str | None:
    """The known value closest to ``value``, if one is close."""
    folded = {schema.normalise(k): k for k in known}
    match = difflib.get_close_matches(schema.normalise(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


class ChoiceChecker:
    """Checks values against the domain's lists, recording problems on the cell."""

    def __init__(self, themes: tuple[str, ...] = domain.THEMES) -> None:
        self.themes = themes

    def status(self, cells: SheetCells, row: Row, value: Any, *, need: bool) -> str | None:
        """A need or measure status; another common name is mapped with a warning."""
        if value is None:
            return None
        known = domain.NEED_STATUSES if need else domain.MEASURE_STATUSES
        aliases = domain.NEED_STATUS_ALIASES if need else domain.MEASURE_STATUS_ALIASES
        found = canonical(value, known)
        if found is not None:
            return found
        index = cells.index("status")
        mapped = aliases.get(schema.normalise(value))
        if mapped is not None:
            cells.problem(row, index, "status-mapped", Severity.WARNING, mapped=mapped)
            return mapped
        cells.problem(row, index, "unknown-status", Severity.WARNING, known=", ".join(known))
        return str(value)

    def theme(self, cells: SheetCells, row: Row, value: Any) -> str | None:
        """A theme (roadmap lane); an unknown one is kept, with a warning and a suggestion."""
        if value is None:
            return None
        found = canonical(value, self.themes)
        if found is not None:
            return found
        cells.problem(row, cells.index("theme"), "unknown-theme", Severity.WARNING,
                      suggestion=suggest(value, self.themes), known="; ".join(self.themes))
        return str(value)

    def choice(self, cells: SheetCells, row: Row, key: str, value: Any) -> str | None:
        """A value that must be one of a list; anything else is an error."""
        if value is None:
            return None
        known = _VOCABULARIES[key]
        found = canonical(value, known)
        if found is None:
            cells.problem(row, cells.index(key), "invalid-choice",
                          suggestion=suggest(value, known), known=", ".join(known))
        return found

    def many(self, cells: SheetCells, row: Row, key: str, values: tuple[str, ...]
             ) -> tuple[str, ...]:
        """A list whose every item must be one of a list."""
        out = []
        for value in values:
            found = canonical(value, _VOCABULARIES[key])
            if found is None:
                cells.problem(row, cells.index(key), "invalid-choice", value=value,
                              suggestion=suggest(value, _VOCABULARIES[key]),
                              known=", ".join(_VOCABULARIES[key]))
            else:
                out.append(found)
        return tuple(out)
