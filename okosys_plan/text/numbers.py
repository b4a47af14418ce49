"""Numbers as people write them: halves up, 67,5 (nb) or 67.5 (en), groups of three."""

from __future__ import annotations

from okosys_plan.text.rounding import half_up

#: From here numbers are written in groups of three digits: 12 345,6 (nb), 12,345.6 (en).
#: Four-digit numbers stay whole (2025, 1234,5), as the Language Council allows.
GROUP_FROM = 10_000

#: The Norwegian group separator: a no-break space, so a number never breaks over a line.
GROUP_SPACE = "\u00a0"

_NORWEGIAN = str.maketrans({",": GROUP_SPACE, ".": ","})


def number(value: float, lang: str, decimals: int = 1) -> str:
    """A number as people write it: halves up, 67,5 (nb) or 67.5 (en), minus sign −.

    Float noise is rounded away first (9 decimals), so 63.74999999999999 (from 63.75
    computed in floating point) is shown as 63,8, not 63,7.
    """
    exact = half_up(value, decimals)
    exact = abs(exact) if exact == 0 else exact  # never −0,0
    grouping = "," if abs(exact) >= GROUP_FROM else ""
    text = f"{exact:{grouping}.{decimals}f}".replace("-", "−")
    return text if lang == "en" else text.translate(_NORWEGIAN)
