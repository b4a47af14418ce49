"""Catalogue shapes the tiled catalogue does not have (issue 13, §5), for ``run_all --shapes``.

Each shape starts from ``make_catalogue.full_tables(n, seed)`` (the bundled catalogue
tiled to ``n`` needs) and bends one thing far past what the tiling gives:

- ``base``: the tiled catalogue as it is;
- ``long_text``: every need's and measure's title 300 characters, every description
  2 000 characters, milestone names 200 (long notes, labels, tooltips, report cells);
- ``unplaced``: every measure without a period and budget caps of 1 MNOK a year, so
  the plan can place almost none (the report's and the chart's lists of unplaced items);
- ``outside``: half of the measures dated 2027–2029, outside the roadmap's 2022–2025
  (the footnote that names every item left out: the 35 s case of the issue);
- ``milestones``: ten milestones per measure;
- ``chain``: one dependency chain through the first ``CHAIN`` measures and the first
  ``CHAIN`` needs (each depends on the one before);
- ``one_lane``: every need and measure in one theme, so one lane holds them all;
- ``many_agencies``: ``n / 2`` agencies, each with one or two usage rows, owning the
  needs and measures in turn;
- ``no_measures``: only one measure in twenty kept (with its rows), so most needs have
  none.

Every shape validates without errors (``tests/test_benchmark_shapes.py`` checks it on
small catalogues). Written by ``make_catalogue.write_tables``, so deterministic.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

from make_catalogue import _split, full_tables, write_tables

Tables = dict[str, tuple[list[str], list[list[str]]]]

#: Length of the dependency chain. Every graph walk is iterative now (a 20 000-measure
#: chain and a 5 000-measure cycle are tested in tests/catalogue/test_user_numbers.py); the shape
#: keeps 800 so that its figures compare with its first measurement.
CHAIN = 800
TITLE_LENGTH, DESCRIPTION_LENGTH, MILESTONE_LENGTH = 300, 2_000, 200
SHAPES = ("base", "long_text", "unplaced", "outside", "milestones", "chain", "one_lane",
          "many_agencies", "no_measures")

_WORDS = ("felles", "løsning", "tjeneste", "innbygger", "næringsliv", "deling", "grunndata",
          "fullmakt", "samtykke", "varsling", "kommune", "overgang", "søknad", "påkobling",
          "hendelse", "melding", "dialog", "tilgang", "identitet", "økonomi", "styring",
          "gjenbruk", "arkitektur", "prosess", "mønster", "utveksling", "register")


def _text(rng: random.Random, head: str, length: int) -> str:
    """``head`` followed by words, cut to exactly ``length`` characters."""
    words = [head]
    size = len(head)
    while size < length:
        words.append(rng.choice(_WORDS))
        size += len(words[-1]) + 1
    body = " ".join(words)[:length - 1]
    return (body[:-1] + "a" if body.endswith(" ") else body) + "."


def _col(tables: Tables, sheet: str, name: str) -> int:
    return tables[sheet][0].index(name)


def shape_tables(shape: str, n: int, seed: int = 1) -> Tables:
    """``full_tables(n, seed)`` bent into ``shape`` (one of ``SHAPES``)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    tables = full_tables(n, seed)
    if shape != "base":
        globals()[f"_{shape}"](tables, random.Random(seed))
    return tables


def _long_text(t: Tables, rng: random.Random) -> None:
    for sheet, title, description in (("Behov", "Tittel", "Beskrivelse"),
                                      ("Tiltak", "Tittel", None)):
        ti = _col(t, sheet, title)
        di = _col(t, sheet, description) if description else None
        for row in t[sheet][1]:
            row[ti] = _text(rng, row[ti], TITLE_LENGTH)
            if di is not None:
                row[di] = _text(rng, row[di] or "Beskrivelse", DESCRIPTION_LENGTH)
    mi = _col(t, "Milepæler", "Milepæl")
    for row in t["Milepæler"][1]:
        row[mi] = _text(rng, row[mi], MILESTONE_LENGTH)


def _unplaced(t: Tables, rng: random.Random) -> None:
    start, end = _col(t, "Tiltak", "Start"), _col(t, "Tiltak", "Slutt")
    for row in t["Tiltak"][1]:
        row[start] = row[end] = ""
    ramme = _col(t, "Budsjett", "Ramme")
    for row in t["Budsjett"][1]:
        row[ramme] = "1.0"


