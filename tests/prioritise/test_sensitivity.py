"""Rank stability under weight uncertainty: reproducible, centred, and telling the truth."""

from __future__ import annotations

import numpy as np
import pytest

from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin
from okosys_plan.prioritise.scoring import Method, score_needs
from okosys_plan.prioritise.sensitivity import (
    default_concentration,
    draw_weights,
    one_at_a_time,
    sensitivity,
)

ORIGIN = Origin("t.xlsx", "Behov", 2)
A = Criterion("A", 0.5, Direction.BENEFIT, 1, 5)
B = Criterion("B", 0.3, Direction.BENEFIT, 1, 5)
R = Criterion("R", 0.2, Direction.COST, 1, 5)


def need(need_id: str, a: int, b: int, r: int, legal: bool = False) -> Need:
    return Need(need_id, need_id, ORIGIN, scores={"A": a, "B": b, "R": r},
                legal_requirement=legal)


def catalogue_needs() -> list[Need]:
    return [need("B1", 5, 5, 1), need("B2", 5, 1, 3), need("B3", 1, 5, 3), need("B4", 3, 3, 3),
            need("B5", 1, 1, 5), need("B6", 4, 2, 2), need("B7", 2, 4, 2, legal=True)]


def test_same_seed_same_numbers_other_seed_other_draws() -> None:
    ranking = score_needs(catalogue_needs(), [A, B, R])
    first = sensitivity(ranking, 500, seed=7)
    assert first == sensitivity(ranking, 500, seed=7)
    equal = [Criterion("A", 0.5, Direction.BENEFIT, 1, 5),
             Criterion("B", 0.5, Direction.BENEFIT, 1, 5)]
    tied = score_needs([need("B1", 5, 1, 3), need("B2", 1, 5, 3)], equal)
    p7 = sensitivity(tied, 500, seed=7, top_k=1).stability["B1"].p_top_k
    p8 = sensitivity(tied, 500, seed=8, top_k=1).stability["B1"].p_top_k
    assert p7 != p8


def test_a_clear_leader_and_a_legal_requirement_never_move() -> None:
    ranking = score_needs(catalogue_needs(), [A, B, R])
    result = sensitivity(ranking, 2000, seed=1, top_k=2)
    legal = result.stability["B7"]
    assert (legal.median_rank, legal.rank_p05, legal.rank_p95) == (1, 1, 1)
    leader = result.stability["B1"]  # best on every criterion
    assert (leader.rank_p05, leader.rank_p95, leader.p_top_k) == (2, 2, 1.0)
    worst = result.stability["B5"]  # worst on every criterion
    assert worst.rank_p05 == worst.rank_p95 == 7 and worst.p_top_k == 0.0
    assert not leader.uncertain and not worst.uncertain


def test_stability_matches_a_plain_per_draw_loop() -> None:
    needs = catalogue_needs()
    ranking = score_needs(needs, [A, B, R])
    result = sensitivity(ranking, 300, seed=3, concentration=20.0, top_k=3)
    weights = np.array([c.weight for c in ranking.criteria])
    draws = draw_weights(weights, 300, 20.0, np.random.default_rng(3))
    ranks: dict[str, list[int]] = {n.id: [] for n in needs}
    for row in draws:
        criteria = [Criterion(c.name, float(w), c.direction, c.scale_min, c.scale_max)
                    for c, w in zip(ranking.criteria, row, strict=True)]
        for scored in score_needs(needs, criteria).needs:
            ranks[scored.id].append(scored.rank)
    for need_id, observed in ranks.items():
        values = np.array(observed)
        expected_top = float(np.mean(values <= 3))
        assert result.stability[need_id].p_top_k == pytest.approx(expected_top)
        assert result.stability[need_id].median_rank == int(
            np.quantile(values, 0.5, method="inverted_cdf"))
        assert result.stability[need_id].rank_p95 == int(
            np.quantile(values, 0.95, method="inverted_cdf"))


def test_default_concentration_moves_a_typical_weight_by_about_twenty_percent() -> None:
    weights = np.full(8, 1 / 8)
    concentration = default_concentration(weights.tolist())
    draws = draw_weights(weights, 20000, concentration, np.random.default_rng(0))
    relative = draws.std(axis=0) / weights
    assert relative == pytest.approx(np.full(8, 0.20), abs=0.01)
    assert draws.sum(axis=1) == pytest.approx(np.ones(20000))


