"""Why an item could not be placed, in words (nb and en)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okosys_plan.text.say import say_raw

# code: English text, the message id of its bokmål translation (text/locale)
_TEXTS: dict[str, str] = {
    "dependency-not-placed": "it depends on {dependency}, which could not be placed",
    "dependency-ends-late": "it depends on {dependency}, which ends too late for it to finish "
                            "within the roadmap",
    "longer-than-horizon": "its duration ({years} years) is longer than the roadmap",
    "no-budget-room": "the budget cap has no room in {years}",
    "owner-busy": "{owner} already runs as many items at once as allowed",
    "no-room": "there is no room before the roadmap ends",
    "dependency-cycle": "it is part of a circular dependency",
}


def reason_text(code: str | None, params: Mapping[str, Any], lang: str = "nb") -> str:
    """The reason an item was not placed, as a phrase."""
    if code is None:
        return ""
    english = _TEXTS.get(code)
    fields = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
              for k, v in params.items()}
    fields = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in fields.items()}
    template = code if english is None else say_raw(lang, english)
    return template.format_map(_Missing(fields))


def codes() -> tuple[str, ...]:
    """Every reason code."""
    return tuple(_TEXTS)


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"
