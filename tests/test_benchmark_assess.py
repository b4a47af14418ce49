"""The several-assessors benchmark's data (benchmarks/bench_assess.py) and its checks.

Small sizes, and nothing is timed: speed is measured by ``benchmarks/bench_assess.py``,
not asserted in tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_assess  # noqa: E402

from okosys_plan.assess.api import assess  # noqa: E402
from okosys_plan.assess.read import read_assessments  # noqa: E402
from okosys_plan.catalogue.validate import validate  # noqa: E402
from okosys_plan.prioritise.api import PriorityOptions  # noqa: E402

N = 50


def test_the_catalogue_is_valid_and_the_same_for_the_same_seed() -> None:
    catalogue = bench_assess.make_catalogue(N, 3)
    assert not validate(catalogue).errors
    assert len({n.id for n in catalogue.needs}) == N
    assert len(catalogue.criteria) == 8 and not catalogue.missing_criteria
    grades = [g for n in catalogue.needs for g in n.scores.values()]
    assert {g for g in grades if g is not None} <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert 0 < sum(g is None for g in grades) < 0.1 * len(grades)
    assert bench_assess.make_catalogue(N, 3) == catalogue
    assert bench_assess.make_catalogue(N, 4) != catalogue


def test_the_assessors_scatter_around_the_true_grade() -> None:
    catalogue = bench_assess.make_catalogue(N, 3)
    true = bench_assess.true_grades(catalogue)
    names = [c.name for c in catalogue.criteria]
    at = {n.id: i for i, n in enumerate(catalogue.needs)}
    found = bench_assess.make_assessments(catalogue, 15, 3)
    assert len(found.assessments) == 15 and not found.problems
    assert len(set(found.names)) == 15
    gaps = []
    for a in found.assessments:
        assert 0.9 * N * 8 < len(a.grades) < N * 8  # some missing, most given
        for (need, criterion), grade in a.grades.items():
            assert 1 <= grade <= 5
            gaps.append(grade - true[at[need], names.index(criterion)])
    assert max(np.abs(gaps)) <= 3 and np.mean(np.equal(gaps, 0)) > 0.3
    assert bench_assess.make_assessments(catalogue, 15, 3) == found


def test_one_assessor_as_the_catalogue_agrees_and_fifteen_run() -> None:
    catalogue = bench_assess.make_catalogue(N, 3)
    options = PriorityOptions(draws=100, seed=3)
    assert bench_assess.single_assessor_agrees(catalogue, options)
    result = assess(catalogue, bench_assess.make_assessments(catalogue, 15, 3), options)
    assert result.prioritised.sensitivity is not None
    assert set(result.agreement.cells) == {n.id for n in catalogue.needs}
    assert result.agreement.discussion  # the spread moves some needs across a line


def test_the_workbooks_read_back_as_the_assessments(tmp_path: Path) -> None:
    catalogue = bench_assess.make_catalogue(N, 3)
    made = bench_assess.make_assessments(catalogue, 3, 3)
    paths = bench_assess.write_workbooks(catalogue, made, tmp_path)
    read = read_assessments(paths, [n.id for n in catalogue.needs], catalogue.scored_criteria)
    assert not read.problems
    assert [(a.assessor.name, dict(a.grades), dict(a.comments)) for a in read.assessments] == \
        [(a.assessor.name, dict(a.grades), dict(a.comments)) for a in made.assessments]
