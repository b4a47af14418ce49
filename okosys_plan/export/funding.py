"""Write the funding analysis to an .xlsx, styled like the priority workbook.

The rows come from ``funding.tables`` (no openpyxl there); ``export.priority.write_table``
gives each sheet its header colours (AA contrast), frozen panes, filter and fitted widths.
Numbers are written as numbers, text as text (never as a formula).
"""

from __future__ import annotations

from pathlib import Path

from okosys_plan.export.files import check_target, save_workbook
from okosys_plan.export.priority import write_table
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.tables import funding_tables


def write_funding_workbook(path: Path, analysis: FundingAnalysis, *, lang: str = "nb",
                           force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write every sheet of the funding analysis to a new workbook at ``path``."""
    from openpyxl import Workbook

    check_target(path, force=force, inputs=inputs)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in funding_tables(analysis, lang):
        write_table(workbook.create_sheet(table.name[:31]), table, lang)
    save_workbook(workbook, path)
