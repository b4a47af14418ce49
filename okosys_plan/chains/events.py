"""The event catalogue: every event of every map once, with its CloudEvents type. Pure.

Type names follow the change feed's scheme (``diff.document``: ``no.okosys.<kind>.<what>``)
with the kind ``hendelse`` and the event's name as a slug (lower case, æ ø å as ae o a,
anything else a hyphen): «Dødsfall er registrert» is ``no.okosys.hendelse.dodsfall-er-
registrert``. The same event in several chains is one entry naming them all. Its producer
is the actor on the event's row, else the actors of the elements that trigger it; its
consumers are the services it triggers, with their actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from okosys_plan.catalogue.validate import id_key
from okosys_plan.chains.model import ChainEvent, ChainMap
from okosys_plan.diff.document import TYPE_PREFIX

KIND = "hendelse"
T = TypeVar("T")
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def slug(text: str) -> str:
    """A CloudEvents-type-friendly name: lower-case ASCII words joined by hyphens."""
    folded = " ".join(text.split()).casefold().translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "hendelse"


def event_type(name: str) -> str:
    """The CloudEvents type of an event called ``name``."""
    return f"{TYPE_PREFIX}.{KIND}.{slug(name)}"


def event_catalogue(maps: Sequence[ChainMap]) -> tuple[ChainEvent, ...]:
    """Every event once, in the order first met (chain by chain, in map order)."""
    found: dict[str, _Entry] = {}
    for chain in maps:
        by_id = {id_key(e.id): e for e in chain.elements}
        for element in chain.elements:
            if element.layer != "Hendelse":
                continue
            entry = found.setdefault(event_type(element.text),
                                     _Entry(" ".join(element.text.split())))
            entry.chains.append(chain.name)
            entry.elements.append(element.id)
            triggering = [e for e in chain.elements
                          if id_key(element.id) in {id_key(t) for t in e.triggers}]
            entry.producers += ([element.actor] if element.actor else
                                [e.actor for e in triggering if e.actor])
            entry.consumers += [(target.text, target.actor or "")
                                for target in (by_id.get(id_key(t)) for t in element.triggers)
                                if target is not None and target.layer == "Tjeneste"]
    return tuple(ChainEvent(kind, e.name, _once(e.chains), _once(e.elements),
                            _once(e.producers), _once(e.consumers))
                 for kind, e in found.items())


@dataclass
class _Entry:
    """An event's catalogue entry while the maps are read."""

    name: str
    chains: list[str] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)
    producers: list[str] = field(default_factory=list)
    consumers: list[tuple[str, str]] = field(default_factory=list)


def _once(values: list[T]) -> tuple[T, ...]:
    """The values in order, each once."""
    return tuple(dict.fromkeys(values))
