"""Funding analysis: cost, funding and gap per solution and year, co-funding checks, and
every agency's bill under each cost-sharing key. Pure; see ``docs/finansiering.md``."""

from __future__ import annotations

from okosys_plan.funding.api import FundingAnalysis, analyse_funding

__all__ = ["FundingAnalysis", "analyse_funding"]
