"""The report's sections, from the pipeline's results. Builds elements; never glues text.

Sections: summary, problems, priority list, the assessors' agreement (when assessments
were given), roadmap, the status against the adopted baseline (when one is given),
funding, the scenarios (when declared), goals and key figures, changes since a previous
version (when given), and the audit record.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from okosys_plan.catalogue.messages import hint, message
from okosys_plan.prioritise.explain import class_name
from okosys_plan.report.agreement import agreement_section
from okosys_plan.report.html import figure, page, render, sub, table
from okosys_plan.report.words import say
from okosys_plan.run.pipeline import Results
from okosys_plan.text.listing import capped
from okosys_plan.text.numbers import day, number

Section = Callable[[ET.Element, Results, dict[str, bytes], str], None]


def build_report(results: Results, charts: dict[str, bytes], lang: str = "nb",
                 changes: dict[str, Any] | None = None,
                 funding_section: Section | None = None, roadmap: Any = None) -> bytes:
    """The whole report as one self-contained HTML page (UTF-8 bytes).

    ``charts`` holds SVG bytes by name: ``priority``, ``agreement``, ``roadmap``,
    ``key_figures`` and any the funding section uses; ``roadmap`` is the layout the
    roadmap's SVG was drawn from (made with the run's defaults when not given).
    """
    title = say(lang, "title")
    html, main = page(lang, title)
    sub(main, "h1", title)
    sub(main, "p", say(lang, "lead", file=results.path.name,
                       as_of=day(results.audit.as_of, lang)), class_="lead")
    _summary(main, results, lang)
    _problems(main, results, lang)
    if results.prioritised is not None:
        _priorities(main, results, charts, lang)
    if results.agreement is not None:
        agreement_section(main, results, charts, lang)
    if results.plan is not None:
        _roadmap(main, results, charts, lang, roadmap)
    if results.status is not None:
        _status(main, results, lang)
    if funding_section is not None and results.funding is not None:
        funding_section(main, results, charts, lang)
    if results.comparison is not None:
        from okosys_plan.report.scenarios import scenarios_section

        scenarios_section(main, results, charts, lang)
    if results.chains is not None:
        from okosys_plan.report.chains import chains_section

        chains_section(main, results, charts, lang)
    _goals(main, results, charts, lang)
    if changes is not None:
        _changes(main, changes, lang)
    _audit(main, results, lang)
    return render(html)


#: The most IDs the summary names in one line; the full lists follow in their sections.
SUMMARY_IDS = 12


def _summary(main: ET.Element, results: Results, lang: str) -> None:
    sub(main, "h2", say(lang, "summary"))
    report, catalogue = results.checked.report, results.checked.catalogue
    facts = sub(main, "ul")
    if catalogue is not None and report is not None:
        sub(facts, "li", say(lang, "counts", needs=number(len(catalogue.needs), lang, 0),
                             measures=number(len(catalogue.measures), lang, 0),
                             errors=number(len(report.errors), lang, 0),
                             warnings=number(len(report.warnings), lang, 0)))
    if results.prioritised is not None:
        top = results.prioritised.ranking.needs[:5]
        sub(facts, "li", say(lang, "top", ids=", ".join(f"{s.id} {s.title}" for s in top)))
    if results.plan is not None:
        missing = [p.item.id for p in results.plan.items if not p.placed]
        # the section below lists every one, with its reason
        ids = capped(missing, lang, SUMMARY_IDS, where=say(lang, "all_unplaced")) or "–"
        sub(facts, "li", say(lang, "unplaced", ids=ids))


def _problems(main: ET.Element, results: Results, lang: str) -> None:
    sub(main, "h2", say(lang, "problems"))
    report = results.checked.report
    if report is None or not report.problems:
        sub(main, "p", say(lang, "no_problems"))
        return
    rows = [[p.sheet or "", p.cell or "", say(lang, p.severity.value), p.column or "",
             message(p, lang), hint(p, lang)] for p in report.problems]
    table(main, say(lang, "problem_headers").split("|"), rows,
          caption=say(lang, "problems_caption", count=number(len(rows), lang, 0)), sortable=True)


def _priorities(main: ET.Element, results: Results, charts: dict[str, bytes],
                lang: str) -> None:
    assert results.prioritised is not None
    ranking, stability = results.prioritised.ranking, results.prioritised.sensitivity
    sub(main, "h2", say(lang, "priorities"))
    sub(main, "p", say(lang, "priorities_lead", method=ranking.method.value,
                       high=number(ranking.thresholds.high, lang, 0),
                       medium=number(ranking.thresholds.medium, lang, 0)))
    headers = say(lang, "priority_headers").split("|")
    rows, classes = [], []
    for scored in ranking.needs:
        score = "" if scored.score is None else (number(scored.score, lang), scored.score)
        row: list[Any] = [(scored.rank, scored.rank), scored.id, scored.title,
                          scored.need.theme or "", score,
                          class_name(scored.priority, lang) if scored.priority else "",
                          say(lang, "yes") if scored.legal_requirement else "",
                          class_name(scored.effective_priority, lang)
                          if scored.effective_priority else ""]
        if stability is not None:
            s = stability.stability[scored.id]
            row.append((f"{s.rank_p05}–{s.rank_p95}", s.median_rank))
            row.append((f"{number(100 * s.p_top_k, lang, 0)}\u00a0%", s.p_top_k))
        rows.append(row)
        classes.append(scored.priority.value if scored.priority else None)
    if stability is None:
        headers = headers[:8]
    caption = say(lang, "priority_caption", count=number(len(rows), lang, 0))
    table(main, headers, rows, caption=caption, numeric=(0, 4, 8, 9), sortable=True,
          row_classes=classes)
    if "priority" in charts:
        top = [[s.rank, s.id, s.title, number(s.score or 0.0, lang)] for s in ranking.needs[:20]]
        figure(main, charts["priority"], "prioritet", say(lang, "priority_chart"),
               (say(lang, "chart_table_headers").split("|"), top, (0, 3)),
               say(lang, "show_table"))
    _rubric(main, ranking.criteria, lang)


def _rubric(main: ET.Element, criteria: Sequence[Any], lang: str) -> None:
    """The criteria's rubric, folded away: what each grade means (docs/rubric.md)."""
    rows = [[c.name, (str(score), score), text] for c in criteria for score, text in c.rubric]
    if not rows:
        return
    holder = sub(main, "details")
    sub(holder, "summary", say(lang, "rubric_show"))
    table(holder, say(lang, "rubric_headers").split("|"), rows, numeric=(1,),
          caption=say(lang, "rubric_caption", count=number(len(rows), lang, 0)))


