"""Write the funding analysis to an .xlsx, styled like the priority workbook.

The rows come from ``funding.tables``; ``export.tables.write_tables`` (streamed by
``export.xlsx``) gives each sheet its header colours (AA contrast), frozen panes, filter
and fitted widths.
Numbers are written as numbers, text as text (never as a formula).
"""

from __future__ import annotations

from pathlib import Path

from okosys_plan import collector
from okosys_plan.export.files import check_target
from okosys_plan.export.tables import write_tables
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.tables import funding_tables


def write_funding_workbook(path: Path, analysis: FundingAnalysis, *, lang: str = "nb",
                           force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write every sheet of the funding analysis to a new workbook at ``path``."""
    check_target(path, force=force, inputs=inputs)
    with collector.paused():  # the rows are many small tuples, none in a cycle
        write_tables(path, funding_tables(analysis, lang))


