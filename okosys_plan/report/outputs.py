"""``run`` and ``report``: the whole job into fixed file names, and the HTML report.

The file names in the output folder are fixed (``RUN_FILES``, documented in
docs/exports.md). Every file is written atomically; a run over an existing folder replaces
its own files and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okosys_plan.export.files import check_outputs
from okosys_plan.funding.api import FundingAnalysis
from okosys_plan.funding.workbook import write_funding_workbook
from okosys_plan.run.options import DECK
from okosys_plan.run.pipeline import Progress, Results, RunConfig, quiet

#: What ``run`` writes, by role: fixed names (the roadmap's carries its horizon).
RUN_FILES = {
    "priority_workbook": "prioritert-behov.xlsx",
    "priority_chart": "prioritering.png",
    "priority_chart_svg": "prioritering.svg",
    "agreement_chart": "enighet.png",  # with assessments only
    "agreement_chart_svg": "enighet.svg",
    "plan_workbook": "plan.xlsx",
    "roadmap": "veikart-{start}-{end}",
    "funding_workbook": "finansiering.xlsx",
    "deck": DECK.default,
    "report": "rapport.html",
    "audit": "revisjon.json",
}


def run_inputs(path: Path, config: RunConfig, config_file: Path | None = None
               ) -> tuple[Path, ...]:
    """Every file a run reads: the catalogue, the settings files; none is ever written."""
    from okosys_plan.assess.read import assessment_files
    from okosys_plan.bundled import bundled_settings

    found = (path, config_file, config.criteria_file, config.roadmap_file or bundled_settings(),
             *assessment_files(config.assessments), config.baseline, config.deck_template)
    return tuple(p for p in found if p is not None)


def run_targets(results: Results, folder: Path, lang: str) -> list[Path]:
    """Every file a run writes into ``folder``, in the order written; the audit last."""
    from okosys_plan.charts.priority.save import chart_paths
    from okosys_plan.charts.roadmap.save import roadmap_targets
    from okosys_plan.report.chain_outputs import chain_targets
    from okosys_plan.report.outputs import funding_output_paths
    from okosys_plan.report.scenario_outputs import scenario_targets

    assert results.settings is not None and results.prioritised is not None
    with_intervals = results.prioritised.sensitivity is not None
    charts = [folder / RUN_FILES[role] for role in ("priority_chart", "priority_chart_svg")]
    stem = RUN_FILES["roadmap"].format(start=results.settings.start_year,
                                       end=results.settings.end_year)
    agreement = [folder / RUN_FILES[role] for role in ("agreement_chart", "agreement_chart_svg")
                 if results.agreement is not None]
    return [folder / RUN_FILES["priority_workbook"],
            *(p for chart in charts for p in chart_paths(chart, with_intervals, lang)),
            *agreement,
            folder / RUN_FILES["plan_workbook"],
            *roadmap_targets([folder / f"{stem}{suffix}" for suffix in (".png", ".svg", ".pdf")]),
            *funding_output_paths(folder / RUN_FILES["funding_workbook"]),
            *scenario_targets(results, folder),
            *chain_targets(results, folder),
            folder / RUN_FILES["deck"], folder / RUN_FILES["report"], folder / RUN_FILES["audit"]]


def write_outputs(results: Results, config: RunConfig, folder: Path,
                  progress: Progress = quiet, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write every output of a run into ``folder``; return the paths in order.

    Every target is checked against every input first; then the old audit record goes,
    so that a run stopped half-way never leaves one describing files it does not match,
    and the new one is written last, once every file it lists is in place.
    """
    from okosys_plan.charts.priority.save import write_priority_chart_formats
    from okosys_plan.export.files import check_outputs
    from okosys_plan.export.sheets import write_sheets
    from okosys_plan.prioritise.workbook import write_priority_workbook
    from okosys_plan.roadmap.present import plan_tables

    assert results.prioritised is not None and results.plan is not None
    catalogue, lang = results.checked.catalogue, config.lang
    assert catalogue is not None
    inputs = inputs or run_inputs(results.path, config)
    check_outputs(run_targets(results, folder, lang), force=True, inputs=inputs)
    (folder / RUN_FILES["audit"]).unlink(missing_ok=True)
    ranking, stability = results.prioritised.ranking, results.prioritised.sensitivity
    written = [folder / RUN_FILES["priority_workbook"]]
    write_priority_workbook(written[0], ranking, catalogue, stability, lang=lang, force=True,
                            inputs=inputs, extra=_agreement_tables(results, lang))
    written += write_priority_chart_formats(
        [folder / RUN_FILES["priority_chart"], folder / RUN_FILES["priority_chart_svg"]],
        ranking, stability, lang=lang, force=True, inputs=inputs)
    if results.agreement is not None:
        from okosys_plan.charts.agreement.save import write_agreement_charts

        written += write_agreement_charts(
            [folder / RUN_FILES["agreement_chart"], folder / RUN_FILES["agreement_chart_svg"]],
            results.agreement, ranking, lang=lang, force=True, inputs=inputs)
    written.append(folder / RUN_FILES["plan_workbook"])
    write_sheets(written[-1], plan_tables(results.plan, lang) + _status_tables(results, lang),
                 force=True, inputs=inputs)
    progress("roadmap")
    layout = roadmap_layout(results, config)
    written += _write_roadmap(results, config, folder, layout)
    written += _write_funding(results, config, folder)
    if results.comparison is not None:
        from okosys_plan.report.scenario_outputs import write_scenario_outputs

        progress("scenarios")
        written += write_scenario_outputs(results, config, folder, inputs)
    if results.chains is not None:
        from okosys_plan.report.chain_outputs import write_chain_outputs

        written += write_chain_outputs(results, folder, lang, inputs)
    progress("deck")
    written.append(_write_deck(results, config, folder))
    progress("report")
    report = folder / RUN_FILES["report"]
    from okosys_plan.export.files import write_bytes_atomic

    write_bytes_atomic(report, report_bytes(results, config, drawn=_drawn_svgs(results, written),
                                            layout=layout))
    written.append(report)
    audit = folder / RUN_FILES["audit"]
    write_bytes_atomic(audit, audit_bytes(results, written))
    return [*written, audit]


