"""Problem messages and hints in Norwegian (bokmål, the default) and English.

A problem carries a stable code and parameters; the text is made here, when shown, in
the language asked for. Templates use ``str.format`` fields from the problem's params.
"""

from __future__ import annotations

from typing import Any

from okosys_plan.catalogue.model import Problem

LANGUAGES = ("nb", "en")

# code: (nb message, nb hint, en message, en hint)
_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "missing-sheet": (
        "Fant ikke noe ark med behov: ingen synlige ark har overskriftene {looked_for}",
        "Kall arket «Behov» og ha kolonnene ID og Tittel i en overskriftsrad øverst.",
        "No needs sheet found: no visible sheet has the headers {looked_for}",
        "Name the sheet 'Behov' (or 'Needs') with ID and Title columns in a header row near "
        "the top.",
    ),
    "missing-column": (
        "Påkrevd kolonne {expected} mangler",
        "Legg til kolonnen i overskriftsraden (rad {header_row}).",
        "Required column {expected} is missing",
        "Add the column to the header row (row {header_row}).",
    ),
    "missing-criterion-column": (
        "Kriteriet «{criterion}» har ingen kolonne i Behov-arket; det holdes utenfor scoringen",
        "Legg til en kolonne med navnet «{criterion}», eller fjern kriteriet fra Kriterier.",
        "Criterion '{criterion}' has no column in the needs sheet; it is left out of scoring",
        "Add a column named '{criterion}', or remove the criterion from the Criteria sheet.",
    ),
    "row-skipped": (
        "Rad {number} har verken ID eller tittel og er hoppet over "
        "(summerings- eller merknadsrad?)",
        "Flytt summer og merknader til et eget ark hvis raden ikke er et behov.",
        "Row {number} has neither ID nor title and was skipped (a totals row or a note?)",
        "Move totals and notes to a sheet of their own if the row is not a need.",
    ),
    "missing-value": (
        "«{column}» må fylles ut",
        "Fyll inn en verdi i cellen.",
        "'{column}' must be filled in",
        "Enter a value in the cell.",
    ),
    "duplicate-id": (
        "ID-en «{value}» er brukt før (i {first})",
        "Gi hver rad en unik ID; store og små bokstaver og usynlige tegn teller ikke.",
        "ID '{value}' is used before (in {first})",
        "Give every row a unique ID; case and invisible characters do not count.",
    ),
    "id-clash": (
        "Tiltaks-ID-en «{value}» er også ID til et behov",
        "Bruk et eget nummerområde for tiltak, for eksempel T01, T02 …",
        "Measure ID '{value}' is also the ID of a need",
        "Use a separate numbering for measures, for example T01, T02 …",
    ),
    "duplicate-column": (
        "Kolonnen «{column}» finnes to ganger; den andre beholdes som en ukjent kolonne",
        "Slett eller gi nytt navn til en av kolonnene.",
        "Column '{column}' appears twice; the second is kept as an unknown column",
        "Delete or rename one of the columns.",
    ),
    "not-a-number": (
        "«{value}» er ikke et tall",
        "Skriv bare tallet, for eksempel 12,5 eller 1 234 (enhet: {unit}).",
        "'{value}' is not a number",
        "Write the number only, for example 12.5 or 1 234 (unit: {unit}).",
    ),
    "number-too-large": (
        "«{value}» er for stort: høyst {limit} i absoluttverdi",
        "Sjekk tallet og enheten (beløp i MNOK er høyst 1e9, en varighet høyst 100 år, "
        "andre tall høyst 1e12).",
        "'{value}' is too large: at most {limit} in absolute value",
        "Check the number and its unit (amounts in MNOK are at most 1e9, a duration 100 "
        "years, other numbers 1e12).",
    ),
    "not-whole": (
        "«{value}» er ikke et heltall",
        "Bruk et helt tall, for eksempel 3.",
        "'{value}' is not a whole number",
        "Use a whole number, for example 3.",
    ),
    "bad-year": (
        "«{value}» er ikke et årstall",
        "Skriv året med fire sifre, for eksempel 2024.",
        "'{value}' is not a year",
        "Write the year with four digits, for example 2024.",
    ),
    "not-yes-no": (
        "«{value}» er verken ja eller nei",
        "Skriv Ja eller Nei (også J/N, X/tom, TRUE/FALSE).",
        "'{value}' is neither yes nor no",
        "Write Yes or No (also Y/N, X/blank, TRUE/FALSE).",
    ),
    "bad-date": (
        "«{value}» er ikke en dato",
        "Skriv datoen som 15.03.2023, 2023-03-15 eller «mars 2023».",
        "'{value}' is not a date",
        "Write the date as 2023-03-15, 15.03.2023 or 'March 2023'.",
    ),
    "bad-period": (
        "«{value}» er ikke en periode",
        "Skriv et år (2023), et kvartal (2023-K2), en dato (15.03.2023) eller «Påbegynt».",
        "'{value}' is not a period",
        "Write a year (2023), a quarter (2023-Q2), a date (2023-03-15) or 'Påbegynt' "
        "(started).",
    ),
    "out-of-years": (
        "«{value}» ligger utenfor årene {first}–{last}",
        "Sjekk årstallet; planer, datoer og perioder må ligge mellom {first} og {last}.",
        "'{value}' lies outside the years {first}–{last}",
        "Check the year; plans, dates and periods must lie between {first} and {last}.",
    ),
    "period-reversed": (
        "Perioden «{value}» slutter før den begynner",
        "Skriv det første året eller kvartalet først, for eksempel 2023–2025.",
        "The period '{value}' ends before it begins",
        "Write the first year or quarter first, for example 2023–2025.",
    ),
    "bad-case": (
        "«{value}» er ikke et Skate-saksnummer",
        "Skriv saksnummeret som NN/ÅÅ, for eksempel 16/23.",
        "'{value}' is not a Skate case number",
        "Write the case number as NN/YY, for example 16/23.",
    ),
    "out-of-range": (
        "«{value}» er utenfor gyldig område ({allowed})",
        "Bruk en verdi {allowed}.",
        "'{value}' is out of range ({allowed_en})",
        "Use a value {allowed_en}.",
    ),
    "not-scored": (
        "Behovet er ikke scoret på «{column}»",
        "Sett en score fra {min} til {max}; til da scores behovet på de andre kriteriene.",
        "The need is not scored on '{column}'",
        "Enter a score from {min} to {max}; until then the need is scored on the other criteria.",
    ),
    "unknown-status": (
        "Ukjent status «{value}»",
        "Kjente statuser: {known}.",
        "Unknown status '{value}'",
        "Known statuses: {known}.",
    ),
    "status-mapped": (
        "Statusen «{value}» er lest som «{mapped}»",
        "Skriv «{mapped}» for å slippe denne meldingen.",
        "Status '{value}' was read as '{mapped}'",
        "Write '{mapped}' to avoid this message.",
    ),
    "unknown-theme": (
        "Ukjent tema «{value}»{suggestion_nb}",
        "Kjente temaer (veikartets svømmebaner): {known}.",
        "Unknown theme '{value}'{suggestion_en}",
        "Known themes (the roadmap's lanes): {known}.",
    ),
    "invalid-choice": (
        "«{value}» er ikke en gyldig verdi for «{column}»{suggestion_nb}",
        "Gyldige verdier: {known}.",
        "'{value}' is not a valid value for '{column}'{suggestion_en}",
        "Valid values: {known}.",
    ),
    "unknown-reference": (
        "«{ref}» finnes ikke blant {target_nb}",
        "Rett ID-en, eller legg til raden den viser til.",
        "'{ref}' does not exist among {target_en}",
        "Correct the ID, or add the row it refers to.",
    ),
    "unknown-agency": (
        "Virksomheten «{value}» finnes ikke i arket Virksomheter",
        "Bruk en kode fra Virksomheter, eller legg virksomheten til der.",
        "Agency '{value}' is not in the Agencies sheet",
        "Use a code from the Agencies sheet, or add the agency there.",
    ),
    "dependency-cycle": (
        "Avhengighetene går i ring: {cycle}",
        "Fjern én av avhengighetene i ringen.",
        "The dependencies form a cycle: {cycle}",
        "Remove one of the dependencies in the cycle.",
    ),
    "end-before-start": (
        "Slutt ({value}) er før start ({start})",
        "Rett start eller slutt.",
        "End ({value}) is before start ({start})",
        "Correct the start or the end.",
    ),
    "starts-before-dependency": (
        "Tiltaket starter ({start}) før «{dependency}» er ferdig ({dependency_end})",
        "Flytt starten, eller fjern avhengigheten hvis den ikke gjelder.",
        "The measure starts ({start}) before '{dependency}' ends ({dependency_end})",
        "Move the start, or remove the dependency if it does not apply.",
    ),
    "formula-no-value": (
        "Formelen i cellen har ingen lagret verdi",
        "Åpne filen i Excel eller LibreOffice, la den beregne, og lagre på nytt.",
        "The formula in the cell has no stored value",
        "Open the file in Excel or LibreOffice, let it recalculate, and save it again.",
    ),
    "formula-error": (
        "Formelen i cellen gir feilen {value}; verdien er ikke lest",
        "Rett formelen eller skriv inn verdien.",
        "The formula in the cell gives the error {value}; the value is not read",
        "Fix the formula or type the value.",
    ),
    "formula-not-calculated": (
        "Formelens verdi ble aldri beregnet (filen er skrevet av et program som ikke regner "
        "ut formler); verdien er ikke lest",
        "Åpne filen i et regnearkprogram og lagre den, eller skriv inn verdien.",
        "The formula's value was never calculated (the file was written by a program that "
        "does not calculate formulas); the value is not read",
        "Open and save the file in a spreadsheet program, or type the value.",
    ),
    "id-too-long": (
        "ID-en er {length} tegn lang, over grensen på {limit} tegn: «{value}»",
        "Bruk en kort ID, for eksempel B01; lang tekst hører hjemme i Tittel eller "
        "Beskrivelse.",
        "The ID is {length} characters long, over the limit of {limit}: '{value}'",
        "Use a short ID, such as B01; long text belongs in Title or Description.",
    ),
    "text-too-long": (
        "Teksten er {length} tegn lang, over grensen på {limit} tegn; bare de første "
        "{limit} tegnene brukes (cellen i filen er urørt)",
        "Kort ned teksten, eller flytt den lange teksten til et eget dokument.",
        "The text is {length} characters long, over the limit of {limit}; only the first "
        "{limit} characters are used (the cell in the file is kept as it is)",
        "Shorten the text, or move the long text to a document of its own.",
    ),
    "weights-normalised": (
        "Vektene summerer til {total}, ikke 1; de er skalert slik at summen blir 1",
        "Juster vektene slik at de summerer til 1 for å slippe denne meldingen.",
        "The weights sum to {total}, not 1; they were scaled to sum to 1",
        "Adjust the weights to sum to 1 to avoid this message.",
    ),
    "no-positive-weight": (
        "Ingen kriterier har vekt over 0",
        "Gi minst ett kriterium en positiv vekt.",
        "No criterion has a weight above 0",
        "Give at least one criterion a positive weight.",
    ),
    "bad-scale": (
        "Skala min ({min}) må være mindre enn skala maks ({max})",
        "Rett skalaen, for eksempel 1 til 5.",
        "Scale min ({min}) must be less than scale max ({max})",
        "Correct the scale, for example 1 to 5.",
    ),
    "no-needs": (
        "Katalogen har ingen behov",
        "Fyll inn minst ett behov under overskriftsraden.",
        "The catalogue holds no needs",
        "Enter at least one need below the header row.",
    ),
    "likely-duplicate": (
        "Tittelen er lik tittelen på «{other}» ({first}); trolig samme behov",
        "Slå behovene sammen, eller skill titlene tydeligere.",
        "The title matches that of '{other}' ({first}); probably the same need",
        "Merge the needs, or make the titles clearly different.",
    ),
    "sheet-not-merged": (
        "Arket «{name}» er ikke en del av formatet og er ikke tatt med i den samlede katalogen",
        "Kopier arket for hånd hvis det trengs, eller gi det navnet på et ark i formatet.",
        "Sheet '{name}' is not part of the format and was not carried into the merged catalogue",
        "Copy the sheet by hand if it is needed, or give it the name of a sheet of the format.",
    ),
    "conflicting-row": (
        "«{value}» finnes også i {first} med andre verdier; den første raden er beholdt",
        "Bli enige om én versjon av raden i alle filene.",
        "'{value}' is also in {first} with other values; the first row was kept",
        "Agree on one version of the row in every file.",
    ),
    "old-format": (
        "Filen er i {format}-format; den er lest, men bør lagres på nytt som .xlsx",
        "Åpne filen i Excel eller LibreOffice og lagre den som .xlsx.",
        "The file is in {format} format; it was read, but should be saved again as .xlsx",
        "Open the file in Excel or LibreOffice and save it as .xlsx.",
    ),
    "wrong-extension": (
        "Filen er {actual}, men heter {suffix}",
        "Gi filen riktig endelse ({expected}).",
        "The file is {actual} but is named {suffix}",
        "Give the file the right extension ({expected}).",
    ),
    "duplicate-year": (
        "Året {value} har allerede en ramme (i {first})",
        "Gi hvert år én rad i Budsjett; slå sammen eller slett den doble raden.",
        "The year {value} already has a cap (in {first})",
        "Give each year one row in the budget sheet; merge or delete the duplicate row.",
    ),
    "outside-horizon": (
        "{id} går utenfor veikartets periode {first}–{last} og tegnes avkuttet",
        "Det er i orden hvis perioden stemmer; ellers rett Start eller Slutt.",
        "{id} reaches outside the roadmap's period {first}–{last} and is drawn cut off",
        "That is fine if the period is right; otherwise correct Start or Slutt (End).",
    ),
    "fixed-over-budget": (
        "Tiltak med faste datoer koster {amount} MNOK i {year}, over rammen på {cap} MNOK",
        "Øk rammen, flytt et tiltak, eller sjekk kostnadene for {year}; ingenting mer "
        "planlegges inn i {year}.",
        "Measures with fixed dates cost {amount} MNOK in {year}, above the cap of {cap} MNOK",
        "Raise the cap, move a measure, or check the costs for {year}; nothing more is "
        "planned into {year}.",
    ),
    "not-placed": (
        "{value} kunne ikke planlegges: {why}",
        "Gi tiltaket datoer selv, øk rammen, eller utvid perioden med --from/--to.",
        "{value} could not be placed: {why_en}",
        "Give the measure dates yourself, raise the cap, or widen the period with --from/--to.",
    ),
    "missing-parvis": (
        "Fant ikke arket Parvis med parvise sammenligninger (arkene er: {sheets})",
        "Kall arket «Parvis»: kriterienavn bortover rad 1 fra B1 og nedover kolonne A fra A2, "
        "vurderingene i cellene mellom.",
        "No sheet named Parvis with pairwise comparisons (the sheets are: {sheets})",
        "Name the sheet 'Parvis' (or 'Pairwise'): criterion names across row 1 from B1 and "
        "down column A from A2, the judgements in the cells between.",
    ),
    "no-criteria": (
        "Fant ingen kriterier å sammenligne",
        "I arket Parvis: navn bortover rad 1 fra B1 og nedover kolonne A fra A2. I TOML: "
        "criteria = [\"…\", …] og matrix = [[…], …].",
        "No criteria to compare were found",
        "In the Parvis sheet: names across row 1 from B1 and down column A from A2. In TOML: "
        "criteria = [\"…\", …] and matrix = [[…], …].",
    ),
    "missing-criterion-name": (
        "Kriterienavnet mangler",
        "Skriv kriteriets navn i cellen, eller fjern den tomme raden eller kolonnen.",
        "The criterion's name is missing",
        "Write the criterion's name in the cell, or remove the empty row or column.",
    ),
    "duplicate-criterion": (
        "Kriteriet «{value}» står to ganger (første gang i {first})",
        "Gi hvert kriterium én rad og én kolonne.",
        "Criterion '{value}' is listed twice (first in {first})",
        "Give each criterion one row and one column.",
    ),
    "ahp-not-square": (
        "Sammenligningsmatrisen er ikke kvadratisk: {rows} rader mot {columns} kolonner",
        "Hvert kriterium trenger både en kolonne (navn i rad 1) og en rad (navn i kolonne A); "
        "i TOML én rad med like mange verdier som det er kriterier.",
        "The comparison matrix is not square: {rows} rows against {columns} columns",
        "Every criterion needs both a column (name in row 1) and a row (name in column A); in "
        "TOML, one row with as many values as there are criteria.",
    ),
    "ahp-names-differ": (
        "Raden heter «{row}», men kolonne {column_cell} heter «{column}»",
        "List kriteriene i samme rekkefølge bortover rad 1 og nedover kolonne A.",
        "The row is named '{row}' but column {column_cell} is named '{column}'",
        "List the criteria in the same order across row 1 and down column A.",
    ),
    "not-a-judgement": (
        "«{value}» er verken et tall eller en brøk ({row} mot {column})",
        "Skriv en verdi fra Saatys skala, som 3 eller 1/3. I Excel: skriv =1/3 eller formater "
        "cellen som tekst, ellers blir 1/3 en dato.",
        "'{value}' is neither a number nor a fraction ({row} against {column})",
        "Write a value from Saaty's scale, such as 3 or 1/3. In Excel, type =1/3 or format the "
        "cell as text, or Excel turns 1/3 into a date.",
    ),
    "judgement-out-of-range": (
        "«{value}» er utenfor Saatys skala 1/9–9 ({row} mot {column})",
        "Bruk 1–9 når radens kriterium er viktigst og 1/2–1/9 når det er minst viktig; 0 og "
        "negative tall er ikke vurderinger.",
        "'{value}' is outside Saaty's scale 1/9 to 9 ({row} against {column})",
        "Use 1 to 9 when the row's criterion is the more important and 1/2 to 1/9 when it is "
        "the less; zero and negative numbers are not judgements.",
    ),
    "diagonal-not-one": (
        "«{row}» sammenlignet med seg selv må være 1, ikke «{value}»",
        "Skriv 1 på diagonalen, eller la den stå tom.",
        "'{row}' compared with itself must be 1, not '{value}'",
        "Write 1 on the diagonal, or leave it blank.",
    ),
    "not-reciprocal": (
        "«{value}» ({row} mot {column}) og «{mirror_value}» i {mirror} er ikke hverandres "
        "inverse",
        "La en av de to stå tom (den fylles inn som den inverse), eller gjør produktet deres "
        "lik 1, som 3 og 1/3.",
        "'{value}' ({row} against {column}) and '{mirror_value}' in {mirror} are not reciprocal",
        "Leave one of the two blank (it is filled in as the reciprocal), or make their product "
        "1, such as 3 and 1/3.",
    ),
    "missing-judgement": (
        "Ingen vurdering av «{row}» mot «{column}»: både denne cellen og {mirror} er tomme",
        "Fyll inn en av de to; den andre fylles inn som den inverse.",
        "No judgement of '{row}' against '{column}': this cell and {mirror} are both blank",
        "Fill in one of the two; the other is filled in as its reciprocal.",
    ),
    "ahp-inconsistent": (
        "Konsistensforholdet CR = {cr} er over {limit}; mest inkonsistent er «{row}» mot "
        "«{column}»: gitt {given}, mens vektene tilsier {consistent}",
        "Se over den vurderingen først; Saaty godtar CR opp til 0,10.",
        "The consistency ratio CR = {cr} is above {limit}; the most inconsistent judgement is "
        "'{row}' against '{column}': given {given}, while the weights imply {consistent}",
        "Review that judgement first; Saaty accepts a CR up to 0.10.",
    ),
    # --- funding (okosys-plan funding; warnings, the command still exits 0) ---
    "key-data-absent": (
        "Nøkkelen «{key}» mangler {field} for {count} løsninger uten rader i Bruk "
        "({solutions}); {amount} MNOK er ikke fordelt",
        "Før inn {field} per virksomhet og år for disse løsningene, eller velg en annen nøkkel.",
        "The key '{key}' lacks the {field_en} of {count} solutions with no rows in Usage "
        "({solutions}); {amount_en} MNOK is not allocated",
        "Enter the {field_en} per agency and year for these solutions, or choose another key.",
    ),
    "key-data-missing": (
        "Nøkkelen «{key}» mangler {field} for {agencies} ({solutions}; {years}); {amount} MNOK "
        "er ikke fordelt",
        "Fyll inn {field} her og for de andre som mangler; til da fordeles ikke beløpet.",
        "The key '{key}' lacks the {field_en} of {agencies} ({solutions}; {years}); {amount_en} "
        "MNOK is not allocated",
        "Fill in the {field_en} here and for the others missing; until then the amount is not "
        "allocated.",
    ),
    "nobody-pays": (
        "Nøkkelen «{key}» finner ingen som skal betale for {solutions}: {why}; {amount} MNOK "
        "er ikke fordelt",
        "Sjekk tallene nøkkelen fordeler etter (og --free-below), eller velg en annen nøkkel.",
        "The key '{key}' finds nobody to pay for {solutions}: {why_en}; {amount_en} MNOK is not "
        "allocated",
        "Check the figures the key shares by (and --free-below), or choose another key.",
    ),
    "no-payers": (
        "Nøkkelen «{key}» har ingen betalere for {solutions} (ingen i Virksomheter eller "
        "Bruk); {amount} MNOK er ikke fordelt",
        "Før inn virksomhetene i arket Virksomheter.",
        "The key '{key}' has no payers for {solutions} (nobody in Agencies or Usage); "
        "{amount_en} MNOK is not allocated",
        "Enter the agencies in the Agencies sheet.",
    ),
    "shares-not-100": (
        "Andelene for {value} blir {total} til sammen, ikke 100 % ({years}); de er brukt "
        "forholdsvis",
        "Rett andelene i Bruk så de blir 100 (eller 1) til sammen.",
        "The shares of {value} add up to {total}, not 100 % ({years}); they are used in "
        "proportion",
        "Correct the shares in Usage so that they add up to 100 (or 1).",
    ),
}

