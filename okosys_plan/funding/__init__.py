"""Funding analysis: cost, funding and gap per solution and year, co-funding checks, and
every agency's bill under each cost-sharing key. Pure; see ``docs/finansiering.md``.

``api.analyse_funding`` is the entry; ``workbook`` writes the funding workbook.
"""
