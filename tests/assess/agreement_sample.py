"""Made-up assessments of the bundled catalogue's needs, combined into an ``Agreement``.

For the output tests (workbook sheets, chart, report) while the real aggregation is
written elsewhere: the cells are combined here by a plain median, numpy's quartiles and a
simple level rule (range ≤ 1: high; IQR ≤ 1: medium; else low). Grades are deterministic:
each assessor moves the catalogue's own score by a seeded step; every third need has one
assessor far off on a few criteria, and the last assessor leaves some cells ungraded.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence

import numpy as np

import okosys_plan
from okosys_plan.assess.model import (
    AggregateRule,
    Agreement,
    Assessor,
    Cell,
    Discussion,
    Level,
    Outlier,
)
from okosys_plan.bundled import bundled_catalogue
from okosys_plan.catalogue.model import Catalogue, Criterion
from okosys_plan.prioritise.scoring import Ranking, score_needs

NAMES = ("Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Olsen", "Aisha Khan",
         "Lars Johansen", "Mona Lie", "Nils Dahl", "Sara Moe", "Tor Bakke", "Eva Holm",
         "Jon Lund", "Anne Strand", "Odd Vik", "Liv Ås")
AGENCIES = ("NAV", "Skatteetaten", "Digdir", "Brønnøysundregistrene", None)


def bundled() -> Catalogue:
    """The bundled catalogue."""
    return okosys_plan.load_catalogue(bundled_catalogue())


def assessors(count: int) -> tuple[Assessor, ...]:
    """``count`` made-up assessors (at most 15), each from a file of their own."""
    return tuple(Assessor(NAMES[i], AGENCIES[i % len(AGENCIES)], f"vurdering-{i + 1}.xlsx")
                 for i in range(count))


def grades_for(need: int, criterion: Criterion, base: int | None, members: int,
               seed: int) -> tuple[int | None, ...]:
    """Every member's grade of one need on one criterion."""
    draw = random.Random(f"{seed}-{need}-{criterion.name}")
    centre = base if base is not None else (criterion.scale_min + criterion.scale_max) // 2
    out: list[int | None] = []
    for member in range(members):
        step = draw.choice((-1, 0, 0, 0, 1))
        if need % 3 == 0 and member == 1 and draw.random() < 0.5:
            step = 3 if centre <= 2 else -3  # one member far off
        grade = min(criterion.scale_max, max(criterion.scale_min, centre + step))
        ungraded = member == members - 1 and members > 2 and draw.random() < 0.1
        out.append(None if ungraded else grade)
    return tuple(out)


def cell(need: str, criterion: str, grades: tuple[int | None, ...]) -> Cell:
    """The grades combined: median, min, max, IQR and a level."""
    given = [g for g in grades if g is not None]
    if not given:
        return Cell(need, criterion, grades, 0, None, None, None, None, None)
    q1, q3 = np.quantile(given, [0.25, 0.75])
    iqr = float(q3 - q1)
    level = (None if len(given) < 2 else Level.HIGH if max(given) - min(given) <= 1
             else Level.MEDIUM if iqr <= 1 else Level.LOW)
    return Cell(need, criterion, grades, len(given), float(statistics.median(given)),
                min(given), max(given), iqr, level)


def sample_agreement(catalogue: Catalogue | None = None, members: int = 5, seed: int = 7,
                     criteria: Sequence[Criterion] | None = None
                     ) -> tuple[Agreement, Ranking]:
    """An Agreement of ``members`` made-up assessors on every need, and the ranking."""
    catalogue = catalogue or bundled()
    chosen = tuple(criteria or catalogue.scored_criteria)
    people = assessors(members)
    cells = {}
    for index, need in enumerate(catalogue.needs):
        cells[need.id] = {c.name: cell(need.id, c.name, grades_for(
            index, c, need.scores.get(c.name), members, seed)) for c in chosen}
    ranking = score_needs(catalogue.needs, chosen)
    comments = {n.id: ((people[0].name, f"Viktig for {people[0].agency}: {n.title}."),
                       (people[1].name, "Usikker på nytten; = bør drøftes."))
                for i, n in enumerate(catalogue.needs) if i % 4 == 0}
    agreement = Agreement(AggregateRule.MEDIAN, people, tuple(c.name for c in chosen), cells,
                          comments, outliers=(Outlier(people[1].name, 9, 40, 1.6),),
                          discussion=tuple(_discussion(ranking, cells, comments)))
    return agreement, ranking


def _discussion(ranking: Ranking, cells: dict[str, dict[str, Cell]],
                comments: dict[str, tuple[tuple[str, str], ...]]) -> list[Discussion]:
    """The first six ranked needs with a low-agreement criterion, as if at stake."""
    found = []
    for scored in ranking.needs:
        low = tuple(name for name, c in cells[scored.id].items() if c.level is Level.LOW)
        if not low or scored.score is None:
            continue
        changes = ("top-k", "class") if len(found) % 2 == 0 else ("class",)
        found.append(Discussion(scored.id, scored.title, scored.rank, changes,
                                scored.score - 6.5, scored.score, scored.score + 4.25,
                                10.75 - len(found), low, comments.get(scored.id, ())))
        if len(found) == 6:
            break
    return found
