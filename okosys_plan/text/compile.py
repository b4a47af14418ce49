"""Compile the ``.po`` catalogues into the ``.mo`` files the program reads.

``python3 -m okosys_plan.text.compile`` after editing a ``.po`` file; a test fails when a
committed ``.mo`` is not what this makes of its ``.po``. Babel is imported here only, never
when the program runs.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Where the catalogues are: ``locale/<lang>/LC_MESSAGES/<domain>.po``.
LOCALE = Path(__file__).parent / "locale"


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes for the ``.po`` file ``po`` (fuzzy entries left out, as gettext does)."""
    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parent.parent.name)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def catalogues() -> list[Path]:
    """Every ``.po`` file of every language."""
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def main() -> None:
    """Write every ``.mo`` beside its ``.po``."""
    for po in catalogues():
        po.with_suffix(".mo").write_bytes(compiled(po))


if __name__ == "__main__":
    main()
