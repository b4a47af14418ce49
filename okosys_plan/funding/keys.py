"""Cost-sharing keys: pure functions from an amount in øre and the payers to their shares.

Every key is one of those named in ``docs/domain.md`` ("Cost-sharing keys named by Digdir
and Skate", "Real price models"); ``docs/finansiering.md`` shows each with a worked
example. A key never guesses: when a payer lacks the data the key needs, nothing of the
amount is shared and the whole amount is returned as not allocated, with the payers that
lack it (``Allocation.missing``). Shares are made by ``money.largest_remainder``, so they
sum exactly to what is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from okosys_plan.funding.money import ORE_PER_NOK, Shares, Split, largest_remainder, nok_to_ore
from okosys_plan.funding.options import OPERATIONS_KEY


@dataclass(frozen=True, slots=True)  # slots: many are made
class Payer:
    """An agency that may pay for a solution in a year, with the data the keys use."""

    code: str
    volume: float | None = None  # transactions in the year (Bruk: Volum)
    benefit: float | None = None  # benefit points or share (Bruk: Nytte)
    share: float | None = None  # agreed share (Bruk: Andel)
    it_budget: float | None = None  # MNOK (Virksomheter: IT-budsjett)
    inhabitants: float | None = None  # (Virksomheter: Innbyggere)
    kind: str | None = None  # Stat, Kommune, Fylkeskommune, Annet


class Reason(StrEnum):
    """Why (part of) an amount was not allocated."""

    MISSING = "missing"  # a payer lacks data the key needs
    NO_WEIGHT = "no-weight"  # no payer has a weight above 0 (all under a threshold, say)
    NO_PAYERS = "no-payers"  # nobody to pay
    NO_LARGE = "no-large"  # tiers: nobody in the open top tier to carry the rest
    PRICE = "price"  # a price per unit brings in less than the amount


@dataclass(frozen=True, slots=True)  # slots: many are made
class Allocation:
    """Who pays what of an amount, in øre.

    Always ``billed + unallocated + central == amount + surplus``; ``surplus`` is above 0
    only when a price per unit brings in more than the amount.
    """

    shares: Mapping[str, int]
    unallocated: int = 0
    central: int = 0
    surplus: int = 0
    missing: tuple[str, ...] = ()
    reason: Reason | None = None

    @property
    def billed(self) -> int:
        """What the payers are billed together."""
        return sum(self.shares.values())


@dataclass(frozen=True)
class Tier:
    """A volume tier: payers below ``below`` transactions pay ``fee`` kroner a year.

    The open top tier (``below`` None) has no fee: its payers share what the fees leave.
    """

    name: str
    name_en: str
    below: float | None
    fee: float | None


#: Altinn's operations model (domain.md, "Real price models"): Other < 10 000 transactions
#: 70 000 kr/yr, Small < 300 000 280 000 kr, Medium 300 000–999 999 1 050 000 kr; Large
#: and Very large share the rest by transactions.
ALTINN_TIERS: tuple[Tier, ...] = (
    Tier("Annet", "Other", 10_000, 70_000),
    Tier("Liten", "Small", 300_000, 280_000),
    Tier("Middels", "Medium", 1_000_000, 1_050_000),
    Tier("Stor og svært stor", "Large and very large", None, None),
)
#: KS DigiFin (domain.md): 20 kr per inhabitant for municipalities, 5 kr for counties.
DIGIFIN_RATES: Mapping[str, float] = {"Kommune": 20.0, "Fylkeskommune": 5.0}
#: ID-porten (domain.md): free under 200 000 log-ins per settlement year, then 0.37 kr
#: per log-in (2022/23; 0.31 kr in 2021/22).
IDPORTEN_FREE_BELOW = 200_000
IDPORTEN_PRICE = 0.37


@dataclass(frozen=True)
class KeyOptions:
    """The keys' parameters, each with its default (the CLI and library may override)."""

    free_below: float = 0.0  # usage: below this volume an agency pays nothing
    price: float | None = None  # usage: kroner per unit (None: share the amount)
    tiers: tuple[Tier, ...] = ALTINN_TIERS
    rates: Mapping[str, float] = field(default_factory=lambda: dict(DIGIFIN_RATES))
    operations_key: str = OPERATIONS_KEY.default  # hybrid: the key that shares operations


Weight = Callable[[Payer], "float | None"]


def _zeros(payers: Sequence[Payer]) -> dict[str, int]:
    return {p.code: 0 for p in payers}


def nothing(payers: Sequence[Payer]) -> Shares:
    """Nothing for each payer (kept compactly: a large catalogue has many such)."""
    return Shares(tuple(p.code for p in payers), [0] * len(payers))


