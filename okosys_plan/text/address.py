"""Spreadsheet addresses as people write them: column letters (1 -> A, 27 -> AA)."""

from __future__ import annotations


def column_letter(number: int) -> str:
    """Excel's letters for a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
