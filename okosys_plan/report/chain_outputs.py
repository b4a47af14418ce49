"""``run``'s files of the service chains: each chain's map (``kart-NAME.png``, ``.svg``,
with its text alternative ``.md`` and ``.csv``), the readiness, breaks and events workbook,
and the event catalogue as JSON (when the catalogue has a Tjenestekjeder sheet)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okosys_plan.run.pipeline import Results

CHAIN_FILES = {"chains_workbook": "tjenestekjeder.xlsx", "events": "hendelser.json"}


MAP_CHARTS = ("kart.png", "kart.svg")  # each gets the chain's slug: kart-dodsfall-og-arv.png


def chain_targets(results: Results, folder: Path) -> list[Path]:
    """The chains' files of a run, in the order written (none without chains)."""
    if results.chains is None:
        return []
    return [*(p for chain in results.chains.maps for p in map_targets(folder, chain)),
            *(folder / name for name in CHAIN_FILES.values())]


def map_targets(folder: Path, chain: Any) -> list[Path]:
    """One chain's map files: the charts, then the text alternative beside them."""
    from okosys_plan.charts.chains.save import chain_targets as targets

    return targets([folder / name for name in MAP_CHARTS], chain, True)


def write_chain_outputs(results: Results, folder: Path, lang: str,
                        inputs: tuple[Path, ...]) -> list[Path]:
    """Write the chains' workbook and the event catalogue; the paths written."""
    from okosys_plan.chains.present import chain_tables, event_document
    from okosys_plan.charts.chains.layout import layout_chain
    from okosys_plan.charts.chains.save import write_chain_charts
    from okosys_plan.export.files import write_bytes_atomic
    from okosys_plan.export.sheets import write_sheets

    if results.chains is None:
        return []
    written = []
    catalogue = results.checked.catalogue
    source = catalogue.source if catalogue else ""
    for chain in results.chains.maps:
        layout = layout_chain(chain, as_of=results.audit.as_of, source_name=source, lang=lang)
        written += write_chain_charts(map_targets(folder, chain), layout)
    workbook, events = (folder / name for name in CHAIN_FILES.values())
    write_sheets(workbook, chain_tables(results.chains, lang), force=True, inputs=inputs)
    document = event_document(results.chains.events, source)
    write_bytes_atomic(events, (json.dumps(document, ensure_ascii=False, indent=2)
                                + "\n").encode("utf-8"))
    return [*written, workbook, events]


def drawn_chain_svgs(results: Results, written: list[Path]) -> dict[str, bytes]:
    """The maps' SVG files of this run, for the report (``chain_N``), read back."""
    if results.chains is None:
        return {}
    names = {p.name: p for p in written}
    found = {}
    for index, chain in enumerate(results.chains.maps, start=1):
        svg = next((p for p in map_targets(Path(), chain) if p.suffix == ".svg"), None)
        if svg is not None and svg.name in names:
            found[f"chain_{index}"] = names[svg.name].read_bytes()
    return found


def chain_svgs(results: Results, lang: str) -> dict[str, bytes]:
    """Each chain's map drawn as SVG for the report (``report``, which writes no maps)."""
    from okosys_plan.charts.chains.layout import layout_chain
    from okosys_plan.charts.chains.save import chain_bytes

    if results.chains is None:
        return {}
    catalogue = results.checked.catalogue
    source = catalogue.source if catalogue else ""
    return {f"chain_{index}": chain_bytes(layout_chain(chain, as_of=results.audit.as_of,
                                                       source_name=source, lang=lang),
                                          ["svg"])[0]
            for index, chain in enumerate(results.chains.maps, start=1)}
