"""Who pays for a solution, with what data: the agencies and their Bruk rows as ``Payer``s.

The payers of a solution are the agencies listed for it in Bruk; where none are listed,
every agency in Virksomheter. ``membership`` always takes every agency in Virksomheter.
A payer's volume, benefit and agreed share in a year come from its Bruk rows for that
year, else from its rows without a year (several rows are added up); its IT budget,
inhabitants and type from Virksomheter. With a volume growth, every volume in year Y is
multiplied by (1 + growth) ** (Y − the horizon's first year). Pure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from okosys_plan.catalogue.model import Agency, Catalogue, Usage
from okosys_plan.catalogue.validate import id_key as _id_key
from okosys_plan.funding import keys as k

#: ``validate.id_key``, remembered: the same solution and agency codes come again and again.
id_key = functools.lru_cache(maxsize=1 << 16)(_id_key)


class PayerBook:
    """The agencies and their use of each solution, ready to make ``Payer`` records."""

    def __init__(self, catalogue: Catalogue, first_year: int,
                 growth: float | None = None) -> None:
        self.agencies: dict[str, Agency] = {}
        for agency in catalogue.agencies:
            self.agencies.setdefault(id_key(agency.code), agency)
        self.usage: dict[str, list[Usage]] = {}
        self.by_agency: dict[tuple[str, str], list[Usage]] = {}  # (solution, agency) keys
        for use in catalogue.usage:
            self.usage.setdefault(id_key(use.solution), []).append(use)
            self.by_agency.setdefault((id_key(use.solution), id_key(use.agency)), []).append(use)
        self._users: dict[str, tuple[str, ...]] = {}
        self._bare: dict[str, k.Payer] = {}
        self._everyone: tuple[k.Payer, ...] | None = None
        self._steady: dict[tuple[str, str], tuple[k.Payer, ...]] = {}  # no dated rows
        self._dated = {key for key, rows in self.usage.items()
                       if any(u.year is not None for u in rows)}
        self.first_year = first_year
        self.growth = growth
        users = {self.code(u.agency) for u in catalogue.usage}
        listed = [a.code for a in self.agencies.values()]
        self.order: tuple[str, ...] = (*listed, *sorted(users - set(listed), key=id_key))

    def code(self, raw: str) -> str:
        """The agency code as Virksomheter writes it (else as given)."""
        agency = self.agencies.get(id_key(raw))
        return agency.code if agency is not None else raw.strip()

    def users(self, solution: str) -> tuple[str, ...]:
        """The agencies listed in Bruk for ``solution``, in order of first mention."""
        key = id_key(solution)
        if key not in self._users:
            self._users[key] = tuple(dict.fromkeys(self.code(u.agency)
                                                   for u in self.usage.get(key, ())))
        return self._users[key]

    def payers(self, solution: str, year: int) -> tuple[k.Payer, ...]:
        """The payers of ``solution`` in ``year`` with their data."""
        listed = self.users(solution)
        key = id_key(solution)
        if not listed:  # nobody listed: every agency, with its own data only
            return self.everyone()
        return self._steadily(("payers", key), year, lambda: tuple(
            self._payer_of(code, id_key(code), key, year) for code in listed))

    def members(self, solution: str, year: int) -> tuple[k.Payer, ...]:
        """Every agency in Virksomheter (the solution's payers when there are none), with
        its own data only: ``membership`` weighs every member alike, so Bruk data plays no
        part, and one tuple for every solution lets its split be made once."""
        if not self.agencies:
            return self.payers(solution, year)
        return self.everyone()

    def _steadily(self, what: tuple[str, str], year: int,
                  make: Callable[[], tuple[k.Payer, ...]]) -> tuple[k.Payer, ...]:
        """``make()``, kept for every year when the solution's payers cannot change by year
        (no dated Bruk rows, no growth): one tuple, so its weights are made once."""
        if self.growth is not None or what[1] in self._dated:
            return make()
        kept = self._steady.get(what)
        if kept is None:
            kept = self._steady[what] = make()
        return kept

    def everyone(self) -> tuple[k.Payer, ...]:
        """Every agency in Virksomheter with its own data only (no Bruk rows): one tuple."""
        if self._everyone is None:
            self._everyone = tuple(self._bare_payer(a.code) for a in self.agencies.values())
        return self._everyone

    def rows(self, solution: str, code: str, year: int) -> list[Usage]:
        """The agency's Bruk rows for the solution in ``year``, else those without a year."""
        return _in_year(self.by_agency.get((id_key(solution), id_key(code)), []), year)

    def payer(self, code: str, solution: str, year: int) -> k.Payer:
        """One agency as a payer of ``solution`` in ``year``."""
        return self._payer_of(code, id_key(code), id_key(solution), year)

    def _payer_of(self, code: str, code_key: str, solution_key: str, year: int) -> k.Payer:
        mine = self.by_agency.get((solution_key, code_key))
        rows = _in_year(mine, year) if mine else []
        if not rows:  # most agencies for most solutions: the agency's own data only
            return self._bare_payer(code)
        return self._payer(code, rows, year)

    def _bare_payer(self, code: str) -> k.Payer:
        bare = self._bare.get(code)
        if bare is None:
            bare = self._bare[code] = self._payer(code, [], self.first_year)
        return bare

    def _payer(self, code: str, rows: list[Usage], year: int) -> k.Payer:
        agency = self.agencies.get(id_key(code))
        volume = _sum(u.volume for u in rows)
        if volume is not None and self.growth:
            volume *= (1 + self.growth) ** (year - self.first_year)
        return k.Payer(code, volume, _sum(u.benefit for u in rows),
                       _sum(u.share for u in rows),
                       agency.it_budget if agency else None,
                       agency.inhabitants if agency else None, agency.kind if agency else None)


def _in_year(rows: list[Usage], year: int) -> list[Usage]:
    """The rows of ``year``, else those without a year."""
    dated = [u for u in rows if u.year == year]
    return dated or [u for u in rows if u.year is None]


def _sum(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None