def weighted(amount: int, payers: Sequence[Payer], weight: Weight) -> Allocation:
    """``amount`` shared in proportion to ``weight``; nothing shared if any weight is None."""
    return Weights(payers, weight).allocate(amount)


class Weights:
    """A weighted key's weights for one set of payers, made ready to share many amounts.

    ``weighted(amount, payers, weight)`` is ``Weights(payers, weight).allocate(amount)``;
    keeping the ``Weights`` shares the amounts of several years or solutions with the same
    payers without weighing them again.
    """

    __slots__ = ("codes", "missing", "nothing", "reason", "split")

    def __init__(self, payers: Sequence[Payer], weight: Weight,
                 splits: dict[tuple[tuple[str, ...], tuple[float, ...]], Split] | None = None,
                 zeros: Shares | None = None) -> None:
        """``splits``: ``Split``s made before, by payers and weights, to reuse and add to;
        ``zeros``: the payers' zero shares, made before (their codes in order)."""
        self.nothing = zeros if zeros is not None else nothing(payers)
        self.codes = self.nothing.codes
        self.split: Split | None = None
        self.missing: tuple[str, ...] = ()
        self.reason: Reason | None = None
        if not payers:
            self.reason = Reason.NO_PAYERS
            return
        found = [weight(p) for p in payers]
        if None in found:
            self.missing = tuple(c for c, w in zip(self.codes, found, strict=True) if w is None)
            self.reason = Reason.MISSING
            return
        weights = tuple(float(w or 0.0) for w in found)
        if not any(w > 0 for w in weights):
            self.reason = Reason.NO_WEIGHT
            return
        made = splits.get((self.codes, weights)) if splits is not None else None
        if made is None:
            made = Split(dict(zip(self.codes, weights, strict=True)))
            if splits is not None:
                splits[(self.codes, weights)] = made
        self.split = made

    def allocate(self, amount: int) -> Allocation:
        """``amount`` shared among the payers."""
        if self.split is not None:
            return Allocation(self.split(amount))
        if self.reason is Reason.NO_PAYERS:
            return Allocation({}, amount, reason=Reason.NO_PAYERS)
        return Allocation(self.nothing, amount, missing=self.missing, reason=self.reason)


def weight_of(key: str, options: KeyOptions) -> Weight | None:
    """The weight ``key`` shares by under ``options``; None for a key that does more than
    weigh (tiers, usage with a price, hybrid)."""
    if key == "usage":
        return None if options.price is not None else _billable(options.free_below)
    if key == "per_capita":
        return _per_inhabitant(options.rates)
    return _WEIGHTS.get(key)


def _equal(_payer: Payer) -> float:
    return 1.0


def _benefit(payer: Payer) -> float | None:
    return payer.benefit


def _budget(payer: Payer) -> float | None:
    return payer.it_budget


def _agreed(payer: Payer) -> float | None:
    return payer.share


_WEIGHTS: Mapping[str, Weight] = {"flat": _equal, "membership": _equal, "benefit": _benefit,
                                  "budget": _budget, "manual": _agreed}


def _billable(free_below: float) -> Weight:
    def billable(payer: Payer) -> float | None:
        if payer.volume is None:
            return None
        return payer.volume if payer.volume >= free_below else 0.0
    return billable


def _per_inhabitant(rates: Mapping[str, float]) -> Weight:
    def weight(payer: Payer) -> float | None:
        rate = rates.get(payer.kind or "")
        if rate is None:
            return 0.0
        return None if payer.inhabitants is None else rate * payer.inhabitants
    return weight


def flat(amount: int, payers: Sequence[Payer]) -> Allocation:
    """Equal shares ("flat (equal)", domain.md: keys named by Digdir and Skate)."""
    return weighted(amount, payers, _equal)


def membership(amount: int, members: Sequence[Payer]) -> Allocation:
    """An equal fee from every member into a common pot ("membership fee into a common pot").

    The caller passes every agency of the Virksomheter sheet, users of the solution or not.
    """
    return weighted(amount, members, _equal)


