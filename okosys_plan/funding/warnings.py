"""Warnings from sharing: data a key needs that is missing, amounts nobody pays. Pure.

Each warning carries its place in the workbook (sheet, cell, column) where there is one,
and how much is left not allocated because of it (MNOK).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.model import Catalogue, Origin, Problem, Severity
from okosys_plan.catalogue.validate import id_key
from okosys_plan.funding.allocate import KeyResult, Share, field_of
from okosys_plan.funding.keys import KeyOptions, Reason
from okosys_plan.funding.money import ore_to_mnok
from okosys_plan.funding.payers import PayerBook
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

#: Payer field -> (schema sheet, column key, English name: the message id of the bokmål one).
FIELD_PLACES: Mapping[str, tuple[schema.SheetSpec, str, str]] = {
    "volume": (schema.USAGE, "volume", "volume"),
    "benefit": (schema.USAGE, "benefit", "benefit"),
    "share": (schema.USAGE, "share", "share"),
    "it_budget": (schema.AGENCIES, "it_budget", "IT budget"),
    "inhabitants": (schema.AGENCIES, "inhabitants", "inhabitants"),
}
_LIST_MAX = 6
#: (reason, field) -> why nobody pays, in English (the message id of the bokmål param).
_WHY: Mapping[tuple[str, str], str] = {
    ("no-weight", ""): "nobody has a weight above 0",
    ("no-weight", "volume"): "everyone is below the free threshold or has a volume of 0",
    ("no-weight", "inhabitants"): "no municipality or county with inhabitants",
    ("no-large", ""): "nobody is in the top tier to carry what the tier fees leave",
    ("no-payers", ""): "no payers",
}


def listed(items: Iterable[str], limit: int = _LIST_MAX) -> str:
    """Items joined by commas, at most ``limit`` of them, then '… (+N)'."""
    items = list(dict.fromkeys(items))
    shown = ", ".join(items[:limit])
    return shown + (f" … (+{len(items) - limit})" if len(items) > limit else "")


class _Places:
    """Cells of the catalogue's Bruk and Virksomheter rows."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.tables = catalogue.tables
        self.agencies = {id_key(a.code): a.origin for a in reversed(catalogue.agencies)}

    def sheet(self, spec: schema.SheetSpec) -> str:
        table = self.tables.get(spec.key)
        return table.sheet if table is not None else spec.label

    def column(self, spec: schema.SheetSpec, key: str) -> str:
        table = self.tables.get(spec.key)
        found = table.header(key) if table is not None else None
        return found or spec.column(key).label

    def cell(self, spec: schema.SheetSpec, key: str, origin: Origin | None) -> str | None:
        table = self.tables.get(spec.key)
        return table.cell(key, origin.row) if table is not None and origin else None


def sharing_warnings(results: Sequence[KeyResult], book: PayerBook, catalogue: Catalogue,
                     options: KeyOptions) -> tuple[Problem, ...]:
    """Every warning from the keys' allocations, key by key."""
    places = _Places(catalogue)
    found: list[Problem] = []
    for result in results:
        field = field_of(result.key, options)
        if field is not None:
            found += _missing(result, field, book, places)
        found += _nobody(result, field, places)
        if field == "share":
            found += _shares_off(result, book, places)
    return tuple(found)


def _missing(result: KeyResult, field: str, book: PayerBook, places: _Places) -> list[Problem]:
    """key-data-missing per solution (Bruk data) or per agency (Virksomheter data)."""
    spec, column, name_en = FIELD_PLACES[field]
    name_nb = say("nb", name_en)  # a problem carries both (field, field_en)
    groups: dict[str, _Missing] = {}  # per solution (Bruk data) or per agency
    batches: dict[tuple[str, ...], _Missing] = {}  # per list of agencies missing the data
    known: dict[int, _Missing] = {}  # a list's id -> its batch (a long list hashes slowly)
    for share in result.shares:
        alloc = share.allocation
        if alloc.reason is not Reason.MISSING or alloc.unallocated == 0 or not alloc.missing:
            continue
        first = (alloc.missing[0], share.solution, share.year)
        if spec is schema.USAGE:
            found = groups.get(share.solution)
            if found is None:
                found = groups[share.solution] = _Missing(first)
        else:
            found = known.get(id(alloc.missing))
            if found is None:
                found = batches.get(alloc.missing)
                if found is None:
                    found = batches[alloc.missing] = _Missing(first)
                known[id(alloc.missing)] = found
        found.add(alloc.missing, share.solution, share.year, alloc.unallocated)
    for codes, batch in batches.items():  # every agency of a batch misses the same amounts
        for code in codes:
            if code not in groups:
                groups[code] = _Missing((code, *batch.first[1:]))
            groups[code].merge(batch, code)
    base = {"key": result.key, "field": name_nb, "field_en": name_en}
    absent = {g: None for g in groups if spec is schema.USAGE and not book.users(g)}
    problems = []
    made: dict[tuple[int, ...], list[str]] = {}  # agencies by the lists they came from
    if absent:
        ore = sum(sum(groups[g].amounts.values()) for g in absent)
        problems.append(_warning("key-data-absent", places.sheet(spec), None,
                                 places.column(spec, column), None, **base, count=len(absent),
                                 solutions=listed(absent), **_amounts(ore)))
    for group, found in groups.items():
        if group in absent:
            continue
        origin = _origin(found.first, spec, book, places)
        problems.append(_warning(
            "key-data-missing", places.sheet(spec), places.cell(spec, column, origin),
            places.column(spec, column), group, **base,
            agencies=listed(found.agencies(made)), solutions=listed(found.solutions),
            years=listed(str(y) for y in sorted(found.years)),
            **_amounts(sum(found.amounts.values()))))
    return problems


