"""The priority list for a terminal: the top of the ranking and what the sensitivity found."""

from __future__ import annotations

from okosys_plan.prioritise.explain import class_name
from okosys_plan.prioritise.scoring import PriorityClass, Ranking, ScoredNeed
from okosys_plan.prioritise.sensitivity import Sensitivity, WeightChange
from okosys_plan.text.numbers import number, percent
from okosys_plan.text.say import say

_TITLE_WIDTH = 48


def _short(text: str, width: int = _TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def top_table(ranking: Ranking, sensitivity: Sensitivity | None = None, *, top: int = 20,
              lang: str = "nb") -> str:
    """The top ``top`` needs: rank, ID, title, score and class (and rank interval)."""
    head = [say(lang, w) for w in ("Rank", "ID", "Title", "Score", "Class")]
    if sensitivity is not None:
        head += [say(lang, "Rank 5–95 %"), say(lang, "P(top {top_k})", top_k=sensitivity.top_k)]
    rows = [_row(ranking, i, sensitivity, lang) for i in range(min(top, len(ranking.needs)))]
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
    right = {0, 3, 5, 6}
    lines = ["  ".join(cell.rjust(w) if c in right else cell.ljust(w)
                       for c, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
             for row in [head, *rows]]
    lines.insert(1, "  ".join("─" * w for w in widths))
    lines.append("")
    lines.append(counts_line(ranking, lang))
    if sensitivity is not None:
        lines.extend(sensitivity_lines(ranking, sensitivity, lang))
    return "\n".join(lines)


def marks(scored: ScoredNeed) -> str:
    """'§' for a legal requirement (ranked first), '*' for a need with criteria not scored."""
    return ("§" if scored.legal_requirement else "") + ("*" if scored.incomplete else "")


def _row(ranking: Ranking, index: int, sensitivity: Sensitivity | None, lang: str) -> list[str]:
    scored = ranking.needs[index]
    marks_ = marks(scored)
    score = "–" if scored.score is None else number(scored.score, lang)
    row = [str(scored.rank), scored.id, _short(scored.title) + (f" {marks_}" if marks_ else ""),
           score, class_name(scored.priority, lang) if scored.priority else "–"]
    if sensitivity is not None:
        s = sensitivity.stability[scored.id]
        row += [f"{s.rank_p05}–{s.rank_p95}", percent(100 * s.p_top_k, lang)]
    return row


def counts_line(ranking: Ranking, lang: str) -> str:
    """How many needs of each class, and what the marks § and * mean."""
    parts = ", ".join(f"{ranking.count(c)} {class_name(c, lang)}" for c in PriorityClass)
    total = len(ranking.needs)
    return say(lang, "{total} needs: {parts}. § = legal requirement (ranked first), * = some "
                     "criteria not scored.", total=total, parts=parts)


def sensitivity_lines(ranking: Ranking, result: Sensitivity, lang: str) -> list[str]:
    """What the sensitivity run found, in a few lines."""
    c = number(result.concentration, lang, 0)
    lines = [say(lang, "Sensitivity: {draws} weight draws (seed {seed}, concentration {c}).",
                       draws=result.draws, seed=result.seed, c=c)]
    uncertain = result.uncertain()
    if uncertain:
        lines.append(say(lang, "Uncertain in the top {top_k} (10–90 %): ", top_k=result.top_k)
                     + ", ".join(uncertain))
    else:
        lines.append(say(lang, "The top {top_k} is stable: no need between 10 and 90 %.",
                               top_k=result.top_k))
    lines.extend(_first_changes(result.changes, lang))
    return lines


def _first_changes(changes: tuple[WeightChange, ...], lang: str) -> list[str]:
    """Per criterion, the smallest weight change (from 1×) that alters the top K."""
    first: dict[str, WeightChange] = {}
    for change in changes:
        best = first.get(change.criterion)
        if best is None or abs(change.factor - 1) < abs(best.factor - 1):
            first[change.criterion] = change
    if not first:
        return [say(lang, "One at a time (weights 0.5×–1.5×): no single weight changes the top K.")]
    lines = [say(lang, "One at a time, smallest change that alters the top K:")]
    for criterion, change in first.items():
        into = ", ".join(change.entered) or "–"
        out = ", ".join(change.left) or "–"
        factor = number(change.factor, lang, 1)
        lines.append(f"  {criterion} {factor}×: " + (say(lang, "in {into}; out {out}", into=into,
                                                                out=out)))
    return lines
