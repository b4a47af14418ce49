"""The co-funding scheme's (medfinansieringsordningen) rules, checked per measure. Pure.

The rules (domain.md, "Funding of common solutions"): a project of 10–100 MNOK in all, at
most 50 % of it from the scheme, a grant over at most 3 budget years, and a project of at
most 4 years. [our choice] The project is the measure's one-off work: its Investering and
Videreutvikling lines in every year (not only the years analysed), or the Investering of
the needs it covers when it has no lines; its years are the years of those lines, or the
calendar years of its period. The scheme's amount is every Medfinansiering line, whatever
its status. That the grant must be the triggering factor, and that the project must be
socio-economically profitable, cannot be read from the workbook and is not checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from okosys_plan.catalogue.model import Catalogue, CostLine, FundingLine
from okosys_plan.catalogue.validate import id_key
from okosys_plan.funding.analysis import GRANT_SOURCE, INVESTMENT_KEYS, money
from okosys_plan.roadmap.schedule import Plan, PlannedItem

T = TypeVar("T", CostLine, FundingLine)
MIN_TOTAL, MAX_TOTAL = 10.0, 100.0  # MNOK
MAX_SHARE = 0.5
MAX_GRANT_YEARS = 3
MAX_PROJECT_YEARS = 4
_EPSILON = 1e-9


@dataclass(frozen=True)
class Rule:
    """One rule checked: its name, whether it failed, the value found and the limit."""

    code: str
    failed: bool
    value: float | int | None
    limit: float | int


@dataclass(frozen=True)
class Eligibility:
    """A measure against the co-funding scheme's rules."""

    id: str
    title: str
    project_cost: float  # MNOK
    scheme: float  # MNOK asked for or granted from the scheme
    grant_years: tuple[int, ...]
    project_years: tuple[int, ...]  # (first, last), or () when unknown
    rules: tuple[Rule, ...]

    @property
    def eligible(self) -> bool:
        """True when no rule failed."""
        return not self.failed_rules

    @property
    def failed_rules(self) -> tuple[str, ...]:
        """The codes of the rules that failed."""
        return tuple(r.code for r in self.rules if r.failed)

    @property
    def share(self) -> float | None:
        """The scheme's share of the project cost (None for a project without cost)."""
        return self.scheme / self.project_cost if self.project_cost > _EPSILON else None


def check(measure_id: str, title: str, lines: Sequence[CostLine],
          funding: Sequence[FundingLine], planned: PlannedItem | None = None) -> Eligibility:
    """One measure checked against every rule."""
    project = [x for x in lines if x.cost_type.casefold() in INVESTMENT_KEYS]
    if lines:
        cost = money(sum(x.amount for x in project))
        years = sorted({x.year for x in project})
    else:
        cost, years = _from_item(planned)
    grants = [x for x in funding if x.source.casefold() == GRANT_SOURCE]
    scheme = money(sum(x.amount for x in grants))
    grant_years = tuple(sorted({x.year for x in grants}))
    span = (years[0], years[-1]) if years else ()
    length = span[1] - span[0] + 1 if span else None
    share = scheme / cost if cost > _EPSILON else (1.0 if scheme > _EPSILON else 0.0)
    rules = (
        Rule("total-below-10", cost < MIN_TOTAL - _EPSILON, cost, MIN_TOTAL),
        Rule("total-above-100", cost > MAX_TOTAL + _EPSILON, cost, MAX_TOTAL),
        Rule("scheme-above-50", share > MAX_SHARE + _EPSILON, round(share, 6), MAX_SHARE),
        Rule("grant-years-above-3", len(grant_years) > MAX_GRANT_YEARS, len(grant_years),
             MAX_GRANT_YEARS),
        Rule("project-years-above-4", length is not None and length > MAX_PROJECT_YEARS,
             length, MAX_PROJECT_YEARS),
    )
    return Eligibility(measure_id, title, cost, scheme, grant_years, tuple(span), rules)


def _from_item(planned: PlannedItem | None) -> tuple[float, list[int]]:
    """Project cost and years of a measure without lines, from its needs and period."""
    if planned is None:
        return 0.0, []
    item = planned.item
    cost = money(item.investment or 0.0)
    if not planned.placed or item.start is None or item.end is None:
        return cost, []
    return cost, [item.start.year, item.end.year]


def eligibility(catalogue: Catalogue, plan: Plan) -> tuple[Eligibility, ...]:
    """Every measure of the catalogue against the scheme's rules, in the sheet's order."""
    costs = _by_item(catalogue.costs)
    funding = _by_item(catalogue.funding)
    planned = {id_key(p.item.id): p for p in plan.items}
    return tuple(check(m.id, m.title, costs.get(id_key(m.id), ()),
                       funding.get(id_key(m.id), ()), planned.get(id_key(m.id)))
                 for m in catalogue.measures)


def _by_item(lines: Sequence[T]) -> Mapping[str, tuple[T, ...]]:
    grouped: dict[str, list[T]] = {}
    for line in lines:
        grouped.setdefault(id_key(line.item), []).append(line)
    return {k: tuple(v) for k, v in grouped.items()}
