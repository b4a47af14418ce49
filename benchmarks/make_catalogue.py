"""Generate a large needs catalogue (Behov sheet only) for the reader benchmark.

    python benchmarks/make_catalogue.py [--rows 100000] [--seed 1] [path]
    python benchmarks/make_catalogue.py --full --rows 10000 [--seed 1] [path]

``--full`` (``make_full``, used by ``benchmarks/run_all``) writes a whole catalogue in
the bundled catalogue's sheet layout instead; see ``make_full``.

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

from okosys_plan.catalogue.domain import (  # noqa: E402
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


# --------------------------------------------------------------------------- full catalogue

#: The bundled catalogue's agency codes are mapped onto this many agencies, by size.
def agency_count(n: int) -> int:
    """About 20 agencies for 100 needs, growing to 90 (the strategy's survey) at 10 000."""
    return min(90, 20 + n // 150)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def full_tables(n: int, seed: int = 1) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every sheet of the bundled catalogue's source, tiled to ``n`` needs (as CSV text).

    Copy ``k`` of the 49 bundled needs gets IDs ``B{k}-01`` …, its 30 measures ``T{k}-01``
    …; every reference (Behov, Avhengigheter, Tiltak, Løsning) is renamed within the copy,
    so dependencies stay acyclic and local. The last copy is cut at ``n`` needs: measures
    whose needs or dependencies fall outside are left out, with their cost, funding,
    usage and milestone rows. Criterion scores move by −1/0/+1 and amounts by ×0.8–1.2
    (seeded), so needs do not tie by copy. Agency codes (Eier, Meldt inn av, Ansvarlig,
    Deltakere, Virksomhet) are spread over ``agency_count(n)`` agencies: the 19 bundled
    ones and generated ``V020`` …; Budsjett caps are scaled by the number of copies.
    Kriterier, Mål and Nøkkeltall are kept as they are.
    """
    sys.path.insert(0, str(HERE.parent / "catalogue"))
    from build import CRITERIA as BUNDLED_CRITERIA
    from build import SHEETS, read_sheet

    rng = random.Random(seed)
    src = {name: read_sheet(name) for name in SHEETS}
    need_ids = [row[0] for row in src["Behov"][1]]
    per_copy = len(need_ids)
    copies = -(-n // per_copy)
    v_head, v_rows = src["Virksomheter"]
    bundled_codes = [row[0] for row in v_rows]
    total = max(agency_count(n), len(bundled_codes))
    extra = [f"V{i:03d}" for i in range(len(bundled_codes) + 1, total + 1)]
    codes = bundled_codes + extra
    agency_rows = [list(row) for row in v_rows]
    for i, code in enumerate(extra):
        kind = "Kommune" if i % 3 == 0 else "Stat"
        agency_rows.append([code, f"Generert virksomhet {code}", kind,
                            str(rng.randint(2_000, 90_000)) if kind == "Kommune" else "",
                            f"{rng.uniform(20, 400):.1f}", "Generert (benchmarks/run_all)"])

    def col(sheet: str, name: str) -> int:
        return src[sheet][0].index(name)

    out: dict[str, tuple[list[str], list[list[str]]]] = {
        name: (src[name][0], []) for name in SHEETS}
    out["Virksomheter"] = (v_head, agency_rows)
    for name in ("Kriterier", "Mål", "Nøkkeltall"):
        out[name] = src[name]
    b_head, b_rows = src["Budsjett"]
    out["Budsjett"] = (b_head, [[r[0], f"{float(r[1]) * copies:.1f}", *r[2:]]
                               for r in b_rows])
    score_cols = {col("Behov", c) for c in BUNDLED_CRITERIA}
    amount_cols = {("Behov", col("Behov", c)) for c in ("Investering", "Årlig drift",
                                                        "Netto nåverdi")}
    amount_cols |= {(s, col(s, "Beløp")) for s in ("Kostnader", "Finansiering")}
    amount_cols |= {("Bruk", col("Bruk", c)) for c in ("Volum", "Nytte")}
    agency_cols = {("Behov", col("Behov", "Eier")), ("Behov", col("Behov", "Meldt inn av")),
                   ("Tiltak", col("Tiltak", "Ansvarlig")), ("Tiltak", col("Tiltak", "Deltakere")),
                   ("Bruk", col("Bruk", "Virksomhet"))}
    id_cols = {("Behov", 0), ("Behov", col("Behov", "Avhengigheter")), ("Tiltak", 0),
               ("Tiltak", col("Tiltak", "Behov")), ("Tiltak", col("Tiltak", "Avhengigheter")),
               ("Milepæler", 0), ("Kostnader", 0), ("Finansiering", 0), ("Bruk", 0)}
    for k in range(copies):
        keep = need_ids[: n - k * per_copy]
        ids = {old: f"B{k + 1}-{old[1:]}" for old in keep}
        rows_t = {row[0]: row for row in src["Tiltak"][1]
                  if all(w in ids for w in _split(row[col("Tiltak", "Behov")]))}
        changed = True
        while changed:  # drop measures whose dependencies were dropped (in any order)
            changed = False
            for m in list(rows_t):
                if not all(d in rows_t for d in _split(rows_t[m][col("Tiltak",
                                                                     "Avhengigheter")])):
                    del rows_t[m]
                    changed = True
        measures = {m: f"T{k + 1}-{m[1:]}" for m in rows_t}
        ids.update(measures)
        shift = {code: codes[(j + len(bundled_codes) * k) % len(codes)]
                 for j, code in enumerate(bundled_codes)}
        for sheet in ("Behov", "Tiltak", "Milepæler", "Kostnader", "Finansiering", "Bruk"):
            for row in src[sheet][1]:
                if row[0] not in ids:
                    continue
                new = list(row)
                for c, text in enumerate(row):
                    if not text:
                        continue
                    if (sheet, c) in id_cols:
                        new[c] = "; ".join(ids[x] for x in _split(text) if x in ids)
                    elif (sheet, c) in agency_cols:
                        new[c] = "; ".join(shift.get(x, x) for x in _split(text))
                    elif sheet == "Behov" and c in score_cols:
                        new[c] = str(min(5, max(1, int(text) + rng.choice((-1, 0, 0, 1)))))
                    elif (sheet, c) in amount_cols:
                        value = float(text) * rng.uniform(0.8, 1.2)
                        new[c] = (str(round(value)) if sheet == "Bruk" and c ==
                                  col("Bruk", "Volum") else f"{value:.2f}")
                if sheet == "Behov" and k:
                    new[1] = f"{row[1]} ({k + 1})"
                out[sheet][1].append(new)
    return out


def make_full(path: Path, n: int, seed: int = 1) -> Path:
    """Write ``full_tables(n, seed)`` as .xlsx, typed like ``catalogue/build.py``.

    The cells are converted with the bundled catalogue's own ``build.convert`` (numbers,
    date cells, plain-year periods), written with openpyxl's write-only mode and saved with
    the library's deterministic ``export.files.save_workbook`` (fixed zip timestamps), so
    the same ``n`` and seed give the same bytes.
    """
    return write_tables(full_tables(n, seed), path)


def write_tables(tables: dict[str, tuple[list[str], list[list[str]]]], path: Path) -> Path:
    """Write sheets of CSV text as .xlsx, typed like ``catalogue/build.py`` (deterministic)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from okosys_plan.export.files import save_workbook

    sys.path.insert(0, str(HERE.parent / "catalogue"))
    from build import DATE_FORMAT, convert

    wb = Workbook(write_only=True)
    for name, (header, data) in tables.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in data:
            cells: list[Any] = []
            for title, text in zip(header, row, strict=True):
                value = convert(name, title, text)
                if isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = DATE_FORMAT
                    value = cell
                cells.append(value)
            ws.append(cells)
    wb.properties.creator = "okosys-plan benchmarks"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, path)
    return path


def full_counts(n: int, seed: int = 1) -> dict[str, int]:
    """Rows per sheet of ``full_tables(n, seed)``."""
    return {name: len(data) for name, (_, data) in full_tables(n, seed).items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--full", action="store_true",
                    help="every sheet in the bundled catalogue's layout (make_full)")
    args = ap.parse_args(argv)
    if args.full:
        if args.path == DEFAULT_PATH:
            args.path = HERE / "out" / f"full_{args.rows}.xlsx"
        make_full(args.path, args.rows, args.seed)
        print(f"wrote {args.path} ({full_counts(args.rows, args.seed)}, "
              f"{args.path.stat().st_size / 1e6:.1f} MB)")
        return 0
    make(args.path, args.rows, args.seed)
    print(f"wrote {args.path} ({args.rows} rows, {args.path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
