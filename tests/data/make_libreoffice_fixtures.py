"""Write the flat-ODS (.fods) sources of the LibreOffice fixtures.

Standard library only. ``make_libreoffice_fixtures.sh`` runs this script and then lets a
real, headless LibreOffice convert every source into .xlsx, .ods and .xls (the committed
fixtures in ``tests/data/libreoffice/``). The expected parse results live in
``tests/data/libreoffice/expected.json``, written by hand from the tables below.

Usage: python make_libreoffice_fixtures.py OUT_DIR   (writes OUT_DIR/<name>.fods)

Cell values are typed on purpose:
  "text"      -> a string cell   (office:value-type="string"), even when it looks numeric
  N(2024)     -> a number cell   (office:value-type="float")
  D("2023-05-02") -> a real date cell (office:value-type="date")
  F("of:=SUM([.I4:.I12])", 3.6) -> a formula with its cached numeric value
  None        -> an empty cell
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

NBSP = "\u00a0"


@dataclass(frozen=True)
class N:
    """A number cell."""

    value: float


@dataclass(frozen=True)
class D:
    """A real date cell, ISO date."""

    iso: str


@dataclass(frozen=True)
class F:
    """A formula cell (OpenFormula syntax) with its cached numeric result."""

    formula: str
    cached: float


Cell = str | N | D | F | None
Row = list[Cell]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[Row]
    hidden: bool = False
    merge_first_cell: int = 1  # columns spanned by cell A1 (a merged title)


# --------------------------------------------------------------------------------------
# The needs catalogue data (sheet Behov / Ark1)
# --------------------------------------------------------------------------------------

BEHOV_HEADERS: Row = [
    "ID",
    "Tittel",
    "Eier",
    "Tema",
    "Status",
    "Samfunnsnytte",
    "Bredde",
    "Investering (MNOK)",
    "Årlig drift",
    "Dato meldt inn",
    "Start",
    "Slutt",
    "Lovkrav",
    "Avhengigheter",
    "Merknad fra etat",  # not in the format: must be kept as an extra column
]

T_LIV = "Sammenhengende tjenester og livshendelser"
T_ID = "Digital identitet og tilgang"
T_REP = "Representasjon, fullmakt og samtykke"
T_DATA = "Deling av data og nasjonale grunndata"
T_HEND = "Hendelser, meldinger og dialog"
T_ARK = "Arkitektur, standarder og «lett å gjøre rett»"
T_STY = "Styring og finansiering av fellesløsninger"

# fmt: off
# Columns:  ID, Tittel, Eier, Tema, Status, Samfunnsnytte, Bredde, Investering, Årlig drift,
#           Dato meldt inn, Start, Slutt, Lovkrav, Avhengigheter, Merknad fra etat
NEEDS_BEFORE_BLANK: list[Row] = [
    ["B01", "Sammenhengende tjeneste ved dødsfall og arv", "SKE", T_LIV, "Meldt inn",
     N(4), N(5), "12,5", "1,5",
     "15.03.2023", "2023-K2", "K3 2024", "Ja", None,
     "Krever endring i arveloven"],
    ["B02", "Påloggingsløsning for ansatte (Ansattporten)", "Digdir", T_ID, "Prioritert",
     N(5), N(3), "1 234,5", N(2),
     D("2023-05-02"), "Påbegynt", N(2025), "Nei", None,
     None],
    ["B03", "Økt gjenbruk av grunndata i søknadsbehandling", "Brreg", T_DATA, "Under vurdering",
     N(3), N(4), f"2{NBSP}345,75", "0,25",
     "2023-03-15", "2024 Q1", "mars 2025", "X", "B01, B02",
     "Gjelder også Enhetsregisteret"],
    ["B04", "Fullmakt og samtykke på tvers av sektorer", "Digdir", T_REP, "Anbefalt",
     "4", N(2), N(8.25), None,
     "01.02.2024", N(2024), "2024-K4", None, "B01",
     None],
    ["B05", "Hendelsesdeling fra Folkeregisteret til kommunene", "KS", T_HEND, "Meldt inn",
     N(2), None, "0,8", N(1.1),
     None, None, None, "Nei", "B03;B04",
     "Bredde ikke vurdert ennå"],
]
NEEDS_AFTER_BLANK: list[Row] = [
    ["B06", "Bærekraftig forvaltning av fellesløsninger", "Kartverket", T_STY, "Under utredning",
     N(5), N(5), N(3), "3",
     D("2022-11-30"), "januar 2024", D("2025-06-15"), "X", None,
     None],
    ["B07", "Felles arkitektur for tilsynsetater", "NAV", T_ARK, "Under gjennomføring",
     N(3), N(3), "44,7", "4,2",
     "30.09.2022", "2023", "2025 Q2", "Ja", "B02\nB05",
     "Må sees i sammenheng med B02"],
    ["B08 ", "Søknad om barnehageplass – én inngang for foreldre", "Hdir", T_LIV, "Parkert",
     N(1), N(2), "21", N(0.5),
     "12.01.2024", "Påbegynt", "2026-K1", None, "B06; B07",
     "ID har et mellomrom til slutt"],
]
# fmt: on
BLANK_ROW: Row = [None] * len(BEHOV_HEADERS)
INVESTMENT_TOTAL = 3670.5  # 12.5 + 1234.5 + 2345.75 + 8.25 + 0.8 + 3 + 44.7 + 21
OPERATIONS_NUMERIC_SUM = 3.6  # SUM() sees only the number cells: 2 + 1.1 + 0.5


def totals_row(first_data_row: int, last_data_row: int) -> Row:
    """Neither ID nor title: 'Sum' under Eier, totals under Investering and Årlig drift."""
    row: Row = [None] * len(BEHOV_HEADERS)
    row[2] = "Sum"
    row[7] = N(INVESTMENT_TOTAL)
    row[8] = F(f"of:=SUM([.I{first_data_row}:.I{last_data_row}])", OPERATIONS_NUMERIC_SUM)
    return row


def behov_rows(header_row: int) -> list[Row]:
    """Header, 5 needs, one blank row, 3 needs, a totals row."""
    first = header_row + 1
    last = first + len(NEEDS_BEFORE_BLANK) + 1 + len(NEEDS_AFTER_BLANK) - 1
    return [
        BEHOV_HEADERS,
        *NEEDS_BEFORE_BLANK,
        BLANK_ROW,
        *NEEDS_AFTER_BLANK,
        totals_row(first, last),
    ]


KRITERIER_ROWS: list[Row] = [
    ["Kriterium", "Vekt", "Retning", "Skala min", "Skala maks"],
    ["Samfunnsnytte", "0,6", "Nytte", N(1), N(5)],
    ["Bredde", N(0.4), "Nytte", N(1), N(5)],
]

NOTATER_ROWS: list[Row] = [
    ["Interne notater (skjult ark)"],
    ["Tallene i Investering er foreløpige anslag."],
    ["B05 må vurderes på nytt når Bredde er fylt ut."],
]

FORSIDE_ROWS: list[Row] = [
    ["Innmelding av behov 2024"],
    [None],
    ["Virksomhet: Eksempelvirksomhet"],
    ["Behovene står i arket Ark1. Se veiledningen på digdir.no for utfylling."],
]

# A hidden sheet that HAS the Behov headers, placed before Ark1: hidden sheets are read
# only when named, so a reader looking for the needs sheet by its headers must skip it.
# fmt: off
ARKIV_ROWS: list[Row] = [
    BEHOV_HEADERS,
    ["X01", "Gammelt behov fra i fjor (skal ikke leses)", "Digdir", T_ID, "Løst",
     N(1), N(1), "1,0", None, "01.01.2021", "2021", "2021-K4", "Nei", None, None],
]
# fmt: on


def fixtures() -> dict[str, list[Sheet]]:
    title = "Behovskatalog – Eksempelvirksomhet"
    return {
        "lo_catalogue": [
            Sheet("Behov", [[title], [None], *behov_rows(header_row=3)], merge_first_cell=6),
            Sheet("Notater", NOTATER_ROWS, hidden=True),
            Sheet("Kriterier", KRITERIER_ROWS),
        ],
        "lo_needs_unnamed": [
            Sheet("Forside", FORSIDE_ROWS),
            Sheet("Arkiv", ARKIV_ROWS, hidden=True),
            Sheet("Ark1", behov_rows(header_row=1)),
        ],
    }


# --------------------------------------------------------------------------------------
# Flat ODS writer
# --------------------------------------------------------------------------------------

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:meta>
  <meta:generator>okosys-plan tests/data/make_libreoffice_fixtures.py</meta:generator>
 </office:meta>
 <office:styles>
  <style:default-style style:family="table-cell">
   <style:text-properties fo:language="nb" fo:country="NO"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <number:date-style style:name="N_date">
   <number:day number:style="long"/><number:text>.</number:text>
   <number:month number:style="long"/><number:text>.</number:text>
   <number:year number:style="long"/>
  </number:date-style>
  <style:style style:name="ce_date" style:family="table-cell"
   style:parent-style-name="Default" style:data-style-name="N_date"/>
  <style:style style:name="ce_bold" style:family="table-cell" style:parent-style-name="Default">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="ta_visible" style:family="table">
   <style:table-properties table:display="true"/>
  </style:style>
  <style:style style:name="ta_hidden" style:family="table">
   <style:table-properties table:display="false"/>
  </style:style>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
"""

