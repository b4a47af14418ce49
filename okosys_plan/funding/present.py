"""The funding analysis for people and machines: a terminal summary and the JSON document.

Pure. Amounts in MNOK (costs, funding, gaps) and NOK with øre (agencies' bills). JSON year
keys are strings, as JSON writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from okosys_plan.catalogue.present import problem_dict, problems_table
from okosys_plan.funding.allocate import KeyResult
from okosys_plan.funding.analysis import COST_KEYS, Figures, Solution
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.cofunding import Eligibility
from okosys_plan.funding.money import ore_to_mnok, ore_to_nok
from okosys_plan.funding.principles import Principles
from okosys_plan.funding.words import word
from okosys_plan.text.numbers import number
from okosys_plan.text.say import say

FIGURE_KEYS = ("cost", "confirmed", "applied", "unclear", "gap", "gap_if_applied")


def _yearly(values: Mapping[int, float], years: Sequence[int]) -> dict[str, float]:
    return {str(y): values.get(y, 0.0) for y in years}


def figures_dict(figures: Figures) -> dict[str, float]:
    """Cost, funding and gaps as a JSON object."""
    return dict(zip(FIGURE_KEYS, figures.values(), strict=True))


def solution_dict(solution: Solution, years: Sequence[int], lang: str) -> dict[str, Any]:
    """One solution's figures per year."""
    per_year = {y: solution.figures(y) for y in years}
    found: dict[str, Any] = {
        "id": solution.id, "title": solution.title, "kind": solution.kind,
        "theme": solution.theme, "owner": solution.owner, "basis": solution.basis.value}
    for key in FIGURE_KEYS:
        found[key] = {str(y): getattr(per_year[y], key) for y in years}
    found["surplus"] = {str(y): solution.surplus(y) for y in years}
    found["cost_by_type"] = {t: _yearly(solution.costs.get(t, {}), years) for t in COST_KEYS}
    found["funding_by_source"] = {s: _yearly(v, years) for s, v in solution.sources.items()}
    found["flags"] = [{"code": f.code, "years": list(f.years), "text": word(f.code, lang)}
                      for f in solution.flags]
    return found


def bills_dict(result: KeyResult, agencies: Sequence[str], years: Sequence[int]
               ) -> dict[str, dict[str, float]]:
    """Agency -> year -> NOK under one key (every agency, zeros included)."""
    bills = result.bills()
    return {code: {str(y): ore_to_nok(bills.get(code, {}).get(y, 0)) for y in years}
            for code in agencies}


def _per_year(result: KeyResult, what: str, years: Sequence[int]) -> dict[str, float]:
    found = result.per_year(what)
    return {str(y): ore_to_nok(found.get(y, 0)) for y in years}


def principles_dict(found: Principles) -> dict[str, Any]:
    """One key's principle figures."""
    return {"billed": ore_to_nok(found.billed), "largest_payer": found.largest_payer,
            "largest_share": found.largest_share, "zero_payers": found.zero_payers,
            "agencies": found.agencies, "price_per_transaction_min": found.price_min,
            "price_per_transaction_max": found.price_max,
            "price_per_transaction_spread": found.price_spread,
            "largest_yearly_change": found.largest_change,
            "largest_yearly_change_agency": found.largest_change_agency,
            "largest_yearly_change_year": found.largest_change_year,
            "mean_yearly_change": found.mean_change}


def sharing_dict(results: Sequence[KeyResult], found: Sequence[Principles],
                 analysis: FundingAnalysis) -> dict[str, Any]:
    """Bills, amounts not allocated, paid centrally and above cost, and principles, per key."""
    years, agencies = analysis.years, analysis.agencies
    return {
        "allocations": {r.key: bills_dict(r, agencies, years) for r in results},
        "not_allocated": {r.key: _per_year(r, "unallocated", years) for r in results},
        "central": {r.key: _per_year(r, "central", years) for r in results},
        "surplus": {r.key: _per_year(r, "surplus", years) for r in results},
        "principles": {p.key: principles_dict(p) for p in found},
    }


def eligibility_dict(found: Eligibility) -> dict[str, Any]:
    """One measure against the co-funding rules."""
    return {"id": found.id, "title": found.title, "eligible": found.eligible,
            "failed_rules": list(found.failed_rules), "project_cost": found.project_cost,
            "scheme": found.scheme, "scheme_share": None if found.share is None
            else round(found.share, 6), "grant_years": list(found.grant_years),
            "project_years": list(found.project_years),
            "rules_year": found.rules_year, "rules_reason": found.rules_reason}


