"""The funding workbook's sheets as plain rows (no openpyxl): ``funding_tables``.

Oversikt (per solution and year), Gap (per year and theme), Fordeling (per key, solution,
year and agency), Sammenligning (every key side by side per agency and year), Prinsipper,
Medfinansiering, and when asked for Scenario (volume growth), Advarsler and Innstillinger.
Amounts are numbers: MNOK for costs and funding, NOK with øre for bills.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from okosys_plan.catalogue.domain import FUNDING_SOURCES
from okosys_plan.catalogue.messages import hint, message
from okosys_plan.export.tables import Table
from okosys_plan.export.xlsx import Chart
from okosys_plan.funding.allocate import KeyResult
from okosys_plan.funding.analysis import COST_KEYS
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.money import Shares, ore_to_nok, pairs
from okosys_plan.funding.principles import Principles
from okosys_plan.funding.sums import row_count
from okosys_plan.funding.words import word
from okosys_plan.text.address import column_letter
from okosys_plan.text.numbers import percent
from okosys_plan.text.say import say

MNOK = '#,##0.000'
NOK = '#,##0.00'
SHARE = '0.0 %'
PRICE = '0.0000'
_SHEETS = {"overview": "Overview", "gap": "Gap",
           "allocation": "Allocation", "compare": "Comparison",
           "principles": "Principles", "cofunding": "Co-funding",
           "scenario": "Scenario", "problems": "Warnings",
           "settings": "Settings"}
_HEAD = {
    "id": "ID", "title": "Title", "kind": "Kind",
    "theme": "Theme", "owner": "Owner",
    "basis": "Cost basis", "flags": "Flags",
    "key": "Key", "solution": "Solution",
    "agency": "Agency", "name": "Name",
    "amount_nok": "Amount (NOK)", "of_amount": "Share of the amount",
    "billed": "Billed (NOK)", "largest": "Largest payer",
    "largest_share": "Largest payer's share",
    "zero": "Pay nothing",
    "price_min": "Lowest price per transaction (kr)",
    "price_max": "Highest price per transaction (kr)",
    "price_spread": "Price spread (kr)",
    "change": "Largest yearly change",
    "change_agency": "… for", "change_year": "… in year",
    "mean_change": "Mean yearly change",
    "project": "Project cost (MNOK)",
    "scheme": "From the scheme (MNOK)",
    "scheme_share": "Share from the scheme",
    "grant_years": "Grant years", "project_years": "Project years",
    "eligible": "Meets the rules", "failed": "Rules failed",
    "rules_year": "Rules of year",
    "severity": "Severity", "code": "Code",
    "sheet": "Sheet", "cell": "Cell", "column": "Column",
    "value": "Value", "message": "Message", "hint": "Hint",
    "setting": "Setting",
}


def _h(key: str, lang: str) -> str:
    english = _HEAD.get(key)
    return say(lang, english) if english else word(key, lang)


def sheet_name(key: str, lang: str = "nb") -> str:
    """A sheet's name in the language asked for."""
    return say(lang, _SHEETS[key])


def funding_tables(analysis: FundingAnalysis, lang: str = "nb") -> tuple[Table, ...]:
    """Every sheet of the funding workbook, in order."""
    tables = [overview_table(analysis, lang), gap_table(analysis, lang),
              allocation_table(analysis, lang),
              compare_table(analysis, analysis.results, "compare", lang),
              principles_table(analysis, lang), cofunding_table(analysis, lang)]
    if analysis.volume_growth is not None:
        tables.append(compare_table(analysis, analysis.scenario, "scenario", lang))
    if analysis.problems:
        tables.append(problems_sheet(analysis, lang))
    tables.append(settings_table(analysis, lang))
    return tuple(tables)


def _sources(analysis: FundingAnalysis) -> list[str]:
    used = {s for sol in analysis.solutions for s in sol.sources}
    return [s for s in FUNDING_SOURCES if s in used] + sorted(used - set(FUNDING_SOURCES))


