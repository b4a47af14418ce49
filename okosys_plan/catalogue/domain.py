"""The domain's vocabulary: themes, statuses, types and the Skate defaults.

Sources are in ``docs/domain.md``; marked [our choice] where it is a modelling choice.
"""

from __future__ import annotations

from okosys_plan.catalogue.model import Criterion, Direction
from okosys_plan.catalogue.rubrics import DEFAULT_RUBRICS as _R

THEMES: tuple[str, ...] = (
    "Sammenhengende tjenester og livshendelser",
    "Digital identitet og tilgang",
    "Representasjon, fullmakt og samtykke",
    "Deling av data og nasjonale grunndata",
    "Hendelser, meldinger og dialog",
    "Arkitektur, standarder og «lett å gjøre rett»",
    "Styring og finansiering av fellesløsninger",
)

NEED_STATUSES: tuple[str, ...] = (
    "Meldt inn",
    "Under vurdering",
    "Anbefalt",
    "Prioritert",
    "Under utredning",
    "Under gjennomføring",
    "Løst",
    "Avvist",
    "Slått sammen",
    "Parkert",
)

MEASURE_STATUSES: tuple[str, ...] = (
    "Planlagt",
    "Pågår",
    "I rute",
    "Mindre forsinkelser",
    "Større forsinkelser",
    "Fullført",
)

#: Common other names for a status, mapped to the known one (and reported as a warning).
NEED_STATUS_ALIASES: dict[str, str] = {
    "ny": "Meldt inn",
    "innmeldt": "Meldt inn",
    "new": "Meldt inn",
    "submitted": "Meldt inn",
    "til vurdering": "Under vurdering",
    "vurderes": "Under vurdering",
    "under review": "Under vurdering",
    "recommended": "Anbefalt",
    "prioritised": "Prioritert",
    "prioritized": "Prioritert",
    "utredes": "Under utredning",
    "pågår": "Under gjennomføring",
    "pågående": "Under gjennomføring",
    "i gang": "Under gjennomføring",
    "in progress": "Under gjennomføring",
    "gjennomført": "Løst",
    "ferdig": "Løst",
    "fullført": "Løst",
    "done": "Løst",
    "solved": "Løst",
    "avslått": "Avvist",
    "rejected": "Avvist",
    "sammenslått": "Slått sammen",
    "merged": "Slått sammen",
    "satt på vent": "Parkert",
    "på vent": "Parkert",
    "parked": "Parkert",
}

MEASURE_STATUS_ALIASES: dict[str, str] = {
    "ny": "Planlagt",
    "ikke startet": "Planlagt",
    "planned": "Planlagt",
    "pågående": "Pågår",
    "i gang": "Pågår",
    "under gjennomføring": "Pågår",
    "in progress": "Pågår",
    "on track": "I rute",
    "forsinket": "Mindre forsinkelser",
    "minor delays": "Mindre forsinkelser",
    "major delays": "Større forsinkelser",
    "gjennomført": "Fullført",
    "ferdig": "Fullført",
    "løst": "Fullført",
    "done": "Fullført",
    "completed": "Fullført",
}

NEED_TYPES: tuple[str, ...] = (
    "Brukerbehov",
    "Fellesfunksjonalitet",
    "Rammebetingelse",
    "Standard og veiledning",
)

LIFE_EVENTS: tuple[str, ...] = (
    "Få barn",
    "Alvorlig sykt barn",
    "Miste og finne jobb",
    "Ny i Norge",
    "Starte og drive en bedrift",
    "Dødsfall og arv",
    "Starte og drive en frivillig organisasjon",
    "Tverrgående",
)

#: How a yearly goal was assessed (Digdir's reporting: Oppnådd / Middels / Ikke oppnådd).
GOAL_ASSESSMENTS: tuple[str, ...] = ("Oppnådd", "Middels", "Ikke oppnådd")

COST_TYPES: tuple[str, ...] = ("Investering", "Drift", "Forvaltning", "Videreutvikling")

FUNDING_SOURCES: tuple[str, ...] = (
    "Egen ramme",
    "Satsingsforslag",
    "Medfinansiering",
    "DigiFin",
    "Brukerbetaling",
    "Samfinansiering",
    "Rammeoverføring",
    "OPS",
)

FUNDING_STATUSES: tuple[str, ...] = ("Bekreftet", "Søkt", "Uavklart")

#: The four rows of a service-chain map (Digdir, Kart for tjenestekjeder), top to bottom:
#: what the user does, the events it causes, the services they trigger, the data behind.
CHAIN_LAYERS: tuple[str, ...] = ("Aktivitet", "Hendelse", "Tjeneste", "Data")

#: Where a chain breaks: the four interoperability levels of the European Interoperability
#: Framework as Digdir's method names them.
BREAK_LEVELS: tuple[str, ...] = ("Juridisk", "Organisatorisk", "Semantisk", "Teknisk")

AGENCY_TYPES: tuple[str, ...] = ("Stat", "Kommune", "Fylkeskommune", "Annet")

DIRECTIONS: dict[str, Direction] = {
    "nytte": Direction.BENEFIT,
    "benefit": Direction.BENEFIT,
    "kostnad": Direction.COST,
    "cost": Direction.COST,
}

#: Skate's default criteria [our choice], each traced in docs/domain.md.
DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion("Samfunnsnytte", 0.25, description="Samfunnsnytte og gevinster",
              rubric=_R["Samfunnsnytte"]),
    Criterion("Bredde", 0.15, description="Hvor mange virksomheter og brukere som deler behovet",
              rubric=_R["Bredde"]),
    Criterion("Hastegrad", 0.15, description="Lovfrister og EU-plikter (eIDAS 2.0)",
              rubric=_R["Hastegrad"]),
    Criterion("Gjennomførbarhet", 0.15, description="Praktisk gjennomførbarhet, kompleksitet, tid",
              rubric=_R["Gjennomførbarhet"]),
    Criterion("Modenhet", 0.10, description="Er konseptfasen gjennomført?",
              rubric=_R["Modenhet"]),
    Criterion(
        "Strategisk forankring",
        0.10,
        description="Samsvar med digitaliseringsstrategien og arkitekturprinsippene",
        rubric=_R["Strategisk forankring"],
    ),
    Criterion("Muliggjører", 0.05, description="Hvor mye annet arbeid som avhenger av behovet",
              rubric=_R["Muliggjører"]),
    Criterion("Risiko", 0.05, Direction.COST, description="Risiko; høyere er verre",
              rubric=_R["Risiko"]),
)

#: The Skate member agencies 2022–2023 (code, name, type).
SKATE_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("Digdir", "Digitaliseringsdirektoratet", "Stat"),
    ("Arkivverket", "Arkivverket", "Stat"),
    ("Brreg", "Brønnøysundregistrene", "Stat"),
    ("DiBK", "Direktoratet for byggkvalitet", "Stat"),
    ("eHelse", "Direktoratet for e-helse", "Stat"),
    ("Halden", "Halden kommune", "Kommune"),
    ("Kartverket", "Kartverket", "Stat"),
    ("KS", "KS", "Annet"),
    ("NAV", "Arbeids- og velferdsetaten", "Stat"),
    ("Oslo", "Oslo kommune", "Kommune"),
    ("POD", "Politidirektoratet", "Stat"),
    ("SKE", "Skatteetaten", "Stat"),
    ("SSB", "Statistisk sentralbyrå", "Stat"),
    ("Sikt", "Sikt – Kunnskapssektorens tjenesteleverandør", "Stat"),
)
