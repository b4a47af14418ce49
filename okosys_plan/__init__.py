"""okosys-plan: plan Norway's common digital ecosystem from the spreadsheets people have.

The public API::

    from okosys_plan import load_catalogue, validate
    catalogue = load_catalogue("behovskatalog.xlsx")
    report = validate(catalogue)

Names are imported on first use, so ``okosys-plan --help`` starts quickly.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Every public name -> the module it lives in; imported on first use (PEP 562).
_EXPORTS = {
    "load_catalogue": "okosys_plan.loader",
    "validate": "okosys_plan.validate",
    "OkosysError": "okosys_plan.errors",
    "UnreadableWorkbook": "okosys_plan.errors",
    **dict.fromkeys(
        ("Agency", "Catalogue", "CostLine", "Criterion", "FundingLine", "Measure", "Milestone",
         "Need", "Period", "Problem", "Report", "Severity", "Usage"),
        "okosys_plan.model",
    ),
}

__all__ = [
    "Agency", "Catalogue", "CostLine", "Criterion", "FundingLine", "Measure", "Milestone",
    "Need", "OkosysError", "Period", "Problem", "Report", "Severity", "UnreadableWorkbook",
    "Usage", "__version__", "load_catalogue", "validate",
]

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'okosys_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """The package, which keeps an exported name from being shadowed by a submodule.

    Importing a submodule binds it on its package (``okosys_plan.validate`` = the module),
    which would hide the exported function of the same name. Such a binding is dropped
    here, so the name still comes from ``_EXPORTS``; the submodule stays importable as
    usual (``from okosys_plan.validate import id_key``). Names whose module lives
    elsewhere (``okosys_plan.catalogue.validate``) never clash, and this does nothing.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if (isinstance(value, types.ModuleType) and name in _EXPORTS
                and value.__name__ == f"{__name__}.{name}"):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
