"""``run`` and ``report``: the whole job into fixed file names, and the HTML report.

The file names in the output folder are fixed (``RUN_FILES``, documented in
docs/exports.md). Every file is written atomically; a run over an existing folder replaces
its own files and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan import collector
from okosys_plan.commands import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, Outcome, exit_code
from okosys_plan.messages import error_text
from okosys_plan.pipeline import Progress, Results, RunConfig, quiet, run_pipeline
from okosys_plan.present import catalogue_summary, problems_table, summary_dict

#: What ``run`` writes, by role: fixed names (the roadmap's carries its horizon).
RUN_FILES = {
    "priority_workbook": "prioritert-behov.xlsx",
    "priority_chart": "prioritering.png",
    "priority_chart_svg": "prioritering.svg",
    "plan_workbook": "plan.xlsx",
    "roadmap": "veikart-{start}-{end}",
    "funding_workbook": "finansiering.xlsx",
    "report": "rapport.html",
    "audit": "revisjon.json",
}


@dataclass(frozen=True)
class RunRequest:
    """Where ``run`` writes and how it behaves."""

    output_dir: Path = Path("exports")
    as_of: date = date(2022, 1, 1)
    keep_going: bool = False
    config_file: Path | None = None  # an input too: never written over


def run_job(path: Path, config: RunConfig, request: RunRequest,
            progress: Progress = quiet,
            on_block: Callable[[int, int], None] | None = None) -> Outcome:
    """The whole job on one catalogue, with every output written into the folder."""
    with collector.settled() as settle:
        def stepping(step: str) -> None:
            """Report the step; what the steps before it made is settled (kept to the end)."""
            if step in SETTLE_BEFORE:
                settle()
            progress(step)

        return _run_job(path, config, request, stepping, on_block)


#: The steps before which the results made so far are settled (``collector.settled``).
SETTLE_BEFORE = frozenset({"prioritise", "write"})


def _run_job(path: Path, config: RunConfig, request: RunRequest, progress: Progress,
             on_block: Callable[[int, int], None] | None) -> Outcome:
    from okosys_plan.export.files import check_outputs

    inputs = run_inputs(path, config, request.config_file)
    fixed = [request.output_dir / name for role, name in RUN_FILES.items() if role != "roadmap"]
    check_outputs(fixed, force=True, inputs=inputs)  # the names known before any work
    results = run_pipeline(path, config, request.as_of, keep_going=request.keep_going,
                           progress=progress, on_block=on_block)
    checked, lang = results.checked, config.lang
    if checked.error is not None:
        line = f"okosys-plan: {error_text(checked.error, lang)}"
        return Outcome("", {"valid": False, "error": line}, EXIT_UNUSABLE, [line])
    assert checked.catalogue is not None and checked.report is not None
    text = catalogue_summary(checked.catalogue, checked.report, lang)
    if checked.report.problems:
        text = problems_table(checked.report.problems, lang) + "\n\n" + text
    document = summary_dict(checked.catalogue, checked.report, lang)
    document["audit"] = results.audit.document()
    code = exit_code([checked])
    if results.prioritised is None:
        return Outcome(text, document, code)
    progress("write")
    written = write_outputs(results, config, request.output_dir, progress, inputs)
    document.update(_outcome_facts(results, lang))
    document["files"] = [str(p) for p in written]
    text += "\n\n" + _closing_text(results, written, lang)
    return Outcome(text, document, EXIT_INVALID if code == EXIT_INVALID else EXIT_OK)


def _outcome_facts(results: Results, lang: str) -> dict[str, Any]:
    from okosys_plan.explain import need_document

    assert results.prioritised is not None and results.plan is not None
    ranking = results.prioritised.ranking
    from okosys_plan.report.funding import largest_gap

    worst = largest_gap(results.funding) if results.funding is not None else None
    return {"top": [need_document(s) for s in ranking.needs[:5]],
            "not_placed": [p.item.id for p in results.plan.items if not p.placed],
            "largest_gap": None if worst is None else {"id": worst[0], "title": worst[1],
                                                       "year": worst[2], "mnok": worst[3]}}


def _closing_text(results: Results, written: list[Path], lang: str) -> str:
    from okosys_plan.listing import LIST_MAX, capped_lines
    from okosys_plan.present_priority import top_table
    from okosys_plan.roadmap.reasons import reason_text

    assert results.prioritised is not None and results.plan is not None
    en = lang == "en"
    lines = [top_table(results.prioritised.ranking, top=5, lang=lang), ""]
    missing = [p for p in results.plan.items if not p.placed]
    lines.append("Not placed on the roadmap:" if en else "Ikke lagt inn i veikartet:")
    where = ("plan.xlsx lists them all" if en else "plan.xlsx viser alle")
    lines += capped_lines([f"  {p.item.id}: {reason_text(p.reason, p.reason_params, lang)}"
                           for p in missing], lang, LIST_MAX, where) or ["  –"]
    lines += ["", *_gap_lines(results, lang)]
    lines += ["", "Files written:" if en else "Filer skrevet:"]
    lines += [f"  {p}" for p in written]
    return "\n".join(lines)


def _gap_lines(results: Results, lang: str) -> list[str]:
    from okosys_plan.present import number
    from okosys_plan.report.funding import largest_gap

    if results.funding is None:
        return []
    opens, worst = results.funding.gap_opens(), largest_gap(results.funding)
    en = lang == "en"
    if opens is None or worst is None:
        return ["No funding gap." if en else "Ingen finansieringsgap."]
    amount = number(worst[3], lang)
    return [f"The funding gap opens in {opens}; the largest: {worst[0]} {worst[1]}, "
            f"{amount} MNOK in {worst[2]}." if en else
            f"Finansieringsgapet åpner i {opens}; størst: {worst[0]} {worst[1]}, "
            f"{amount} MNOK i {worst[2]}."]


def run_inputs(path: Path, config: RunConfig, config_file: Path | None = None
               ) -> tuple[Path, ...]:
    """Every file a run reads: the catalogue, the settings files; none is ever written."""
    from okosys_plan.bundled import bundled_settings

    found = (path, config_file, config.criteria_file, config.roadmap_file or bundled_settings())
    return tuple(p for p in found if p is not None)


def run_targets(results: Results, folder: Path, lang: str) -> list[Path]:
    """Every file a run writes into ``folder``, in the order written; the audit last."""
    from okosys_plan.charts.roadmap_save import roadmap_targets
    from okosys_plan.charts.save import chart_paths
    from okosys_plan.export.funding import funding_output_paths

    assert results.settings is not None and results.prioritised is not None
    with_intervals = results.prioritised.sensitivity is not None
    charts = [folder / RUN_FILES[role] for role in ("priority_chart", "priority_chart_svg")]
    stem = RUN_FILES["roadmap"].format(start=results.settings.start_year,
                                       end=results.settings.end_year)
    return [folder / RUN_FILES["priority_workbook"],
            *(p for chart in charts for p in chart_paths(chart, with_intervals, lang)),
            folder / RUN_FILES["plan_workbook"],
            *roadmap_targets([folder / f"{stem}{suffix}" for suffix in (".png", ".svg", ".pdf")]),
            *funding_output_paths(folder / RUN_FILES["funding_workbook"]),
            folder / RUN_FILES["report"], folder / RUN_FILES["audit"]]


def write_outputs(results: Results, config: RunConfig, folder: Path,
                  progress: Progress = quiet, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write every output of a run into ``folder``; return the paths in order.

    Every target is checked against every input first; then the old audit record goes,
    so that a run stopped half-way never leaves one describing files it does not match,
    and the new one is written last, once every file it lists is in place.
    """
    from okosys_plan.charts.save import write_priority_chart_formats
    from okosys_plan.export.files import check_outputs
    from okosys_plan.export.priority import write_priority_workbook
    from okosys_plan.export.sheets import write_sheets
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
                            inputs=inputs)
    written += write_priority_chart_formats(
        [folder / RUN_FILES["priority_chart"], folder / RUN_FILES["priority_chart_svg"]],
        ranking, stability, lang=lang, force=True, inputs=inputs)
    written.append(folder / RUN_FILES["plan_workbook"])
    write_sheets(written[-1], plan_tables(results.plan, lang), force=True, inputs=inputs)
    progress("roadmap")
    written += _write_roadmap(results, config, folder)
    written += _write_funding(results, config, folder)
    progress("report")
    report = folder / RUN_FILES["report"]
    from okosys_plan.export.files import write_bytes_atomic

    write_bytes_atomic(report, report_bytes(results, config, drawn=_drawn_svgs(written)))
    written.append(report)
    audit = folder / RUN_FILES["audit"]
    write_bytes_atomic(audit, audit_bytes(results, written))
    return [*written, audit]


