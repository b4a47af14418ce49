"""Numbers in the app's fields: read as a person types them, shown as a field shows them."""

from __future__ import annotations

from typing import Any


def number_or_none(text: Any) -> float | None:
    """A number as a person types it (12,5, 12.5 or 1 234,5: the catalogue's own reading),
    or None."""
    from okosys_plan.catalogue.coerce import CoerceError, parse_number

    try:
        return parse_number(str(text))
    except CoerceError:
        return None


def plain(value: float, lang: str) -> str:
    """A number as a field shows it: no trailing zeros, a decimal comma in bokmål."""
    text = f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"
    return text.replace(".", ",") if lang == "nb" else text
