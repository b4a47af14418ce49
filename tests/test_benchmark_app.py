"""The web app's speed benchmark (benchmarks/app_speed.py) runs on a small catalogue.

Nothing is timed here: speed is measured by the benchmark, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import app_speed  # noqa: E402


def test_the_benchmark_times_a_weight_change_a_budget_change_and_veikart(
        tmp_path: Path) -> None:
    path = app_speed.catalogue_file(60, 1, folder=tmp_path)
    found = app_speed.child(path, draws=20, repeat=2)
    assert found["needs"] == 60 and found["measures"] > 0
    assert set(found["tasks"]) == {"weights", "budget", "veikart page"}
    for got in found["tasks"].values():
        assert len(got["runs"]) == len(got["calib"]) == 2
        assert all(t > 0 for t in got["runs"] + got["calib"])


def test_a_start_is_timed_until_the_first_page_answers() -> None:
    assert 0 < app_speed.start_once(app_speed.ROOT) < 60
