"""Write the scenario charts in every format asked for, drawn once; or their SVG for the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from okosys_plan.charts.save import chart_format, charts_bytes
from okosys_plan.charts.scenarios.gap_layout import layout_gaps
from okosys_plan.charts.scenarios.slope_layout import TOP_K, layout_slope
from okosys_plan.export.files import check_target, write_bytes_atomic
from okosys_plan.prioritise.scoring import Ranking

Gaps = Sequence[tuple[str, Mapping[int, float]]]


def write_gap_charts(paths: Sequence[Path], gaps: Gaps, *, lang: str = "nb",
                     force: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The gap per year and scenario at each path (.png, .svg or .pdf), checked first."""
    return _write(paths, layout_gaps(gaps, lang), force, inputs)


def write_slope_charts(paths: Sequence[Path], base: tuple[str, Ranking],
                       scenario: tuple[str, Ranking], *, top_k: int = TOP_K,
                       lang: str = "nb", force: bool = False,
                       inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The rank moves from ``base`` to ``scenario`` at each path, checked first."""
    return _write(paths, layout_slope(base, scenario, top_k, lang), force, inputs)


def gap_svg(gaps: Gaps, *, lang: str = "nb") -> bytes:
    """The gap chart as SVG bytes (for the report)."""
    return charts_bytes([layout_gaps(gaps, lang)], ["svg"])[0][0]


def slope_svg(base: tuple[str, Ranking], scenario: tuple[str, Ranking], *,
              top_k: int = TOP_K, lang: str = "nb") -> bytes:
    """The slope chart as SVG bytes (for the report)."""
    return charts_bytes([layout_slope(base, scenario, top_k, lang)], ["svg"])[0][0]


def _write(paths: Sequence[Path], layout: object, force: bool,
           inputs: tuple[Path, ...]) -> list[Path]:
    """Every target checked (suffix, existing file, not an input) before the first is written."""
    targets = [Path(p) for p in paths]
    formats = [chart_format(target) for target in targets]
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    files = charts_bytes([layout], formats)[0]
    for target, data in zip(targets, files, strict=True):
        write_bytes_atomic(target, data)
    return targets
