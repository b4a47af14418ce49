"""Generate a large needs catalogue (Behov sheet only) for the reader benchmark.

    python benchmarks/make_catalogue.py [--rows 100000] [--seed 1] [path]

The sheet has 20 columns from docs/workbook-format (ID, Tittel, Eier, Beskrivelse,
Tema, Behovstype, Status, Dato meldt inn, the eight Skate criteria, Lovkrav,
Investering, Årlig drift, Avhengigheter). No Kriterier sheet: the defaults apply.
Written with openpyxl's write-only mode; the output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_PATH = HERE / "out" / "catalogue_100k.xlsx"
sys.path.insert(0, str(HERE.parent))

from okosys_plan.domain import (  # noqa: E402
    DEFAULT_CRITERIA,
    NEED_STATUSES,
    NEED_TYPES,
    SKATE_AGENCIES,
    THEMES,
)

CRITERIA = [c.name for c in DEFAULT_CRITERIA]
HEADERS = [
    "ID", "Tittel", "Eier", "Beskrivelse", "Tema", "Behovstype", "Status",
    "Dato meldt inn", *CRITERIA, "Lovkrav", "Investering (MNOK)", "Årlig drift (MNOK)",
    "Avhengigheter",
]
assert len(HEADERS) == 20, len(HEADERS)

WORDS = (
    "felles", "løsning", "tjeneste", "innbygger", "næringsliv", "deling", "grunndata",
    "fullmakt", "samtykke", "varsling", "kommune", "stat", "overgang", "søknad",
    "ærlig", "førstegangs", "påkobling", "hendelse", "melding", "dialog", "tilgang",
    "identitet", "økonomi", "styring", "gjenbruk", "arkitektur", "større", "små",
    "brønn", "sårbar", "åpen", "prosess", "mønster", "utveksling", "register",
)
TITLE_HEADS = (
    "Behov for", "Ønske om", "Krav til", "Mangler", "Felles", "Bedre", "Enklere",
)
AGENCIES = [code for code, _, _ in SKATE_AGENCIES]


def sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    n = 0
    while n < length:
        w = rng.choice(WORDS)
        words.append(w)
        n += len(w) + 1
    text = " ".join(words)[:length].rstrip()
    return text[0].upper() + text[1:] + "."


def rows(n: int, seed: int) -> Iterator[list[Any]]:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    for i in range(1, n + 1):
        need_id = f"B-{i:06d}"
        deps = ""
        if i > 1 and rng.random() < 0.15:
            k = 1 if rng.random() < 0.8 else 2
            picks = sorted({rng.randint(max(1, i - 500), i - 1) for _ in range(k)})
            deps = ", ".join(f"B-{p:06d}" for p in picks)
        yield [
            need_id,
            f"{rng.choice(TITLE_HEADS)} {sentence(rng, 40).rstrip('.').lower()}",
            rng.choice(AGENCIES),
            sentence(rng, 80),
            rng.choice(THEMES),
            rng.choice(NEED_TYPES),
            rng.choice(NEED_STATUSES),
            start + dt.timedelta(days=rng.randrange(0, 6 * 365)),
            *(rng.randint(1, 5) for _ in CRITERIA),
            "Ja" if rng.random() < 0.1 else "Nei",
            round(rng.uniform(0, 250), 2),
            round(rng.uniform(0, 40), 2),
            deps or None,
        ]


def make(path: Path, n: int, seed: int = 1) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Behov")
    ws.append(HEADERS)
    date_col = HEADERS.index("Dato meldt inn")
    for row in rows(n, seed):
        cell = WriteOnlyCell(ws, value=row[date_col])
        cell.number_format = "yyyy-mm-dd"
        row[date_col] = cell
        ws.append(row)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    make(args.path, args.rows, args.seed)
    print(f"wrote {args.path} ({args.rows} rows, {args.path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