def usage(amount: int, payers: Sequence[Payer], *, free_below: float = 0.0,
          price: float | None = None) -> Allocation:
    """By volume ("by usage"); the ID-porten model with a free threshold and a unit price.

    A payer with a volume below ``free_below`` pays nothing; the others pay in proportion
    to their whole volume. With ``price`` (kroner per unit) each pays price × volume
    instead: what that leaves of the amount is not allocated, what it brings in above the
    amount is surplus. (ID-porten, domain.md: free under 200 000 log-ins per settlement
    year, then 0.31 kr (2021/22) or 0.37 kr (2022/23) per log-in.)
    """
    billable = _billable(free_below)
    if price is None:
        return weighted(amount, payers, billable)
    if not payers:
        return Allocation({}, amount, reason=Reason.NO_PAYERS)
    missing = tuple(p.code for p in payers if p.volume is None)
    if missing:
        return Allocation(nothing(payers), amount, missing=missing, reason=Reason.MISSING)
    bills = {p.code: price_times(price, billable(p) or 0.0) for p in payers}
    billed = sum(bills.values())
    short = max(0, amount - billed)
    return Allocation(bills, short, surplus=max(0, billed - amount),
                      reason=Reason.PRICE if short else None)


def price_times(price: float, volume: float) -> int:
    """``price`` kroner × ``volume`` units in øre, computed exactly, rounded half up."""
    exact = Decimal(repr(float(price))) * Decimal(repr(float(volume))) * ORE_PER_NOK
    return int(exact.quantize(Decimal(1), ROUND_HALF_UP))


def tier_of(volume: float, table: Sequence[Tier] = ALTINN_TIERS) -> Tier:
    """The tier a volume falls in: the first whose limit it is below, else the last."""
    for tier in table:
        if tier.below is None or volume < tier.below:
            return tier
    return table[-1]


def tiers(amount: int, payers: Sequence[Payer], *,
          table: Sequence[Tier] = ALTINN_TIERS) -> Allocation:
    """Fixed yearly fees by volume tier, the rest by volume among the open top tier.

    The Altinn model (domain.md): Medium 1 050 000 kr, Small 280 000 kr, Other 70 000 kr
    a year; Large and Very large share the rest by transactions. When the fees alone come
    to more than the amount, the amount is shared in proportion to the fees and the top
    tier pays nothing; when nobody is in the top tier, the rest is not allocated.
    """
    if not payers:
        return Allocation({}, amount, reason=Reason.NO_PAYERS)
    missing = tuple(p.code for p in payers if p.volume is None)
    if missing:
        return Allocation(nothing(payers), amount, missing=missing, reason=Reason.MISSING)
    fees = {p.code: nok_to_ore(fee) for p in payers
            if (fee := tier_of(p.volume or 0.0, table).fee) is not None}
    if sum(fees.values()) >= amount and any(fees.values()):
        return Allocation({**_zeros(payers), **largest_remainder(amount, fees)})
    rest = amount - sum(fees.values())
    large = {p.code: p.volume or 0.0 for p in payers if p.code not in fees}
    shares = {**_zeros(payers), **fees}
    if not any(v > 0 for v in large.values()):
        return Allocation(shares, rest, reason=Reason.NO_LARGE if rest else None)
    return Allocation({**shares, **largest_remainder(rest, large)})


def benefit(amount: int, payers: Sequence[Payer]) -> Allocation:
    """By benefit points or share from Bruk ("by benefit potential", domain.md)."""
    return weighted(amount, payers, _benefit)


def budget(amount: int, payers: Sequence[Payer]) -> Allocation:
    """By IT budget from Virksomheter ("by size / budget", domain.md)."""
    return weighted(amount, payers, _budget)


def per_capita(amount: int, payers: Sequence[Payer], *,
               rates: Mapping[str, float] = DIGIFIN_RATES) -> Allocation:
    """By inhabitants, weighted by a rate per agency type ("per inhabitant"; KS DigiFin).

    DigiFin (domain.md) takes 20 kr per inhabitant from municipalities and 5 kr from
    counties, so a county inhabitant weighs a quarter of a municipal one. Only agencies of
    a type with a rate pay; one of those without Innbyggere is missing data.
    """
    return weighted(amount, payers, _per_inhabitant(rates))


def manual(amount: int, payers: Sequence[Payer]) -> Allocation:
    """By shares agreed and typed into Bruk's Andel column ("by discretion", domain.md).

    The shares are used in proportion, so 50/30/20, 0,5/0,3/0,2 and 50 %/30 %/20 % agree;
    the caller warns when they do not add up to 100 %.
    """
    return weighted(amount, payers, _agreed)


def hybrid(investment: int, operations: int, payers: Sequence[Payer],
           operations_key: Callable[[int, Sequence[Payer]], Allocation]) -> Allocation:
    """Investment paid centrally, operations by another key (Altinn: shared functions over
    the state budget, operations by tier; domain.md)."""
    found = operations_key(operations, payers)
    return Allocation(found.shares, found.unallocated, found.central + investment,
                      found.surplus, found.missing, found.reason)