def _agreement_tables(results: Results, lang: str) -> list[Any]:
    """The assessments' sheets of the priority workbook (none without assessments)."""
    if results.agreement is None or results.prioritised is None:
        return []
    from okosys_plan.assess.tables import agreement_tables

    return agreement_tables(results.agreement, results.prioritised.ranking, lang)


def _status_tables(results: Results, lang: str) -> list[Any]:
    """The 'Status veikartsaker' sheet of the plan workbook (none without a baseline)."""
    if results.status is None:
        return []
    from okosys_plan.roadmap.baseline_present import status_table

    return [status_table(results.status, lang)]


def _drawn_svgs(results: Results, written: list[Path]) -> dict[str, bytes]:
    """The SVG files of this run the report shows too: read back, not drawn again."""
    from okosys_plan.report.chain_outputs import drawn_chain_svgs
    from okosys_plan.report.scenario_outputs import drawn_scenario_svgs

    found = drawn_scenario_svgs(written)
    found.update(drawn_chain_svgs(results, written))
    gap, bills = (f"{Path(RUN_FILES['funding_workbook']).stem}{c}.svg" for c in OUTPUT_CHARTS)
    for path in (p for p in written if p.suffix == ".svg"):
        if path.name == RUN_FILES["priority_chart_svg"]:
            found["priority"] = path.read_bytes()
        elif path.name == RUN_FILES["agreement_chart_svg"]:
            found["agreement"] = path.read_bytes()
        elif path.name.startswith("veikart-"):
            found["roadmap"] = path.read_bytes()
        elif path.name == gap:
            found["funding_gap"] = path.read_bytes()
        elif path.name == bills:
            found["funding_bills"] = path.read_bytes()
    return found


