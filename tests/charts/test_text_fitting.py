"""Text fitting and wrapping are linear and give what the old one-cut-at-a-time loop gave.

The old algorithms are kept here as the reference: ``fit_text`` tried every limit from
the whole text down, measuring each cut anew (quadratic in the text's length), and
``wrap_lines`` measured each candidate line anew.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from okosys_plan.charts import geometry
from okosys_plan.charts.geometry import fit_text, label_width, shorten, wrap_lines


def old_fit_text(text: str, width: float, points: float, bold: bool = False) -> str:
    """The reference: shorten one character at a time until the cut fits."""
    text = " ".join(text.split())
    limit = len(text)
    while limit > 1 and label_width(shorten(text, limit), points, bold) > width:
        limit -= 1
    return shorten(text, limit)


def old_wrap_lines(text: str, width: float, points: float, bold: bool = False,
                   max_lines: int = 3) -> tuple[str, ...]:
    """The reference: every candidate line measured from scratch."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and label_width(candidate, points, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return tuple(old_fit_text(line, width, points, bold) for line in lines)


#: Narrow, wide, stripped and unknown characters, spaces and line breaks.
ALPHABET = "aiMW .,;:–-…æøå0\n\t#Ωx"
texts = st.text(alphabet=ALPHABET, max_size=120) | st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=12), max_size=25).map(" ".join)
points = st.sampled_from([8.0, 9.0, 9.5, 13.0])


@st.composite
def widths(draw: st.DrawFn, text: str, size: float, bold: bool) -> float:
    """Any width, or exactly the width of one of the text's cuts (a tie at the line)."""
    if text and draw(st.booleans()):
        cut = shorten(" ".join(text.split()), draw(st.integers(1, max(1, len(text)))))
        return label_width(cut, size, bold)
    return draw(st.floats(0.0, 12.0))


@settings(max_examples=400, deadline=None)
@given(st.data(), texts, points, st.booleans())
@example(None, "-- ,, abc", 8.0, False)
def test_fit_text_equals_the_reference(data: st.DataObject | None, text: str, size: float,
                                       bold: bool) -> None:
    width = data.draw(widths(text, size, bold)) if data is not None else 0.2
    assert fit_text(text, width, size, bold) == old_fit_text(text, width, size, bold)


@settings(max_examples=300, deadline=None)
@given(st.data(), texts, points, st.booleans(), st.integers(1, 6))
def test_wrap_lines_equals_the_reference(data: st.DataObject, text: str, size: float,
                                         bold: bool, max_lines: int) -> None:
    width = data.draw(widths(text, size, bold))
    assert (wrap_lines(text, width, size, bold, max_lines)
            == old_wrap_lines(text, width, size, bold, max_lines))


class _CountingEms(dict[str, float]):
    """The width table, counting how many characters are looked up."""

    looked_up = 0

    def get(self, key: str, default: float | None = None) -> float | None:  # type: ignore[override]
        self.looked_up += 1
        return super().get(key, default)

    def __getitem__(self, key: str) -> float:
        self.looked_up += 1
        return super().__getitem__(key)


@given(st.integers(50, 2_000), st.integers(1, 12), st.sampled_from([" ", "x"]))
@settings(max_examples=20, deadline=None)
def test_work_is_linear_in_the_text(items: int, max_lines: int, sep: str) -> None:
    """Characters measured per character of text stay bounded, however long the note."""
    note = sep.join(f"T{i:05d} (01.01.2030–31.12.2031)" for i in range(items))
    counting = _CountingEms(geometry._EMS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geometry, "_EMS", counting)
        lines = wrap_lines(note, 7.5, 8.0, max_lines=max_lines)
        fitted = fit_text(note, 3.0, 9.0, bold=True)
    assert len(lines) <= max_lines and label_width(fitted, 9.0, bold=True) <= 3.0
    assert all(label_width(line, 8.0) <= 7.5 for line in lines)
    # the old loop measured about len(note)² / 2 characters; this measures a few per one
    assert counting.looked_up <= 8 * len(note)
