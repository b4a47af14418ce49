"""The scenario benchmark's data (benchmarks/bench_scenarios.py) and that it runs.

Small sizes; nothing is timed here: speed is measured by the benchmark, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scenarios  # noqa: E402


def test_the_generated_catalogue_is_valid_and_seeded() -> None:
    from okosys_plan.catalogue.validate import validate

    catalogue = bench_scenarios.make_catalogue(50, 3)
    assert not validate(catalogue).errors
    assert bench_scenarios.make_catalogue(50, 3) == catalogue
    assert len(catalogue.measures) == 5 and catalogue.budgets and catalogue.funding


def test_the_benchmark_script_runs() -> None:
    found = bench_scenarios.measure(100, 1, 1)
    assert found["scenarios"] == 5 and found["base_s"] > 0 and found["ratio"] > 0
