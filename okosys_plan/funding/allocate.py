"""Each solution's cost (or gap) per year shared among its payers under each key. Pure.

The payers of a solution are the agencies listed for it in Bruk; where none are listed,
every agency in Virksomheter. ``membership`` always takes every agency in Virksomheter.
A payer's volume, benefit and agreed share in a year come from its Bruk rows for that
year, else from its rows without a year (several rows are added up); its IT budget,
inhabitants and type from Virksomheter. With a volume growth, every volume in year Y is
multiplied by (1 + growth) ** (Y − the horizon's first year).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from okosys_plan import collector
from okosys_plan.errors import UsageError
from okosys_plan.funding import keys as k
from okosys_plan.funding.analysis import INVESTMENT_KEYS, RUNNING_KEYS, Solution
from okosys_plan.funding.money import Shares, Split, largest_remainder, mnok_to_ore
from okosys_plan.funding.payers import PayerBook
from okosys_plan.funding.sums import bills

KEYS: tuple[str, ...] = ("flat", "usage", "tiers", "benefit", "budget", "per_capita",
                         "membership", "manual", "hybrid")
#: Norwegian (and other) names a user may type for a key.
ALIASES: Mapping[str, str] = {
    "likt": "flat", "lik": "flat", "bruk": "usage", "volum": "usage", "trinn": "tiers",
    "nivå": "tiers", "nytte": "benefit", "budsjett": "budget", "it-budsjett": "budget",
    "per-capita": "per_capita", "innbygger": "per_capita", "per_innbygger": "per_capita",
    "per-innbygger": "per_capita", "medlemskap": "membership", "manuell": "manual",
    "andel": "manual",
}
#: The Payer field each key needs (None: none); hybrid needs its operations key's.
FIELDS: Mapping[str, str | None] = {
    "flat": None, "usage": "volume", "tiers": "volume", "benefit": "benefit",
    "budget": "it_budget", "per_capita": "inhabitants", "membership": None,
    "manual": "share",
}
SHARE_MODES = ("cost", "gap")
_INVESTMENT, _RUNNING = tuple(sorted(INVESTMENT_KEYS)), tuple(sorted(RUNNING_KEYS))


def key_name(text: str) -> str:
    """The key a user means by ``text`` (English or Norwegian); UsageError if none."""
    folded = text.strip().casefold().replace(" ", "_")
    name = ALIASES.get(folded, folded)
    if name not in KEYS:
        raise UsageError.bad_option("unknown cost-sharing key '{text}'; use one of {known}",
                                    text=text, known=", ".join(KEYS))
    return name


def field_of(key: str, options: k.KeyOptions) -> str | None:
    """The Payer field ``key`` needs under ``options``."""
    return FIELDS[options.operations_key] if key == "hybrid" else FIELDS[key]


@dataclass(frozen=True, slots=True)  # slots: many are made
class Amount:
    """What is shared of one solution in one year, in øre: investment and operations."""

    investment: int
    operations: int

    @property
    def total(self) -> int:
        """Investment and operations together."""
        return self.investment + self.operations


@dataclass(frozen=True, slots=True)  # slots: many are made
class Share:
    """One key's allocation of one solution's amount in one year."""

    key: str
    solution: str
    year: int
    amount: int
    allocation: k.Allocation
    volumes: Mapping[str, float]  # the payers' volumes that year, where known


@dataclass(frozen=True)
class KeyResult:
    """Every allocation one key made."""

    key: str
    shares: tuple[Share, ...]

    def bills(self) -> dict[str, dict[int, int]]:
        """Agency -> year -> øre, summed over the solutions (computed once; a fresh copy)."""
        cached: dict[str, dict[int, int]] | None = self.__dict__.get("_bills")
        if cached is None:
            cached = bills(self.shares)
            object.__setattr__(self, "_bills", cached)  # frozen: a cache, not state
        return {code: dict(years) for code, years in cached.items()}

    def per_year(self, what: str) -> dict[int, int]:
        """Year -> øre of ``unallocated``, ``central``, ``surplus`` or ``amount`` (all four
        summed at the first call; a fresh copy)."""
        cached: dict[str, dict[int, int]] | None = self.__dict__.get("_per_year")
        if cached is None:
            cached = {name: {} for name in ("amount", "unallocated", "central", "surplus")}
            amounts, unallocated = cached["amount"], cached["unallocated"]
            central, surplus = cached["central"], cached["surplus"]
            for share in self.shares:
                year, allocation = share.year, share.allocation
                amounts[year] = amounts.get(year, 0) + share.amount
                unallocated[year] = unallocated.get(year, 0) + allocation.unallocated
                central[year] = central.get(year, 0) + allocation.central
                surplus[year] = surplus.get(year, 0) + allocation.surplus
            object.__setattr__(self, "_per_year", cached)  # frozen: a cache, not state
        return dict(cached[what])


def _ore(mnok: float) -> int:
    """``mnok_to_ore``, without the exact arithmetic for 0 (most years of most types)."""
    return 0 if mnok == 0 else mnok_to_ore(mnok)


def amount(solution: Solution, year: int, share: str = "cost") -> Amount:
    """What is shared of ``solution`` in ``year``: its cost, or its gap split like its cost."""
    costs = solution.costs
    investment = sum(_ore(costs.get(t, {}).get(year, 0.0)) for t in _INVESTMENT)
    operations = sum(_ore(costs.get(t, {}).get(year, 0.0)) for t in _RUNNING)
    if share == "cost":
        return Amount(investment, operations)
    gap = mnok_to_ore(solution.figures(year).gap)
    if gap == 0 or investment + operations == 0:
        return Amount(0, gap)
    parts = largest_remainder(gap, {"investment": investment, "operations": operations})
    return Amount(parts["investment"], parts["operations"])


def allocate(key: str, due: Amount, payers: Sequence[k.Payer], members: Sequence[k.Payer],
             options: k.KeyOptions, ready: Prepared | None = None) -> k.Allocation:
    """``due`` shared under ``key`` (``ready``: weights kept from earlier calls)."""
    ready = ready or Prepared(options)
    if key == "hybrid":
        def operations(ore: int, who: Sequence[k.Payer]) -> k.Allocation:
            return _simple(options.operations_key, ore, who, members, ready)
        return k.hybrid(due.investment, due.operations, payers, operations)
    return _simple(key, due.total, payers, members, ready)


_Key = TypeVar("_Key", int, tuple[str, int])
_Made = TypeVar("_Made")


class Prepared:
    """The weighted keys' weights per set of payers, made once and kept.

    A set of payers is known by its identity: ``PayerBook`` gives the same tuple for every
    solution nobody is listed for in Bruk, and for a solution's payers in every year when
    they cannot change by year, so the weights of those are made once per key. Other sets
    with the same payers and weights share one ``Split``.
    """

    def __init__(self, options: k.KeyOptions) -> None:
        self.options = options
        self._weights: dict[tuple[str, int], tuple[Sequence[k.Payer], k.Weights]] = {}
        self._splits: dict[tuple[tuple[str, ...], tuple[float, ...]], Split] = {}
        self._weigh: dict[str, k.Weight | None] = {}
        self._volumes: dict[int, tuple[Sequence[k.Payer], dict[str, float]]] = {}
        self._nothing: dict[int, tuple[Sequence[k.Payer], Shares]] = {}
        self._lacking: dict[int, tuple[Sequence[k.Payer], tuple[str, ...]]] = {}

    def weight_of(self, key: str) -> k.Weight | None:
        """``keys.weight_of(key, options)``, made once per key."""
        if key not in self._weigh:
            self._weigh[key] = k.weight_of(key, self.options)
        return self._weigh[key]

    def weights(self, key: str, payers: Sequence[k.Payer], weight: k.Weight) -> k.Weights:
        """The key's weights for ``payers``."""
        return _kept(self._weights, (key, id(payers)), payers,
                     lambda: k.Weights(payers, weight, self._splits, self.nothing(payers)))

    def nothing(self, payers: Sequence[k.Payer]) -> Shares:
        """Nothing for each of ``payers``: one ``Shares`` for every key and amount."""
        return _kept(self._nothing, id(payers), payers, lambda: k.nothing(payers))

    def lacking(self, payers: Sequence[k.Payer]) -> tuple[str, ...]:
        """The codes of the payers without a volume, in order."""
        return _kept(self._lacking, id(payers), payers,
                     lambda: tuple(p.code for p in payers if p.volume is None))

    def volumes(self, payers: Sequence[k.Payer]) -> dict[str, float]:
        """The payers' known volumes (shared, not to be changed)."""
        return _kept(self._volumes, id(payers), payers,
                     lambda: {p.code: p.volume for p in payers if p.volume is not None})


