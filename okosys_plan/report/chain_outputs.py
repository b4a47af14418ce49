"""``run``'s files of the service chains: the readiness, breaks and events workbook, and
the event catalogue as JSON (when the catalogue has a Tjenestekjeder sheet)."""

from __future__ import annotations

import json
from pathlib import Path

from okosys_plan.run.pipeline import Results

CHAIN_FILES = {"chains_workbook": "tjenestekjeder.xlsx", "events": "hendelser.json"}


def chain_targets(results: Results, folder: Path) -> list[Path]:
    """The chains' files of a run, in the order written (none without chains)."""
    if results.chains is None:
        return []
    return [folder / name for name in CHAIN_FILES.values()]


def write_chain_outputs(results: Results, folder: Path, lang: str,
                        inputs: tuple[Path, ...]) -> list[Path]:
    """Write the chains' workbook and the event catalogue; the paths written."""
    from okosys_plan.chains.present import chain_tables, event_document
    from okosys_plan.export.files import write_bytes_atomic
    from okosys_plan.export.sheets import write_sheets

    targets = chain_targets(results, folder)
    if not targets:
        return []
    workbook, events = targets
    write_sheets(workbook, chain_tables(results.chains, lang), force=True, inputs=inputs)
    document = event_document(results.chains.events, results.checked.catalogue.source
                              if results.checked.catalogue else "")
    write_bytes_atomic(events, (json.dumps(document, ensure_ascii=False, indent=2)
                                + "\n").encode("utf-8"))
    return targets
