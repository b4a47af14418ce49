"""The one line said for an error that stops a command, and what to do about a refused file.

Below every other module (``okosys_plan.errors`` adds the step to its English text), so it
imports nothing of the package.
"""

from __future__ import annotations

from typing import Any


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


# Errors that stop a command (code: Norwegian template); English is the exception's text.
_ERRORS_NB: dict[str, str] = {
    "empty-file": "{file} er tom (0 byte)",
    "is-directory": "{file} er en mappe, ikke en fil",
    "not-found": "{file} finnes ikke",
    "os-error": "{file} kan ikke åpnes ({reason})",
    "too-old": "{file} er et {format}-regneark, et format eldre enn Excel 97 som ikke leses",
    "bad-zip": "{file} er et skadet zip-arkiv ({reason})",
    "zip-bomb": "{file} pakkes ut til {size} MiB, over grensen på {limit} MiB (en zip-bombe?)",
    "other-document": "{file} er et OpenDocument-{kind}, ikke et regneark",
    "office-document": "{file} er et Word- eller PowerPoint-dokument, ikke et regneark",
    "zip-not-workbook": "{file} er et zip-arkiv uten arbeidsbok",
    "encrypted": "{file} er kryptert (passordbeskyttet)",
    "ole-not-workbook": "{file} er en Office-fil (OLE) uten arbeidsbok, eller en skadet fil",
    "text-not-spreadsheet": "{file} er {kind_nb} med navnet {suffix}, ikke et regneark",
    "damaged": "{file} kan ikke leses: filen er skadet ({reason})",
    "xml-entities": "{file} inneholder XML-entiteter, som regnearkprogrammer aldri skriver; "
    "filen avvises ulest ({reason})",
    "crashed": "{file} kan ikke leses: filen er skadet (leseren gikk tom for minne eller "
    "krasjet)",
    "too-slow": "{file} kan ikke leses: lesingen tok for lang tid (en skadet fil?)",
    "bad-csv": "{file} er ikke lesbar CSV ({reason})",
    "sheet-too-large": "{file} kan ikke leses: arket «{sheet}» når {rows} rader × {columns} "
    "kolonner (til {cell}), over grensen på {limit} celler (høyst 1 048 576 rader og 16 384 "
    "kolonner)",
    "not-spreadsheet": "{file} er ikke et regneark (ukjent binært innhold)",
    "output-is-input": "{path}: utfilen ville skrevet over en innfil",
    "output-exists": "{path} finnes allerede (bruk --force for å erstatte den)",
    "bad-output-suffix": "{path}: denne utfilen skrives som {formats}, ikke {suffix}",
    "output-not-regular": "{path} er {kind}, ikke en vanlig fil; den erstattes aldri (heller "
    "ikke med --force)",
    "not-regular-file": "{file} er {kind}, ikke en vanlig fil",
    "changed-while-read": "{file} endret seg mens den ble lest (en fil som fortsatt skrives, "
    "eller ikke en vanlig fil)",
    "file-too-large": "{file} er større enn {limit} kB ({size} byte)",
    "folder-not-writable": "{path}: mappen kan ikke skrives til ({reason})",
    "interrupted": "avbrutt",
    "bad-toml": "{file} er ikke gyldig TOML ({reason})",
    "criteria-differ": "{file} har ikke de samme kriteriene som {first}: mangler {missing}; "
    "har i tillegg {extra}",
    "duplicate-ids": "{count} ID-er finnes i flere filer; bruk --renumber for å nummerere om",
    "invalid-catalogue": "Katalogen har {count} feil; kjøringen stopper etter validering",
    "bad-option": "{text}",
    "bad-criteria-file": "{file}: {where}{reason}",
    "bad-settings": "{file}: {reason}",
    "unknown-need": "Fant ikke behovet «{id}» i {file}{suggestion}",
}

_SAVE_AGAIN = (
    "åpne den i regnearkprogrammet og lagre den som .xlsx, .ods eller .csv",
    "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
)

