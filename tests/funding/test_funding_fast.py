"""The funding analysis's fast paths give exactly what the plain, one-by-one paths give.

``Split.many``, ``rows``, ``totals`` and ``nonzero`` (many amounts shared at once: numpy
in 64 bits where the products fit, floats with an error bound and an exact fallback where
they do not, a closed form for equal weights), lazy shares, ``sums.summed`` (packed rows
added up at once), ``allocate_all`` (a split's amounts kept lazily, summed split by
split) and the tables' row count are each checked against the reference on generated
cases.
"""

from __future__ import annotations

import gc
from array import array

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from okosys_plan import collector
from okosys_plan.catalogue.model import Agency, Catalogue, Origin, Usage
from okosys_plan.funding import allocate as al
from okosys_plan.funding import batch
from okosys_plan.funding.analysis import COST_KEYS, STATUS_KEYS, Basis, Solution
from okosys_plan.funding.keys import ALTINN_TIERS, KeyOptions
from okosys_plan.funding.money import Shares, Split
from okosys_plan.funding.payers import PayerBook
from okosys_plan.funding.principles import principles
from okosys_plan.funding.sums import row_count, summed
from okosys_plan.funding.warnings import sharing_warnings

codes = st.sampled_from(["A1", "a2", "A10", "B", "b", "Kommune-3", "NAV", "Z9", "z10", "Ø"])
weight = st.one_of(st.integers(0, 10**6).map(float), st.sampled_from([0.5, 0.1, 2.25, 1e-3]),
                   st.floats(0, 1e7, allow_nan=False, allow_infinity=False))
weights = st.dictionaries(codes, weight, min_size=1, max_size=10).filter(
    lambda w: any(v > 0 for v in w.values()))
equal = st.lists(codes, min_size=1, max_size=10, unique=True).map(
    lambda found: dict.fromkeys(found, 1.0))
amounts = st.lists(st.one_of(st.integers(0, 10**11), st.integers(0, 10**20), st.just(0)),
                   min_size=1, max_size=120)


def _same(found: Shares, expected: Shares) -> None:
    assert found.codes == expected.codes
    assert list(found.amounts) == list(expected.amounts)
    assert dict(found) == dict(expected)


def _check_batches(weights: dict[str, float], wanted: list[int]) -> None:
    """Every batched path of a split against ``split(amount)`` one by one."""
    split = Split(weights)
    expected = [split(amount) for amount in wanted]
    nonzero = sum(1 for s in expected for ore in s.amounts if ore)
    assert Split(weights).nonzero(wanted) == nonzero  # counted afresh
    counted = Split(weights)
    counted.totals(wanted)
    assert counted.nonzero(wanted) == nonzero  # counted while adding up
    for shares, alone in zip(split.many(wanted), expected, strict=True):
        _same(shares, alone)
    assert [list(map(int, row)) for row in split.rows(wanted)] == \
        [list(s.amounts) for s in expected]
    assert split.totals(wanted) == [sum(column) for column in zip(
        *(s.amounts for s in expected), strict=True)]
    assert split.nonzero(wanted) == split.nonzero(wanted) == nonzero
    if wanted and split._fits(wanted):  # the 64-bit numpy path itself, also for few
        rows = [list(map(int, row)) for row in batch.exact(split, wanted)]
        assert rows == [list(s.amounts) for s in expected]
    if wanted and max(wanted) < 2**53:  # the float estimate checked, also for few
        rows = [list(map(int, row)) for row in batch.estimated(split, wanted)]
        assert rows == [list(s.amounts) for s in expected]
    for amount, alone in zip(wanted, expected, strict=True):
        lazy = Shares.lazy(split, amount)
        assert lazy.is_lazy and list(lazy.pairs()) == list(alone.pairs()) and lazy.is_lazy
        assert dict(lazy) == dict(alone) and not lazy.is_lazy


@settings(max_examples=300, deadline=None)
@given(st.one_of(weights, equal), amounts)
def test_many_amounts_shared_at_once_are_shared_as_one_by_one(
        found: dict[str, float], wanted: list[int]) -> None:
    _check_batches(found, wanted)


@settings(deadline=None)
@given(st.one_of(weights, equal), st.lists(st.integers(0, 10**9), min_size=300,
                                           max_size=400))
def test_many_amounts_over_the_batch_size_go_through_numpy_and_agree(
        found: dict[str, float], wanted: list[int]) -> None:
    _check_batches(found, wanted)


#: Weights as IT budgets are typed (one decimal): as exact binary fractions they are too
#: large for 64-bit products, so the float estimate with its exact fallback shares them;
#: many alike, so ties at the cut are common.
budgets = st.lists(st.integers(200, 4000).map(lambda tenths: tenths / 10), min_size=8,
                   max_size=60).map(lambda found: {f"W{i}": w for i, w in enumerate(found)})