TAIL = """  </office:spreadsheet>
 </office:body>
</office:document>
"""


def paragraph(line: str) -> str:
    """One <text:p>; runs of spaces after the first (and a leading space) use <text:s/>."""
    out: list[str] = []
    i = 0
    while i < len(line):
        if line[i] == " ":
            j = i
            while j < len(line) and line[j] == " ":
                j += 1
            run = j - i
            literal = 0 if i == 0 else 1
            if literal:
                out.append(" ")
            if run - literal:
                out.append(f'<text:s text:c="{run - literal}"/>')
            i = j
        else:
            out.append(escape(line[i]))
            i += 1
    return "<text:p>" + "".join(out) + "</text:p>"


def cell_xml(cell: Cell, *, bold: bool = False, span: int = 1) -> str:
    attrs = ' table:style-name="ce_bold"' if bold else ""
    if span > 1:
        attrs += f' table:number-columns-spanned="{span}" table:number-rows-spanned="1"'
    if cell is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(cell, str):
        paras = "".join(paragraph(line) for line in cell.split("\n"))
        return f'<table:table-cell{attrs} office:value-type="string">{paras}</table:table-cell>'
    if isinstance(cell, N):
        v = repr(cell.value) if isinstance(cell.value, float) else str(cell.value)
        return (
            f'<table:table-cell{attrs} office:value-type="float" office:value="{v}">'
            f"<text:p>{v}</text:p></table:table-cell>"
        )
    if isinstance(cell, D):
        y, m, d = cell.iso.split("-")
        return (
            f'<table:table-cell table:style-name="ce_date" office:value-type="date"'
            f' office:date-value="{cell.iso}"><text:p>{d}.{m}.{y}</text:p></table:table-cell>'
        )
    if isinstance(cell, F):
        v = repr(cell.cached)
        return (
            f'<table:table-cell{attrs} table:formula="{escape(cell.formula)}"'
            f' office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
            "</table:table-cell>"
        )
    raise TypeError(cell)


