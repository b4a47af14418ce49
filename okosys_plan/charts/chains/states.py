"""What the map says of a chain's breaks and their fixes, in words. Pure.

Each break is said as its element and level, then one line per need addressing it: the
need's class and rank, each measure carrying it with its period on the roadmap in
quarters (K1 2025–K4 2026), and whether it is funded; a break without a need says that
nobody has proposed to fix it. The subtitle's readiness line counts the chain's breaks.
"""

from __future__ import annotations

from okosys_plan.chains.model import Break, MeasureState, NeedState, Readiness
from okosys_plan.charts.chains.words import class_name, level_name, mnok, period, words


def readiness_line(ready: Readiness | None, lang: str) -> str:
    """'4 brudd: 2 med behov, 1 prioritert, 2 planlagt, 1 finansiert' (or 'Ingen brudd')."""
    said = words(lang)
    if ready is None or not ready.breaks:
        return said["no_breaks"]
    key = "readiness_one" if ready.breaks == 1 else "readiness"
    return said[key].format(breaks=ready.breaks, proposed=ready.proposed,
                            prioritised=ready.prioritised, planned=ready.planned,
                            funded=ready.funded)


def break_heading(number: str, fault: Break, lang: str) -> str:
    """The break's first line: its number, element, level and description."""
    said = words(lang)
    fields = {"number": number, "text": " ".join(fault.element.text.split()),
              "id": fault.element.id, "level": level_name(fault.level, lang).lower(),
              "description": " ".join(fault.text.split())}
    return said["break_line" if fault.text.strip() else "break_line_bare"].format(**fields)


def need_lines(fault: Break, lang: str) -> tuple[str, ...]:
    """One line per need addressing the break; the 'nobody' line when none exists."""
    lines = tuple(need_line(n, lang) for n in fault.needs)
    if not fault.proposed:
        lines += (words(lang)["nobody"],)
    return lines


def need_line(need: NeedState, lang: str) -> str:
    """A need's state: class and rank, measures and periods, funded or not."""
    said = words(lang)
    if not need.found:
        return said["missing"].format(id=need.id)
    parts = [said["rank"].format(klass=class_name(need.priority, lang), rank=need.rank)
             if need.priority is not None and need.rank is not None else said["not_scored"]]
    parts += [measure_text(m, lang) for m in need.measures] or [said["no_measure"]]
    parts.append(funding_text(need, lang))
    return said["need"].format(id=need.id, title=" ".join(need.title.split()),
                               state="; ".join(parts))


def measure_text(measure: MeasureState, lang: str) -> str:
    """A measure and its period on the roadmap in quarters, or that it is not on it."""
    said = words(lang)
    title = " ".join(measure.title.split())
    if measure.start is None or measure.end is None:
        return said["not_placed"].format(id=measure.id, title=title)
    return said["measure"].format(id=measure.id, title=title,
                                  period=period(measure.start, measure.end, lang))


def funding_text(need: NeedState, lang: str) -> str:
    """'finansiert', 'ikke finansiert (gap 40,0 MNOK)' or 'finansiering ukjent'."""
    said = words(lang)
    if need.funded is None:
        return said["funding_unknown"]
    return said["funded"] if need.funded else said["not_funded"].format(gap=mnok(need.gap, lang))