def _outside(t: Tables, rng: random.Random) -> None:
    start, end = _col(t, "Tiltak", "Start"), _col(t, "Tiltak", "Slutt")
    moved = set()
    for i, row in enumerate(t["Tiltak"][1]):
        if i % 2:
            first = rng.randint(2027, 2028)
            row[start], row[end] = str(first), str(first + 1)
            moved.add(row[0])
    _drop_rows(t, "Milepæler", moved)  # milestones inside the old period would not fit


def _milestones(t: Tables, rng: random.Random) -> None:
    head, rows = t["Milepæler"]
    source = head.index("Kilde")
    start, end = _col(t, "Tiltak", "Start"), _col(t, "Tiltak", "Slutt")
    for measure in t["Tiltak"][1]:
        first = int(measure[start]) if measure[start].isdigit() else 2022
        last = int(measure[end][:4]) if measure[end][:4].isdigit() else 2025
        for k in range(10):
            year = rng.randint(min(first, last), max(first, last))
            row = [""] * len(head)
            row[0], row[1] = measure[0], f"Milepæl {k + 1} for {measure[0]}"
            row[2], row[source] = f"{year}-K{rng.randint(1, 4)}", "Generert (shapes)"
            rows.append(row)


def _chain(t: Tables, rng: random.Random) -> None:
    for sheet in ("Tiltak", "Behov"):
        deps = _col(t, sheet, "Avhengigheter")
        rows = t[sheet][1][:CHAIN]
        for before, row in itertools.pairwise(rows):
            row[deps] = before[0]
        if rows:
            rows[0][deps] = ""


def _one_lane(t: Tables, rng: random.Random) -> None:
    lane = "Deling av data og nasjonale grunndata"
    for sheet in ("Behov", "Tiltak"):
        theme = _col(t, sheet, "Tema")
        for row in t[sheet][1]:
            row[theme] = lane


def _many_agencies(t: Tables, rng: random.Random) -> None:
    rows = t["Virksomheter"][1]
    count = max(len(rows), len(t["Behov"][1]) // 2)
    for i in range(len(rows), count):
        kind = "Kommune" if i % 3 == 0 else "Stat"
        code = f"W{i:05d}"
        rows.append([code, f"Generert virksomhet {code}", kind,
                     str(rng.randint(2_000, 90_000)) if kind == "Kommune" else "",
                     f"{rng.uniform(20, 400):.1f}", "Generert (shapes)"])
    codes = [row[0] for row in rows]
    for sheet, column in (("Behov", "Eier"), ("Behov", "Meldt inn av"),
                          ("Tiltak", "Ansvarlig"), ("Bruk", "Virksomhet")):
        c = _col(t, sheet, column)
        for i, row in enumerate(t[sheet][1]):
            if row[c]:
                row[c] = codes[(i * 7 + len(column)) % len(codes)]
    deltakere = _col(t, "Tiltak", "Deltakere")
    for row in t["Tiltak"][1]:
        row[deltakere] = ""
    _dedupe_usage(t)


def _dedupe_usage(t: Tables) -> None:
    """One usage row per solution, agency and year (the format's key)."""
    head, rows = t["Bruk"]
    key = (0, head.index("Virksomhet"), head.index("År"))
    seen: set[tuple[str, ...]] = set()
    kept = []
    for row in rows:
        k = tuple(row[i] for i in key)
        if k not in seen:
            seen.add(k)
            kept.append(row)
    t["Bruk"] = (head, kept)


def _no_measures(t: Tables, rng: random.Random) -> None:
    head, rows = t["Tiltak"]
    deps = head.index("Avhengigheter")
    kept = [row for i, row in enumerate(rows) if i % 20 == 0]
    ids = {row[0] for row in kept}
    for row in kept:
        row[deps] = "; ".join(d for d in _split(row[deps]) if d in ids)
    t["Tiltak"] = (head, kept)
    for sheet in ("Milepæler", "Kostnader", "Finansiering", "Bruk"):
        _drop_rows(t, sheet, {row[0] for row in rows} - ids)


def _drop_rows(t: Tables, sheet: str, ids: set[str]) -> None:
    head, rows = t[sheet]
    t[sheet] = (head, [row for row in rows if row[0] not in ids])


def make_shape(path: Path, shape: str, n: int, seed: int = 1) -> Path:
    """Write ``shape_tables(shape, n, seed)`` to ``path`` (.xlsx)."""
    return write_tables(shape_tables(shape, n, seed), path)


def counts(shape: str, n: int, seed: int = 1) -> dict[str, int]:
    """Rows per sheet of the shape."""
    return {name: len(rows) for name, (_, rows) in shape_tables(shape, n, seed).items()}
