"""Sums over many allocations' shares without making every share: bills, row counts and
picked shares. Pure.

Most of a large catalogue's shares are ``Shares.lazy``: a ``Split`` and an amount. Sums
over them are worked out split by split (``Split.totals``, ``Split.nonzero``,
``Split.rows``), many amounts at once, so a key over thousands of agencies costs neither
a list per solution and year nor a walk over every share in Python. The results are those
of adding the shares up one by one.
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from okosys_plan.funding.money import Shares, Split

if TYPE_CHECKING:
    from okosys_plan.funding.allocate import Share


class _Sum:
    """One set of codes' shares gathered to be added up: rows given (each kept once, with
    how often it came) and, per ``Split``, the amounts it shares."""

    __slots__ = ("codes", "rows", "splits", "times")

    def __init__(self, codes: tuple[str, ...]) -> None:
        self.codes = codes
        self.rows: dict[int, Mapping[str, int]] = {}  # by id
        self.times: dict[int, int] = {}
        self.splits: dict[int, tuple[Split, list[int]]] = {}

    def add(self, given: Mapping[str, int]) -> None:
        """One allocation's shares (over these codes)."""
        if _lazy(given):
            _later(self.splits, given)
            return
        if id(given) in self.rows:
            self.times[id(given)] += 1
        else:
            self.rows[id(given)], self.times[id(given)] = given, 1

    def total(self) -> list[int]:
        """Each code's shares added up."""
        once: list[Sequence[int]] = []
        parts: list[Sequence[int]] = []
        for key, given in self.rows.items():
            amounts, times = _amounts(given), self.times[key]
            if times == 1:
                once.append(amounts)
            else:
                parts.append([ore * times for ore in amounts])
        if once:
            parts.append(summed(once))
        parts += [split.totals(amounts) for split, amounts in self.splits.values()]
        if len(parts) == 1:
            return list(parts[0])
        return [sum(column) for column in zip(*parts, strict=True)]


def _lazy(given: Mapping[str, int]) -> bool:
    """True for shares a split has not worked out yet (``Shares.lazy``)."""
    return type(given) is Shares and given.split is not None and given.is_lazy


def _later(held: dict[int, tuple[Split, list[int]]], given: Mapping[str, int]) -> None:
    """Keep lazy shares' amount with the others of its split, to be shared together."""
    assert isinstance(given, Shares) and given.split is not None
    found = held.get(id(given.split))
    if found is None:
        held[id(given.split)] = (given.split, [given.amount])
    else:
        found[1].append(given.amount)


def _amounts(given: Mapping[str, int]) -> Sequence[int]:
    return given.amounts if isinstance(given, Shares) else list(given.values())


def _codes(given: Mapping[str, int]) -> tuple[str, ...]:
    return given.codes if isinstance(given, Shares) else tuple(given)


def bills(shares: Iterable[Share]) -> dict[str, dict[int, int]]:
    """Agency -> year -> øre, in order of first mention. The shares over the same codes in
    the same year are added up together (a lazy split's amounts at once), which gives the
    order and the sums of adding them one by one."""
    sums: dict[tuple[int, int], _Sum] = {}
    for share in shares:
        given = share.allocation.shares
        codes = _codes(given)
        found = sums.get((id(codes), share.year))
        if found is None:
            found = sums[(id(codes), share.year)] = _Sum(codes)  # keeps ``codes`` alive
        found.add(given)
    bills: dict[str, dict[int, int]] = {}
    for (_, year), found in sums.items():
        for code, ore in zip(found.codes, found.total(), strict=True):
            by_year = bills.setdefault(code, {})
            by_year[year] = by_year.get(year, 0) + ore
    return bills


def row_count(shares: Iterable[Share]) -> int:
    """How many rows the shares would fill: each payer's share not 0, and the amounts not
    allocated, paid centrally and above the amount that are not 0."""
    count = 0
    seen: dict[int, tuple[Mapping[str, int], int]] = {}  # many hold the same zero shares
    later: dict[int, tuple[Split, list[int]]] = {}
    for share in shares:
        alloc = share.allocation
        given = alloc.shares
        count += (alloc.unallocated != 0) + (alloc.central != 0) + (alloc.surplus != 0)
        if _lazy(given):
            _later(later, given)
            continue
        kept = seen.get(id(given))
        if kept is None:
            kept = seen[id(given)] = (given, _nonzero(given))
        count += kept[1]
    return count + sum(split.nonzero(amounts) for split, amounts in later.values())


def _nonzero(shares: Mapping[str, int]) -> int:
    """How many of the shares are not 0."""
    amounts = _amounts(shares)
    return len(amounts) - list(amounts).count(0)


def picked(wanted: Iterable[tuple[Mapping[str, int], Sequence[str]]]) -> list[list[int]]:
    """For each (shares, codes): the shares of those codes (0 for a code not among them),
    lazy splits' shares worked out split by split."""
    found: list[list[int]] = []
    # split -> its amounts, and where each goes with the codes wanted of it
    later: dict[int, tuple[Split, list[int], list[tuple[int, Sequence[str]]]]] = {}
    for given, codes in wanted:
        if _lazy(given):
            assert isinstance(given, Shares) and given.split is not None
            held = later.get(id(given.split))
            if held is None:
                held = later[id(given.split)] = (given.split, [], [])
            held[1].append(given.amount)
            held[2].append((len(found), codes))
            found.append([])  # filled in below
        else:
            found.append([given.get(code, 0) for code in codes])
    for split, amounts, places in later.values():
        index = split.index
        for (place, codes), row in zip(places, split.rows(amounts), strict=True):
            found[place] = [int(row[index[c]]) if c in index else 0 for c in codes]
    return found


def summed(rows: Sequence[Sequence[int]]) -> list[int]:
    """The rows (of equal length) added up place by place, exactly: many packed rows at
    once (numpy) when no sum can come near 64 bits, else one by one."""
    if len(rows) >= _SUM_MANY and rows[0] and all(type(row) is array for row in rows):
        import numpy as np

        stacked = np.frombuffer(b"".join(row.tobytes() for row in rows),  # type: ignore[attr-defined]
                                dtype=np.int64).reshape(len(rows), -1)
        if float(np.abs(stacked.astype(np.float64)).sum(axis=0).max()) \
                < _SUM_SAFE:
            return [int(v) for v in stacked.sum(axis=0)]
    total = list(rows[0])
    for row in rows[1:]:
        if any(row):
            total[:] = map(operator.add, total, row)
    return total


_SUM_MANY = 16
_SUM_SAFE = 2.0 ** 61
