"""The report's funding section: where the gap opens, the gap chart, the bills, co-funding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.words import word
from okosys_plan.report.html import figure, sub, table
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results
from okosys_plan.text.numbers import number


def largest_gap(analysis: FundingAnalysis) -> tuple[str, str, int, float] | None:
    """(ID, title, year, MNOK) of the largest gap of one solution in one year, if any."""
    best: tuple[str, str, int, float] | None = None
    for solution in analysis.solutions:
        for year in analysis.years:
            gap = solution.figures(year).gap
            if gap > 0 and (best is None or gap > best[3]):
                best = (solution.id, solution.title, year, gap)
    return best


def funding_section(main: ET.Element, results: Results, charts: dict[str, bytes],
                    lang: str) -> None:
    """Gap per year (chart and table), each agency's bill per key, co-funding rules."""
    analysis: FundingAnalysis = results.funding
    sub(main, "h2", say(lang, "funding"))
    opens, worst = analysis.gap_opens(), largest_gap(analysis)
    facts = sub(main, "ul")
    sub(facts, "li", say(lang, "gap_opens", year=opens) if opens else say(lang, "no_gap"))
    if worst is not None:
        sub(facts, "li", say(lang, "largest_gap", id=worst[0], title=worst[1], year=worst[2],
                             amount=number(worst[3], lang)))
    rows = []
    for year in analysis.years:
        totals = analysis.totals(year)
        rows.append([year, *(_mnok(v, lang) for v in (totals.cost, totals.confirmed,
                                                      totals.applied, totals.gap,
                                                      totals.gap_if_applied))])
    headers = say(lang, "gap_headers").split("|")
    if "funding_gap" in charts:
        figure(main, charts["funding_gap"], "gap", say(lang, "gap_caption"),
               (headers, rows, (1, 2, 3, 4, 5)), say(lang, "show_table"), folded=False)
    else:
        table(main, headers, rows, caption=say(lang, "gap_caption"), numeric=(1, 2, 3, 4, 5))
    _bills(main, analysis, charts, lang)
    _eligibility(main, analysis, lang)


def _mnok(value: float, lang: str) -> tuple[str, float]:
    return number(value, lang), value


def _bills(main: ET.Element, analysis: FundingAnalysis, charts: dict[str, bytes],
           lang: str) -> None:
    sub(main, "h3", say(lang, "bills"))
    bills = {r.key: r.bills() for r in analysis.results}
    headers = [say(lang, "agency"), *(word(k, lang) for k in analysis.keys)]
    rows: list[list[Any]] = []
    for code in analysis.agencies:
        totals = [sum(bills[k].get(code, {}).values()) / 100 / 1e6 for k in analysis.keys]
        if any(totals):
            rows.append([analysis.names.get(code, code), *(_mnok(t, lang) for t in totals)])
    numeric = tuple(range(1, len(headers)))
    caption = say(lang, "bills_caption", first=analysis.years[0], last=analysis.years[-1])
    if "funding_bills" in charts:
        figure(main, charts["funding_bills"], "regning", caption, (headers, rows, numeric),
               say(lang, "show_table"))
    else:
        table(main, headers, rows, caption=caption, numeric=numeric)


def _eligibility(main: ET.Element, analysis: FundingAnalysis, lang: str) -> None:
    if not analysis.eligibility:
        return
    sub(main, "h3", say(lang, "cofunding"))
    rows = [[e.id, e.title, _mnok(e.project_cost, lang),
             say(lang, "yes") if e.eligible else say(lang, "no"),
             "; ".join(word(r.code, lang) for r in e.rules if r.failed),
             "" if e.rules_year is None else str(e.rules_year)]
            for e in analysis.eligibility]
    headers = [*say(lang, "cofunding_headers").split("|"), say(lang, "cofunding_year")]
    table(main, headers, rows, caption=say(lang, "cofunding"), numeric=(2,), sortable=True)
    _rules_used(main, analysis, lang)


def _rules_used(main: ET.Element, analysis: FundingAnalysis, lang: str) -> None:
    """Which year's co-funding rules were used, with their sources."""
    from okosys_plan.funding.cofunding import bundled_rules

    used = sorted({e.rules_year for e in analysis.eligibility if e.rules_year is not None})
    for rule_set in bundled_rules():
        if rule_set.year in used:
            text = say(lang, "cofunding_source", year=rule_set.year, source=rule_set.source)
            line = sub(main, "p", text)
            if rule_set.url:
                sub(line, "a", rule_set.url, href=rule_set.url)