def overview_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Oversikt: one row per solution and year."""
    sources = _sources(analysis)
    figures = ("cost", "confirmed", "applied", "unclear", "gap", "gap_if_applied")
    headers = (*(_h(k, lang) for k in ("id", "title", "kind", "theme", "owner", "basis")),
               word("year", lang), *(word(k, lang) for k in (*COST_KEYS, *figures)),
               *sources, _h("flags", lang))
    rows = []
    for sol in analysis.solutions:
        for year in analysis.years:
            found = sol.figures(year)
            flags = [word(f.code, lang) for f in sol.flags if year in f.years]
            rows.append((sol.id, sol.title, word(sol.kind, lang), sol.theme, sol.owner,
                         word(sol.basis.value, lang), year,
                         *(sol.cost(year, (t,)) for t in COST_KEYS), *found.values(),
                         *(sol.sources.get(s, {}).get(year, 0.0) for s in sources),
                         "; ".join(flags) or None))
    formats = dict.fromkeys(range(7, len(headers) - 1), MNOK)
    return Table(sheet_name("overview", lang), headers, tuple(rows), formats, freeze="C2")


def gap_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Gap: every year for all solutions, then per theme."""
    keys = ("cost", "confirmed", "applied", "unclear", "gap", "gap_if_applied")
    headers = (_h("theme", lang), word("year", lang), *(word(k, lang) for k in keys))
    rows: list[tuple[Any, ...]] = [(word("all", lang), y, *analysis.totals(y).values())
                                   for y in analysis.years]
    for theme, by_year in analysis.themes().items():
        rows += [(theme or word("no_theme", lang), y, *f.values()) for y, f in by_year.items()]
    return Table(sheet_name("gap", lang), headers, tuple(rows),
                 dict.fromkeys(range(2, len(headers)), MNOK), freeze="C2",
                 charts=(_gap_chart(analysis.years, len(headers),
                                    tuple(2 + keys.index(k) for k in ("cost", "confirmed", "gap")),
                                    lang),))


#: The gap chart's title, as the PNG chart's (charts.funding_layout), and its colours:
#: cost, confirmed funding, gap.
_GAP_COLOURS = ("332288", "117733", "D55E00")


def _gap_chart(years: Sequence[int], width: int, values: tuple[int, ...], lang: str) -> Chart:
    """Cost, confirmed funding and the gap (columns ``values``) of all solutions per year:
    the sheet's first rows."""
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))
    return Chart("column", say(lang, "Cost, funding and gap per year, {span}", span=span), 1,
                 values, len(years), f"{column_letter(width + 2)}2", value_axis="MNOK",
                 colours=_GAP_COLOURS)


#: Most rows the Fordeling sheet holds: beyond it the sheet says so (Excel's limit is
#: 1 048 576, and flat keys bill every agency for every solution and year).
ALLOCATION_ROWS = 50_000


def allocation_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Fordeling: who pays what of each solution in each year, key by key (capped)."""
    headers = tuple(_h(k, lang) for k in ("key", "solution", "year", "agency", "name",
                                         "amount_nok", "of_amount"))
    headers = (headers[0], headers[1], word("year", lang), *headers[3:])
    rows: list[tuple[Any, ...]] = []
    total = 0
    for result in analysis.results:
        for place, share in enumerate(result.shares):
            alloc = share.allocation
            if len(rows) >= ALLOCATION_ROWS:  # only counted from here on
                total += row_count(result.shares[place:])
                break
            parts = [(c, analysis.names.get(c), o) for c, o in _given(alloc.shares) if o]
            parts += [(word(label, lang), None, o) for label, o in
                      (("not_allocated", alloc.unallocated), ("central", alloc.central),
                       ("surplus", -alloc.surplus)) if o]
            total += len(parts)
            if len(rows) < ALLOCATION_ROWS:
                rows += [(word(result.key, lang), share.solution, share.year, who, name,
                          ore_to_nok(ore), ore / share.amount if share.amount else None)
                         for who, name, ore in parts][:ALLOCATION_ROWS - len(rows)]
    if total > len(rows):
        rows.append((_more_rows(total - len(rows), lang),) + (None,) * (len(headers) - 1))
    return Table(sheet_name("allocation", lang), headers, tuple(rows),
                 {5: NOK, 6: SHARE}, freeze="C2")


def _given(shares: Mapping[str, int]) -> Iterable[tuple[str, int]]:
    """(code, øre) of the shares; none to look at for lazy shares of nothing."""
    if isinstance(shares, Shares) and shares.is_lazy and shares.amount == 0:
        return ()
    return pairs(shares)


def _more_rows(count: int, lang: str) -> str:
    return say(lang, "{count} more rows not shown (the sheet stops at {rows}); the Comparison "
               "sheet has every agency's bill per key, okosys-plan funding --json the bills per "
               "key and year.", count=count, rows=ALLOCATION_ROWS)


def compare_table(analysis: FundingAnalysis, results: Sequence[KeyResult], sheet: str,
                  lang: str) -> Table:
    """Sammenligning (or Scenario): each agency's bill per year, one column per key."""
    headers = (_h("agency", lang), _h("name", lang), word("year", lang),
               *(word(r.key, lang) for r in results))
    bills = [r.bills() for r in results]
    years = analysis.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    rows: list[tuple[Any, ...]] = []
    for code in analysis.agencies:
        name = analysis.names.get(code)
        rows += [(code, name, y, *(ore_to_nok(b.get(code, {}).get(y, 0)) for b in bills))
                 for y in years]
        if len(years) > 1:
            rows.append((code, name, span, *(ore_to_nok(sum(b.get(code, {}).values()))
                                             for b in bills)))
    for what, label in (("unallocated", "not_allocated"), ("central", "central")):
        sums = [r.per_year(what) for r in results]
        if any(any(s.values()) for s in sums):
            rows += [(word(label, lang), None, y, *(ore_to_nok(s.get(y, 0)) for s in sums))
                     for y in years]
    return Table(sheet_name(sheet, lang), headers, tuple(rows),
                 dict.fromkeys(range(3, len(headers)), NOK), freeze="D2")


