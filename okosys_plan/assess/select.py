"""Which needs an assessment template holds: all, some IDs, a theme, or both."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from okosys_plan.catalogue import schema
from okosys_plan.catalogue.model import Catalogue, Need
from okosys_plan.catalogue.validate import id_key
from okosys_plan.errors import UsageError
from okosys_plan.text.later import Msg, msg


def select_needs(catalogue: Catalogue, ids: Sequence[str] | None = None,
                 theme: str | None = None) -> tuple[Need, ...]:
    """The catalogue's needs in its order: those with the ``ids`` given (case and invisible
    characters do not count) and/or of ``theme`` (case and spacing do not count).

    An ID or a theme the catalogue does not have is a ``UsageError`` naming it and the
    closest one the catalogue has.
    """
    chosen = list(catalogue.needs)
    if ids:
        wanted = _known_ids(catalogue, ids)
        chosen = [need for need in chosen if id_key(need.id) in wanted]
    if theme is not None and theme.strip():
        key = schema.normalise(theme)
        themes = {schema.normalise(n.theme): n.theme for n in catalogue.needs if n.theme}
        if key not in themes:
            raise UsageError.bad_option("No theme '{theme}' in {file}{suggestion}", theme=theme,
                                        file=catalogue.source,
                                        suggestion=_closest(key, themes))
        chosen = [need for need in chosen if need.theme and schema.normalise(need.theme) == key]
        if not chosen:
            raise UsageError.bad_option("None of the needs asked for has the theme '{theme}'",
                                        theme=themes[key])
    return tuple(chosen)


def _known_ids(catalogue: Catalogue, ids: Sequence[str]) -> set[str]:
    """The ``ids`` as keys, each checked against the catalogue's."""
    known = {id_key(need.id): need.id for need in catalogue.needs}
    wanted: set[str] = set()
    for need_id in ids:
        key = id_key(need_id.strip())
        if key not in known:
            raise UsageError.bad_option("No need '{id}' in {file}{suggestion}", id=need_id,
                                        file=catalogue.source, suggestion=_closest(key, known))
        wanted.add(key)
    return wanted


def _closest(key: str, known: dict[str, str]) -> Msg | str:
    """"; did you mean X?" with the closest known name (keys compared: the most alike,
    then the longest shared beginning, then the first), or "" if none."""
    if not known:
        return ""
    best = max(known, key=lambda name: (difflib.SequenceMatcher(None, key, name).ratio(),
                                        _common_prefix(key, name)))
    return msg("; did you mean {names}?", names=known[best])


def _common_prefix(first: str, second: str) -> int:
    """How many characters two names share from the start (a tie-breaker: B1O is B10)."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def parse_ids(text: str | None) -> tuple[str, ...] | None:
    """``B01,B05`` (commas, semicolons or spaces) as IDs; None when not given."""
    if text is None:
        return None
    items = tuple(item for item in text.replace(";", ",").replace(" ", ",").split(",") if item)
    return items or None
