"""A score in plain words: one need's points per criterion, or what sets two needs apart.

Pure: takes a ranking, returns text (nb or en) and JSON-ready dicts.
"""

from __future__ import annotations

import math
from typing import Any

from okosys_plan.catalogue.chains import breaks_fixed_by, fixes_text
from okosys_plan.catalogue.model import ChainElement, Criterion, Direction
from okosys_plan.prioritise.scoring import Method, PriorityClass, Ranking, ScoredNeed
from okosys_plan.text.numbers import number
from okosys_plan.text.rounding import RATIO_DECIMALS, SCORE_DECIMALS, shown_ratio
from okosys_plan.text.say import say, say_in

_CLASS_EN = {PriorityClass.HIGH: "High", PriorityClass.MEDIUM: "Medium",
             PriorityClass.LOW: "Low"}


def class_name(priority: PriorityClass | None, lang: str) -> str:
    """A priority class in the language asked for."""
    if priority is None:
        return say_in(lang, "explain", "no score")
    return say(lang, _CLASS_EN[priority])


def possible_points(ranking: Ranking, scored: ScoredNeed) -> dict[str, float]:
    """The most points each scored criterion can give this need (weights re-scaled)."""
    weights = {c.name: c.weight for c in ranking.criteria if c.name in scored.contributions}
    total = sum(weights.values())
    return {name: 100.0 * w / total if total else 0.0 for name, w in weights.items()}


def explain_need(ranking: Ranking, scored: ScoredNeed, lang: str = "nb",
                 chains: tuple[ChainElement, ...] = ()) -> str:
    """One need's score in plain words: each criterion's weight, grade and points; and,
    given the catalogue's service-chain elements, the breaks on the maps it fixes."""
    lines = [say(lang, "{id} '{title}'", id=scored.id, title=scored.title),
             _headline(ranking, scored, lang)]
    if scored.legal_requirement:
        lines.append(say(lang, "Legal requirement (Lovkrav): ranked ahead of every other need "
                               "whatever its score."))
    if scored.contributions:
        lines.append(say(lang, "Points per criterion (weight, grade → points of possible):"))
        lines.extend(_criterion_lines(ranking, scored, lang))
    if scored.missing:
        names = ", ".join(scored.missing)
        lines.append(say(lang, "Not scored: {names}. The score is computed on the other "
                               "criteria, whose weights are scaled up to sum to 1.", names=names))
    lines.extend(_method_lines(ranking, scored, lang))
    fixed = breaks_fixed_by(chains, scored.id)
    if fixed:
        lines.append(say(lang, "Mends the service chains: {places}.", places=fixes_text(fixed)))
    return "\n".join(lines)


def _headline(ranking: Ranking, scored: ScoredNeed, lang: str) -> str:
    n = len(ranking.needs)
    klass = class_name(scored.priority, lang)
    if scored.score is None:
        return (say(lang, "No score (no criterion is scored); rank {rank} of {n}.",
                          rank=scored.rank, n=n))
    score = number(scored.score, lang)
    return say(lang, "Score {score} of 100, rank {rank} of {n}, priority {klass}.", score=score,
                     rank=scored.rank, n=n, klass=klass)


def _criterion_lines(ranking: Ranking, scored: ScoredNeed, lang: str) -> list[str]:
    possible = possible_points(ranking, scored)
    width = max(len(_label(c, lang)) for c in ranking.criteria)
    lines = []
    for criterion in ranking.criteria:
        if criterion.name not in scored.contributions:
            continue
        grade = scored.need.scores.get(criterion.name)
        of = say(lang, "of")
        points = number(scored.contributions[criterion.name], lang, 2)
        lines.append(f"  {_label(criterion, lang):<{width}}  "
                     f"{number(100 * criterion.weight, lang, 0):>3} %  "
                     f"{_grade(grade, lang)} {of} {criterion.scale_max}  →  {points:>5} {of} "
                     f"{number(possible[criterion.name], lang, 2):>5}")
        lines.extend(f"      {quote}" for quote in rubric_quotes(criterion, grade))
    return lines


def _grade(grade: float | None, lang: str) -> str:
    """A grade as typed (3), or an aggregate as the language writes it (3,5)."""
    if grade is None:
        return "–"
    return str(int(grade)) if float(grade).is_integer() else number(grade, lang)


def rubric_quotes(criterion: Criterion, grade: float | None) -> list[str]:
    """The rubric's anchored text for ``grade`` (``3: …``), when the criterion has one.

    A fractional grade (an aggregate such as 3.5) quotes its two whole neighbours, so the
    reader sees what it lies between; a grade with no text quotes nothing.
    """
    if grade is None or not criterion.rubric:
        return []
    texts = dict(criterion.rubric)
    scores = [int(grade)] if float(grade).is_integer() else [math.floor(grade),
                                                              math.ceil(grade)]
    return [f"{score}: «{texts[score]}»" for score in scores if score in texts]


def _label(criterion: Criterion, lang: str) -> str:
    if criterion.direction is Direction.COST:
        note = say(lang, "cost: higher is worse")
        return f"{criterion.name} ({note})"
    return criterion.name