def _roadmap(main: ET.Element, results: Results, charts: dict[str, bytes], lang: str,
             layout: Any = None) -> None:
    """The interactive Veikart (chart, measure table) and the items not placed."""
    from okosys_plan.report.roadmap_view import roadmap_view

    sub(main, "h2", say(lang, "roadmap"))
    assert results.plan is not None
    svg = charts.get("roadmap")
    if svg is not None:
        main.append(roadmap_view(results, lang, layout=layout, svg=svg))
    missing = [p for p in results.plan.items if not p.placed]
    if missing:
        from okosys_plan.roadmap.reasons import reason_text

        sub(main, "h3", say(lang, "not_placed"))
        items = sub(main, "ul")
        for planned in missing:
            sub(items, "li", f"{planned.item.id} {planned.item.title}: "
                             f"{reason_text(planned.reason, planned.reason_params, lang)}")


def _status(main: ET.Element, results: Results, lang: str) -> None:
    """Status veikartsaker: every item against the adopted baseline, largest slip first."""
    from okosys_plan.roadmap.baseline_present import status_headers, status_rows, status_text

    sub(main, "h2", say(lang, "status"))
    adopted = results.baseline
    sub(main, "p", say(lang, "status_lead", source=adopted.source or "–",
                       decided=day(adopted.decided, lang) if adopted.decided else "–",
                       case=adopted.case or "–"))
    sub(main, "p", status_text(results.status, lang).splitlines()[0])
    rows = [[c.isoformat() if hasattr(c, "isoformat") else c for c in row]
            for row in status_rows(results.status, lang)]
    table(main, status_headers(lang), rows, caption=say(lang, "status_caption",
                                                        count=len(rows)),
          numeric=(6, 7), sortable=True)


def _goals(main: ET.Element, results: Results, charts: dict[str, bytes], lang: str) -> None:
    catalogue = results.checked.catalogue
    if catalogue is None or not (catalogue.goals or catalogue.key_figures):
        return
    sub(main, "h2", say(lang, "goals"))
    if catalogue.goals:
        goals = [[g.goal, g.result or "", g.assessment or ""] for g in catalogue.goals]
        table(main, say(lang, "goal_headers").split("|"), goals, caption=say(lang, "goals"))
    if catalogue.key_figures:
        sub(main, "h3", say(lang, "key_figures"))
        rows: list[list[Any]] = [[f.indicator, f.group or "", f.year,
                                  (number(f.value, lang, 0), f.value)]
                                 for f in catalogue.key_figures]
        headers = say(lang, "figure_headers").split("|")
        if "key_figures" in charts:
            figure(main, charts["key_figures"], "nokkeltall", say(lang, "key_figures_caption"),
                   (headers, rows, (2, 3)), say(lang, "show_table"))
        else:
            table(main, headers, rows, caption=say(lang, "key_figures"), numeric=(2, 3))


def _changes(main: ET.Element, changes: dict[str, Any], lang: str) -> None:
    sub(main, "h2", say(lang, "changes"))
    kinds: Sequence[tuple[str, str]] = (("added", "added"), ("removed", "removed"),
                                        ("changed", "changed"), ("rank_moves", "rank_moves"),
                                        ("moved", "moved"))
    listed = sub(main, "ul")
    for key, label in kinds:
        sub(listed, "li", say(lang, label, count=number(len(changes.get(key, [])), lang, 0)))
    for entry in changes.get("added", [])[:50]:
        sub(listed, "li", f"+ {entry.get('kind', '')} {entry.get('id', '')} "
                          f"{entry.get('title', '')}")


def _audit(main: ET.Element, results: Results, lang: str) -> None:
    import json

    footer = sub(main, "footer")
    sub(footer, "h2", say(lang, "audit"))
    record = results.audit.document()
    listing = sub(footer, "dl", class_="audit")
    for key in ("input", "input_sha256", "okosys_plan", "as_of"):
        sub(listing, "dt", say(lang, f"audit_{key}"))
        sub(listing, "dd", record[key])
    sub(listing, "dt", say(lang, "audit_settings"))
    sub(listing, "dd", json.dumps(record["settings"], ensure_ascii=False, sort_keys=True))
