"""The rubric of the eight Skate default criteria: an anchored text for each score 1–5.

Bokmål data like the criteria's descriptions (``domain.DEFAULT_CRITERIA``), not texts of
the program: a user replaces them in the Kriterier sheet (columns ``1`` … ``5``) or the
criteria TOML (``rubric = { 1 = "…" }``). The wording is [our choice]; each criterion's
anchors follow the source its criterion is traced to (``docs/rubric.md``).
"""

from __future__ import annotations

Rubric = tuple[tuple[int, str], ...]

#: The scale the defaults' rubric is written for.
DEFAULT_SCALE = (1, 5)

DEFAULT_RUBRICS: dict[str, Rubric] = {
    "Samfunnsnytte": (
        (1, "Liten eller uklar gevinst; ingen anslått nytte for innbyggere, næringsliv "
            "eller forvaltning"),
        (2, "Noe gevinst for én virksomhet eller en liten brukergruppe; ikke tallfestet"),
        (3, "Tydelig gevinst for flere virksomheter eller brukergrupper; delvis tallfestet"),
        (4, "Stor gevinst: en mer effektiv og mer brukerrettet forvaltning; positiv netto "
            "nåverdi er anslått"),
        (5, "Svært stor, dokumentert gevinst: klart positiv netto nåverdi per investert "
            "krone og store kvalitative gevinster for innbyggere og næringsliv"),
    ),
    "Bredde": (
        (1, "Én virksomhet og få brukere"),
        (2, "Noen få virksomheter i samme sektor"),
        (3, "Flere virksomheter i én sektor, eller noen få på tvers av sektorer"),
        (4, "Mange virksomheter på tvers av sektorer; løsningen kan gjenbrukes av andre"),
        (5, "Alle eller nesten alle virksomheter og de fleste innbyggere; høy "
            "gjenbruksverdi på tvers av sektorer"),
    ),
    "Hastegrad": (
        (1, "Ingen frist; kan vente uten konsekvenser"),
        (2, "Ønsket innen noen år, men uten frist"),
        (3, "Et varslet krav (for eksempel et kommende EU-krav) med frist om mer enn to år"),
        (4, "Frist i lov eller EU-regelverk innen to år"),
        (5, "Lovkrav eller EU-plikt (som eIDAS 2.0) med frist innen ett år, eller fristen "
            "er passert"),
    ),
    "Gjennomførbarhet": (
        (1, "Svært komplisert: uavklart teknologi, mange aktører og lang tid; ikke "
            "gjennomførbart nå"),
        (2, "Komplisert og tidkrevende; store avhengigheter er ikke avklart"),
        (3, "Middels komplisert; kan gjennomføres på noen år med kjente avhengigheter"),
        (4, "Lite komplisert: kjent teknologi og få aktører; kan gjennomføres på ett til "
            "to år"),
        (5, "Enkelt: kjent løsning og få avhengigheter; kan gjennomføres innen ett år"),
    ),
    "Modenhet": (
        (1, "Bare en idé; behovet er ikke beskrevet nærmere"),
        (2, "Behovet er beskrevet, men ikke utredet"),
        (3, "Utredning pågår; alternativene er kartlagt"),
        (4, "Konseptfasen er nesten ferdig; gevinster og kostnader er anslått"),
        (5, "Konseptfasen er gjennomført: valgt konsept, kostnadsanslag og plan for "
            "gevinstrealisering foreligger"),
    ),
    "Strategisk forankring": (
        (1, "Ingen kobling til digitaliseringsstrategien; bryter med arkitekturprinsippene"),
        (2, "Svak kobling til strategien; følger arkitekturprinsippene bare delvis"),
        (3, "Støtter strategien; følger de fleste arkitekturprinsippene"),
        (4, "Støtter et av strategiens satsingsområder direkte (for eksempel en prioritert "
            "livshendelse) og følger arkitekturprinsippene"),
        (5, "Sentralt i digitaliseringsstrategien og følger alle de sju "
            "arkitekturprinsippene"),
    ),
    "Muliggjører": (
        (1, "Ingen andre tiltak avhenger av behovet"),
        (2, "Ett annet tiltak har nytte av at behovet løses"),
        (3, "Noen få andre tiltak avhenger av behovet"),
        (4, "Flere tiltak eller fellesløsninger avhenger av behovet"),
        (5, "En forutsetning for mange andre tiltak og fellesløsninger"),
    ),
    "Risiko": (
        (1, "Svært lav risiko: kjent løsning og små konsekvenser om noe går galt"),
        (2, "Lav risiko: få usikre forhold, og de er håndtert"),
        (3, "Middels risiko: noen usikre forhold (teknologi, økonomi, juss eller "
            "sikkerhet) med tiltak for å håndtere dem"),
        (4, "Høy risiko: flere usikre forhold eller store konsekvenser om noe går galt"),
        (5, "Svært høy risiko: uavklart teknologi, juss eller finansiering og store "
            "konsekvenser for sikkerhet eller tjenester"),
    ),
}


def default_rubric(name: str, scale_min: int, scale_max: int) -> Rubric:
    """The default rubric of a criterion with a Skate default's name (case and spacing
    do not count) and the 1–5 scale; () for any other."""
    if (scale_min, scale_max) != DEFAULT_SCALE:
        return ()
    key = " ".join(name.split()).casefold()
    return next((rubric for known, rubric in DEFAULT_RUBRICS.items()
                 if known.casefold() == key), ())