@settings(max_examples=200, deadline=None)
@given(budgets, st.lists(st.one_of(st.integers(0, 10**12), st.integers(0, 5000),
                                   st.sampled_from([0, 1, 2**53 - 1])),
                         min_size=40, max_size=80, unique=True))
def test_weights_too_large_for_64_bits_are_estimated_and_still_exact(
        found: dict[str, float], wanted: list[int]) -> None:
    assume(not Split(found)._fits(wanted))
    _check_batches(found, wanted + wanted[::3])  # some amounts twice


def test_a_negative_amount_among_many_is_refused_as_alone() -> None:
    with pytest.raises(ValueError, match="negative"):
        Split({"A": 1.0, "B": 2.0}).many([5] * 300 + [-1])


@given(st.integers(1, 6).flatmap(lambda width: st.lists(
    st.lists(st.one_of(st.integers(0, 10**12), st.integers(0, 2**62)), min_size=width,
             max_size=width), min_size=1, max_size=40)), st.booleans())
def test_rows_added_up_at_once_are_their_exact_sums(rows: list[list[int]],
                                                    packed: bool) -> None:
    given_rows = [array("q", row) if packed else tuple(row) for row in rows]
    assert summed(given_rows) == [sum(column) for column in zip(*rows, strict=True)]


# --- allocate_all against one allocation at a time --------------------------------------

_ORIGIN = Origin("generert.xlsx", "Bruk", 2)
value = st.one_of(st.none(), st.just(0.0), st.integers(1, 10**7).map(float),
                  st.floats(0.01, 1e6, allow_nan=False))


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[Catalogue, list[Solution]]:
    """Agencies, Bruk rows (dated, undated, missing values) and solutions with costs."""
    agency_codes = draw(st.lists(codes, min_size=0, max_size=8, unique_by=str.casefold))
    agencies = tuple(Agency(code, f"Virksomhet {code}", _ORIGIN,
                            draw(st.sampled_from([None, "Stat", "Kommune", "Fylkeskommune"])),
                            draw(value), draw(value)) for code in agency_codes)
    count = draw(st.integers(1, 8))
    ids = [f"T{i}" for i in range(count)]
    usage = tuple(Usage(draw(st.sampled_from(ids)), draw(codes), _ORIGIN,
                        draw(st.sampled_from([None, 2022, 2023])), draw(value), draw(value),
                        draw(st.sampled_from([None, 10.0, 30.0, 60.0, 0.5])))
                  for _ in range(draw(st.integers(0, 20))))
    solutions = []
    for solution_id in ids:
        costs = {kind: {year: draw(st.sampled_from([0.0, 0.5, 1.0, 3.25, 12.0]))
                        for year in (2022, 2023)} for kind in COST_KEYS}
        statuses = {key: {2022: 0.0, 2023: draw(st.sampled_from([0.0, 1.0]))}
                    for key in STATUS_KEYS.values()}
        solutions.append(Solution(solution_id, solution_id, "measure", _ORIGIN, None, None,
                                  Basis.LINES, costs, {}, statuses))
    return Catalogue("generert.xlsx", (), (), agencies=agencies, usage=usage), solutions


options = st.builds(KeyOptions, free_below=st.sampled_from([0.0, 1000.0, 200_000.0]),
                    price=st.sampled_from([None, 0.37]), tiers=st.just(ALTINN_TIERS),
                    operations_key=st.sampled_from(["usage", "tiers", "flat", "membership"]))


def _plain(found: al.Share) -> tuple[object, ...]:
    alloc = found.allocation
    return (found.key, found.solution, found.year, found.amount, dict(alloc.shares),
            list(alloc.shares), alloc.unallocated, alloc.central, alloc.surplus,
            alloc.missing, alloc.reason, dict(found.volumes))


@settings(max_examples=150, deadline=None)
@given(catalogues(), options, st.sampled_from(["cost", "gap"]),
       st.sampled_from([None, 0.05]), st.integers(1, 60))