def _drawn_svgs(written: list[Path]) -> dict[str, bytes]:
    """The SVG files of this run the report shows too: read back, not drawn again."""
    found: dict[str, bytes] = {}
    for path in (p for p in written if p.suffix == ".svg"):
        if path.name == RUN_FILES["priority_chart_svg"]:
            found["priority"] = path.read_bytes()
        elif path.name.startswith("veikart-"):
            found["roadmap"] = path.read_bytes()
        elif path.name.endswith("-gap.svg"):
            found["funding_gap"] = path.read_bytes()
        elif path.name.endswith("-fordeling.svg"):
            found["funding_bills"] = path.read_bytes()
    return found


def roadmap_layout(results: Results, config: RunConfig) -> Any:
    """The roadmap of the run: fixed and planned items, at the run's as-of date."""
    from okosys_plan.charts.roadmap_layout import layout_roadmap

    assert results.plan is not None and results.settings is not None
    catalogue = results.checked.catalogue
    return layout_roadmap(results.plan.placed_items(), results.settings,
                          as_of=results.audit.as_of, group_by=config.group_by,
                          colour_by=config.colour_by,
                          source_name=catalogue.source if catalogue else "", lang=config.lang)


def _write_roadmap(results: Results, config: RunConfig, folder: Path) -> list[Path]:
    from okosys_plan.charts.roadmap_save import write_roadmap_charts

    assert results.settings is not None
    stem = RUN_FILES["roadmap"].format(start=results.settings.start_year,
                                       end=results.settings.end_year)
    paths = [folder / f"{stem}{suffix}" for suffix in (".png", ".svg", ".pdf")]
    return write_roadmap_charts(paths, roadmap_layout(results, config), force=True,
                                inputs=(results.path,))


