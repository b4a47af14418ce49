"""The benchmark's catalogue shapes (benchmarks/shapes.py) are valid catalogues of that shape.

Only small catalogues, and nothing is timed: speed is measured by ``benchmarks/run_all
--shapes``, not asserted in tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import shapes  # noqa: E402

from okosys_plan.catalogue.load import load_catalogue  # noqa: E402
from okosys_plan.catalogue.validate import validate  # noqa: E402

N = 60


@pytest.mark.parametrize("shape", shapes.SHAPES)
def test_every_shape_reads_without_errors(shape: str, tmp_path: Path) -> None:
    path = shapes.make_shape(tmp_path / f"{shape}.xlsx", shape, N)
    catalogue = load_catalogue(path)
    report = validate(catalogue)
    assert not report.errors, [p.code for p in report.errors][:5]
    assert len(catalogue.needs) == N
    base = shapes.counts("base", N)
    measures = catalogue.measures
    if shape == "long_text":
        assert {len(n.title) for n in catalogue.needs} == {shapes.TITLE_LENGTH}
        assert all(len(n.description or "") == shapes.DESCRIPTION_LENGTH
                   for n in catalogue.needs)
    elif shape == "unplaced":
        assert all(m.start is None and m.end is None for m in measures)
    elif shape == "milestones":
        assert len(catalogue.milestones) >= 10 * len(measures)
    elif shape == "chain":
        chained = measures[1:min(shapes.CHAIN, len(measures))]
        assert chained and all(len(m.depends_on) == 1 for m in chained)
    elif shape == "one_lane":
        assert len({m.theme for m in measures}) == 1
    elif shape == "many_agencies":
        assert len(catalogue.agencies) >= N // 2 > base["Virksomheter"] // 2
    elif shape == "no_measures":
        assert 0 < len(measures) <= base["Tiltak"] // 20 + 1
