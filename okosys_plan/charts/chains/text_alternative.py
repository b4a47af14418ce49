"""The map as text, for universal design: Markdown and CSV beside every chart. Pure.

The Markdown lists the elements row by row (ID, text, step, actor), every trigger, and
every break with the needs that address it and their state; the CSV has one row per
element (row, ID, step, text, actor, triggers, break, description, needs). CSV as the
roadmap writes it: UTF-8 with a BOM, ';' in Norwegian, formula-like cells neutralised.
"""

from __future__ import annotations

from okosys_plan.catalogue.validate import id_key
from okosys_plan.chains.model import Break, ChainMap
from okosys_plan.charts.chains.model import ChainLayout, element_gid
from okosys_plan.charts.chains.states import break_heading, need_lines, readiness_line
from okosys_plan.charts.chains.words import level_letter, level_name, row_name, words
from okosys_plan.charts.geometry import trimmed
from okosys_plan.charts.roadmap.text_alternative import BOM, csv_delimiter, csv_field, safe_cell


def _numbers(chain: ChainMap, lang: str) -> dict[str, str]:
    """Each broken element's badge text (J1, T2 …) by its ID."""
    return {b.element.id: f"{level_letter(b.level, lang)}{i}"
            for i, b in enumerate(chain.breaks, 1)}


def element_lines(chain: ChainMap, lang: str) -> list[tuple[str, list[str]]]:
    """(row name, [element in words]) for every row that has elements, in map order."""
    said = words(lang)
    rows: dict[str, list[str]] = {}
    for element in chain.elements:
        fields = {"id": element.id, "text": " ".join(element.text.split()),
                  "step": trimmed(element.step, lang), "actor": element.actor or ""}
        rows.setdefault(element.layer, []).append(
            said["element_actor" if element.actor else "element"].format(**fields))
    return [(row_name(layer, lang), entries) for layer, entries in rows.items()]


def trigger_lines(chain: ChainMap, lang: str) -> list[str]:
    """'K1 Melder dødsfall utløser K2 Dødsfall er registrert', one per trigger."""
    by_id = {id_key(e.id): e for e in chain.elements}
    found = []
    for element in chain.elements:
        for ref in dict.fromkeys(id_key(t) for t in element.triggers):
            target = by_id.get(ref)
            if target is not None and target is not element:
                found.append(words(lang)["triggers"].format(
                    source=f"{element.id} {' '.join(element.text.split())}",
                    target=f"{target.id} {' '.join(target.text.split())}"))
    return found


def break_entries(chain: ChainMap, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """(the break's first line, its needs' lines) for every break, numbered as drawn."""
    numbers = _numbers(chain, lang)
    return [(break_heading(numbers[b.element.id], b, lang), need_lines(b, lang))
            for b in chain.breaks]


def element_tips(chain: ChainMap, lang: str) -> dict[str, str]:
    """Each element's tooltip by its SVG id: ID, whole text, actor; its break and needs."""
    faults = {b.element.id: b for b in chain.breaks}
    numbers = _numbers(chain, lang)
    tips = {}
    for element in chain.elements:
        tip = " · ".join(p for p in (f"{element.id} {' '.join(element.text.split())}",
                                     element.actor or "") if p)
        fault = faults.get(element.id)
        if fault is not None:
            tip += "\n" + "\n".join((break_heading(numbers[element.id], fault, lang),
                                      *need_lines(fault, lang)))
        tips[element_gid(element.id)] = tip
    return tips


def describe(layout: ChainLayout) -> str:
    """The map in words, for screen readers and the files' descriptions."""
    chain, lang = layout.chain, layout.lang
    parts = [f"{layout.texts.title}. {layout.texts.subtitle}."]
    parts += [f"{name}: {'; '.join(entries)}." for name, entries in element_lines(chain, lang)]
    triggers = trigger_lines(chain, lang)
    if triggers:
        parts.append(f"{words(lang)['triggers_heading']}: {'; '.join(triggers)}.")
    for heading, needs in break_entries(chain, lang):
        parts.append(f"{heading}. {' '.join(n.rstrip('.') + '.' for n in needs)}")
    return " ".join(parts)


def markdown_text(chain: ChainMap, title: str, subtitle: str, lang: str) -> str:
    """The map in Markdown: elements by row, triggers, breaks with their needs."""
    said = words(lang)
    lines = [f"# {_md(title)}", "", _md(subtitle), "", f"## {_md(said['rows_heading'])}"]
    for name, entries in element_lines(chain, lang):
        lines += ["", f"### {_md(name)}", "", *(f"- {_md(e)}" for e in entries)]
    triggers = trigger_lines(chain, lang)
    if triggers:
        lines += ["", f"## {_md(said['triggers_heading'])}", "",
                  *(f"- {_md(t)}" for t in triggers)]
    faults = break_entries(chain, lang)
    if faults:
        lines += ["", f"## {_md(said['breaks_heading'])}", ""]
        for heading, needs in faults:
            lines += [f"- {_md(heading)}", *(f"  - {_md(n)}" for n in needs)]
    return "\n".join(lines) + "\n"


def csv_bytes(chain: ChainMap, lang: str) -> bytes:
    """One row per element: UTF-8 with a BOM, CRLF line ends, formula-like cells safe."""
    said = words(lang)
    header = tuple(said[f"column_{k}"] for k in ("row", "id", "step", "text", "actor",
                                                  "triggers", "break", "break_text", "needs"))
    faults: dict[str, Break] = {b.element.id: b for b in chain.breaks}
    numbers = _numbers(chain, lang)
    rows = [header]
    for element in chain.elements:
        fault = faults.get(element.id)
        rows.append((row_name(element.layer, lang), element.id, trimmed(element.step, lang),
                     " ".join(element.text.split()), element.actor or "",
                     ", ".join(element.triggers),
                     f"{numbers[element.id]} {level_name(fault.level, lang)}" if fault else "",
                     " ".join(fault.text.split()) if fault else "",
                     " | ".join(need_lines(fault, lang)) if fault else ""))
    delimiter = csv_delimiter(lang)
    text = "".join(delimiter.join(csv_field(safe_cell(c)) for c in row) + "\r\n"
                   for row in rows)
    return (BOM + text).encode("utf-8")


def text_files(layout: ChainLayout) -> dict[str, bytes]:
    """The text alternative's files by suffix: '.md' and '.csv'."""
    return {".md": markdown_text(layout.chain, layout.texts.title, layout.texts.subtitle,
                                 layout.lang).encode("utf-8"),
            ".csv": csv_bytes(layout.chain, layout.lang)}


def summary(chain: ChainMap, lang: str) -> str:
    """The chain's name and readiness in one line (the command's terminal output)."""
    return f"{chain.name}: {readiness_line(chain.readiness, lang)}"


def _md(text: str) -> str:
    """Text on one line, with characters that would start markup escaped."""
    text = " ".join(text.split())
    for char in "\\|*_`<>[]#":
        text = text.replace(char, "\\" + char)
    return text
