"""Every word the charts show, in Norwegian bokmål (the default) and English.

Templates use ``str.format`` fields; ``layout`` fills them.
"""

from __future__ import annotations

from okosys_plan.prioritise.scoring import PriorityClass

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "bars_title": "Poengsum per kriterium, {scope}",
        "bars_subtitle": "Søylen er behovets poengsum, delt i poengene hvert kriterium gir "
                         "(vekt i parentes)",
        "bars_x": "Poeng (0–100)",
        "top": "topp {n} av {total} behov",
        "all": "alle {n} behov",
        "no_score": "ingen poeng",
        "reversed": "omvendt",
        "legal": "§ Lovkrav: rangeres først, uansett poengsum.",
        "incomplete": "* Ufullstendig: minst ett kriterium mangler poeng; summen er regnet "
                      "på de øvrige.",
        "cost": "Omvendt: et kostnadskriterium, der lav verdi gir høye poeng.",
        "nnv": "Rangert etter netto nåverdi per investert krone (nnv); søylene viser vektet "
               "poengsum.",
        "ranks_title": "Rangintervall når vektene varierer, {scope}",
        "ranks_subtitle": "Hvor langt flytter hvert behov seg i rangeringen når "
                          "kriterievektene er usikre?",
        "ranks_x": "Rang (lavere er bedre)",
        "top_k": "Topp {k}",
        "share": "I topp {k}",
        "beyond": "Grensen for topp {k} ligger langt til høyre for rangene som vises, og er "
                  "ikke tegnet.",
        "stable": "Median, klart inn eller ut av topp {k}",
        "uncertain": "Median, usikker for topp {k} (10–90 %)",
        "range": "5–95 % av trekkene",
        "base": "Rang med de gitte vektene",
        "caption": "{draws} vektsett trukket fra en Dirichlet-fordeling rundt de gitte vektene "
                   "(konsentrasjon {c}), frø {seed}. Høyre kolonne: andelen av trekkene der "
                   "behovet er blant de {k} øverste.",
        "points": "{score} poeng",
        "legal_word": "lovkrav",
        "incomplete_word": "ufullstendig",
        "median": "median rang {median} (5–95 %: {low}–{high}), blant de {k} øverste i "
                  "{share} av trekkene",
    },
    "en": {
        "bars_title": "Points per criterion, {scope}",
        "bars_subtitle": "Each bar is the need's score, split into the points each criterion "
                         "gives (weight in brackets)",
        "bars_x": "Points (0–100)",
        "top": "top {n} of {total} needs",
        "all": "all {n} needs",
        "no_score": "no score",
        "reversed": "reversed",
        "legal": "§ Legal requirement: ranked first, whatever the score.",
        "incomplete": "* Incomplete: at least one criterion is unscored; the score uses the "
                      "others.",
        "cost": "Reversed: a cost criterion, where a low value gives high points.",
        "nnv": "Ranked by net present value per invested krone (nnv); the bars show the "
               "weighted score.",
        "ranks_title": "Rank intervals as the weights vary, {scope}",
        "ranks_subtitle": "How far does each need move in the ranking when the criterion "
                          "weights are uncertain?",
        "ranks_x": "Rank (lower is better)",
        "top_k": "Top {k}",
        "share": "In top {k}",
        "beyond": "The top {k} boundary lies far to the right of the ranks shown and is not "
                  "drawn.",
        "stable": "Median, clearly in or out of top {k}",
        "uncertain": "Median, uncertain for top {k} (10–90%)",
        "range": "5–95% of draws",
        "base": "Rank with the given weights",
        "caption": "{draws} weight sets drawn from a Dirichlet distribution around the given "
                   "weights (concentration {c}), seed {seed}. Right column: the share of "
                   "draws in which the need is among the top {k}.",
        "points": "{score} points",
        "legal_word": "legal requirement",
        "incomplete_word": "incomplete",
        "median": "median rank {median} (5–95%: {low}–{high}), in the top {k} in {share} "
                  "of draws",
    },
}
CLASS_NAMES = {"nb": {PriorityClass.HIGH: "Høy", PriorityClass.MEDIUM: "Middels"},
                "en": {PriorityClass.HIGH: "High", PriorityClass.MEDIUM: "Medium"}}