class _Missing:
    """What one warning about missing key data gathers: amounts, agencies, solutions."""

    __slots__ = ("_codes", "amounts", "first", "solutions", "years")

    def __init__(self, first: tuple[str, str, int]) -> None:
        self.first = first
        self.amounts: dict[tuple[str, int], int] = {}
        self._codes: dict[int, Sequence[str]] = {}  # the lists of agencies added, by id
        self.solutions: dict[str, None] = {}
        self.years: set[int] = set()

    def add(self, codes: Sequence[str], solution: str, year: int, ore: int) -> None:
        self.amounts[(solution, year)] = ore
        self._codes.setdefault(id(codes), codes)  # the very same codes again add no agency
        self.solutions[solution] = None
        self.years.add(year)

    def merge(self, other: _Missing, code: str) -> None:
        """What ``other`` gathered, for the one agency ``code``."""
        self.amounts.update(other.amounts)
        self.add_agency(code)
        self.solutions.update(other.solutions)
        self.years |= other.years

    def add_agency(self, code: str) -> None:
        """One agency more."""
        codes = (code,)
        self._codes[id(codes)] = codes

    def agencies(self, made: dict[tuple[int, ...], list[str]]) -> list[str]:
        """The agencies in order of first mention; ``made``: those worked out before, by
        the lists they came from (many solutions miss the same agencies' data)."""
        key = tuple(self._codes)
        found = made.get(key)
        if found is None:
            found = made[key] = list(dict.fromkeys(
                code for codes in self._codes.values() for code in codes))
        return found


def _origin(first: tuple[str, str, int], spec: schema.SheetSpec, book: PayerBook,
            places: _Places) -> Origin | None:
    """The row holding the first missing value: a Bruk row, or the agency's row."""
    code, solution, year = first
    if spec is schema.AGENCIES:
        return places.agencies.get(id_key(code))
    rows = book.rows(solution, code, year)
    return rows[0].origin if rows else None


_NOBODY = (Reason.NO_WEIGHT, Reason.NO_LARGE, Reason.NO_PAYERS)


def _nobody(result: KeyResult, field: str | None, places: _Places) -> list[Problem]:
    """nobody-pays (no weight above 0, nobody in the top tier) and no-payers, per key."""
    problems = []
    hits: dict[Reason, list[Share]] = {}
    for share in result.shares:  # one pass over the shares for the three reasons
        alloc = share.allocation
        if alloc.reason in _NOBODY and alloc.unallocated > 0:
            hits.setdefault(alloc.reason, []).append(share)
    for reason in _NOBODY:
        hit = hits.get(reason)
        if not hit:
            continue
        spec = FIELD_PLACES[field][0] if field and reason is not Reason.NO_PAYERS \
            else schema.AGENCIES
        ore = sum(s.allocation.unallocated for s in hit)
        code = "no-payers" if reason is Reason.NO_PAYERS else "nobody-pays"
        why_en = _WHY.get((reason.value, field or ""), _WHY[(reason.value, "")])
        why = say("nb", why_en)  # a problem carries both (why, why_en)
        problems.append(_warning(code, places.sheet(spec), None, None, None, key=result.key,
                                 reason=reason.value, why=why, why_en=why_en,
                                 solutions=listed(s.solution for s in hit), **_amounts(ore)))
    return problems


def _shares_off(result: KeyResult, book: PayerBook, places: _Places) -> list[Problem]:
    """shares-not-100: agreed shares of a solution in a year that do not add up to 100 %."""
    off: dict[str, list[tuple[int, float]]] = {}
    # A solution without an Andel in any Bruk row has payers without shares in every year.
    shared = {key for key, rows in book.usage.items() if any(u.share is not None for u in rows)}
    keys: dict[str, str] = {}
    for share in result.shares:
        key = keys.get(share.solution)
        if key is None:
            key = keys[share.solution] = id_key(share.solution)
        if key not in shared:
            continue
        payers = book.payers(share.solution, share.year)
        given = [p.share for p in payers]
        if not payers or any(g is None for g in given):
            continue
        total = sum(g or 0.0 for g in given)
        if abs(total - 100) > 0.01 and abs(total - 1) > 0.0001:
            off.setdefault(share.solution, []).append((share.year, total))
    problems = []
    spec = schema.USAGE
    for solution, years in off.items():
        rows = book.usage.get(id_key(solution), [])
        origin = rows[0].origin if rows else None
        problems.append(_warning("shares-not-100", places.sheet(spec),
                                 places.cell(spec, "share", origin),
                                 places.column(spec, "share"), solution, key=result.key,
                                 years=listed(str(y) for y, _ in years),
                                 total=round(years[0][1], 4)))
    return problems


def _mnok(ore: int) -> str:
    """An amount for a message: MNOK with one decimal, the Norwegian way (nb params)."""
    return number(ore_to_mnok(ore), "nb", 1)


def _amounts(ore: int) -> dict[str, str]:
    return {"amount": _mnok(ore), "amount_en": number(ore_to_mnok(ore), "en", 1)}


def _warning(code: str, sheet: str | None, cell: str | None, column: str | None, value: Any,
             **params: Any) -> Problem:
    return Problem(Severity.WARNING, code, sheet, cell, column, value, params)
