"""The run's own settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from okosys_plan.setting import Setting

LANG = Setting("nb", "Language of messages (nb, en).", ("", "lang"))
OUTPUT_DIR = Setting("exports", "The folder the results are written to.")
REPORT = Setting("rapport.html", "Where the report is written.")

SETTINGS = (LANG, OUTPUT_DIR, REPORT)
