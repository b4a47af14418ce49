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

from okosys_plan.catalogue.model import Catalogue, CostLine, FundingLine, Problem, Severity
from okosys_plan.catalogue.validate import id_key
from okosys_plan.funding.analysis import GRANT_SOURCE, INVESTMENT_KEYS, money
from okosys_plan.funding.rulesets import Category, RuleSet, rules_for
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
    rules_year: int | None = None  # the first year of the rule set used
    rules_reason: str = "default"  # "column", "start-year", "default" or "before-first"
    asked_year: int | None = None  # the year asked for (column or start), if any

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
          funding: Sequence[FundingLine], planned: PlannedItem | None = None,
          rule_sets: tuple[RuleSet, ...] = ()) -> Eligibility:
    """One measure checked against the rules of its year (today's rules without any).

    The year: the earliest Søknadsår on its funding lines, else its first project year
    (from its lines or its period), else the newest rule set.
    """
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
    found = _Found(cost, share, scheme, len(grant_years), length)
    if not rule_sets:
        rules = _rules(NOW, found)
        year, reason, asked = None, "default", None
    else:
        applied = [x.applied_year for x in funding if x.applied_year is not None]
        asked = min(applied) if applied else (span[0] if span else None)
        rule_set, reason = pick(rule_sets, min(applied) if applied else None,
                                span[0] if span else None)
        year = rule_set.year
        checked = [_rules(c, found) for c in rule_set.categories]
        # The category fitted, else the one failing fewest rules (a tie: the later, wider).
        rules = min(reversed(checked), key=lambda r: sum(x.failed for x in r), default=())
    return Eligibility(measure_id, title, cost, scheme, grant_years, tuple(span), rules,
                       year, reason, asked)


@dataclass(frozen=True)
class _Found:
    cost: float
    share: float
    scheme: float
    grant_years: int
    length: int | None


#: Today's rules (domain.md): also the rules when no rule set is given.
NOW = Category("now", (("min_total", MIN_TOTAL), ("max_total", MAX_TOTAL),
                       ("max_share", MAX_SHARE), ("max_grant_years", MAX_GRANT_YEARS),
                       ("max_project_years", MAX_PROJECT_YEARS)))


def _rules(category: Category, found: _Found) -> tuple[Rule, ...]:
    """Each limit of a category checked, as a rule code like ``total-below-10``."""
    out = []
    for key, limit in category.limits:
        text = f"{limit:g}" if key != "max_share" else f"{limit * 100:g}"
        if key == "min_total":
            out.append(Rule(f"total-below-{text}", found.cost < limit - _EPSILON,
                            found.cost, limit))
        elif key == "max_total":
            out.append(Rule(f"total-above-{text}", found.cost > limit + _EPSILON,
                            found.cost, limit))
        elif key == "max_share":
            out.append(Rule(f"scheme-above-{text}", found.share > limit + _EPSILON,
                            round(found.share, 6), limit))
        elif key == "max_grant":
            out.append(Rule(f"grant-above-{text}", found.scheme > limit + _EPSILON,
                            found.scheme, limit))
        elif key == "max_grant_years":
            out.append(Rule(f"grant-years-above-{text}", found.grant_years > limit,
                            found.grant_years, limit))
        else:
            out.append(Rule(f"project-years-above-{text}",
                            found.length is not None and found.length > limit,
                            found.length, limit))
    return tuple(out)


def pick(rule_sets: tuple[RuleSet, ...], applied: int | None,
         start: int | None) -> tuple[RuleSet, str]:
    """The rule set for a measure and why: its application year, start year or the newest."""
    year, reason = (applied, "column") if applied is not None else (
        (start, "start-year") if start is not None else (None, "default"))
    found, early = rules_for(rule_sets, year)
    return found, "before-first" if early else reason


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
    rule_sets = bundled_rules()
    out = []
    for m in catalogue.measures:
        out.append(check(m.id, m.title, costs.get(id_key(m.id), ()),
                         funding.get(id_key(m.id), ()), planned.get(id_key(m.id)), rule_sets))
    return tuple(out)


def bundled_rules() -> tuple[RuleSet, ...]:
    """The bundled rules per scheme year, ``roadmap/medfinansiering.toml``."""
    from okosys_plan.bundled import bundled_cofunding_rules
    from okosys_plan.funding.rulesets import load_rules

    return load_rules(bundled_cofunding_rules())


def _by_item(lines: Sequence[T]) -> Mapping[str, tuple[T, ...]]:
    grouped: dict[str, list[T]] = {}
    for line in lines:
        grouped.setdefault(id_key(line.item), []).append(line)
    return {k: tuple(v) for k, v in grouped.items()}


def rules_warnings(found: Sequence[Eligibility]) -> tuple[Problem, ...]:
    """A warning for each measure whose year is before the first rules (the oldest used)."""
    return tuple(Problem(Severity.WARNING, "rules-before-first", "Tiltak", value=e.id,
                         params={"year": e.asked_year, "first": e.rules_year})
                 for e in found if e.rules_reason == "before-first")
