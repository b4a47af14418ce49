"""okosys-plan: plan Norway's common digital ecosystem from the spreadsheets people have.

The public API::

    from okosys_plan import load_catalogue, validate
    catalogue = load_catalogue("behovskatalog.xlsx")
    report = validate(catalogue)
"""

from __future__ import annotations

from okosys_plan.errors import OkosysError, UnreadableWorkbook
from okosys_plan.loader import load_catalogue
from okosys_plan.model import (
    Agency,
    Catalogue,
    CostLine,
    Criterion,
    FundingLine,
    Measure,
    Milestone,
    Need,
    Period,
    Problem,
    Report,
    Severity,
    Usage,
)
from okosys_plan.validate import validate

__version__ = "0.1.0"

__all__ = [
    "Agency", "Catalogue", "CostLine", "Criterion", "FundingLine", "Measure", "Milestone",
    "Need", "OkosysError", "Period", "Problem", "Report", "Severity", "UnreadableWorkbook",
    "Usage", "__version__", "load_catalogue", "validate",
]
