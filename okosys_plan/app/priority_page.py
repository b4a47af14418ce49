"""Prioritering: the ranking with its stability, the criterion weights and class limits as
fields, re-ranked when they change, and any need's score explained.

The page ranks the catalogue checked last on the Katalog page (the bundled one when none
was). Weights are read as typed (a comma or a point), must be numbers from 0 to 1 000 and
not all 0 (they are scaled to sum to 1, as the library does), and the limits are scores
0–100 with Høy above Middels; a wrong value is said beside its field and nothing is
ranked until it is right.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, render_template, request, url_for

from okosys_plan.app.current import current_catalogue
from okosys_plan.app.server import page_lang
from okosys_plan.app.typed import number_or_none, plain
from okosys_plan.text.say import say

pages = Blueprint("priority", __name__)
DRAWS = 1000  # the page's sensitivity run (benchmarks/app_speed.py: < 0.3 s for 1 000 needs)
MAX_WEIGHT = 1000.0


@pages.route("/prioritering", methods=["GET", "POST"])
def priority() -> str:
    """The ranking, with the weights and limits the user typed (or the catalogue's), on
    the members' assessments when some are given."""
    from okosys_plan.app.assessments import discussion_rows, given_assessments

    checked = current_catalogue()
    lang = page_lang()
    if checked is None:
        return render_template("prioritering.html", ready=False)
    catalogue = checked.catalogue
    fields, errors = _fields(catalogue, request.form if request.method == "POST" else
                             request.args)
    read = given_assessments(catalogue, checked.path)
    ranked = assessed = None
    if not errors:
        ranked, assessed = _ranked(catalogue, fields, read)
    explained = _explained(ranked, request.args.get("behov"), lang)
    heads, talk = discussion_rows(assessed, lang) if assessed else ([], [])
    return render_template("prioritering.html", ready=True, fields=fields, errors=errors,
                           rows=_rows(ranked, lang) if ranked else [], name=checked.path.name,
                           counts=_counts(ranked, lang),
                           explained=explained,
                           link=_link(lang, fields), read=read,
                           assessed=assessed is not None, talk_heads=heads, talk=talk)


def _link(lang: str, fields: dict[str, Any]) -> str:
    """The page's address with the typed weights and limits (each need's explanation link
    adds its ID: one address made, not one per row)."""
    weights = {f"weight-{index}": typed for index, typed in fields["weights"].values()}
    arguments: dict[str, Any] = {"lang": lang, **weights, "high": fields["high"],
                                 "medium": fields["medium"]}
    return url_for("priority.priority", **arguments)


def _fields(catalogue: Any, form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The weights and limits as typed (or the catalogue's), and what is wrong with them."""
    from okosys_plan.prioritise.options import HIGH, MEDIUM

    lang = page_lang()
    values: dict[str, Any] = {"weights": {}, "high": form.get("high", plain(HIGH.default, lang)),
                              "medium": form.get("medium", plain(MEDIUM.default, lang))}
    errors: dict[str, str] = {}
    for index, criterion in enumerate(catalogue.scored_criteria):
        typed = form.get(f"weight-{index}", plain(criterion.weight, lang))
        values["weights"][criterion.name] = (index, typed)
        number = number_or_none(typed)
        if number is None or not 0 <= number <= MAX_WEIGHT:
            errors[f"weight-{index}"] = say(lang, "A weight is a number from 0 to {most}.",
                                            most=plain(MAX_WEIGHT, lang))
    weights = [number_or_none(t) for _, t in values["weights"].values()]
    if not errors and not any(w for w in weights if w):
        errors["weights"] = say(lang, "At least one weight must be above 0.")
    high, medium = number_or_none(values["high"]), number_or_none(values["medium"])
    for key, limit in (("high", high), ("medium", medium)):
        if limit is None or not 0 <= limit <= 100:
            errors[key] = say(lang, "A limit is a score from 0 to 100.")
    if "high" not in errors and "medium" not in errors and high is not None and \
            medium is not None and medium >= high:
        errors["medium"] = say(lang, "Middels must start below Høy.")
    return values, errors


def _ranked(catalogue: Any, fields: dict[str, Any], read: Any) -> tuple[Any, Any]:
    """The catalogue ranked with the typed weights and limits, with a sensitivity run: on
    the assessments when they can be used (then also their ``Assessed``), else on the
    catalogue's own scores."""
    from okosys_plan.app.assessments import ranked_on
    from okosys_plan.prioritise.api import PriorityOptions, prioritise
    from okosys_plan.prioritise.scoring import Thresholds

    typed = {name: number_or_none(text) for name, (_, text) in fields["weights"].items()}
    criteria = tuple(replace(c, weight=typed[c.name]) if c.name in typed else c
                     for c in catalogue.criteria)
    options = PriorityOptions(thresholds=Thresholds(number_or_none(fields["high"]) or 0.0,
                                                    number_or_none(fields["medium"]) or 0.0),
                              draws=DRAWS)
    weighted = replace(catalogue, criteria=criteria)
    if read is not None and read.usable:
        assessed = ranked_on(weighted, read, options)
        return assessed.prioritised, assessed
    return prioritise(weighted, options), None


def _rows(prioritised: Any, lang: str) -> list[dict[str, Any]]:
    """The ranking's rows: rank, ID, title, score, class, rank interval, chance of top K."""
    from okosys_plan.prioritise.explain import class_name
    from okosys_plan.prioritise.present import marks
    from okosys_plan.text.numbers import number, percent

    stability = prioritised.sensitivity.stability if prioritised.sensitivity else {}
    rows = []
    for scored in prioritised.ranking.needs:
        found = stability.get(scored.id)
        rows.append({"rank": scored.rank, "id": scored.id, "title": scored.title,
                     "marks": marks(scored),
                     "score": "" if scored.score is None else number(scored.score, lang),
                     "class": class_name(scored.priority, lang),
                     "interval": f"{found.rank_p05}–{found.rank_p95}" if found else "",
                     "top": percent(100 * found.p_top_k, lang) if found else ""})
    return rows


def _counts(prioritised: Any, lang: str) -> str:
    """How many needs of each class, and what the marks § and * mean ('' unranked)."""
    from okosys_plan.prioritise.present import counts_line

    return "" if prioritised is None else counts_line(prioritised.ranking, lang)


def _explained(prioritised: Any, need: str | None, lang: str) -> str:
    """One need's score in words, when the page asks for it."""
    from okosys_plan.prioritise.explain import explain_need

    if prioritised is None or not need:
        return ""
    scored = prioritised.ranking.find(need)
    return "" if scored is None else explain_need(prioritised.ranking, scored, lang)
