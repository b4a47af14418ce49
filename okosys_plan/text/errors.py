"""The one line said for an error that stops a command, and what to do about a refused file.

Below every other module (``okosys_plan.errors`` adds the step to its English text), so it
imports nothing of the package.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.text.later import spoken
from okosys_plan.text.say import say, say_raw


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


# Errors that stop a command (code: English template, the message id of its line). Both
# languages are said from the catalogue, the fields language-neutral (``text.later``); a
# test holds ``str(error)``, the raiser's English, to the English said here. The last
# three carry a whole text said later (``text``, ``where``, ``reason``).
_ERRORS: dict[str, str] = {
    "empty-file": "{file} is empty (0 bytes)",
    "is-directory": "{file} is a folder, not a file",
    "not-found": "{file} does not exist",
    "os-error": "{file} cannot be opened ({reason})",
    "too-old": "{file} is an {format} worksheet, a format older than Excel 97 that is not read",
    "bad-zip": "{file} is a damaged zip archive ({reason})",
    "zip-bomb": "{file} unpacks to {size} MiB, over the limit of {limit} MiB (a zip bomb?)",
    "other-document": "{file} is an OpenDocument {kind}, not a spreadsheet",
    "office-document": "{file} is a Word or PowerPoint file, not a spreadsheet",
    "zip-not-workbook": "{file} is a zip archive with no workbook inside",
    "encrypted": "{file} is encrypted (password-protected)",
    "ole-not-workbook": "{file} is an Office (OLE) file with no workbook inside, or a damaged one",
    "text-not-spreadsheet": "{file} is {kind_text} named {suffix}, not a spreadsheet",
    "damaged": "{file} cannot be read: the file is damaged ({reason})",
    "xml-entities": "{file} holds XML entity declarations, which spreadsheet programs never "
                    "write; it is refused unread ({reason})",
    "crashed": "{file} cannot be read: the file is damaged (it made the reader run out of "
               "memory or crash)",
    "too-slow": "{file} cannot be read: reading it took too long (a damaged file?)",
    "bad-csv": "{file} is not readable CSV ({reason})",
    "sheet-too-large": "{file} cannot be read: the sheet '{sheet}' reaches {rows} rows × "
                       "{columns} columns (to {cell}), over the limit of {limit} cells (at "
                       "most 1,048,576 rows and 16,384 columns)",
    "not-spreadsheet": "{file} is not a spreadsheet (unknown binary content)",
    "output-is-input": "{path}: the output would overwrite an input",
    "output-exists": "{path} exists already (use --force to replace it)",
    "bad-output-suffix": "{path}: this output is written as {formats}, not {suffix}",
    "output-not-regular": "{path} is {kind}, not a regular file; it is never replaced (not "
                          "even with --force)",
    "not-regular-file": "{file} is {kind}, not a regular file",
    "changed-while-read": "{file} changed while it was read (a file still being written, or "
                          "not a regular file)",
    "file-too-large": "{file} is larger than {limit} kB ({size} bytes)",
    "folder-not-writable": "{path}: files cannot be written in this folder ({reason})",
    "interrupted": "interrupted",
    "bad-toml": "{file} is not valid TOML ({reason})",
    "criteria-differ": "{file} does not have the same criteria as {first}: missing {missing}; "
                       "extra {extra}",
    "duplicate-ids": "{count} IDs are in more than one file; use --renumber to number them again",
    "invalid-catalogue": "The catalogue has {count} errors; nothing was scored",
    "invalid-assessments": "The assessments have {count} errors; nothing was scored",
    "catalogue-not-compared": "The catalogue has {count} errors; nothing was compared",
    "bad-option": "{text}",
    "bad-criteria-file": "{file}: {where}{reason}",
    "bad-settings": "{file}: {where}{reason}",
    "bad-baseline": "{file}: {where}{reason}",
    "bad-template": "{file}: {reason}",
    "catalogue-no-deck": "The catalogue has {count} errors; no deck was written",
    "unknown-need": "No need '{id}' in {file}{suggestion}",
    "bad-scenario": "scenario {name}: {setting}: {reason}",
    "unknown-scenario": "no scenario '{name}'; the scenarios declared are {known}",
    "no-scenarios": "no scenarios are declared: add [scenario.NAME] tables to "
                    "okosys-plan.toml or a Scenarier sheet to the catalogue "
                    "(docs/scenarier.md)",
}

# What to do about a file that is refused (code: English text, the message id); every
# refusal has one, and both languages end their line with it (a test walks every code the
# readers raise).
REFUSAL_STEPS: dict[str, str] = {
    "not-regular-file": "give a regular file (save the content to a file first)",
    "changed-while-read": "wait until the file is written in full, or copy it and read the copy",
    "file-too-large": "check that it is the right file; a settings file is a few kB",
    "empty-file": "choose the file that holds the catalogue, or save it again from your "
                  "spreadsheet program",
    "is-directory": "give a file in the folder, not the folder itself",
    "not-found": "check the name and the folder (a name without a folder is looked for where "
                 "you are)",
    "os-error": "check that the file exists and that you may read it",
    "too-old": "open it in Excel or LibreOffice and save it as .xlsx",
    "bad-zip": "download or copy the file again; open it in your spreadsheet program and save "
               "it as .xlsx, .ods or .csv",
    "zip-bomb": "raise the limit with okosys-plan --max-unpacked MIB if the file is genuine",
    "other-document": "give the spreadsheet that holds the catalogue (.xlsx, .ods or .csv)",
    "office-document": "give the spreadsheet that holds the catalogue (.xlsx, .ods or .csv)",
    "zip-not-workbook": "give the spreadsheet itself, not a zip archive it is packed in",
    "encrypted": "save a copy without a password and try again",
    "ole-not-workbook": "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
    "text-not-spreadsheet": "if it holds comma-separated values, rename it to .csv; otherwise "
                            "open it in your spreadsheet program and save it as .xlsx, .ods or "
                            ".csv",
    "not-spreadsheet": "if it is a spreadsheet, save it from your spreadsheet program as "
                       ".xlsx, .ods or .csv; otherwise give the file that holds the catalogue",
    "damaged": "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
    "xml-entities": "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
    "crashed": "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
    "too-slow": "open it in your spreadsheet program and save it as .xlsx, .ods or .csv",
    "bad-csv": "correct the line (often a quote that is not closed), or save the file again as "
               "CSV from your spreadsheet program",
    "bad-toml": "correct the line the error points to",
    "sheet-too-large": "delete the empty rows and columns after the data (or clear their "
                       "formatting) and save again",
}


def refusal_step(code: str, lang: str = "nb") -> str:
    """What to do about a refused file, in the language asked for ('' if none)."""
    step = REFUSAL_STEPS.get(code)
    return "" if step is None else say(lang, step)


def error_text(error: Exception, lang: str = "nb") -> str:
    """One line for an error that stops a command, in the language asked for."""
    code = getattr(error, "code", None)
    template = _ERRORS.get(code) if isinstance(code, str) else None
    if template is None:
        return str(error)
    fields = _Fields(spoken(getattr(error, "params", {}), lang))
    fields.setdefault("kind_text", say(lang, str(fields.get("kind", "")) or "a text file"))
    text = say_raw(lang, template).format_map(fields)
    step = refusal_step(str(code), lang) if getattr(error, "refused_file", False) else ""
    return f"{text}; {step}" if step else text
