"""Several assessors' grades combined: the aggregate, the agreement, the bootstrap."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan import load_catalogue
from okosys_plan.assess.aggregate import aggregate, combine, grade_array, level
from okosys_plan.assess.api import assess
from okosys_plan.assess.model import (
    AggregateRule,
    Assessment,
    Assessments,
    Assessor,
    Level,
)
from okosys_plan.assess.resample import _by_gathering, picks, resampler
from okosys_plan.bundled import bundled_catalogue
from okosys_plan.catalogue.model import Catalogue, Criterion, Direction
from okosys_plan.prioritise.api import PriorityOptions, prioritise

CRITERIA = (Criterion("Nytte", 0.6), Criterion("Risiko", 0.4, Direction.COST),
            Criterion("Skala", 0.0, scale_min=0, scale_max=10),
            Criterion("Minus", 0.1, scale_min=-2, scale_max=2))
NEEDS = ("B01", "B02", "B03")
RULES = list(AggregateRule)

#: Grades per assessor: need index × criterion index, None where not given.
grade = st.one_of(st.none(), st.integers(1, 5))
panel = st.lists(st.lists(st.tuples(grade, grade, st.one_of(st.none(), st.integers(0, 10)),
                                    st.one_of(st.none(), st.integers(-2, 2))),
                          min_size=3, max_size=3), min_size=1, max_size=7)


def _assessments(rows: list[list[tuple[int | None, ...]]]) -> Assessments:
    found = []
    for a, table in enumerate(rows):
        grades = {(need, c.name): g for need, given in zip(NEEDS, table, strict=True)
                  for c, g in zip(CRITERIA, given, strict=True) if g is not None}
        found.append(Assessment(Assessor(f"M{a}", None, f"m{a}.xlsx"), grades))
    return Assessments(tuple(found))


@settings(max_examples=80, deadline=None)
@given(rows=panel, rule=st.sampled_from(RULES))
def test_the_aggregate_lies_within_the_grades_given(rows: list, rule: AggregateRule) -> None:
    agreement = aggregate(_assessments(rows), NEEDS, CRITERIA, rule)
    for cells in agreement.cells.values():
        for cell in cells.values():
            given = [g for g in cell.grades if g is not None]
            assert cell.count == len(given)
            if not given:
                assert cell.aggregate is None and cell.level is None
                continue
            assert cell.low == min(given) and cell.high == max(given)
            assert cell.aggregate is not None
            assert min(given) - 1e-9 <= cell.aggregate <= max(given) + 1e-9
            assert (cell.level is None) == (len(given) < 2)


@settings(max_examples=60, deadline=None)
@given(rows=panel, rule=st.sampled_from(RULES), seed=st.integers(0, 2**32 - 1))
def test_permuting_the_assessors_changes_no_cell(rows: list, rule: AggregateRule,
                                                 seed: int) -> None:
    order = np.random.default_rng(seed).permutation(len(rows))
    first = aggregate(_assessments(rows), NEEDS, CRITERIA, rule)
    second = aggregate(_assessments([rows[i] for i in order]), NEEDS, CRITERIA, rule)
    for need in NEEDS:
        for name in first.criteria:
            a, b = first.cells[need][name], second.cells[need][name]
            assert (a.count, a.low, a.high, a.level) == (b.count, b.low, b.high, b.level)
            assert a.aggregate == pytest.approx(b.aggregate)
            assert a.iqr == pytest.approx(b.iqr)


_ORDER = {None: 0, Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


@settings(max_examples=80, deadline=None)
@given(grades=st.lists(st.integers(1, 5), min_size=1, max_size=12))
def test_an_assessor_who_agrees_with_the_median_never_lowers_agreement(
        grades: list[int]) -> None:
    def cell_level(values: list[float]) -> Level | None:
        array = np.array(values, dtype=np.float64)
        q1, q3 = np.percentile(array, [25, 75])
        return level(len(values), float(q3 - q1), float(array.max() - array.min()), 4.0)

    median = float(np.median(grades))
    assert _ORDER[cell_level([*grades, median])] >= _ORDER[cell_level(list(grades))]


@pytest.mark.parametrize("grades, expected", [
    ([3], None), ([3, 3, 3, 3, 3], Level.HIGH), ([2, 3, 3, 4], Level.HIGH),
    ([1, 5], Level.LOW), ([1, 3, 5], Level.LOW), ([1, 1, 5, 5], Level.LOW),
    ([1, 3, 3, 3, 5], Level.MEDIUM), ([2, 3, 4, 4, 5], Level.MEDIUM),
])
def test_the_agreement_rule_on_a_five_point_scale(grades: list[int],
                                                   expected: Level | None) -> None:
    array = np.array(grades, dtype=np.float64)
    q1, q3 = np.percentile(array, [25, 75])
    assert level(len(grades), float(q3 - q1), float(array.max() - array.min()), 4.0) is expected


def test_the_trimmed_mean_drops_one_lowest_and_one_highest_from_four_grades() -> None:
    grades = np.array([[[1.0]], [[2.0]], [[3.0]], [[5.0]]])
    assert combine(grades, AggregateRule.TRIMMED)[0, 0] == 2.5
    assert combine(grades[:3], AggregateRule.TRIMMED)[0, 0] == 2.0  # the mean below four
    assert combine(grades, AggregateRule.MEDIAN)[0, 0] == 2.5


@settings(max_examples=40, deadline=None)
@given(rows=panel, rule=st.sampled_from(RULES), seed=st.integers(0, 2**32 - 1),
       wide=st.booleans())
def test_panels_from_counts_equal_panels_from_their_grades(rows: list, rule: AggregateRule,
                                                           seed: int, wide: bool) -> None:
    grades = grade_array(_assessments(rows), NEEDS, CRITERIA)
    criteria = CRITERIA if not wide else (*CRITERIA[:2], replace(CRITERIA[2], scale_max=100),
                                          CRITERIA[3])
    draw = resampler(grades, criteria, rule)
    fast = draw(np.random.default_rng(seed), 9)
    slow = _by_gathering(grades, picks(np.random.default_rng(seed), 9, grades.shape[0]), rule)
    np.testing.assert_allclose(fast, slow, equal_nan=True)


def _catalogue() -> Catalogue:
    return load_catalogue(bundled_catalogue())


def _as_given(catalogue: Catalogue, name: str = "Eneste") -> Assessment:
    grades = {(n.id, c): int(g) for n in catalogue.needs for c, g in n.scores.items()
              if g is not None}
    return Assessment(Assessor(name, None, f"{name}.xlsx"), grades)


def test_one_assessor_who_grades_as_the_catalogue_reproduces_its_ranking() -> None:
    catalogue = _catalogue()
    options = PriorityOptions(draws=200, seed=3)
    before = prioritise(catalogue, options)
    after = assess(catalogue, Assessments((_as_given(catalogue),)), options)
    assert [(s.id, s.score, s.rank, s.priority) for s in after.prioritised.ranking.needs] == \
        [(s.id, s.score, s.rank, s.priority) for s in before.ranking.needs]
    assert after.prioritised.sensitivity == before.sensitivity


def test_the_order_of_the_files_changes_no_ranking_and_no_draw() -> None:
    catalogue = _catalogue()
    rng = np.random.default_rng(7)
    members = []
    for a in range(4):
        base = _as_given(catalogue, f"M{a}")
        noisy = {key: int(min(5, max(1, g + rng.integers(-1, 2))))
                 for key, g in base.grades.items()}
        members.append(replace(base, grades=noisy))
    options = PriorityOptions(draws=100, seed=1)
    first = assess(catalogue, Assessments(tuple(members)), options)
    second = assess(catalogue, Assessments(tuple(reversed(members))), options)
    assert first.prioritised.sensitivity == second.prioritised.sensitivity
    assert [s.score for s in first.prioritised.ranking.needs] == \
        [s.score for s in second.prioritised.ranking.needs]
    assert first.agreement.discussion == second.agreement.discussion


def test_disagreement_widens_the_rank_interval_and_lists_the_need() -> None:
    catalogue = _catalogue()
    options = PriorityOptions(draws=300, seed=2)
    agree = [_as_given(catalogue, f"M{a}") for a in range(5)]
    alone = assess(catalogue, Assessments(tuple(agree)), options)
    ranking = alone.prioritised.ranking
    target = ranking.needs[len(ranking.needs) // 3].id  # near the top-K line
    split = []
    for a, member in enumerate(agree):
        grades = dict(member.grades)
        for name in ("Samfunnsnytte", "Bredde", "Hastegrad"):
            grades[(target, name)] = 5 if a % 2 else 1
        split.append(replace(member, grades=grades))
    torn = assess(catalogue, Assessments(tuple(split)), options)
    calm, wide = (r.prioritised.sensitivity for r in (alone, torn))
    assert calm is not None and wide is not None
    width = {name: s.stability[target].rank_p95 - s.stability[target].rank_p05
             for name, s in (("calm", calm), ("wide", wide))}
    assert width["wide"] > width["calm"]
    assert target in {d.need for d in torn.agreement.discussion}
    assert not alone.agreement.discussion  # five identical members: nothing to discuss
    listed = next(d for d in torn.agreement.discussion if d.need == target)
    assert set(listed.criteria) >= {"Samfunnsnytte", "Bredde", "Hastegrad"}
    assert (listed.low_score < listed.high_score and "top-k" in listed.changes) or \
        "class" in listed.changes


def test_an_assessor_far_from_the_others_is_shown_not_dropped() -> None:
    catalogue = _catalogue()
    members = [_as_given(catalogue, f"M{a}") for a in range(4)]
    contrary = replace(members[0], assessor=Assessor("Motsatt", "X", "x.xlsx"),
                       grades={k: 6 - g for k, g in members[0].grades.items()})
    done = assess(catalogue, Assessments((*members, contrary)), PriorityOptions())
    assert [o.assessor for o in done.agreement.outliers] == ["Motsatt"]
    assert len(done.agreement.assessors) == 5  # still counted in the aggregate


@settings(max_examples=60, deadline=None)
@given(rows=panel)
def test_the_one_sort_quantiles_are_numpys(rows: list) -> None:
    import warnings

    from okosys_plan.assess.aggregate import quantiles

    grades = grade_array(_assessments(rows), NEEDS, CRITERIA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanpercentile(grades, [25, 50, 75], axis=0)
    for want, got in zip(expected, quantiles(grades, (0.25, 0.5, 0.75)), strict=True):
        np.testing.assert_array_equal(want, got)
