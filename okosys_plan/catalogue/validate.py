"""Rules across rows and sheets: unique IDs, references that exist, no cycles, dates in order.

``validate`` never raises for bad data: it returns a ``Report`` holding the problems the
reader found and the ones found here, every one with its place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from okosys_plan import collector
from okosys_plan.catalogue.model import Catalogue, Measure, Need, Origin, Problem, Report, Severity


class _Identified(Protocol):
    @property
    def origin(self) -> Origin: ...


def validate(catalogue: Catalogue) -> Report:
    """Check every rule of the format and return all problems, the reader's included."""
    checker = _Checker(catalogue)
    problems = list(catalogue.problems)
    with collector.paused():
        problems.extend(checker.run())
    return Report(catalogue.source, tuple(problems), len(catalogue.needs))


def id_key(value: str) -> str:
    """How IDs are compared: case, width and invisible characters do not count."""
    if value.isascii() and value.isprintable() and " " not in value:
        return value.lower()  # the common case, e.g. 'B01' or 'T-12'
    folded = unicodedata.normalize("NFKC", value).casefold()
    return "".join(ch for ch in folded if ch.isprintable() and not ch.isspace())


class _Checker:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        cat = self.catalogue
        needs = self._unique("needs", cat.needs)
        measures = self._unique("measures", cat.measures)
        agencies = self._unique_agencies()
        self._clashes(needs)
        self._references(needs, measures, agencies)
        if cat.chain_elements:
            from okosys_plan.catalogue.chains import check_chains

            check_chains(cat.chain_elements, needs, self._add, self._cell_of)
        self._cycles("needs", cat.needs, needs)
        self._cycles("measures", cat.measures, measures)
        items: list[Need | Measure] = [*cat.needs, *cat.measures]
        for item in items:
            self._order(item)
        self._dependency_order(measures)
        self._adopted_order()
        self._budget_years()
        if not cat.needs and "needs" in cat.sheets_present:
            self.problems.append(Problem(Severity.WARNING, "no-needs", file=cat.source))
        return self.problems

    # --- helpers ----------------------------------------------------------------------

    def _add(self, table: str, origin: Origin, key: str, code: str, value: Any,
             severity: Severity = Severity.ERROR, **params: Any) -> None:
        sheet_table = self.catalogue.tables.get(table)
        cell = sheet_table.cell(key, origin.row) if sheet_table else None
        header = sheet_table.header(key) if sheet_table else None
        self.problems.append(Problem(severity, code, origin.sheet, cell or f"{origin.row}",
                                     header, value, params, origin.file))

    def _unique(self, table: str, records: Sequence[Any]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for record in records:
            key = id_key(record.id)
            if key in seen:
                first = self._cell_of(table, seen[key].origin, "id")
                self._add(table, record.origin, "id", "duplicate-id", record.id, first=first)
            else:
                seen[key] = record
        return seen

    def _unique_agencies(self) -> dict[str, Any] | None:
        if "agencies" not in self.catalogue.sheets_present:
            return None
        seen: dict[str, Any] = {}
        for agency in self.catalogue.agencies:
            key = id_key(agency.code)
            if key in seen:
                first = self._cell_of("agencies", seen[key].origin, "code")
                self._add("agencies", agency.origin, "code", "duplicate-id", agency.code,
                          first=first)
            else:
                seen[key] = agency
            seen.setdefault(id_key(agency.name), agency)
        return seen

    def _budget_years(self) -> None:
        seen: dict[int, Any] = {}
        for line in self.catalogue.budgets:
            if line.year in seen:
                first = self._cell_of("budget", seen[line.year].origin, "year")
                self._add("budget", line.origin, "year", "duplicate-year", line.year,
                          first=first)
            else:
                seen[line.year] = line

    def _cell_of(self, table: str, origin: Origin, key: str) -> str:
        sheet_table = self.catalogue.tables.get(table)
        cell = sheet_table.cell(key, origin.row) if sheet_table else None
        return f"{origin.sheet}!{cell or origin.row}"

    def _clashes(self, needs: Mapping[str, Need]) -> None:
        for measure in self.catalogue.measures:
            if id_key(measure.id) in needs:
                self._add("measures", measure.origin, "id", "id-clash", measure.id)

    # --- references -------------------------------------------------------------------

    def _references(self, needs: Mapping[str, Any], measures: Mapping[str, Any],
                    agencies: Mapping[str, Any] | None) -> None:
        cat = self.catalogue
        items = {**needs, **measures}
        for need in cat.needs:
            self._refs("needs", need.origin, "depends_on", need.depends_on, needs, "needs")
            if agencies is not None and need.submitted_by:
                self._agency("needs", need.origin, "submitted_by", need.submitted_by, agencies)
        for measure in cat.measures:
            self._refs("measures", measure.origin, "needs", measure.needs, needs, "needs")
            self._refs("measures", measure.origin, "depends_on", measure.depends_on, measures,
                       "measures")
        for stone in cat.milestones:
            self._refs("milestones", stone.origin, "measure", (stone.measure,), measures,
                       "measures")
        for table, lines in (("costs", cat.costs), ("funding", cat.funding)):
            for line in lines:
                self._refs(table, line.origin, "item", (line.item,), items, "items")
        for use in cat.usage:
            self._refs("usage", use.origin, "solution", (use.solution,), items, "items",
                       Severity.WARNING)
            if agencies is not None:
                self._agency("usage", use.origin, "agency", use.agency, agencies)

    def _refs(self, table: str, origin: Origin, key: str, refs: Iterable[str],
              known: Mapping[str, Any], target: str,
              severity: Severity = Severity.ERROR) -> None:
        for ref in refs:
            if id_key(ref) not in known:
                self._add(table, origin, key, "unknown-reference", ref, severity,
                          ref=ref, target=target)

    def _agency(self, table: str, origin: Origin, key: str, code: str,
                agencies: Mapping[str, Any]) -> None:
        if id_key(code) not in agencies:
            self._add(table, origin, key, "unknown-agency", code, Severity.WARNING)

    # --- cycles and dates ---------------------------------------------------------------

    def _cycles(self, table: str, records: Sequence[Need | Measure],
                known: Mapping[str, Any]) -> None:
        graph = {id_key(r.id): [id_key(d) for d in r.depends_on if id_key(d) in known]
                 for r in known.values()}
        for cycle in find_cycles(graph):
            first = known[cycle[0]]
            path = " → ".join(known[k].id for k in (*cycle, cycle[0]))
            self._add(table, first.origin, "depends_on", "dependency-cycle",
                      ", ".join(first.depends_on), cycle=path)

    def _adopted_order(self) -> None:
        """An adopted period (the Vedtatt sheet) must not end before it starts."""
        for line in self.catalogue.adopted:
            if not line.start.started_before and line.end.last < line.start.first:
                self._add("adopted", line.origin, "end", "end-before-start", line.end.text,
                          start=line.start.text)

    def _order(self, item: Need | Measure) -> None:
        if item.start is None or item.end is None or item.start.started_before:
            return
        if item.end.last < item.start.first:
            table = "needs" if isinstance(item, Need) else "measures"
            self._add(table, item.origin, "end", "end-before-start", item.end.text,
                      start=item.start.text)

    def _dependency_order(self, measures: Mapping[str, Measure]) -> None:
        for measure in self.catalogue.measures:
            if measure.start is None or measure.start.started_before:
                continue
            for dep_id in measure.depends_on:
                dep = measures.get(id_key(dep_id))
                if dep is not None and dep.end is not None and \
                        measure.start.first <= dep.end.last and dep is not measure:
                    self._add("measures", measure.origin, "start", "starts-before-dependency",
                              measure.start.text, Severity.WARNING, start=measure.start.text,
                              dependency=dep.id, dependency_end=dep.end.text)


def find_cycles(graph: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """Each cycle of a dependency graph once, as the nodes of a strongly connected part."""
    cycles: list[tuple[str, ...]] = []
    for component in _components(graph):
        if len(component) > 1 or component[0] in graph.get(component[0], ()):
            cycles.append(_cycle_path(graph, component))
    return sorted(cycles)


def _cycle_path(graph: Mapping[str, Sequence[str]], component: list[str]) -> tuple[str, ...]:
    """One concrete loop through the component, starting at its smallest node."""
    members = set(component)
    start = min(component)
    path, node, seen = [start], start, {start}
    while True:
        step = min(n for n in graph[node] if n in members)
        if step == start or step in seen:
            cut = path.index(step) if step in seen else 0
            return tuple(path[cut:])
        path.append(step)
        seen.add(step)
        node = step


def _components(graph: Mapping[str, Sequence[str]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components, iteratively (deep chains do not recurse)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            advanced = False
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component
