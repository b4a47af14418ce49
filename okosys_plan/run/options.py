"""The run's own settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from okosys_plan.setting import Setting

LANG = Setting("nb", "Language of messages (nb, en).", ("", "lang"))
OUTPUT_DIR = Setting("exports", "The folder the results are written to.")
REPORT = Setting("rapport.html", "Where the report is written.")
DECK = Setting("veikart.pptx", "Where the deck is written (.pptx).")
DECK_TEMPLATE: Setting[str | None] = Setting(
    None, "A PowerPoint template (.pptx or .potx) whose slide masters, layouts and theme "
          "the deck uses.", ("deck", "template"))

SETTINGS = (LANG, OUTPUT_DIR, REPORT, DECK, DECK_TEMPLATE)
