"""Service-chain maps as plain data: chains, their breaks, and where each break's fix stands.

A break's fix is a need of the catalogue; its state (``NeedState``) says what became of it:
its priority class and rank, the measures that carry it and whether they are on the
roadmap, and whether it is funded. A chain's readiness counts its breaks by how far
their fixes have come.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from okosys_plan.catalogue.model import ChainElement


@dataclass(frozen=True)
class MeasureState:
    """A measure carrying a need: its period on the roadmap, if it is placed there."""

    id: str
    title: str
    start: date | None
    end: date | None

    @property
    def planned(self) -> bool:
        """True when the measure has a period on the roadmap."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class NeedState:
    """Where a need stands: prioritised (class Høy or Middels), planned, funded.

    ``funded`` is None when nothing is known of its cost; else True when what it costs in
    the plan's years is covered by confirmed funding, False when there is a gap.
    """

    id: str
    title: str
    found: bool  # False: no such need in the catalogue
    priority: str | None = None  # 'Høy', 'Middels', 'Lav'
    rank: int | None = None
    measures: tuple[MeasureState, ...] = ()
    funded: bool | None = None
    gap: float = 0.0  # MNOK not covered by confirmed funding, over the plan's years

    @property
    def prioritised(self) -> bool:
        """True for a need in class Høy or Middels."""
        return self.priority in ("Høy", "Middels")

    @property
    def planned(self) -> bool:
        """True when a measure carrying the need is on the roadmap."""
        return any(m.planned for m in self.measures)


@dataclass(frozen=True)
class Break:
    """Where a chain breaks: at an element, on a level, fixed (or not) by needs."""

    element: ChainElement
    level: str
    text: str
    needs: tuple[NeedState, ...]

    @property
    def proposed(self) -> bool:
        """True when a need that exists addresses the break."""
        return any(n.found for n in self.needs)

    @property
    def prioritised(self) -> bool:
        """True when a need of the break is prioritised."""
        return any(n.prioritised for n in self.needs)

    @property
    def planned(self) -> bool:
        """True when a need of the break is on the roadmap."""
        return any(n.planned for n in self.needs)

    @property
    def funded(self) -> bool:
        """True when a need of the break is planned and funded."""
        return any(n.planned and n.funded for n in self.needs)


@dataclass(frozen=True)
class Readiness:
    """How far a chain's breaks have come: counts at each stage, and by level."""

    chain: str
    breaks: int
    by_level: tuple[tuple[str, int], ...]
    proposed: int  # with a need
    prioritised: int
    planned: int
    funded: int

    @property
    def share(self) -> float:
        """The share of the breaks that are planned and funded (1.0 without breaks)."""
        return self.funded / self.breaks if self.breaks else 1.0


@dataclass(frozen=True)
class ChainMap:
    """One chain: its elements in map order (row, then step, then ID) and its breaks."""

    name: str
    elements: tuple[ChainElement, ...]
    breaks: tuple[Break, ...] = ()
    readiness: Readiness | None = None


@dataclass(frozen=True)
class ChainEvent:
    """An event of the maps: its CloudEvents type, where it occurs, who makes and uses it."""

    type: str  # no.okosys.hendelse.<name>
    name: str
    chains: tuple[str, ...]
    elements: tuple[str, ...]  # the element IDs, one per chain it occurs in
    producers: tuple[str, ...]  # actors
    consumers: tuple[tuple[str, str], ...]  # (service, actor)


@dataclass(frozen=True)
class ServiceChains:
    """Every chain of the catalogue, and the event catalogue of them all."""

    maps: tuple[ChainMap, ...]
    events: tuple[ChainEvent, ...] = field(default=())

    def chain(self, name: str) -> ChainMap | None:
        """The chain of that name (case and spacing do not count), or None."""
        key = " ".join(name.split()).casefold()
        return next((m for m in self.maps if " ".join(m.name.split()).casefold() == key),
                    None)