def test_allocating_all_at_once_gives_each_allocation_as_alone(
        made: tuple[Catalogue, list[Solution]], chosen: KeyOptions, share: str,
        growth: float | None, repeat: int) -> None:
    catalogue, solutions = made
    solutions = solutions * repeat  # many amounts over the same payers: the batch path
    years = (2022, 2023)
    book = PayerBook(catalogue, 2022, growth)
    results = al.allocate_all(solutions, book, al.KEYS, years, share, chosen)
    fresh = PayerBook(catalogue, 2022, growth)
    for result in results:
        expected = []
        for solution in solutions:
            for year in years:
                due = al.amount(solution, year, share)
                payers = fresh.payers(solution.id, year)
                alone = al.allocate(result.key, due, payers, fresh.members(solution.id, year),
                                    chosen)
                volumes = {p.code: p.volume for p in payers if p.volume is not None}
                expected.append(al.Share(result.key, solution.id, year, due.total, alone,
                                         volumes))
        assert [_plain(s) for s in result.shares] == [_plain(s) for s in expected]
        assert result.bills() == _bills_by_hand(expected)
        # The sums over lazy shares (worked out split by split) as over shares made alone.
        fresh_results = al.allocate_all(solutions, PayerBook(catalogue, 2022, growth),
                                        (result.key,), years, share, chosen)[0]
        alone_result = al.KeyResult(result.key, tuple(expected))
        agencies = [a.code for a in catalogue.agencies]
        assert principles(fresh_results, agencies, years) == principles(alone_result,
                                                                         agencies, years)
        assert row_count(fresh_results.shares) == row_count(expected) == sum(
            sum(1 for o in s.allocation.shares.values() if o) + sum(1 for o in (
                s.allocation.unallocated, s.allocation.central, s.allocation.surplus) if o)
            for s in expected)


def _bills_by_hand(shares: list[al.Share]) -> dict[str, dict[int, int]]:
    bills: dict[str, dict[int, int]] = {}
    for found in shares:
        for code, ore in found.allocation.shares.items():
            by_year = bills.setdefault(code, {})
            by_year[found.year] = by_year.get(found.year, 0) + ore
    return bills


@given(st.lists(st.tuples(st.lists(st.integers(0, 3), max_size=4), st.integers(0, 2),
                          st.integers(0, 2), st.integers(0, 2), st.booleans()),
                max_size=30))
def test_rows_counted_beyond_the_sheet_are_the_rows_it_would_hold(
        found: list[tuple[list[int], int, int, int, bool]]) -> None:
    shared = Shares(("A", "B"), [0, 0])
    split = Split({"A": 1.0, "B": 2.5, "C": 0.0})
    shares = []
    for amounts, unallocated, central, surplus, same in found:
        given_shares = shared if same else Shares(tuple(f"C{i}" for i in range(len(amounts))),
                                                  amounts)
        if len(amounts) == 1:  # lazy shares of a split, counted split by split
            given_shares = Shares.lazy(split, amounts[0] * 10**amounts[0])
        shares.append(al.Share("flat", "T1", 2022, 1, al.k.Allocation(
            given_shares, unallocated, central, surplus), {}))
    counted = row_count(shares)  # before the lazy shares are made
    by_hand = sum(sum(1 for o in s.allocation.shares.values() if o)
                  + sum(1 for o in (s.allocation.unallocated, s.allocation.central,
                                    s.allocation.surplus) if o) for s in shares)
    assert counted == by_hand


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with collector.paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(KeyError), collector.paused():
            raise KeyError("x")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@settings(max_examples=100, deadline=None)
@given(catalogues(), options)
def test_shares_off_100_skipping_solutions_without_shares_warn_as_every_solution_checked(
        made: tuple[Catalogue, list[Solution]], chosen: KeyOptions) -> None:
    catalogue, solutions = made
    years = (2022, 2023)
    book = PayerBook(catalogue, 2022)
    results = al.allocate_all(solutions, book, ("manual",), years, "cost", chosen)
    found = [(p.value, p.params["years"], p.params["total"])
             for p in sharing_warnings(results, book, catalogue, chosen)
             if p.code == "shares-not-100"]
    fresh = PayerBook(catalogue, 2022)
    off: dict[str, list[tuple[int, float]]] = {}
    for share in results[0].shares:  # the plain rule: every solution and year looked at
        given_shares = [p.share for p in fresh.payers(share.solution, share.year)]
        if not given_shares or None in given_shares:
            continue
        total = sum(g or 0.0 for g in given_shares)
        if abs(total - 100) > 0.01 and abs(total - 1) > 0.0001:
            off.setdefault(share.solution, []).append((share.year, total))
    assert found == [(solution, ", ".join(str(y) for y, _ in by_year), round(by_year[0][1], 4))
                     for solution, by_year in off.items()]


@given(st.one_of(st.just(0.0), st.just(-0.0), st.floats(-1e6, 1e6, allow_nan=False)))
def test_amounts_in_ore_skip_nothing_but_zero(mnok: float) -> None:
    from okosys_plan.funding.money import mnok_to_ore

    assert al._ore(mnok) == mnok_to_ore(mnok)
