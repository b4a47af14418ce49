"""okosys-plan: plan Norway's common digital ecosystem from the spreadsheets people have.

The public API::

    from okosys_plan import load_catalogue, validate
    catalogue = load_catalogue("behovskatalog.xlsx")
    report = validate(catalogue)

Names are imported on first use, so ``okosys-plan --help`` starts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Every public name -> the module it lives in; imported on first use (PEP 562).
_EXPORTS = {
    "load_catalogue": "okosys_plan.catalogue.load",
    "validate": "okosys_plan.catalogue.validate",
    "OkosysError": "okosys_plan.errors",
    "UnreadableWorkbook": "okosys_plan.errors",
    **dict.fromkeys(
        ("Agency", "Catalogue", "CostLine", "Criterion", "FundingLine", "Measure", "Milestone",
         "Need", "Period", "Problem", "Report", "Severity", "Usage"),
        "okosys_plan.catalogue.model",
    ),
}

__all__ = [
    "Agency", "Catalogue", "CostLine", "Criterion", "FundingLine", "Measure", "Milestone",
    "Need", "OkosysError", "Period", "Problem", "Report", "Severity", "UnreadableWorkbook",
    "Usage", "__version__", "load_catalogue", "validate",
]

if TYPE_CHECKING:
    from okosys_plan.catalogue.load import load_catalogue
    from okosys_plan.catalogue.model import (
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
    from okosys_plan.catalogue.validate import validate
    from okosys_plan.errors import OkosysError, UnreadableWorkbook


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'okosys_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
