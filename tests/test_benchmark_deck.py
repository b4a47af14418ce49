"""The deck benchmark (benchmarks/bench_deck.py) runs on a tiny plan.

Nothing is timed here: speed is measured by the benchmark, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_deck  # noqa: E402


def test_the_benchmark_measures_the_deck_beside_the_roadmap(tmp_path: Path) -> None:
    found = bench_deck.measure(30, 1, 1, folder=tmp_path)
    assert found["measures"] >= 30 and found["placed"] > 0
    assert found["slides"] >= 1 and found["deck_bytes"] > 0 and found["roadmap_bytes"] > 0
    assert found["deck_s"] > 0 and found["roadmap_s"] > 0 and found["ratio"] > 0
    assert len(found["deck_runs"]) == len(found["roadmap_runs"]) == 1
