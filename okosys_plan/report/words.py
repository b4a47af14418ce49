"""The report's words in Norwegian (bokmål) and English."""

from __future__ import annotations

from typing import Any

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Felles økosystem: behov, prioritering, veikart og finansiering",
              "Common ecosystem: needs, priorities, roadmap and funding"),
    "lead": ("Rapport for {file}, per {as_of}. Laget av okosys-plan.",
             "Report for {file}, as of {as_of}. Made by okosys-plan."),
    "summary": ("Sammendrag", "Summary"),
    "counts": ("{needs} behov og {measures} tiltak; {errors} feil og {warnings} advarsler i "
               "katalogen.", "{needs} needs and {measures} measures; {errors} errors and "
               "{warnings} warnings in the catalogue."),
    "top": ("De fem øverste: {ids}.", "The top five: {ids}."),
    "unplaced": ("Kunne ikke legges inn i veikartet: {ids}.",
                 "Could not be placed on the roadmap: {ids}."),
    "all_unplaced": ("alle står under «Ikke lagt inn»", "all are under “Not placed”"),
    "problems": ("Problemer i katalogen", "Problems in the catalogue"),
    "no_problems": ("Ingen problemer funnet.", "No problems found."),
    "problems_caption": ("{count} problemer, etter ark og celle",
                         "{count} problems, by sheet and cell"),
    "problem_headers": ("Ark|Celle|Alvor|Kolonne|Problem|Slik retter du det",
                        "Sheet|Cell|Severity|Column|Problem|How to fix it"),
    "error": ("feil", "error"),
    "warning": ("advarsel", "warning"),
    "priorities": ("Prioritert behovsliste", "Priority list"),
    "priorities_lead": ("Metode {method}. Høy fra {high} poeng, Middels fra {medium}. Lovkrav "
                        "rangeres først. Klikk på en kolonneoverskrift for å sortere.",
                        "Method {method}. High from {high} points, Medium from {medium}. Legal "
                        "requirements rank first. Click a column header to sort."),
    "priority_headers": ("Rang|ID|Tittel|Tema|Poengsum|Prioritet|Lovkrav|Effektiv prioritet|"
                         "Rang 5–95 %|I topp K",
                         "Rank|ID|Title|Theme|Score|Class|Legal requirement|"
                         "Effective priority|Rank 5–95 %|In top K"),
    "priority_caption": ("Alle {count} behov i rangordning", "All {count} needs in rank order"),
    "priority_chart": ("Poengsum per kriterium for de 20 øverste behovene",
                       "Points per criterion for the top 20 needs"),
    "chart_table_headers": ("Rang|ID|Tittel|Poengsum", "Rank|ID|Title|Score"),
    "show_table": ("Vis tabellen bak diagrammet", "Show the table behind the chart"),
    "yes": ("Ja", "Yes"),
    "roadmap": ("Veikart", "Roadmap"),
    "roadmap_caption": ("Veikart 2.0: tiltakene per tema langs tidsaksen",
                        "Veikart 2.0: the measures by theme along the timeline"),
    "not_placed": ("Ikke lagt inn", "Not placed"),
    "goals": ("Mål og nøkkeltall", "Goals and key figures"),
    "goal_headers": ("Mål|Resultat|Vurdering", "Goal|Result|Assessment"),
    "key_figures": ("Nøkkeltall", "Key figures"),
    "key_figures_caption": ("Nøkkeltall etter år og gruppe", "Key figures by year and group"),
    "figure_headers": ("Indikator|Gruppe|År|Verdi", "Indicator|Group|Year|Value"),
    "changes": ("Endringer siden forrige versjon", "Changes since the previous version"),
    "added": ("{count} lagt til", "{count} added"),
    "removed": ("{count} fjernet", "{count} removed"),
    "changed": ("{count} felt endret", "{count} fields changed"),
    "rank_moves": ("{count} rangendringer", "{count} rank moves"),
    "moved": ("{count} tiltak flyttet i tid", "{count} items moved in time"),
    "funding": ("Finansiering og gap", "Funding and gaps"),
    "gap_opens": ("Finansieringsgapet åpner i {year}.", "The funding gap opens in {year}."),
    "no_gap": ("Ingen år har finansieringsgap.", "No year has a funding gap."),
    "largest_gap": ("Største gap: {id} {title}, {amount} MNOK i {year}.",
                    "Largest gap: {id} {title}, {amount} MNOK in {year}."),
    "gap_headers": ("År|Kostnad (MNOK)|Bekreftet|Søkt|Gap|Gap om søkt innvilges",
                    "Year|Cost (MNOK)|Confirmed|Applied for|Gap|Gap if granted"),
    "gap_caption": ("Kostnad mot bekreftet og søkt finansiering per år, med gapet",
                    "Cost against confirmed and applied-for funding per year, with the gap"),
    "bills": ("Hva hver virksomhet betaler", "What each agency pays"),
    "agency": ("Virksomhet", "Agency"),
    "bills_caption": ("Hver virksomhets regning per fordelingsnøkkel, {first}–{last} (MNOK)",
                      "Each agency's bill per cost-sharing key, {first}–{last} (MNOK)"),
    "cofunding": ("Medfinansieringsordningen: oppfylles reglene?",
                  "The co-funding scheme: are its rules met?"),
    "cofunding_headers": ("ID|Tittel|Prosjektkostnad (MNOK)|Oppfyller|Regler som ikke holder",
                          "ID|Title|Project cost (MNOK)|Eligible|Rules not met"),
    "no": ("Nei", "No"),
    "audit": ("Revisjonsspor", "Audit record"),
    "audit_input": ("Innfil", "Input file"),
    "audit_input_sha256": ("SHA-256 av innfilen", "SHA-256 of the input"),
    "audit_okosys_plan": ("okosys-plan-versjon", "okosys-plan version"),
    "audit_as_of": ("Per dato", "As of"),
    "audit_settings": ("Innstillinger", "Settings"),
}


def say(lang: str, key: str, **params: Any) -> str:
    """A report text in the language asked for."""
    nb, en = _WORDS[key]
    return (en if lang == "en" else nb).format(**params)
