"""Numbers in the app's fields: read as a person types them, shown as a field shows them."""

from __future__ import annotations

from typing import Any


def number_or_none(text: Any) -> float | None:
    """A number as a person types it (12,5, 12.5 or 1 234,5: the catalogue's own reading),
    or None."""
    from okosys_plan.catalogue.coerce import CoerceError, parse_number

    if "%" in str(text):  # the catalogue reads 80 % as 0.8; a weight or limit typed so is not
        return None
    try:
        return parse_number(str(text))
    except CoerceError:
        return None


def plain(value: float, lang: str) -> str:
    """A number as a field shows it, exactly (the shortest text that reads back as the same
    number): no trailing zeros, a decimal comma in bokmål."""
    text = repr(float(value))
    if "e" not in text and text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") if lang == "nb" else text