_TARGETS = {
    "needs": ("behovene", "the needs"),
    "measures": ("tiltakene", "the measures"),
    "items": ("tiltakene og behovene", "the measures and needs"),
}


def message(problem: Problem, lang: str = "nb") -> str:
    """The problem's message in the language asked for."""
    return _render(problem, lang)[0]


def hint(problem: Problem, lang: str = "nb") -> str:
    """The problem's hint in the language asked for."""
    return _render(problem, lang)[1]


def _render(problem: Problem, lang: str) -> tuple[str, str]:
    texts = _TEXTS.get(problem.code)
    if texts is None:
        return problem.code, ""
    msg, tip = (texts[2], texts[3]) if lang == "en" else (texts[0], texts[1])
    fields = _fields(problem)
    return msg.format_map(fields), tip.format_map(fields)


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fields(problem: Problem) -> _Fields:
    fields = _Fields(problem.params)
    value = problem.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    fields.setdefault("value", "" if value is None else value)
    fields.setdefault("column", problem.column or "")
    target = _TARGETS.get(str(fields.get("target", "")), ("", ""))
    fields["target_nb"], fields["target_en"] = target
    suggestion = fields.get("suggestion")
    fields["suggestion_nb"] = f" (mente du «{suggestion}»?)" if suggestion else ""
    fields["suggestion_en"] = f" (did you mean '{suggestion}'?)" if suggestion else ""
    if "allowed" in fields and "allowed_en" not in fields:
        fields["allowed_en"] = fields["allowed"]
    return fields


def codes() -> tuple[str, ...]:
    """Every problem code with a message."""
    return tuple(_TEXTS)