def _kept(cache: dict[_Key, tuple[Sequence[k.Payer], _Made]], key: _Key,
          payers: Sequence[k.Payer], make: Callable[[], _Made]) -> _Made:
    """``make()`` for this very set of payers, kept by its identity. The set is kept too,
    so its ``id`` cannot pass to another set while the cache lives."""
    found = cache.get(key)
    if found is not None and found[0] is payers:
        return found[1]
    made = make()
    cache[key] = (payers, made)
    return made


def _simple(key: str, ore: int, payers: Sequence[k.Payer], members: Sequence[k.Payer],
            ready: Prepared) -> k.Allocation:
    options = ready.options
    weight = ready.weight_of(key)
    if weight is not None:
        who = members if key == "membership" else payers
        return ready.weights(key, who, weight).allocate(ore)
    if key in ("usage", "tiers") and payers:
        missing = ready.lacking(payers)
        if missing:  # what both keys give then, without going through the payers again
            return k.Allocation(ready.nothing(payers), ore, missing=missing,
                                reason=k.Reason.MISSING)
    if key == "usage":
        return k.usage(ore, payers, free_below=options.free_below, price=options.price)
    if key == "tiers":
        return k.tiers(ore, payers, table=options.tiers)
    raise ValueError(f"not a simple key: {key}")