def roadmap_layout(results: Results, config: RunConfig, *, text_size: float | None = None,
                   max_bars: int | None = None) -> Any:
    """The roadmap of the run: fixed and planned items, at the run's as-of date.

    ``text_size`` and ``max_bars`` as for ``layout_roadmap`` (the deck draws every bar);
    by default the chart's own (the largest text that fits a page, at most 400 bars).
    """
    from okosys_plan.charts.roadmap.layout import MAX_BARS, layout_roadmap

    assert results.plan is not None and results.settings is not None
    catalogue = results.checked.catalogue
    reference = None
    if results.baseline is not None:
        from okosys_plan.charts.roadmap.reference import baseline_reference
        from okosys_plan.text.say import say

        reference = baseline_reference(results.baseline, results.plan.placed_items(),
                                       say(config.lang, "Adopted Veikart"))
    return layout_roadmap(results.plan.placed_items(), results.settings,
                          as_of=results.audit.as_of, group_by=config.group_by,
                          colour_by=config.colour_by,
                          source_name=catalogue.source if catalogue else "", lang=config.lang,
                          reference=reference, text_size=text_size,
                          max_bars=MAX_BARS if text_size is None else max_bars)


def _write_roadmap(results: Results, config: RunConfig, folder: Path, layout: Any
                   ) -> list[Path]:
    from okosys_plan.charts.roadmap.save import write_roadmap_charts

    assert results.settings is not None
    stem = RUN_FILES["roadmap"].format(start=results.settings.start_year,
                                       end=results.settings.end_year)
    paths = [folder / f"{stem}{suffix}" for suffix in (".png", ".svg", ".pdf")]
    return write_roadmap_charts(paths, layout, force=True,
                                inputs=(results.path,))


def _write_deck(results: Results, config: RunConfig, folder: Path) -> Path:
    """The Skate deck (``veikart.pptx``), on ``[deck] template`` if the settings name one."""
    from okosys_plan.export.files import write_bytes_atomic
    from okosys_plan.report.deck.build import deck_file_bytes

    path = folder / RUN_FILES["deck"]
    write_bytes_atomic(path, deck_file_bytes(results, config, config.deck_template))
    return path


def _write_funding(results: Results, config: RunConfig, folder: Path) -> list[Path]:
    """The funding workbook and its charts."""
    from okosys_plan.report.outputs import write_funding_outputs

    return write_funding_outputs(results.funding, folder / RUN_FILES["funding_workbook"],
                                 lang=config.lang, force=True, inputs=(results.path,))


def report_bytes(results: Results, config: RunConfig,
                 changes: dict[str, Any] | None = None,
                 drawn: dict[str, bytes] | None = None, layout: Any = None) -> bytes:
    """The HTML report of a run, with its charts inline as SVG (``drawn``: already made;
    ``layout``: the roadmap's, when already made)."""
    from okosys_plan.report.content import build_report
    from okosys_plan.report.funding import funding_section

    if layout is None and results.plan is not None:
        layout = roadmap_layout(results, config)
    return build_report(results, report_charts(results, config, drawn or {}, layout),
                        config.lang, changes, funding_section, layout)


