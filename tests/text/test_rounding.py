"""One rounding rule: classes, ties and comparisons are made on the score as it is shown."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin
from okosys_plan.prioritise.explain import explain_pair
from okosys_plan.prioritise.scoring import (
    PriorityClass,
    Thresholds,
    natural_key,
    score_needs,
    shown_steps,
)
from okosys_plan.text.numbers import number
from okosys_plan.text.rounding import SCORE_DECIMALS, shown_score

ORIGIN = Origin("test.xlsx", "Behov", 2)
TENTHS = [Criterion(name, 0.1, Direction.BENEFIT, 1, 5) for name in ("A", "B", "C")]


def need(need_id: str, **scores: int) -> Need:
    return Need(need_id, f"Behov {need_id}", ORIGIN, scores=scores)


def parse_shown(text: str) -> float:
    """A score as the user reads it off the screen (nb: comma decimal, − minus)."""
    return float(text.replace("\u00a0", "").replace(",", ".").replace("−", "-"))


def test_a_score_shown_as_the_threshold_is_classed_at_it() -> None:
    # Weights 0.1 each and grades 1, 3, 5 give 49.999 999 999 999 99 in floating point.
    ranking = score_needs([need("B1", A=1, B=3, C=5)], TENTHS, thresholds=Thresholds(70, 50))
    scored = ranking.needs[0]
    assert scored.exact_score is not None and scored.exact_score < 50
    assert number(scored.score or 0.0, "nb") == "50,0"
    assert scored.priority is PriorityClass.MEDIUM


def test_scores_equal_as_shown_tie_and_the_id_decides() -> None:
    # B1 scores 49.99 and B2 50.01: both are shown as 50,0, so the ID decides, not the
    # hundredths nobody sees.
    criteria = [Criterion("A", 0.9998, Direction.BENEFIT, 1, 5),
                Criterion("B", 0.0002, Direction.BENEFIT, 1, 5)]
    ranking = score_needs([need("B2", A=3, B=5), need("B1", A=3, B=1)], criteria)
    assert [s.exact_score for s in ranking.needs] != [s.score for s in ranking.needs]
    assert [(s.id, s.score) for s in ranking.needs] == [("B1", 50.0), ("B2", 50.0)]
    assert "ID-en avgjør" in explain_pair(ranking, ranking.needs[0], ranking.needs[1])


grades = st.integers(1, 5) | st.none()
weights = st.floats(0.001, 10, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(grades, grades, grades), min_size=1, max_size=30),
       st.tuples(weights, weights, weights), st.floats(0, 100), st.floats(0, 100))
def test_everything_the_user_sees_agrees_with_the_shown_score(
        rows: list[tuple[int | None, ...]], weight: tuple[float, ...], a: float, b: float
) -> None:
    criteria = [Criterion(name, w, Direction.BENEFIT, 1, 5)
                for name, w in zip("ABC", weight, strict=True)]
    needs = [Need(f"B{i}", "t", ORIGIN, scores={c: g for c, g in zip("ABC", row, strict=True)
                                                  if g is not None})
             for i, row in enumerate(rows)]
    thresholds = Thresholds(max(a, b), min(a, b))
    ranking = score_needs(needs, criteria, thresholds=thresholds)
    for scored in ranking.needs:
        if scored.score is None:
            continue
        shown = parse_shown(number(scored.score, "nb"))
        assert shown == scored.score == shown_score(scored.exact_score)
        assert scored.priority is thresholds.classify(shown)
    scored_needs = [s for s in ranking.needs if s.score is not None]
    for upper, lower in itertools.pairwise(scored_needs):
        assert upper.score is not None and lower.score is not None
        assert upper.score >= lower.score
        if upper.score == lower.score:
            assert natural_key(upper.id) < natural_key(lower.id)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 100, allow_nan=False) | st.just(math.nan)
       | st.decimals(0, 100, places=SCORE_DECIMALS + 1).map(float))
def test_the_vectorised_rule_is_the_scalar_rule(value: float) -> None:
    step = int(shown_steps(np.array([value]))[0])
    expected = shown_score(value)
    assert step == (-10**SCORE_DECIMALS if expected is None
                    else int(Decimal(str(expected)).scaleb(SCORE_DECIMALS)))
