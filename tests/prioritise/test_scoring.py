"""Scores, ranks and classes: the formula on hand-computed cases, and its invariants."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.domain import DEFAULT_CRITERIA
from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin
from okosys_plan.prioritise.scoring import (
    Method,
    PriorityClass,
    Thresholds,
    natural_key,
    score_needs,
)

ORIGIN = Origin("test.xlsx", "Behov", 2)
BENEFIT = Criterion("Nytte", 3.0, Direction.BENEFIT, 1, 5)
COST = Criterion("Risiko", 1.0, Direction.COST, 0, 10)


def make(need_id: str, legal: bool = False, **scores: Any) -> Need:
    return Need(need_id, f"Behov {need_id}", ORIGIN, scores=scores, legal_requirement=legal)


def test_weighted_score_matches_a_hand_computed_example() -> None:
    # Nytte 4 on 1–5: u = 3/4; Risiko 2 on 0–10 (cost): u = 1 − 2/10 = 0.8.
    # score = 100 × (3 × 0.75 + 1 × 0.8) / (3 + 1) = 100 × 3.05 / 4 = 76.25
    ranking = score_needs([make("B1", Nytte=4, Risiko=2)], [BENEFIT, COST])
    scored = ranking.needs[0]
    assert scored.exact_score == pytest.approx(76.25, abs=1e-9)
    assert scored.score == 76.3  # as shown: one decimal, halves up
    assert scored.contributions["Nytte"] == pytest.approx(56.25, abs=1e-9)
    assert scored.contributions["Risiko"] == pytest.approx(20.0, abs=1e-9)
    assert scored.priority is PriorityClass.HIGH and not scored.incomplete


def test_a_need_missing_a_score_is_scored_on_the_rest_and_marked() -> None:
    # Only Risiko 5 on 0–10: score = 100 × 1 × 0.5 / 1 = 50.
    scored = score_needs([make("B1", Nytte=None, Risiko=5)], [BENEFIT, COST]).needs[0]
    assert scored.score == pytest.approx(50.0, abs=1e-9)
    assert scored.incomplete and scored.missing == ("Nytte",)
    assert set(scored.contributions) == {"Risiko"}
    assert scored.priority is PriorityClass.MEDIUM


def test_a_need_with_no_scores_has_no_score_and_comes_last() -> None:
    ranking = score_needs([make("B1"), make("B2", Nytte=1, Risiko=10)], [BENEFIT, COST])
    assert [s.id for s in ranking.needs] == ["B2", "B1"]
    last = ranking.needs[1]
    assert last.score is None and last.priority is None and last.missing == ("Nytte", "Risiko")
    assert ranking.needs[0].score == pytest.approx(0.0, abs=1e-9)


def test_weights_are_normalised_and_scale_free() -> None:
    needs = [make("B1", Nytte=5, Risiko=9), make("B2", Nytte=2, Risiko=0)]
    doubled = [Criterion(c.name, c.weight * 7, c.direction, c.scale_min, c.scale_max)
               for c in (BENEFIT, COST)]
    first = score_needs(needs, [BENEFIT, COST])
    second = score_needs(needs, doubled)
    assert [c.weight for c in first.criteria] == pytest.approx([0.75, 0.25])
    assert [s.score for s in first.needs] == pytest.approx([s.score for s in second.needs])


def test_order_is_legal_requirement_then_score_then_natural_id() -> None:
    needs = [make("B10", Nytte=3), make("B2", Nytte=3), make("B1", Nytte=5),
             make("B9", legal=True, Nytte=1), make("b3", Nytte=3)]
    ranking = score_needs(needs, [BENEFIT])
    assert [s.id for s in ranking.needs] == ["B9", "B1", "B2", "b3", "B10"]
    assert [s.rank for s in ranking.needs] == [1, 2, 3, 4, 5]
    legal = ranking.needs[0]
    assert legal.legal_requirement and legal.priority is PriorityClass.LOW  # keeps its class


def test_classes_follow_configurable_thresholds() -> None:
    needs = [make(f"B{g}", Nytte=g) for g in range(1, 6)]  # scores 0, 25, 50, 75, 100
    default = {s.id: s.priority for s in score_needs(needs, [BENEFIT]).needs}
    assert default == {"B5": PriorityClass.HIGH, "B4": PriorityClass.HIGH,
                       "B3": PriorityClass.MEDIUM, "B2": PriorityClass.LOW,
                       "B1": PriorityClass.LOW}
    strict = score_needs(needs, [BENEFIT], thresholds=Thresholds(high=80, medium=20))
    assert {s.id: s.priority for s in strict.needs}["B4"] is PriorityClass.MEDIUM
    assert {s.id: s.priority for s in strict.needs}["B2"] is PriorityClass.MEDIUM


def test_effective_priority_comes_from_dependants_transitively() -> None:
    low = Need("B1", "Grunnmur", ORIGIN, scores={"Nytte": 1})
    middle = Need("B2", "Mellom", ORIGIN, scores={"Nytte": 2}, depends_on=("b1",))
    top = Need("B3", "Topp", ORIGIN, scores={"Nytte": 5}, depends_on=("B2",))
    alone = Need("B4", "Alene", ORIGIN, scores={"Nytte": 3})
    ranking = score_needs([low, middle, top, alone], [BENEFIT])
    by_id = {s.id: s for s in ranking.needs}
    assert by_id["B1"].rank == 4 and by_id["B1"].effective_rank == 1
    assert by_id["B1"].effective_priority is PriorityClass.HIGH
    assert by_id["B1"].effective_from == "B3" and by_id["B2"].effective_from == "B3"
    assert by_id["B4"].effective_rank == by_id["B4"].rank and by_id["B4"].effective_from is None


def test_effective_priority_survives_a_cycle() -> None:
    a = Need("A", "a", ORIGIN, scores={"Nytte": 5}, depends_on=("B",))
    b = Need("B", "b", ORIGIN, scores={"Nytte": 1}, depends_on=("A",))
    ranking = score_needs([a, b], [BENEFIT])
    assert [s.effective_rank for s in ranking.needs] == [1, 1]


def test_nnv_ranks_by_value_per_krone_and_lists_the_rest_with_a_reason() -> None:
    def with_money(need_id: str, npv: float | None, investment: float | None, grade: int,
                   legal: bool = False) -> Need:
        return Need(need_id, need_id, ORIGIN, scores={"Nytte": grade}, npv=npv,
                    investment=investment, legal_requirement=legal)

    needs = [with_money("B1", 10, 10, 1), with_money("B2", 30, 10, 1),
             with_money("B3", 10, 10, 5), with_money("B4", None, 10, 5),
             with_money("B5", 5, 0, 5), with_money("B6", -1, 1, 1, legal=True),
             with_money("B7", 5, None, 4)]
    ranking = score_needs(needs, [BENEFIT], Method.NNV)
    assert [s.id for s in ranking.needs] == ["B6", "B2", "B3", "B1", "B4", "B5", "B7"]
    reasons = {s.id: s.unranked_reason for s in ranking.needs}
    assert reasons == {"B6": None, "B2": None, "B3": None, "B1": None,
                       "B4": "missing-npv", "B5": "zero-investment", "B7": "missing-investment"}
    assert ranking.find("b2") is not None and ranking.find("b2").npv_ratio == 3.0  # type: ignore[union-attr]


def test_a_catalogue_with_only_some_default_criteria_scores_on_those(make_catalogue: Any) -> None:
    from okosys_plan import load_catalogue

    headers = ["ID", "Tittel", "Samfunnsnytte", "Risiko"]
    path = make_catalogue("delvis.xlsx", {"Behov": [headers, ["B1", "En", 5, 5],
                                                    ["B2", "To", 3, 1]]})
    catalogue = load_catalogue(path)
    ranking = score_needs(catalogue.needs, catalogue.scored_criteria)
    assert [c.name for c in ranking.criteria] == ["Samfunnsnytte", "Risiko"]
    # weights 0.25 and 0.05 → 5/6 and 1/6. B1: 5/6 × 1 + 1/6 × 0 = 83.33…
    # B2: 5/6 × 0.5 + 1/6 × 1 = 58.33…
    scores = {s.id: s.exact_score for s in ranking.needs}
    assert {s.id: s.score for s in ranking.needs} == {"B1": 83.3, "B2": 58.3}
    assert scores["B1"] == pytest.approx(100 * 5 / 6, abs=1e-9)
    assert scores["B2"] == pytest.approx(100 * (5 / 12 + 1 / 6), abs=1e-9)
    assert not any(s.incomplete for s in ranking.needs)


def test_natural_key_orders_numbers_by_value() -> None:
    ids = ["B10", "B2", "B1", "A20", "b3"]
    assert sorted(ids, key=natural_key) == ["A20", "B1", "B2", "b3", "B10"]


# --- properties -------------------------------------------------------------------------

CRITERIA = list(DEFAULT_CRITERIA)
grade = st.one_of(st.none(), st.integers(1, 5))
need_scores = st.fixed_dictionaries({c.name: grade for c in CRITERIA})


def _needs(rows: Sequence[dict[str, int | None]], legal: Sequence[bool]) -> list[Need]:
    return [Need(f"B{i}", "t", ORIGIN, scores=row, legal_requirement=flag)
            for i, (row, flag) in enumerate(zip(rows, legal, strict=False))]


@settings(max_examples=60, deadline=None)
@given(st.lists(need_scores, min_size=1, max_size=25), st.lists(st.booleans(), max_size=25))
def test_ranks_are_a_permutation_and_contributions_add_up(rows: list[dict[str, int | None]],
                                                          legal: list[bool]) -> None:
    ranking = score_needs(_needs(rows, legal + [False] * len(rows)), CRITERIA)
    assert sorted(s.rank for s in ranking.needs) == list(range(1, len(rows) + 1))
    for scored in ranking.needs:
        if scored.score is None:
            assert not scored.contributions
        else:
            assert scored.exact_score is not None
            assert sum(scored.contributions.values()) == pytest.approx(scored.exact_score,
                                                                       abs=1e-9)
            assert abs(scored.score - scored.exact_score) <= 0.05 + 1e-9
            assert 0 <= scored.score <= 100
    legal_ranks = [s.rank for s in ranking.needs if s.legal_requirement]
    other_ranks = [s.rank for s in ranking.needs if not s.legal_requirement]
    assert not legal_ranks or not other_ranks or max(legal_ranks) < min(other_ranks)


@settings(max_examples=80, deadline=None)
@given(need_scores, st.sampled_from(CRITERIA), st.integers(1, 4))
def test_raising_a_score_moves_the_score_the_right_way(row: dict[str, int | None],
                                                       criterion: Criterion, low: int) -> None:
    before = dict(row, **{criterion.name: low})
    after = dict(row, **{criterion.name: low + 1})
    old = score_needs(_needs([before], [False]), CRITERIA).needs[0].score
    new = score_needs(_needs([after], [False]), CRITERIA).needs[0].score
    assert old is not None and new is not None
    if criterion.direction is Direction.BENEFIT:
        assert new >= old - 1e-9
    else:
        assert new <= old + 1e-9