def _write_funding(results: Results, config: RunConfig, folder: Path) -> list[Path]:
    """The funding workbook and its charts."""
    from okosys_plan.funding import write_funding_outputs

    return write_funding_outputs(results.funding, folder / RUN_FILES["funding_workbook"],
                                 lang=config.lang, force=True, inputs=(results.path,))


def report_bytes(results: Results, config: RunConfig,
                 changes: dict[str, Any] | None = None,
                 drawn: dict[str, bytes] | None = None) -> bytes:
    """The HTML report of a run, with its charts inline as SVG (``drawn``: already made)."""
    from okosys_plan.report.content import build_report
    from okosys_plan.report.funding import funding_section

    return build_report(results, report_charts(results, config, drawn or {}), config.lang,
                        changes, funding_section)


def report_charts(results: Results, config: RunConfig,
                  drawn: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The report's charts as SVG bytes, by name; those in ``drawn`` are not drawn again."""
    from okosys_plan.charts.keyfigures import layout_key_figures
    from okosys_plan.charts.layout import layout_contributions
    from okosys_plan.charts.roadmap_save import roadmap_bytes
    from okosys_plan.charts.save import figure_bytes, figure_for

    charts: dict[str, bytes] = dict(drawn or {})
    lang = config.lang
    if results.prioritised is not None and "priority" not in charts:
        layout = layout_contributions(results.prioritised.ranking, 20, lang)
        charts["priority"] = figure_bytes(figure_for(layout), "svg", title=layout.texts.title,
                                          description=layout.description)
    if results.plan is not None and "roadmap" not in charts:
        charts["roadmap"] = roadmap_bytes(roadmap_layout(results, config), ["svg"])[0]
    if results.funding is not None and "funding_gap" not in charts:
        from okosys_plan.charts.funding_draw import funding_chart_bytes
        from okosys_plan.charts.funding_layout import layout_bills, layout_gap

        charts["funding_gap"] = funding_chart_bytes(layout_gap(results.funding, lang), "svg")
        charts["funding_bills"] = funding_chart_bytes(layout_bills(results.funding, lang), "svg")
    catalogue = results.checked.catalogue
    figures = layout_key_figures(catalogue.key_figures, lang) if catalogue else None
    if figures is not None:
        charts["key_figures"] = figure_bytes(figure_for(figures), "svg",
                                             title=figures.texts.title,
                                             description=figures.description)
    return charts


def audit_bytes(results: Results, written: list[Path]) -> bytes:
    """The run's audit record: input, version, settings, as-of date, and each file's hash."""
    from okosys_plan.pipeline import sha256

    record = results.audit.document()
    record["files"] = {p.name: sha256(p) for p in written}
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def report_job(path: Path, output: Path, config: RunConfig, as_of: date, *,
               since: Path | None = None, force: bool = False,
               config_file: Path | None = None) -> Outcome:
    """Write the HTML report of one catalogue (and what changed since ``since``)."""
    from okosys_plan.export.files import HTML, check_outputs, check_suffix, write_bytes_atomic
    from okosys_plan.paths import regular_input

    check_suffix(output, HTML)
    inputs = (*run_inputs(path, config, config_file), *((since,) if since else ()))
    check_outputs([output], force=force, inputs=inputs)
    if since is not None and since.exists():
        regular_input(since)  # a FIFO or device is refused before the work, not after
    results = run_pipeline(path, config, as_of)
    checked, lang = results.checked, config.lang
    if checked.error is not None:
        line = f"okosys-plan: {error_text(checked.error, lang)}"
        return Outcome("", {"valid": False, "error": line}, EXIT_UNUSABLE, [line])
    changes = _changes(since, path, config) if since is not None else None
    write_bytes_atomic(output, report_bytes(results, config, changes))
    document = {"valid": checked.report is not None and checked.report.valid,
                "output": str(output), "audit": results.audit.document()}
    return Outcome(str(output), document, exit_code([checked]))


def _changes(since: Path, path: Path, config: RunConfig) -> dict[str, Any]:
    """What changed since an older version of the catalogue."""
    from okosys_plan.diff_commands import changes_since

    return changes_since(since, path, max_unpacked=config.max_unpacked)
