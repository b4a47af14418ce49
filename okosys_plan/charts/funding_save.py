"""Write the funding charts: the gap chart at a path, the bills chart beside it."""

from __future__ import annotations

from pathlib import Path

from okosys_plan.charts.funding_draw import funding_chart_bytes
from okosys_plan.charts.funding_layout import layout_bills, layout_gap
from okosys_plan.charts.save import chart_format
from okosys_plan.export.files import check_target, write_bytes_atomic
from okosys_plan.funding.api import FundingAnalysis

BILLS_SUFFIX = "-fordeling"


def funding_chart_paths(path: Path) -> list[Path]:
    """The gap chart at ``path`` and the bills chart beside it (``…-fordeling``)."""
    return [path, path.with_name(f"{path.stem}{BILLS_SUFFIX}{path.suffix}")]


def write_funding_charts(path: Path, analysis: FundingAnalysis, *, lang: str = "nb",
                         force: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write both charts (.png, .svg or .pdf by the suffix); every target checked first."""
    gap, bills = funding_chart_paths(Path(path))
    return write_chart_pair(gap, bills, analysis, lang=lang, force=force, inputs=inputs)


def write_chart_pair(gap: Path, bills: Path, analysis: FundingAnalysis, *, lang: str = "nb",
                     force: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The gap chart at ``gap`` and the bills chart at ``bills``, in one format."""
    fmt = chart_format(gap)
    chart_format(bills)
    for target in (gap, bills):
        check_target(target, force=force, inputs=inputs)
    files = [funding_chart_bytes(layout_gap(analysis, lang), fmt),
             funding_chart_bytes(layout_bills(analysis, lang), fmt)]
    for target, data in zip((gap, bills), files, strict=True):
        write_bytes_atomic(target, data)
    return [gap, bills]
