"""A score in plain words: one need's points per criterion, or what sets two needs apart.

Pure: takes a ranking, returns text (nb or en) and JSON-ready dicts.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.model import Criterion, Direction
from okosys_plan.prioritise.scoring import Method, PriorityClass, Ranking, ScoredNeed
from okosys_plan.text.numbers import number
from okosys_plan.text.rounding import RATIO_DECIMALS, SCORE_DECIMALS, shown_ratio

_CLASS_EN = {PriorityClass.HIGH: "High", PriorityClass.MEDIUM: "Medium",
             PriorityClass.LOW: "Low"}


def class_name(priority: PriorityClass | None, lang: str) -> str:
    """A priority class in the language asked for."""
    if priority is None:
        return "no score" if lang == "en" else "uten poengsum"
    return _CLASS_EN[priority] if lang == "en" else priority.value


def possible_points(ranking: Ranking, scored: ScoredNeed) -> dict[str, float]:
    """The most points each scored criterion can give this need (weights re-scaled)."""
    weights = {c.name: c.weight for c in ranking.criteria if c.name in scored.contributions}
    total = sum(weights.values())
    return {name: 100.0 * w / total if total else 0.0 for name, w in weights.items()}


def explain_need(ranking: Ranking, scored: ScoredNeed, lang: str = "nb") -> str:
    """One need's score in plain words: each criterion's weight, grade and points."""
    en = lang == "en"
    lines = [f"{scored.id} «{scored.title}»" if not en else f"{scored.id} '{scored.title}'",
             _headline(ranking, scored, lang)]
    if scored.legal_requirement:
        lines.append("Legal requirement (Lovkrav): ranked ahead of every other need whatever "
                     "its score." if en else "Lovkrav: rangeres foran alle andre behov "
                     "uansett poengsum.")
    if scored.contributions:
        lines.append("Points per criterion (weight, grade → points of possible):" if en else
                     "Poeng per kriterium (vekt, karakter → poeng av mulige):")
        lines.extend(_criterion_lines(ranking, scored, lang))
    if scored.missing:
        names = ", ".join(scored.missing)
        lines.append(f"Not scored: {names}. The score is computed on the other criteria, "
                     "whose weights are scaled up to sum to 1." if en else
                     f"Mangler karakter: {names}. Poengsummen regnes på de øvrige kriteriene, "
                     "med vektene skalert opp til summen 1.")
    lines.extend(_method_lines(ranking, scored, lang))
    return "\n".join(lines)


def _headline(ranking: Ranking, scored: ScoredNeed, lang: str) -> str:
    n = len(ranking.needs)
    klass = class_name(scored.priority, lang)
    if scored.score is None:
        return (f"No score (no criterion is scored); rank {scored.rank} of {n}." if lang == "en"
                else f"Ingen poengsum (ingen kriterier har karakter); rang {scored.rank} av {n}.")
    score = number(scored.score, lang)
    if lang == "en":
        return f"Score {score} of 100, rank {scored.rank} of {n}, priority {klass}."
    return f"Poengsum {score} av 100, rang {scored.rank} av {n}, prioritet {klass}."


def _criterion_lines(ranking: Ranking, scored: ScoredNeed, lang: str) -> list[str]:
    possible = possible_points(ranking, scored)
    width = max(len(_label(c, lang)) for c in ranking.criteria)
    lines = []
    for criterion in ranking.criteria:
        if criterion.name not in scored.contributions:
            continue
        grade = scored.need.scores.get(criterion.name)
        of = "of" if lang == "en" else "av"
        points = number(scored.contributions[criterion.name], lang, 2)
        lines.append(f"  {_label(criterion, lang):<{width}}  "
                     f"{number(100 * criterion.weight, lang, 0):>3} %  "
                     f"{grade} {of} {criterion.scale_max}  →  {points:>5} {of} "
                     f"{number(possible[criterion.name], lang, 2):>5}")
    return lines


def _label(criterion: Criterion, lang: str) -> str:
    if criterion.direction is Direction.COST:
        note = "cost: higher is worse" if lang == "en" else "kostnad: høyere er verre"
        return f"{criterion.name} ({note})"
    return criterion.name


def _method_lines(ranking: Ranking, scored: ScoredNeed, lang: str) -> list[str]:
    en = lang == "en"
    lines = []
    if ranking.method is Method.NNV:
        if scored.npv_ratio is not None:
            ratio = number(scored.npv_ratio, lang, RATIO_DECIMALS)
            lines.append(f"Net present value per invested krone: {ratio} (the nnv method ranks "
                         "by this, then by score)." if en else
                         f"Netto nåverdi per investert krone: {ratio} (metoden nnv rangerer "
                         "etter dette, så etter poengsum).")
        elif scored.unranked_reason is not None:
            lines.append(_REASONS[scored.unranked_reason][1 if en else 0])
    if scored.effective_from is not None or scored.effective_priority != scored.priority:
        klass = class_name(scored.effective_priority, lang)
        lines.append(
            f"Effective priority {klass}, effective rank {scored.effective_rank}: needs that "
            f"depend on this one ({scored.effective_from or scored.id} ranks highest) lift it."
            if en else
            f"Effektiv prioritet {klass}, effektiv rang {scored.effective_rank}: behov som "
            f"avhenger av dette ({scored.effective_from or scored.id} rangeres høyest) løfter det.")
    return lines


_REASONS = {
    "missing-npv": ("Listet etter behovene med netto nåverdi: mangler Netto nåverdi.",
                    "Listed after the needs with a net present value: no Netto nåverdi given."),
    "missing-investment": ("Listet etter behovene med netto nåverdi: mangler Investering.",
                           "Listed after the needs with a net present value: no Investering "
                           "given."),
    "zero-investment": ("Listet etter behovene med netto nåverdi: Investering er 0, så nåverdi "
                        "per krone kan ikke regnes ut.",
                        "Listed after the needs with a net present value: Investering is 0, so "
                        "value per krone cannot be computed."),
}


def reason_text(code: str, lang: str = "nb") -> str:
    """Why a need is listed after the rest under method nnv, in words."""
    return _REASONS[code][1 if lang == "en" else 0]


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
        lines.append(f"Points per criterion, {upper.id} minus {lower.id} (largest first):"
                     if lang == "en" else
                     f"Poeng per kriterium, {upper.id} minus {lower.id} (største først):")
        width = max(len(name) for name in diff)
        for name, points in sorted(diff.items(), key=lambda item: (-abs(item[1]), item[0])):
            sign = "+" if points > 0.005 else ""
            lines.append(f"  {name:<{width}}  {sign}{number(points, lang, 2)}")
    return "\n".join(lines)


def _pair_headline(upper: ScoredNeed, lower: ScoredNeed, lang: str) -> str:
    if lang == "en":
        return f"{upper.id} is ranked above {lower.id} (rank {upper.rank} against {lower.rank})."
    return f"{upper.id} er rangert foran {lower.id} (rang {upper.rank} mot {lower.rank})."


def _pair_reason(ranking: Ranking, upper: ScoredNeed, lower: ScoredNeed,
                 lang: str) -> list[str]:
    en = lang == "en"
    if upper.legal_requirement and not lower.legal_requirement:
        return [f"{upper.id} is a legal requirement (Lovkrav) and goes first whatever its score."
                if en else f"{upper.id} er lovkrav og går foran uansett poengsum."]
    if ranking.method is Method.NNV and (shown_ratio(upper.npv_ratio)
                                         != shown_ratio(lower.npv_ratio)):
        if lower.npv_ratio is None:
            return [f"{lower.id} has no net present value per krone, so it is listed after the "
                    "needs that have one." if en else f"{lower.id} mangler netto nåverdi per "
                    "krone og er derfor listet etter behovene som har det."]
        ratios = (number(upper.npv_ratio or 0.0, lang, RATIO_DECIMALS),
                  number(lower.npv_ratio, lang, RATIO_DECIMALS))
        return [f"Net present value per krone: {ratios[0]} against {ratios[1]}." if en else
                f"Netto nåverdi per krone: {ratios[0]} mot {ratios[1]}."]
    if upper.score is None or lower.score is None:
        return []
    gap = upper.score - lower.score  # both as shown, so equal means shown equal
    scores = (number(upper.score, lang, SCORE_DECIMALS), number(lower.score, lang, SCORE_DECIMALS))
    if upper.score == lower.score:
        return [f"Equal scores ({scores[0]}); the ID decides." if en else
                f"Lik poengsum ({scores[0]}); ID-en avgjør."]
    return [f"Score {scores[0]} against {scores[1]}: {number(gap, lang, SCORE_DECIMALS)} points "
            "more."
            if en else f"Poengsum {scores[0]} mot {scores[1]}: {number(gap, lang, SCORE_DECIMALS)} "
            "poeng mer."]


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
