"""Why an item could not be placed, in words (nb and en)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TEXTS: dict[str, tuple[str, str]] = {
    "dependency-not-placed": ("det avhenger av {dependency}, som ikke kunne planlegges",
                              "it depends on {dependency}, which could not be placed"),
    "dependency-ends-late": ("det avhenger av {dependency}, som slutter for sent til at det "
                             "rekker å bli ferdig innen veikartets slutt",
                             "it depends on {dependency}, which ends too late for it to finish "
                             "within the roadmap"),
    "longer-than-horizon": ("varigheten ({years} år) er lengre enn veikartets periode",
                            "its duration ({years} years) is longer than the roadmap"),
    "no-budget-room": ("budsjettrammen har ikke plass i {years}",
                       "the budget cap has no room in {years}"),
    "owner-busy": ("{owner} har allerede så mange tiltak samtidig som tillatt",
                   "{owner} already runs as many items at once as allowed"),
    "no-room": ("det er ikke plass før veikartets slutt",
                "there is no room before the roadmap ends"),
    "dependency-cycle": ("det inngår i en sirkulær avhengighet",
                         "it is part of a circular dependency"),
}


def reason_text(code: str | None, params: Mapping[str, Any], lang: str = "nb") -> str:
    """The reason an item was not placed, as a phrase."""
    if code is None:
        return ""
    nb, en = _TEXTS.get(code, (code, code))
    fields = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
              for k, v in params.items()}
    fields = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in fields.items()}
    return (en if lang == "en" else nb).format_map(_Missing(fields))


def codes() -> tuple[str, ...]:
    """Every reason code."""
    return tuple(_TEXTS)


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"