def sheet_xml(sheet: Sheet) -> str:
    width = max(len(r) for r in sheet.rows)
    style = "ta_hidden" if sheet.hidden else "ta_visible"
    lines = [
        f'   <table:table table:name="{escape(sheet.name)}" table:style-name="{style}">',
        f'    <table:table-column table:number-columns-repeated="{width}"/>',
    ]
    for r, row in enumerate(sheet.rows):
        cells: list[str] = []
        c = 0
        while c < width:
            value = row[c] if c < len(row) else None
            if r == 0 and c == 0 and sheet.merge_first_cell > 1:
                span = sheet.merge_first_cell
                cells.append(cell_xml(value, bold=True, span=span))
                cells.extend("<table:covered-table-cell/>" for _ in range(span - 1))
                c += span
                continue
            is_header = any(isinstance(v, str) and v in ("ID", "Kriterium") for v in row[:1])
            cells.append(cell_xml(value, bold=is_header))
            c += 1
        lines.append("    <table:table-row>" + "".join(cells) + "</table:table-row>")
    lines.append("   </table:table>")
    return "\n".join(lines) + "\n"


def write_fods(path: Path, sheets: list[Sheet]) -> None:
    body = "".join(sheet_xml(s) for s in sheets)
    path.write_text(HEAD + body + TAIL, encoding="utf-8", newline="\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, sheets in fixtures().items():
        write_fods(out / f"{name}.fods", sheets)
        print(out / f"{name}.fods")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