def _method_lines(ranking: Ranking, scored: ScoredNeed, lang: str) -> list[str]:
    lines = []
    if ranking.method is Method.NNV:
        if scored.npv_ratio is not None:
            ratio = number(scored.npv_ratio, lang, RATIO_DECIMALS)
            lines.append(say(lang, "Net present value per invested krone: {ratio} (the nnv "
                                   "method ranks by this, then by score).", ratio=ratio))
        elif scored.unranked_reason is not None:
            lines.append(say(lang, _REASONS[scored.unranked_reason]))
    if scored.effective_from is not None or scored.effective_priority != scored.priority:
        klass = class_name(scored.effective_priority, lang)
        lines.append(
            say(lang, "Effective priority {klass}, effective rank {effective_rank}: needs that "
                      "depend on this one ({lifter} ranks highest) lift it.", klass=klass,
                      effective_rank=scored.effective_rank,
                      lifter=scored.effective_from or scored.id))
    return lines


_REASONS = {
    "missing-npv": "Listed after the needs with a net present value: no Netto nåverdi given.",
    "missing-investment": "Listed after the needs with a net present value: no Investering given.",
    "zero-investment": "Listed after the needs with a net present value: Investering is 0, so "
                       "value per krone cannot be computed.",
}


def reason_text(code: str, lang: str = "nb") -> str:
    """Why a need is listed after the rest under method nnv, in words."""
    return say(lang, _REASONS[code])


def differences(first: ScoredNeed, second: ScoredNeed) -> dict[str, float]:
    """Points per criterion of ``first`` minus ``second``; they sum to the score difference."""
    names = list(dict.fromkeys([*first.contributions, *second.contributions]))
    return {name: first.contributions.get(name, 0.0) - second.contributions.get(name, 0.0)
            for name in names}


def explain_pair(ranking: Ranking, first: ScoredNeed, second: ScoredNeed,
                 lang: str = "nb") -> str:
    """Which criteria put one need above the other, and by how many points."""
    upper, lower = (first, second) if first.rank <= second.rank else (second, first)
    lines = [_pair_headline(upper, lower, lang), *_pair_reason(ranking, upper, lower, lang)]
    diff = differences(upper, lower)
    if diff:
        lines.append(say(lang, "Points per criterion, {id} minus {id2} (largest first):",
                               id=upper.id, id2=lower.id))
        width = max(len(name) for name in diff)
        for name, points in sorted(diff.items(), key=lambda item: (-abs(item[1]), item[0])):
            sign = "+" if points > 0.005 else ""
            lines.append(f"  {name:<{width}}  {sign}{number(points, lang, 2)}")
    return "\n".join(lines)


def _pair_headline(upper: ScoredNeed, lower: ScoredNeed, lang: str) -> str:
    return say(lang, "{id} is ranked above {id2} (rank {rank} against {rank4}).", id=upper.id,
                     id2=lower.id, rank=upper.rank, rank4=lower.rank)


def _pair_reason(ranking: Ranking, upper: ScoredNeed, lower: ScoredNeed,
                 lang: str) -> list[str]:
    if upper.legal_requirement and not lower.legal_requirement:
        return [say(lang, "{id} is a legal requirement (Lovkrav) and goes first whatever its "
                          "score.", id=upper.id)]
    if ranking.method is Method.NNV and (shown_ratio(upper.npv_ratio)
                                         != shown_ratio(lower.npv_ratio)):
        if lower.npv_ratio is None:
            return [say(lang, "{id} has no net present value per krone, so it is listed after "
                              "the needs that have one.", id=lower.id)]
        ratios = (number(upper.npv_ratio or 0.0, lang, RATIO_DECIMALS),
                  number(lower.npv_ratio, lang, RATIO_DECIMALS))
        return [say(lang, "Net present value per krone: {upper} against {lower}.",
                          upper=ratios[0], lower=ratios[1])]
    if upper.score is None or lower.score is None:
        return []
    gap = upper.score - lower.score  # both as shown, so equal means shown equal
    scores = (number(upper.score, lang, SCORE_DECIMALS), number(lower.score, lang, SCORE_DECIMALS))
    if upper.score == lower.score:
        return [say(lang, "Equal scores ({score}); the ID decides.", score=scores[0])]
    return [say(lang, "Score {upper} against {lower}: {gap} points more.", upper=scores[0],
                      lower=scores[1], gap=number(gap, lang, SCORE_DECIMALS))]


def need_document(scored: ScoredNeed) -> dict[str, Any]:
    """One scored need as the JSON output shows it."""
    return {
        "id": scored.id,
        "title": scored.title,
        "theme": scored.need.theme,
        "score": scored.score,
        "exact_score": scored.exact_score,
        "rank": scored.rank,
        "class": scored.priority.value if scored.priority else None,
        "legal_requirement": scored.legal_requirement,
        "incomplete": scored.incomplete,
        "missing": list(scored.missing),
        "contributions": dict(scored.contributions),
        "effective_priority": (scored.effective_priority.value
                               if scored.effective_priority else None),
        "effective_rank": scored.effective_rank,
        "effective_from": scored.effective_from,
        "npv_ratio": scored.npv_ratio,
        "unranked_reason": scored.unranked_reason,
    }
