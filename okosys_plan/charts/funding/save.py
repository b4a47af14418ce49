"""Write the funding charts: the gap chart at a path, the bills chart beside it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okosys_plan.charts.funding.draw import FundingLayout, funding_figure
from okosys_plan.charts.funding.layout import layout_bills, layout_gap
from okosys_plan.charts.save import chart_format, charts_bytes
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
    return write_chart_pairs([(gap, bills)], analysis, lang=lang, force=force, inputs=inputs)


def write_chart_pairs(pairs: Sequence[tuple[Path, Path]], analysis: FundingAnalysis, *,
                      lang: str = "nb", force: bool = False, inputs: tuple[Path, ...] = ()
                      ) -> list[Path]:
    """Each (gap, bills) pair in the gap path's format; the paths written, in order.

    Both charts are laid out and drawn once, then saved in every format asked for; every
    target is checked before anything is drawn or written.
    """
    formats = []
    for gap, bills in pairs:
        chart_format(bills)  # a bad suffix is refused here, before anything is drawn
        formats.append(chart_format(gap))
    targets = [path for pair in pairs for path in pair]
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    layouts: tuple[FundingLayout, ...] = (layout_gap(analysis, lang), layout_bills(analysis, lang))
    made = charts_bytes(layouts, formats, funding_figure)
    files = [made[index][number] for number in range(len(formats))
             for index in range(len(layouts))]
    for target, data in zip(targets, files, strict=True):
        write_bytes_atomic(target, data)
    return targets
