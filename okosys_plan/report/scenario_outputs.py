"""The run's scenario files: the comparison workbook and its charts (with scenarios only).

``sammenligning.xlsx`` (the sheets of ``run.scenario_present.comparison_tables``),
``sammenligning-gap.png``/``.svg`` (the funding gap per year and scenario) and, for the
N-th scenario whose ranks differ from the base's, ``sammenligning-rang-N.png``/``.svg``
(its rank moves against the base); for the N-th whose plan differs,
``sammenligning-veikart-N.png``/``.svg`` (its roadmap over the base plan's ghost bars).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from okosys_plan.run.pipeline import Results, RunConfig

WORKBOOK = "sammenligning.xlsx"
GAP = "sammenligning-gap"
SLOPE = "sammenligning-rang-{n}"
ROADMAP = "sammenligning-veikart-{n}"
FORMATS = (".png", ".svg")


def scenario_targets(results: Results, folder: Path) -> list[Path]:
    """What ``write_scenario_outputs`` writes into ``folder``, in order (none without)."""
    if results.comparison is None:
        return []
    from okosys_plan.charts.roadmap.save import roadmap_targets

    stems = [GAP, *(SLOPE.format(n=n) for n in reranked(results.comparison))]
    roadmaps = [path for n in replanned(results.comparison) for path in roadmap_targets(
        [folder / f"{ROADMAP.format(n=n)}{suffix}" for suffix in FORMATS])]
    return [folder / WORKBOOK, *(folder / f"{stem}{suffix}" for stem in stems
                                 for suffix in FORMATS), *roadmaps]


def write_scenario_outputs(results: Results, config: RunConfig, folder: Path,
                           inputs: tuple[Path, ...] = ()) -> list[Path]:
    """The comparison workbook and its charts; the caller has checked every target."""
    from okosys_plan.charts.scenarios.save import write_gap_charts, write_slope_charts
    from okosys_plan.export.sheets import write_sheets
    from okosys_plan.run.scenario_present import comparison_tables

    comparison, lang = results.comparison, config.lang
    if comparison is None:
        return []
    written = [folder / WORKBOOK]
    write_sheets(written[0], comparison_tables(comparison, lang), force=True, inputs=inputs)
    written += write_gap_charts([folder / f"{GAP}{s}" for s in FORMATS], gaps(comparison, lang),
                                lang=lang, force=True, inputs=inputs)
    base = _base(comparison, lang)
    for n in reranked(comparison):
        run = comparison.scenarios[n - 1]
        written += write_slope_charts(
            [folder / f"{SLOPE.format(n=n)}{s}" for s in FORMATS], base,
            (run.name, run.prioritised.ranking), top_k=comparison.top_k, lang=lang,
            force=True, inputs=inputs)
    for n in replanned(comparison):
        from okosys_plan.charts.roadmap.save import write_roadmap_charts

        written += write_roadmap_charts([folder / f"{ROADMAP.format(n=n)}{s}" for s in FORMATS],
                                        overlay(results, config, n), force=True, inputs=inputs)
    return written


def overlay(results: Results, config: RunConfig, n: int) -> Any:
    """The roadmap of the n-th scenario with the base plan's periods as ghost bars."""
    from okosys_plan.charts.roadmap.layout import layout_roadmap
    from okosys_plan.charts.roadmap.reference import plan_reference
    from okosys_plan.text.say import say

    comparison, lang = results.comparison, config.lang
    run = comparison.scenarios[n - 1]
    placed = run.plan.placed_items()
    label = say(lang, "The base plan")
    scenario = say(lang, "Scenario {name} over the base plan", name=run.name)
    settings = replace(run.settings, subtitle=" · ".join(
        t for t in (scenario, run.settings.subtitle) if t))
    catalogue = results.checked.catalogue
    return layout_roadmap(placed, settings, as_of=results.audit.as_of,
                          group_by=config.group_by, colour_by=config.colour_by,
                          source_name=catalogue.source if catalogue else "", lang=lang,
                          reference=plan_reference(comparison.base.plan.placed_items(),
                                                   placed, label))


def replanned(comparison: Any) -> list[int]:
    """The scenarios (numbered from 1) whose plan dates an item otherwise than the base's,
    or places other items: an overlaid roadmap each."""
    def spans(run: Any) -> list[tuple[str, Any, Any]]:
        return [(p.item.id, p.item.start, p.item.end) for p in run.plan.items if p.placed]

    base = spans(comparison.base)
    return [n for n, run in enumerate(comparison.scenarios, start=1) if spans(run) != base]


def drawn_scenario_svgs(written: list[Path]) -> dict[str, bytes]:
    """The report's scenario charts from this run's SVG files (read back, not drawn again)."""
    found: dict[str, bytes] = {}
    for path in written:
        if path.name == f"{GAP}.svg":
            found["scenario_gap"] = path.read_bytes()
        elif path.suffix == ".svg" and path.stem.startswith(SLOPE.format(n="")):
            found[f"scenario_slope_{path.stem.rsplit('-', 1)[1]}"] = path.read_bytes()
        elif path.suffix == ".svg" and path.stem.startswith(ROADMAP.format(n="")):
            found[f"scenario_roadmap_{path.stem.rsplit('-', 1)[1]}"] = path.read_bytes()
    return found


def scenario_charts(results: Results, config: RunConfig) -> dict[str, bytes]:
    """The report's scenario charts as SVG bytes (``report`` without a run's files)."""
    from okosys_plan.charts.roadmap.save import roadmap_bytes
    from okosys_plan.charts.scenarios.save import gap_svg, slope_svg

    lang = config.lang

    comparison = results.comparison
    if comparison is None:
        return {}
    charts = {"scenario_gap": gap_svg(gaps(comparison, lang), lang=lang)}
    base = _base(comparison, lang)
    for n in reranked(comparison):
        run = comparison.scenarios[n - 1]
        charts[f"scenario_slope_{n}"] = slope_svg(base, (run.name, run.prioritised.ranking),
                                                  top_k=comparison.top_k, lang=lang)
    for n in replanned(comparison):
        charts[f"scenario_roadmap_{n}"] = roadmap_bytes(overlay(results, config, n), ["svg"])[0]
    return charts


def reranked(comparison: Any) -> list[int]:
    """The scenarios (numbered from 1) whose ranking differs from the base's: a slope chart
    each (one whose ranks are all the base's has no chart)."""
    def ranks(run: Any) -> list[tuple[str, int]]:
        return [(s.id, s.rank) for s in run.prioritised.ranking.needs]

    base = ranks(comparison.base)
    return [n for n, run in enumerate(comparison.scenarios, start=1) if ranks(run) != base]


def gaps(comparison: Any, lang: str) -> list[tuple[str, dict[int, float]]]:
    """(name, {year: gap}) of the base, then each scenario: the gap chart's data."""
    from okosys_plan.text.say import say

    return [(run.name or _capital(say(lang, "base")), run.gap()) for run in comparison.runs]


def _base(comparison: Any, lang: str) -> tuple[str, Any]:
    from okosys_plan.text.say import say

    return (_capital(say(lang, "base")), comparison.base.prioritised.ranking)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]
