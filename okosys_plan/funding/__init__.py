"""Funding analysis: cost, funding and gap per solution and year, co-funding checks, and
every agency's bill under each cost-sharing key. Pure; see ``docs/finansiering.md``.

``write_funding_outputs`` (the workbook and charts) lives in ``okosys_plan.funding.workbook``
and is imported from there on first use, so importing this package stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okosys_plan.funding.api import FundingAnalysis, analyse_funding

if TYPE_CHECKING:
    from okosys_plan.funding.workbook import write_funding_outputs

__all__ = ["FundingAnalysis", "analyse_funding", "write_funding_outputs"]


def __getattr__(name: str) -> Any:
    if name == "write_funding_outputs":
        from okosys_plan.funding.workbook import write_funding_outputs

        return write_funding_outputs
    raise AttributeError(f"module 'okosys_plan.funding' has no attribute {name!r}")