def principles_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Prinsipper: per key the figures a key is judged by (and per scenario key)."""
    keys = ("key", "billed", "largest", "largest_share", "zero", "price_min", "price_max",
            "price_spread", "change", "change_agency", "change_year", "mean_change")
    headers = tuple(_h(k, lang) for k in keys)
    rows = [_principle_row(p, word(p.key, lang)) for p in analysis.principles()]
    if analysis.volume_growth is not None:
        points = analysis.volume_growth * 100
        growth = percent(points, lang, min(3, len(f"{points:g}".partition(".")[2])))
        rows += [_principle_row(p, f"{word(p.key, lang)} ({sheet_name('scenario', lang)} "
                                   f"+{growth})") for p in analysis.principles(scenario=True)]
    formats = {1: NOK, 3: SHARE, 5: PRICE, 6: PRICE, 7: PRICE, 8: SHARE, 11: SHARE}
    return Table(sheet_name("principles", lang), headers, tuple(rows), formats, freeze="B2")


def _principle_row(found: Principles, label: str) -> tuple[Any, ...]:
    return (label, ore_to_nok(found.billed), found.largest_payer, found.largest_share,
            found.zero_payers, found.price_min, found.price_max, found.price_spread,
            found.largest_change, found.largest_change_agency, found.largest_change_year,
            found.mean_change)


def cofunding_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Medfinansiering: every measure against the scheme's rules."""
    keys = ("id", "title", "project", "scheme", "scheme_share", "grant_years",
            "project_years", "eligible", "failed", "rules_year")
    rows = tuple((e.id, e.title, e.project_cost, e.scheme, e.share,
                  ", ".join(str(y) for y in e.grant_years) or None,
                  "–".join(str(y) for y in e.project_years) or None,
                  word("yes" if e.eligible else "no", lang),
                  "; ".join(word(r, lang) for r in e.failed_rules) or None,
                  e.rules_year)
                 for e in analysis.eligibility)
    return Table(sheet_name("cofunding", lang), tuple(_h(k, lang) for k in keys), rows,
                 {2: MNOK, 3: MNOK, 4: SHARE}, freeze="C2")


def problems_sheet(analysis: FundingAnalysis, lang: str) -> Table:
    """Advarsler: every warning with its place, message and hint."""
    keys = ("severity", "code", "sheet", "cell", "column", "value", "message", "hint")
    rows = tuple((p.severity.value, p.code, p.sheet, p.cell, p.column, p.value,
                  message(p, lang), hint(p, lang)) for p in analysis.problems)
    return Table(sheet_name("problems", lang), tuple(_h(k, lang) for k in keys), rows)


def settings_table(analysis: FundingAnalysis, lang: str) -> Table:
    """Innstillinger: what the analysis was run with."""
    options = analysis.options
    en = lang == "en"
    pairs: list[tuple[str, Any]] = [
        (say(lang, "Source"), analysis.source),
        (say(lang, "Years"), ", ".join(str(y) for y in analysis.years)),
        (say(lang, "Shared"), word(analysis.share, lang)),
        (say(lang, "Keys"), ", ".join(analysis.keys)),
        (say(lang, "Free below (volume)"), options.free_below),
        (say(lang, "Price per unit (kr)"), options.price),
        (say(lang, "Hybrid: operations key"),
         options.operations_key),
        (say(lang, "Volume growth a year"), analysis.volume_growth),
    ]
    # A tier's name is data: the settings give it in both languages (name, name_en).
    pairs += [(f"{say(lang, 'Tier')} {t.name_en if en else t.name}",
               f"< {t.below:g}: {t.fee:g} kr" if t.below is not None and t.fee is not None
               else (say(lang, "the rest by volume")))
              for t in options.tiers]
    return Table(sheet_name("settings", lang), (_h("setting", lang), _h("value", lang)),
                 tuple(pairs))
