"""Write the funding analysis to an .xlsx, styled like the priority workbook.

The rows come from ``funding.tables``; ``export.priority.write_tables`` (written by
``export.xlsx``) gives each sheet its header colours (AA contrast), frozen panes, filter
and fitted widths.
Numbers are written as numbers, text as text (never as a formula).
"""

from __future__ import annotations

from pathlib import Path

from okosys_plan import collector
from okosys_plan.export.files import check_outputs, check_target
from okosys_plan.export.priority import write_tables
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.tables import funding_tables


def write_funding_workbook(path: Path, analysis: FundingAnalysis, *, lang: str = "nb",
                           force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write every sheet of the funding analysis to a new workbook at ``path``."""
    check_target(path, force=force, inputs=inputs)
    with collector.paused():  # the rows are many small tuples, none in a cycle
        write_tables(path, funding_tables(analysis, lang), lang)


#: The charts ``write_funding_outputs`` writes beside the workbook: name suffixes, formats.
OUTPUT_CHARTS = ("-gap", "-fordeling")
OUTPUT_FORMATS = (".png", ".svg")


def write_funding_outputs(analysis: FundingAnalysis, path: Path, *, lang: str = "nb",
                          force: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The workbook at ``path`` and both charts beside it as PNG and SVG; the paths written.

    For ``finansiering.xlsx``: ``finansiering-gap.png``/``.svg`` (cost against funding per
    year) and ``finansiering-fordeling.png``/``.svg`` (each agency's bill under each key).
    Every target is checked before the first is written.
    """
    from okosys_plan.charts.funding_save import write_chart_pairs

    pairs = _chart_pairs(path)
    check_outputs(funding_output_paths(path), force=force, inputs=inputs)
    write_funding_workbook(path, analysis, lang=lang, force=True)
    return [path, *write_chart_pairs(pairs, analysis, lang=lang, force=True)]


def funding_output_paths(path: Path) -> list[Path]:
    """What ``write_funding_outputs`` writes for a workbook at ``path``, in order."""
    return [path, *(p for pair in _chart_pairs(path) for p in pair)]


def _chart_pairs(path: Path) -> list[tuple[Path, Path]]:
    gap, bills = OUTPUT_CHARTS
    return [(path.with_name(f"{path.stem}{gap}{suffix}"),
             path.with_name(f"{path.stem}{bills}{suffix}")) for suffix in OUTPUT_FORMATS]