def test_zero_weights_stay_zero_in_every_draw() -> None:
    draws = draw_weights(np.array([0.6, 0.0, 0.4]), 100, 50.0, np.random.default_rng(0))
    assert (draws[:, 1] == 0).all() and (draws[:, [0, 2]] > 0).all()


def test_one_at_a_time_names_who_enters_and_leaves() -> None:
    # X wins on A, Y on B; K = 1. Halving A's weight (0.5 → 0.25 against B's 0.5) lets Y in.
    crit = [Criterion("A", 0.5, Direction.BENEFIT, 1, 5), Criterion("B", 0.5 * 0.9,
            Direction.BENEFIT, 1, 5)]
    needs = [Need("X", "x", ORIGIN, scores={"A": 5, "B": 1}),
             Need("Y", "y", ORIGIN, scores={"A": 1, "B": 5})]
    ranking = score_needs(needs, crit)
    assert ranking.needs[0].id == "X"
    changes = one_at_a_time(ranking, 1)
    assert changes, "scaling A down must change the top 1"
    first = min((c for c in changes if c.criterion == "A"), key=lambda c: abs(c.factor - 1))
    assert first.factor == 0.8 and first.entered == ("Y",) and first.left == ("X",)
    assert all(c.factor > 1 for c in changes if c.criterion == "B")


def test_uncertain_flags_needs_between_ten_and_ninety_percent() -> None:
    needs = [need("B1", 5, 1, 3), need("B2", 1, 5, 3)]  # nearly tied
    equal = [Criterion("A", 0.5, Direction.BENEFIT, 1, 5),
             Criterion("B", 0.5, Direction.BENEFIT, 1, 5)]
    result = sensitivity(score_needs(needs, equal), 1000, seed=2, top_k=1)
    assert 0.1 < result.stability["B1"].p_top_k < 0.9
    assert set(result.uncertain()) == {"B1", "B2"}


def test_nnv_sensitivity_only_moves_ties_in_value_per_krone() -> None:
    needs = [Need("B1", "a", ORIGIN, scores={"A": 1}, npv=50, investment=10),
             Need("B2", "b", ORIGIN, scores={"A": 5}, npv=10, investment=10)]
    ranking = score_needs(needs, [A], Method.NNV)
    result = sensitivity(ranking, 200, seed=0, top_k=1)
    assert result.stability["B1"].p_top_k == 1.0 and result.stability["B2"].p_top_k == 0.0


def test_histogram_and_rank_matrix_give_the_same_figures(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    import okosys_plan.prioritise.sensitivity as module

    ranking = score_needs(catalogue_needs(), [A, B, R])
    assert module.uses_histogram(7, 300)
    by_histogram = sensitivity(ranking, 301, seed=4, concentration=15.0, top_k=3)
    monkeypatch.setattr(module, "HISTOGRAM_NEEDS", 0)
    assert not module.uses_histogram(7, 10)
    monkeypatch.setattr(module, "uses_histogram", lambda needs, draws: False)
    by_ranks = sensitivity(ranking, 301, seed=4, concentration=15.0, top_k=3)
    assert by_ranks == by_histogram


def test_smaller_blocks_for_many_needs_give_the_same_draws_and_figures(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A large catalogue is run in fewer draws per block (to bound the temporaries); the
    generator is read in the same order, so the figures cannot depend on the block size."""
    import okosys_plan.prioritise.sensitivity as module

    assert module.block_size(1000) == 256 and module.block_size(100_000) == 40
    assert module.block_size(10**9) == 1
    ranking = score_needs(catalogue_needs(), [A, B, R])
    whole = sensitivity(ranking, 301, seed=4, concentration=15.0, top_k=3)
    blocks: list[int] = []
    monkeypatch.setattr(module, "_BLOCK_CELLS", 7 * 3)  # 3 draws per block for 7 needs
    split = sensitivity(ranking, 301, seed=4, concentration=15.0, top_k=3,
                        on_block=lambda done, total: blocks.append(done))
    assert blocks[:3] == [3, 6, 9] and blocks[-1] == 301 and len(blocks) == 101
    assert split == whole
    monkeypatch.setattr(module, "uses_histogram", lambda needs, draws: False)
    assert sensitivity(ranking, 301, seed=4, concentration=15.0, top_k=3) == whole
