"""Explanations: the words carry the same numbers as the score."""

from __future__ import annotations

import pytest

from okosys_plan.catalogue.model import Criterion, Direction, Need, Origin
from okosys_plan.prioritise.explain import differences, explain_need, explain_pair
from okosys_plan.prioritise.scoring import Method, score_needs
from okosys_plan.text.numbers import number

ORIGIN = Origin("t.xlsx", "Behov", 2)
CRITERIA = [Criterion("Nytte", 0.75, Direction.BENEFIT, 1, 5),
            Criterion("Risiko", 0.25, Direction.COST, 1, 5)]


def ranking(method: Method = Method.WEIGHTED):  # type: ignore[no-untyped-def]
    needs = [Need("B1", "Innlogging", ORIGIN, scores={"Nytte": 5, "Risiko": 5}),
             Need("B2", "Fullmakt", ORIGIN, scores={"Nytte": 3, "Risiko": 1},
                  depends_on=("B3",)),
             Need("B3", "Register", ORIGIN, scores={"Nytte": 1, "Risiko": None}),
             Need("B4", "Lov", ORIGIN, scores={"Nytte": 1, "Risiko": 5},
                  legal_requirement=True)]
    return score_needs(needs, CRITERIA, method)


def test_number_rounds_halves_up_with_a_decimal_comma() -> None:
    assert number(56.25, "nb") == "56,3" and number(56.25, "en") == "56.3"
    assert number(-0.001, "nb", 2) == "0,00" and number(-1.5, "nb") == "−1,5"


def test_one_need_lists_each_criterion_with_its_points() -> None:
    r = ranking()
    b1 = r.find("B1")
    assert b1 is not None
    # Nytte 5 → u 1 → 75 points; Risiko 5 (cost) → u 0 → 0 points; score 75.
    text = explain_need(r, b1)
    assert "Poengsum 75,0 av 100" in text and "prioritet Høy" in text
    assert "75,00 av 75,00" in text and "0,00 av 25,00" in text
    assert "Risiko (kostnad: høyere er verre)" in text


def test_incomplete_need_says_what_is_missing_and_rescales() -> None:
    r = ranking()
    b3 = r.find("B3")
    assert b3 is not None
    text = explain_need(r, b3, "en")
    assert "Not scored: Risiko" in text
    assert "0.00 of 100.00" in text  # only Nytte counts, with all the weight
    assert "Effective priority" in text and "B2 ranks highest" in text


def test_pair_explains_legal_requirement_first() -> None:
    r = ranking()
    b4, b1 = r.find("B4"), r.find("B1")
    assert b4 is not None and b1 is not None
    text = explain_pair(r, b1, b4)
    assert text.startswith("B4 er rangert foran B1")
    assert "lovkrav" in text


def test_pair_differences_add_up_to_the_score_gap() -> None:
    r = ranking()
    b1, b2 = r.find("B1"), r.find("B2")
    assert b1 is not None and b2 is not None and b1.score and b2.score
    diff = differences(b1, b2)
    assert sum(diff.values()) == pytest.approx(b1.score - b2.score, abs=1e-9)
    text = explain_pair(r, b2, b1, "en")
    assert text.startswith(f"{b1.id if b1.rank < b2.rank else b2.id} is ranked above")
    assert "Nytte" in text and "Risiko" in text


def test_nnv_reason_is_given_for_a_need_without_figures() -> None:
    r = ranking(Method.NNV)
    b1 = r.find("B1")
    assert b1 is not None and b1.unranked_reason == "missing-npv"
    assert "mangler Netto nåverdi" in explain_need(r, b1)