def funding_document(analysis: FundingAnalysis, lang: str = "nb") -> dict[str, Any]:
    """The whole analysis as a JSON-ready dict."""
    years = analysis.years
    options = analysis.options
    document: dict[str, Any] = {
        "source": analysis.source, "years": list(years), "share": analysis.share,
        "keys": list(analysis.keys),
        "options": {"free_below": options.free_below, "price": options.price,
                    "operations_key": options.operations_key,
                    "tiers": [{"name": t.name, "below": t.below, "fee": t.fee}
                              for t in options.tiers],
                    "rates": dict(options.rates)},
        "gap_opens": analysis.gap_opens(),
        "solutions": [solution_dict(s, years, lang) for s in analysis.solutions],
        "totals": {"years": {str(y): figures_dict(analysis.totals(y)) for y in years},
                   "themes": {t: {str(y): figures_dict(f) for y, f in by_year.items()}
                              for t, by_year in analysis.themes().items()}},
        **sharing_dict(analysis.results, analysis.principles(), analysis),
        "agencies": {c: analysis.names.get(c) for c in analysis.agencies},
        "scenario": None,
        "eligibility": [eligibility_dict(e) for e in analysis.eligibility],
        "problems": [problem_dict(p, lang) for p in analysis.problems],
    }
    if analysis.volume_growth is not None:
        document["scenario"] = {"volume_growth": analysis.volume_growth, **sharing_dict(
            analysis.scenario, analysis.principles(scenario=True), analysis)}
    return document


# --- the terminal ------------------------------------------------------------------------


def _mnok(value: float, lang: str) -> str:
    return number(value, lang, 1)


def funding_text(analysis: FundingAnalysis, lang: str = "nb") -> str:
    """The summary a terminal shows: totals per year, flags, co-funding, bills, warnings."""
    blocks = [_totals_text(analysis, lang), _flags_text(analysis, lang),
              _eligibility_text(analysis, lang), _bills_text(analysis, lang)]
    if analysis.problems:
        blocks.append(problems_table(analysis.problems, lang))
    return "\n\n".join(b for b in blocks if b)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Rows padded into columns: the first ``left`` left-aligned, the rest right-aligned."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [str(c).ljust(w) if i < left else str(c).rjust(w)
                 for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _totals_text(analysis: FundingAnalysis, lang: str) -> str:
    years = analysis.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    title = (say(lang, "Funding {span}: cost, funding and gap (MNOK)", span=span))
    headers = [word("year", lang), *(word(k, lang) for k in
                                     ("cost", "confirmed", "applied", "unclear", "gap",
                                      "gap_if_applied"))]
    rows = [[str(y), *(_mnok(v, lang) for v in analysis.totals(y).values())] for y in years]
    lines = [title, *_table(headers, rows)]
    opens = analysis.gap_opens()
    if not analysis.solutions:
        lines.append(say(lang, "No measure, and no need with cost or funding lines of its own, "
                               "has figures in these years."))
    elif opens is None:
        lines.append(say(lang, "No funding gap in these years."))
    else:
        gap = _mnok(analysis.totals(opens).gap, lang)
        lines.append(say(lang, "The gap opens in {opens} ({gap} MNOK).", opens=opens, gap=gap))
    return "\n".join(lines)


def _flags_text(analysis: FundingAnalysis, lang: str) -> str:
    lines = []
    for solution in analysis.solutions:
        for flag in solution.flags:
            years = ", ".join(str(y) for y in flag.years)
            lines.append(f"  {solution.id}  {word(flag.code, lang)}: {years}")
    if not lines:
        return ""
    return "\n".join([say(lang, "Flags"), *lines])


def _eligibility_text(analysis: FundingAnalysis, lang: str) -> str:
    found = analysis.eligibility
    if not found:
        return ""
    good = sum(1 for e in found if e.eligible)
    head = (say(lang, "Co-funding scheme: {good} of {total} measures meet the rules", good=good,
                      total=len(found)))
    lines = [head]
    for item in found:
        if not item.eligible:
            rules = "; ".join(word(r, lang) for r in item.failed_rules)
            year = ("" if item.rules_year is None else
                    " (" + say(lang, "rules of {year}", year=item.rules_year) + ")")
            lines.append(f"  {item.id}  {rules}{year}")
    return "\n".join(lines)


def _bills_text(analysis: FundingAnalysis, lang: str) -> str:
    if not analysis.results or not analysis.agencies:
        return ""
    years = analysis.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    what = word("gap" if analysis.share == "gap" else "cost", lang).lower()
    title = (say(lang, "Each agency's bill, {what} {span} (MNOK)", what=what, span=span))
    bills = {r.key: r.bills() for r in analysis.results}
    headers = ["", *(word(k, lang) for k in analysis.keys)]
    rows = [[code, *(number(ore_to_mnok(sum(bills[k].get(code, {}).values())), lang, 2)
                     for k in analysis.keys)] for code in analysis.agencies]
    for what_key in ("unallocated", "central"):
        sums = [sum(r.per_year(what_key).values()) for r in analysis.results]
        if any(sums):
            label = word("not_allocated" if what_key == "unallocated" else "central", lang)
            rows.append([label, *(number(ore_to_mnok(s), lang, 2) for s in sums)])
    return "\n".join([title, *_table(headers, rows)])