def allocate_all(solutions: Sequence[Solution], book: PayerBook, keys: Sequence[str],
                 years: Sequence[int], share: str, options: k.KeyOptions
                 ) -> tuple[KeyResult, ...]:
    """Every key's allocation of every solution's amount in every year.

    What a ``Split`` shares (a weighted key whose payers all have weights) is kept as the
    split and the amount (``Shares.lazy``): the shares are worked out when asked for, and
    sums over them split by split (``funding.sums``); the allocations are those
    ``allocate`` gives one by one.
    """
    with collector.paused():  # many small objects, none in a cycle
        return _allocate_all(solutions, book, keys, years, share, options)


def _allocate_all(solutions: Sequence[Solution], book: PayerBook, keys: Sequence[str],
                  years: Sequence[int], share: str, options: k.KeyOptions
                  ) -> tuple[KeyResult, ...]:
    results: dict[str, list[Share | None]] = {key: [] for key in keys}
    ready = Prepared(options)
    later = _Later()
    for solution in solutions:
        for year in years:
            due = amount(solution, year, share)
            payers = book.payers(solution.id, year)
            members = book.members(solution.id, year)
            volumes = ready.volumes(payers)
            for key, weights in later.plan(keys, payers, members, ready):
                found = later.allocate(key, weights, due, payers, members, ready)
                if found is None:  # a split's, made in ``fill``
                    later.hold(key, len(results[key]), solution.id, year, due, volumes)
                    results[key].append(None)
                else:
                    results[key].append(Share(key, solution.id, year, due.total, found,
                                              volumes))
    later.fill(results)
    return tuple(KeyResult(key, tuple(s for s in found if s is not None))
                 for key, found in results.items())


_Held = tuple[str, int, str, int, int, int, int, Mapping[str, float]]


class _Later:
    """The allocations a ``Split`` makes, gathered to be shared split by split."""

    def __init__(self) -> None:
        # Split -> (key, place, solution, year, amount, øre to share, paid centrally,
        # volumes) of each allocation it makes.
        self.due: dict[int, tuple[Split, list[_Held]]] = {}
        self._split: Split | None = None
        self._plans: dict[tuple[int, int], tuple[Sequence[k.Payer], Sequence[k.Payer],
                                                 list[tuple[str, k.Weights | None]]]] = {}
        self._ore = self._central = 0

    def plan(self, keys: Sequence[str], payers: Sequence[k.Payer],
             members: Sequence[k.Payer], ready: Prepared
             ) -> list[tuple[str, k.Weights | None]]:
        """Each key with the weights it shares by among these payers (None: not a weighted
        key), looked up once per set of payers and members."""
        found = self._plans.get((id(payers), id(members)))
        if found is not None and found[0] is payers and found[1] is members:
            return found[2]
        plan: list[tuple[str, k.Weights | None]] = []
        for key in keys:
            simple = ready.options.operations_key if key == "hybrid" else key
            weight = ready.weight_of(simple)
            who = members if simple == "membership" else payers
            plan.append((key, None if weight is None else ready.weights(simple, who, weight)))
        self._plans[(id(payers), id(members))] = (payers, members, plan)  # kept: ids stay
        return plan

    def allocate(self, key: str, weights: k.Weights | None, due: Amount,
                 payers: Sequence[k.Payer], members: Sequence[k.Payer], ready: Prepared
                 ) -> k.Allocation | None:
        """``allocate(key, …)``, or None when a ``Split`` makes it (then ``hold`` it)."""
        if weights is None:
            return allocate(key, due, payers, members, ready.options, ready)
        hybrid = key == "hybrid"
        ore = due.operations if hybrid else due.total
        if weights.split is not None:
            self._split, self._ore = weights.split, ore
            self._central = due.investment if hybrid else 0
            return None
        found = weights.allocate(ore)
        if not hybrid:
            return found
        return k.Allocation(found.shares, found.unallocated, found.central + due.investment,
                            found.surplus, found.missing, found.reason)

    def hold(self, key: str, place: int, solution: str, year: int, due: Amount,
             volumes: Mapping[str, float]) -> None:
        """Keep the allocation ``allocate`` just left, for ``fill``."""
        split = self._split
        assert split is not None
        entry = self.due.setdefault(id(split), (split, []))
        entry[1].append((key, place, solution, year, due.total, self._ore, self._central,
                         volumes))

    def fill(self, results: Mapping[str, list[Share | None]]) -> None:
        """Put the held allocations in their places: each a split and its amount
        (``Shares.lazy``), the shares worked out when asked for, many at once."""
        for split, held in self.due.values():
            for key, place, solution, year, total, ore, central, volumes in held:
                results[key][place] = Share(key, solution, year, total, k.Allocation(
                    Shares.lazy(split, ore), central=central), volumes)
