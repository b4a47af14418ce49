"""Write the agreement chart in every format asked for, drawn once; or its SVG for the report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okosys_plan.assess.model import Agreement
from okosys_plan.charts.agreement.layout import TOP_N, layout_agreement
from okosys_plan.charts.save import chart_format, charts_bytes
from okosys_plan.export.files import check_target, write_bytes_atomic
from okosys_plan.prioritise.scoring import Ranking


def write_agreement_charts(paths: Sequence[Path], agreement: Agreement, ranking: Ranking, *,
                           top_n: int = TOP_N, lang: str = "nb", force: bool = False,
                           inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The strip plot of the top ``top_n`` needs at each path (.png, .svg or .pdf).

    Every target is checked (suffix, existing file, not an input) and the chart drawn
    before the first file is written, so a refusal never leaves half a set behind.
    """
    targets = [Path(p) for p in paths]
    formats = [chart_format(target) for target in targets]
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    files = charts_bytes([layout_agreement(agreement, ranking, top_n, lang)], formats)[0]
    for target, data in zip(targets, files, strict=True):
        write_bytes_atomic(target, data)
    return targets


def agreement_svg(agreement: Agreement, ranking: Ranking, *, top_n: int = TOP_N,
                  lang: str = "nb") -> bytes:
    """The strip plot as SVG bytes (for the report's ``charts["agreement"]``)."""
    return charts_bytes([layout_agreement(agreement, ranking, top_n, lang)], ["svg"])[0][0]
