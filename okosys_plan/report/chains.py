"""The report's section on the service chains (Kart for tjenestekjeder).

Shown when the catalogue has a Tjenestekjeder sheet (``Results.chains``): one readiness
table (each chain's breaks, how many have a need, and of those how many are prioritised,
planned and funded, and the share planned and funded), then each chain's
breaks in one line each with the state of the needs that fix them, and the chain's map
when it was drawn (``charts["chain_N"]``, N from 1).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from okosys_plan.chains.present import break_line, chain_tables
from okosys_plan.report.html import figure, sub, table
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results
from okosys_plan.text.numbers import number, percent


def chains_section(main: ET.Element, results: Results, charts: dict[str, bytes],
                   lang: str) -> None:
    """Tjenestekjeder: readiness per chain, every break with its fixes, the maps."""
    chains = results.chains
    sub(main, "h2", say(lang, "chains_heading"))
    sub(main, "p", say(lang, "chains_lead", count=number(len(chains.maps), lang, 0)))
    sheets = chain_tables(chains, lang)
    _name, heads, rows = sheets[0]
    _name, break_heads, break_rows = sheets[1]
    shown = [[*row, percent(100 * (m.readiness.share if m.readiness else 1.0), lang)]
             for row, m in zip(rows, chains.maps, strict=True)]
    alternative = ([*heads, say(lang, "chains_share")], shown, tuple(range(1, len(heads) + 1)))
    if "chain_readiness" in charts:  # the small bar, its table shown under it
        figure(main, charts["chain_readiness"], "modenhet", say(lang, "chains_readiness"),
               alternative, say(lang, "show_table"), folded=False)
    else:
        table(main, *alternative[:2], caption=say(lang, "chains_readiness"),
              numeric=alternative[2])
    for index, chain in enumerate(chains.maps, start=1):
        sub(main, "h3", chain.name)
        if not chain.breaks:
            sub(main, "p", say(lang, "chains_no_breaks"))
        else:
            items = sub(main, "ul")
            for found in chain.breaks:
                sub(items, "li", break_line(found, lang))
        svg = charts.get(f"chain_{index}")
        if svg is not None:
            own = [row for row in break_rows if row[0] == chain.name]
            figure(main, svg, f"kart{index}", say(lang, "chains_map_caption", chain=chain.name),
                   (break_heads, own, (9,)), say(lang, "show_table"))