def report_charts(results: Results, config: RunConfig,
                  drawn: dict[str, bytes] | None = None,
                  roadmap: Any = None) -> dict[str, bytes]:
    """The report's charts as SVG bytes, by name; those in ``drawn`` are not drawn again.

    ``roadmap``: the roadmap's layout, when already made.
    """
    from okosys_plan.charts.keyfigures.layout import layout_key_figures
    from okosys_plan.charts.priority.layout import layout_contributions
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.charts.save import figure_bytes, figure_for

    charts: dict[str, bytes] = dict(drawn or {})
    lang = config.lang
    if results.prioritised is not None and "priority" not in charts:
        layout = layout_contributions(results.prioritised.ranking, 20, lang)
        charts["priority"] = figure_bytes(figure_for(layout), "svg", title=layout.texts.title,
                                          description=layout.description)
    if (results.agreement is not None and results.prioritised is not None
            and "agreement" not in charts):
        from okosys_plan.charts.agreement.save import agreement_svg

        charts["agreement"] = agreement_svg(results.agreement, results.prioritised.ranking,
                                            lang=lang)
    if results.plan is not None and "roadmap" not in charts:
        charts["roadmap"] = roadmap_bytes(roadmap or roadmap_layout(results, config),
                                          ["svg"])[0]
    if results.funding is not None and "funding_gap" not in charts:
        from okosys_plan.charts.funding.draw import funding_chart_bytes
        from okosys_plan.charts.funding.layout import layout_bills, layout_gap

        charts["funding_gap"] = funding_chart_bytes(layout_gap(results.funding, lang), "svg")
        charts["funding_bills"] = funding_chart_bytes(layout_bills(results.funding, lang), "svg")
    if results.comparison is not None and "scenario_gap" not in charts:
        from okosys_plan.report.scenario_outputs import scenario_charts

        charts.update(scenario_charts(results, config))
    if results.chains is not None and "chain_1" not in charts:
        from okosys_plan.report.chain_outputs import chain_svgs

        charts.update(chain_svgs(results, lang))
    if results.chains is not None:
        from okosys_plan.charts.chains.readiness import layout_readiness

        ready = layout_readiness(results.chains.maps, lang)
        charts["chain_readiness"] = figure_bytes(figure_for(ready), "svg",
                                                 title=ready.texts.title,
                                                 description=ready.description)
    catalogue = results.checked.catalogue
    figures = layout_key_figures(catalogue.key_figures, lang) if catalogue else None
    if figures is not None:
        charts["key_figures"] = figure_bytes(figure_for(figures), "svg",
                                             title=figures.texts.title,
                                             description=figures.description)
    return charts


def audit_bytes(results: Results, written: list[Path]) -> bytes:
    """The run's audit record: input, version, settings, as-of date, and each file's hash."""
    from okosys_plan.run.pipeline import sha256

    record = results.audit.document()
    record["files"] = {p.name: sha256(p) for p in written}
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


#: The charts ``write_funding_outputs`` writes beside the workbook: name suffixes, formats.
OUTPUT_CHARTS = ("-gap", "-fordeling")

OUTPUT_FORMATS = (".png", ".svg")


def write_funding_outputs(analysis: FundingAnalysis, path: Path, *, lang: str = "nb",
                          force: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The workbook at ``path`` and both charts beside it as PNG and SVG; the paths written.

    For ``finansiering.xlsx``: ``finansiering-gap.png``/``.svg`` (cost against funding per
    year) and ``finansiering-fordeling.png``/``.svg`` (each agency's bill under each key).
    Every target is checked before the first is written.
    """
    from okosys_plan.charts.funding.save import write_chart_pairs

    pairs = _chart_pairs(path)
    check_outputs(funding_output_paths(path), force=force, inputs=inputs)
    write_funding_workbook(path, analysis, lang=lang, force=True)
    return [path, *write_chart_pairs(pairs, analysis, lang=lang, force=True)]


def funding_output_paths(path: Path) -> list[Path]:
    """What ``write_funding_outputs`` writes for a workbook at ``path``, in order."""
    return [path, *(p for pair in _chart_pairs(path) for p in pair)]


def _chart_pairs(path: Path) -> list[tuple[Path, Path]]:
    gap, bills = OUTPUT_CHARTS
    return [(path.with_name(f"{path.stem}{gap}{suffix}"),
             path.with_name(f"{path.stem}{bills}{suffix}")) for suffix in OUTPUT_FORMATS]
