"""The AHP core without files: weights, consistency, completion, aggregation, flaws."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.coerce import CoerceError
from okosys_plan.prioritise.ahp import (
    RANDOM_INDEX,
    Flaw,
    ahp,
    complete_matrix,
    geometric_mean,
    matrix_flaws,
    random_index,
)
from okosys_plan.prioritise.pairwise import parse_judgement

# --- a published worked example -----------------------------------------------------------

#: "An evaluation system for the development of scaling off at earthen sites in arid areas
#: in NW China", Heritage Science (2019), https://doi.org/10.1186/s40494-019-0256-z,
#: Table 5 "Pairwise comparison matrix, factor weights, the largest eigenvalues and CRs of
#: the different layers", index layer. The table prints the lower triangle (row i against
#: column j < i); the upper triangle is left blank here and filled with reciprocals.
#: Each case: (lower triangle, weights, λmax, CR), all printed to four decimals.
PUBLISHED = {
    # six factors C3–C8 (porosity, shrinkage limit, clay content, coarse silt content,
    # annual rainfall, annual evaporation)
    "6x6": (
        [["1"], ["3", "1"], ["1/4", "1/6", "1"], ["1/3", "1/5", "2", "1"],
         ["2", "1/2", "5", "4", "1"], ["1/2", "1/4", "3", "2", "1/3", "1"]],
        [0.1596, 0.3825, 0.0428, 0.0641, 0.2504, 0.1006], 6.1225, 0.0198,
    ),
    # five factors C9–C13 (porosity, shrinkage limit, coarse silt content, annual rainfall,
    # annual evaporation)
    "5x5": (
        [["1"], ["4", "1"], ["2", "1/3", "1"], ["7", "3", "5", "1"],
         ["3", "1/2", "2", "1/4", "1"]],
        [0.0531, 0.2242, 0.0858, 0.4978, 0.1392], 5.0778, 0.0174,
    ),
}


def lower_triangle(rows: list[list[str]]) -> list[list[float | None]]:
    """A full grid from a printed lower triangle, blanks (None) above the diagonal."""
    n = len(rows)
    return [[parse_judgement(rows[i][j]) if j <= i else None for j in range(n)]
            for i in range(n)]


@pytest.mark.parametrize("case", sorted(PUBLISHED))
def test_published_example(case: str) -> None:
    """Weights, λmax and CR equal the published ones to the four decimals printed."""
    rows, weights, lambda_max, cr = PUBLISHED[case]
    cells = lower_triangle(rows)
    assert matrix_flaws(cells) == ()
    result = ahp(complete_matrix(cells), [f"C{k}" for k in range(len(rows))])
    assert [round(w, 4) for w in result.weights] == weights
    assert round(result.lambda_max, 4) == lambda_max
    assert round(result.cr, 4) == cr
    assert result.consistent
    assert math.isclose(sum(result.weights), 1.0)
    assert math.isclose(result.ci, (result.lambda_max - len(rows)) / (len(rows) - 1))


# --- the pieces -----------------------------------------------------------------------------


def test_random_index_is_saatys_table() -> None:
    assert [RANDOM_INDEX[n] for n in range(1, 11)] == [
        0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    assert random_index(12) == RANDOM_INDEX[10]


def test_complete_matrix_fills_reciprocals_and_diagonal() -> None:
    cells = [[None, 3.0, None], [None, None, 0.5], [4.0, None, 1.0]]
    full = complete_matrix(cells)
    assert full == pytest.approx(np.array([[1, 3, 0.25], [1 / 3, 1, 0.5], [4, 2, 1]]))


def test_complete_matrix_refuses_a_pair_with_no_judgement() -> None:
    with pytest.raises(ValueError):
        complete_matrix([[1.0, None], [None, 1.0]])


@pytest.mark.parametrize(("text", "value"), [
    ("1/3", 1 / 3), (" 1 / 9 ", 1 / 9), ("3", 3.0), ("0,5", 0.5), ("2.5", 2.5), (7, 7.0),
    (0.25, 0.25), ("1,5/3", 0.5), ("-1/3", -1 / 3), ("", None), (None, None),
])
def test_parse_judgement(text: object, value: float | None) -> None:
    assert parse_judgement(text) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize("text", ["mye", "1/0", "1/3/4", True, datetime(2024, 3, 1), "3x"])
def test_parse_judgement_refuses(text: object) -> None:
    with pytest.raises(CoerceError) as error:
        parse_judgement(text)
    assert error.value.code == "not-a-judgement"


def test_one_and_two_criteria_are_always_consistent() -> None:
    one = ahp(np.ones((1, 1)), ["A"])
    assert one.weights == (1.0,) and one.cr == 0 and one.most_inconsistent is None
    two = ahp(complete_matrix([[1.0, 3.0], [None, 1.0]]), ["A", "B"])
    assert two.weights == pytest.approx((0.75, 0.25))
    assert two.ci == 0 and two.cr == 0 and two.consistent


def test_consistent_matrix_gives_its_weights_back() -> None:
    w = np.array([0.5, 0.25, 0.15, 0.1])
    result = ahp(w[:, None] / w[None, :], list("ABCD"))
    assert result.weights == pytest.approx(tuple(w))
    assert result.lambda_max == pytest.approx(4) and result.cr == pytest.approx(0, abs=1e-12)
    assert result.most_inconsistent is None


def test_most_inconsistent_names_the_perturbed_judgement() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    matrix = w[:, None] / w[None, :]
    matrix[1, 2], matrix[2, 1] = 7, 1 / 7  # consistent would be 1.5
    result = ahp(matrix, list("ABCD"))
    assert result.cr > 0.10 and not result.consistent
    judgement = result.most_inconsistent
    assert judgement is not None
    assert (judgement.row, judgement.column, judgement.given) == (1, 2, 7)
    assert judgement.consistent == pytest.approx(result.weights[1] / result.weights[2])


def test_most_inconsistent_is_given_as_at_least_one() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    matrix = w[:, None] / w[None, :]
    matrix[0, 3], matrix[3, 0] = 1 / 4, 4  # A is really 4 times D
    judgement = ahp(matrix, list("ABCD")).most_inconsistent
    assert judgement is not None
    assert (judgement.row, judgement.column, judgement.given) == (3, 0, 4)


def test_ahp_refuses_a_matrix_of_the_wrong_size() -> None:
    with pytest.raises(ValueError):
        ahp(np.ones((3, 3)), ["A", "B"])


# --- group aggregation ------------------------------------------------------------------------

A = complete_matrix([[1, 3, 5], [None, 1, 2], [None, None, 1]])
B = complete_matrix([[1, 1, 7], [None, 1, 4], [None, None, 1]])


def test_geometric_mean_with_itself_gives_the_same_weights() -> None:
    alone = ahp(A, "xyz")
    twice = ahp(geometric_mean([A, A]), "xyz")
    assert twice.weights == pytest.approx(alone.weights, abs=1e-12)
    assert geometric_mean([A]).tolist() == A.tolist()


def test_geometric_mean_of_two_is_the_elementwise_root() -> None:
    combined = geometric_mean([A, B])
    assert combined == pytest.approx(np.sqrt(A * B))
    expected = ahp(np.sqrt(A * B), "xyz")
    assert ahp(combined, "xyz").weights == pytest.approx(expected.weights)
    assert combined * combined.T == pytest.approx(np.ones((3, 3)))  # still reciprocal


def test_geometric_mean_needs_a_matrix() -> None:
    with pytest.raises(ValueError):
        geometric_mean([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([1 / 9, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 9]),
                min_size=6, max_size=6))
def test_weights_are_positive_and_sum_to_one(upper: list[float]) -> None:
    cells: list[list[float | None]] = [[None] * 4 for _ in range(4)]
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    for (i, j), value in zip(pairs, upper, strict=True):
        cells[i][j] = value
    result = ahp(complete_matrix(cells), list("ABCD"))
    assert all(w > 0 for w in result.weights)
    assert math.isclose(sum(result.weights), 1.0)
    assert result.lambda_max >= 4 - 1e-9 and result.cr >= 0


# --- flaws --------------------------------------------------------------------------------------


def test_flaws_are_found_with_their_places() -> None:
    nan = math.nan
    cells: list[list[float | None]] = [
        [2.0, 3.0, None, 0.0],
        [3.0, 1.0, None, 10.0],
        [None, None, None, nan],
        [None, None, None, 1.0],
    ]
    assert matrix_flaws(cells) == (
        Flaw("diagonal-not-one", 0, 0),
        Flaw("missing-judgement", 0, 2),
        Flaw("judgement-out-of-range", 0, 3),
        Flaw("not-reciprocal", 1, 0),
        Flaw("missing-judgement", 1, 2),
        Flaw("judgement-out-of-range", 1, 3),
    )


def test_scale_ends_and_reciprocal_rounding_are_accepted() -> None:
    cells: list[list[float | None]] = [[1.0, 9.0, 0.333333333], [None, 1.0, None],
                                       [3.0, 1 / 9, None]]
    assert matrix_flaws(cells) == ()