# What to do about a file that is refused (code: (nb, en)); every refusal has one, and
# both languages end their line with it (a test walks every code the readers raise).
REFUSAL_STEPS: dict[str, tuple[str, str]] = {
    "not-regular-file": ("oppgi en vanlig fil (lagre innholdet i en fil først)",
                         "give a regular file (save the content to a file first)"),
    "changed-while-read": ("vent til filen er ferdig skrevet, eller kopier den og les kopien",
                           "wait until the file is written in full, or copy it and read the "
                           "copy"),
    "file-too-large": ("sjekk at det er riktig fil; en innstillingsfil er noen få kB",
                       "check that it is the right file; a settings file is a few kB"),
    "empty-file": ("velg filen med katalogen, eller lagre den på nytt fra regnearkprogrammet",
                   "choose the file that holds the catalogue, or save it again from your "
                   "spreadsheet program"),
    "is-directory": ("oppgi en fil i mappen, ikke selve mappen",
                     "give a file in the folder, not the folder itself"),
    "not-found": ("sjekk navnet og mappen (et navn uten mappe letes etter der du står)",
                  "check the name and the folder (a name without a folder is looked for "
                  "where you are)"),
    "os-error": ("sjekk at filen finnes og at du har lov til å lese den",
                 "check that the file exists and that you may read it"),
    "too-old": ("åpne den i Excel eller LibreOffice og lagre den som .xlsx",
                "open it in Excel or LibreOffice and save it as .xlsx"),
    "bad-zip": ("hent eller kopier filen på nytt; " + _SAVE_AGAIN[0],
                "download or copy the file again; " + _SAVE_AGAIN[1]),
    "zip-bomb": ("øk grensen med okosys-plan --max-unpacked MIB hvis filen er ekte",
                 "raise the limit with okosys-plan --max-unpacked MIB if the file is genuine"),
    "other-document": ("oppgi regnearket med katalogen (.xlsx, .ods eller .csv)",
                       "give the spreadsheet that holds the catalogue (.xlsx, .ods or .csv)"),
    "office-document": ("oppgi regnearket med katalogen (.xlsx, .ods eller .csv)",
                        "give the spreadsheet that holds the catalogue (.xlsx, .ods or .csv)"),
    "zip-not-workbook": ("oppgi selve regnearket, ikke et zip-arkiv som det ligger i",
                         "give the spreadsheet itself, not a zip archive it is packed in"),
    "encrypted": ("lagre en kopi uten passord og prøv igjen",
                  "save a copy without a password and try again"),
    "ole-not-workbook": _SAVE_AGAIN,
    "text-not-spreadsheet": ("hvis den har kommaseparerte verdier, gi den endelsen .csv; "
                             "ellers " + _SAVE_AGAIN[0],
                             "if it holds comma-separated values, rename it to .csv; "
                             "otherwise " + _SAVE_AGAIN[1]),
    "not-spreadsheet": ("er det et regneark, så lagre det fra regnearkprogrammet som .xlsx, "
                        ".ods eller .csv; ellers oppgi filen med katalogen",
                        "if it is a spreadsheet, save it from your spreadsheet program as "
                        ".xlsx, .ods or .csv; otherwise give the file that holds the catalogue"),
    "damaged": _SAVE_AGAIN,
    "xml-entities": _SAVE_AGAIN,
    "crashed": _SAVE_AGAIN,
    "too-slow": _SAVE_AGAIN,
    "bad-csv": ("rett linjen (ofte et anførselstegn som ikke er lukket), eller lagre filen "
                "på nytt som CSV fra regnearkprogrammet",
                "correct the line (often a quote that is not closed), or save the file again "
                "as CSV from your spreadsheet program"),
    "bad-toml": ("rett linjen som feilen viser til", "correct the line the error points to"),
    "sheet-too-large": ("slett tomme rader og kolonner bak dataene (eller formater dem på "
                        "nytt) og lagre igjen",
                        "delete the empty rows and columns after the data (or clear their "
                        "formatting) and save again"),
}


def refusal_step(code: str, lang: str = "nb") -> str:
    """What to do about a refused file, in the language asked for ('' if none)."""
    step = REFUSAL_STEPS.get(code)
    return "" if step is None else step[1 if lang == "en" else 0]


def error_text(error: Exception, lang: str = "nb") -> str:
    """One line for an error that stops a command, in the language asked for."""
    code = getattr(error, "code", None)
    template = _ERRORS_NB.get(code) if lang != "en" and isinstance(code, str) else None
    if template is None:
        return str(error)
    fields = _Fields(getattr(error, "params", {}))
    fields.setdefault("kind_nb", _KINDS_NB.get(str(fields.get("kind", "")), "en tekstfil"))
    text = template.format_map(fields)
    step = refusal_step(str(code)) if getattr(error, "refused_file", False) else ""
    return f"{text}; {step}" if step else text


_KINDS_NB = {"an HTML page": "en HTML-side", "an XML file": "en XML-fil",
             "a text file": "en tekstfil"}
