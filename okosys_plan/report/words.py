"""The report's words in Norwegian (bokmål) and English."""

from __future__ import annotations

from typing import Any

from okosys_plan.text import say as text

# key: English text, the message id of its bokmål translation (text/locale)
_WORDS: dict[str, str] = {
    "title": "Common ecosystem: needs, priorities, roadmap and funding",
    "lead": "Report for {file}, as of {as_of}. Made by okosys-plan.",
    "summary": "Summary",
    "counts": "{needs} needs and {measures} measures; {errors} errors and {warnings} warnings "
              "in the catalogue.",
    "top": "The top five: {ids}.",
    "unplaced": "Could not be placed on the roadmap: {ids}.",
    "all_unplaced": "all are under “Not placed”",
    "problems": "Problems in the catalogue",
    "no_problems": "No problems found.",
    "problems_caption": "{count} problems, by sheet and cell",
    "problem_headers": "Sheet|Cell|Severity|Column|Problem|How to fix it",
    "error": "error",
    "warning": "warning",
    "priorities": "Priority list",
    "priorities_lead": "Method {method}. High from {high} points, Medium from {medium}. Legal "
                       "requirements rank first. Click a column header to sort.",
    "priority_headers": "Rank|ID|Title|Theme|Score|Class|Legal requirement|Effective "
                        "priority|Rank 5–95 %|In top K",
    "priority_caption": "All {count} needs in rank order",
    "priority_chart": "Points per criterion for the top 20 needs",
    "chart_table_headers": "Rank|ID|Title|Score",
    "show_table": "Show the table behind the chart",
    "rubric_show": "What the grades mean: the criteria's rubric",
    "rubric_headers": "Criterion|Grade|Meaning",
    "rubric_caption": "The rubric: an anchored text for each grade ({count} texts)",
    "yes": "Yes",
    "roadmap": "Roadmap",
    "roadmap_caption": "Veikart 2.0: the measures by theme along the timeline",
    "not_placed": "Not placed",
    "goals": "Goals and key figures",
    "goal_headers": "Goal|Result|Assessment",
    "key_figures": "Key figures",
    "key_figures_caption": "Key figures by year and group",
    "figure_headers": "Indicator|Group|Year|Value",
    "changes": "Changes since the previous version",
    "added": "{count} added",
    "removed": "{count} removed",
    "changed": "{count} fields changed",
    "rank_moves": "{count} rank moves",
    "moved": "{count} items moved in time",
    "funding": "Funding and gaps",
    "gap_opens": "The funding gap opens in {year}.",
    "no_gap": "No year has a funding gap.",
    "largest_gap": "Largest gap: {id} {title}, {amount} MNOK in {year}.",
    "gap_headers": "Year|Cost (MNOK)|Confirmed|Applied for|Gap|Gap if granted",
    "gap_caption": "Cost against confirmed and applied-for funding per year, with the gap",
    "bills": "What each agency pays",
    "agency": "Agency",
    "bills_caption": "Each agency's bill per cost-sharing key, {first}–{last} (MNOK)",
    "cofunding": "The co-funding scheme: are its rules met?",
    "cofunding_headers": "ID|Title|Project cost (MNOK)|Eligible|Rules not met",
    "cofunding_year": "Rules of year",
    "cofunding_source": "Co-funding rules of {year} used; source: {source}",
    "no": "No",
    "audit": "Audit record",
    "audit_input": "Input file",
    "audit_input_sha256": "SHA-256 of the input",
    "audit_okosys_plan": "okosys-plan version",
    "audit_as_of": "As of",
    "audit_settings": "Settings",
    # the section on several assessors (report.agreement)
    "chains_heading": "Service chains",
    "chains_lead": "{count} service-chain maps (Kart for tjenestekjeder): where each chain "
                   "breaks, at which level, and how far the needs that fix the breaks have "
                   "come — prioritised, planned on the roadmap, funded.",
    "chains_readiness": "Readiness per chain: the breaks, and how many of them have a need, "
                        "a prioritised need, a planned one and a funded one",
    "chains_share": "Planned and funded",
    "chains_no_breaks": "The map marks no break.",
    "chains_map_caption": "The service chain {chain}: rows, triggers and breaks",
    "scenarios_heading": "Scenarios",
    "scenarios_base": "the base",
    "scenarios_lead": "The base run and {count} scenarios side by side: {names}. Each line says "
                      "what differs from the base and why; the comparison workbook "
                      "(sammenligning.xlsx) has every difference.",
    "scenarios_overview": "The base and each scenario",
    "scenarios_none": "No differences from the base.",
    "scenarios_more": "The {shown} largest of {count} differences; the comparison workbook has "
                      "them all.",
    "scenarios_gap_caption": "The funding gap per year and scenario (MNOK)",
    "scenarios_slope_caption": "Rank moves from {base} to {name}",
    "scenarios_roadmap_caption": "The roadmap of {name}; the thin hatched bars are the base "
                                 "plan's periods",
    "scenarios_slope_headers": "ID|Title|Rank in the base|Rank in the scenario",
    "agreement_heading": "Agreement and disagreement",
    "agreement_assessors": "{count} assessors scored the needs on their own: {names}.",
    "agreement_low_cells": "The assessors agree little on {low} of {cells} needs × criteria; the "
                           "aggregate of their grades is the {rule}.",
    "agreement_outliers": "Far from the others on many needs (shown, not left out): {names}.",
    "agreement_no_outliers": "No assessor is far from the others on many needs.",
    "agreement_outlier": "{name} ({far} of {scored} needs)",
    "agreement_discussion": "For the meeting: the needs to discuss",
    "agreement_discussion_lead": "The needs whose class or place in the top K could change within "
                                 "the spread of the assessors' grades, most at stake first.",
    "agreement_no_discussion": "No need's class or place in the top K changes within the spread of"
                               " the assessors' grades.",
    "agreement_discussion_headers": "Rank|ID|Title|What could change|Score (low–high)|Criteria "
                                    "they disagree on|Comments",
    "agreement_discussion_caption": "{count} needs to discuss",
    "agreement_chart_caption": "The assessors' grades per criterion for the top {n} needs",
    "agreement_chart_headers": "Rank|ID|Criterion|Aggregate|Lowest|Highest|Agreement",
    # the status against the adopted baseline (report.content._status)
    "status": "Status against the adopted Veikart",
    "status_lead": "Every measure's start and end now against the adopted baseline ({source}, "
                   "decided {decided}, Skate case {case}), in quarters: + later, − earlier; "
                   "largest slippage first.",
    "status_caption": "{count} items against the adopted baseline",
    # the interactive Veikart (report.roadmap_view, report.roadmap_records)
    "detail_period": "Period",
    "detail_owner": "Owner",
    "detail_status": "Status",
    "detail_depends": "Depends on",
    "detail_needs": "Needs covered",
    "detail_funding": "Funding",
    "funding_figures": "{cost} MNOK, {confirmed} of it confirmed; gap {gap}",
    "measure_id": "ID",
    "measure_title": "Title",
    "measure_milestones": "Milestones",
    "measures_caption": "The roadmap's {count} measures: period, owner, status, dependencies, "
                        "needs and funding; each bar of the chart links to its row",
    "roadmap_view_caption": "Veikart 2.0: the measures by theme along the timeline. Each bar "
                            "links to its measure in the table below; point at it for its "
                            "details.",
    "filter_legend": "Filter the roadmap",
    "filter_all": "All",
    "filter_reset": "Show all",
    "filter_count": "Showing {shown} of {total} measures",
    "details_hint": "Point at a bar, or go to it with the Tab key, to see the measure's details "
                    "here; click it to go to its row in the table.",
}


def say(lang: str, key: str, **params: Any) -> str:
    """A report text in the language asked for."""
    return text.say(lang, _WORDS[key], **params)
