"""Figures that speak to the principles a sharing key is judged by. Pure.

Fair (the largest payer's share; the spread of the price per transaction between
agencies), little administration and predictable for small users (how many pay nothing;
how much each agency's bill moves from one year to the next). See domain.md, "the
principles a key is judged by".
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from okosys_plan.funding.allocate import KeyResult
from okosys_plan.funding.money import ORE_PER_NOK
from okosys_plan.funding.sums import picked


@dataclass(frozen=True)
class Principles:
    """One key's figures over the years analysed."""

    key: str
    billed: int  # øre billed to agencies in all
    largest_payer: str | None
    largest_share: float | None  # of what is billed, 0–1
    zero_payers: int  # agencies that pay nothing at all
    agencies: int
    price_min: float | None  # kroner per transaction, over the agencies with volumes
    price_max: float | None
    largest_change: float | None  # largest year-on-year move of a bill, 0–1
    largest_change_agency: str | None
    largest_change_year: int | None
    mean_change: float | None

    @property
    def price_spread(self) -> float | None:
        """The highest price per transaction less the lowest (kroner)."""
        if self.price_min is None or self.price_max is None:
            return None
        return round(self.price_max - self.price_min, 6)


def principles(result: KeyResult, agencies: Sequence[str], years: Sequence[int]) -> Principles:
    """The figures of one key's allocation; ``agencies`` are every agency known."""
    bills = result.bills()
    totals = {code: sum(bills.get(code, {}).values()) for code in agencies}
    billed = sum(totals.values())
    largest = max(agencies, key=lambda c: totals[c], default=None)
    share = totals[largest] / billed if largest is not None and billed else None
    low, high = _prices(result)
    change = _changes(bills, agencies, years)
    return Principles(result.key, billed, largest if share else None, share,
                      sum(1 for c in agencies if totals[c] == 0), len(agencies), low, high,
                      *change)


def _prices(result: KeyResult) -> tuple[float | None, float | None]:
    """Lowest and highest bill per transaction (kroner) among agencies with volumes."""
    volume: dict[str, float] = {}
    wanted: list[tuple[Mapping[str, int], list[str]]] = []
    for share in result.shares:
        if not share.volumes:  # most shares: payers without volumes
            continue
        codes = [code for code, used in share.volumes.items() if used > 0]
        for code in codes:
            volume[code] = volume.get(code, 0.0) + share.volumes[code]
        wanted.append((share.allocation.shares, codes))
    if not volume:
        return None, None
    billed = dict.fromkeys(volume, 0)
    for (_, codes), found in zip(wanted, picked(wanted), strict=True):
        for code, ore in zip(codes, found, strict=True):
            billed[code] += ore
    prices = [billed[c] / ORE_PER_NOK / volume[c] for c in volume]
    return round(min(prices), 6), round(max(prices), 6)


def _changes(bills: dict[str, dict[int, int]], agencies: Sequence[str], years: Sequence[int]
             ) -> tuple[float | None, str | None, int | None, float | None]:
    """Largest move (with agency and year) and mean move of a bill between two years.

    A move is |this year − last year| / the larger of the two, so 0 to 1 (1: from or to
    nothing); pairs where both years are 0 are left out.
    """
    moves: list[tuple[float, str, int]] = []
    for code in agencies:
        mine = bills.get(code, {})
        for before, year in itertools.pairwise(years):
            old, new = mine.get(before, 0), mine.get(year, 0)
            if max(old, new) > 0:
                moves.append((abs(new - old) / max(old, new), code, year))
    if not moves:
        return None, None, None, None
    top = max(moves, key=lambda m: m[0])
    return (round(top[0], 6), top[1], top[2],
            round(sum(m[0] for m in moves) / len(moves), 6))
