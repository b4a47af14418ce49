"""The ranking's settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from pathlib import Path

from okosys_plan.setting import Setting

METHOD = Setting("weighted", "weighted: weighted score; nnv: net present value per krone "
                 "invested, score on a tie.", ("scoring", "method"))
CRITERIA: Setting[Path | None] = Setting(
    None, "Criteria from a TOML file instead of the Kriterier sheet (see "
    "docs/prioritering.md).", ("scoring", "criteria"))
HIGH = Setting(70.0, "Threshold of High (default 70).", ("scoring", "high"))
MEDIUM = Setting(40.0, "Threshold of Medium (default 40).", ("scoring", "medium"))
#: The sensitivity draws of ``run`` and ``report``; ``score`` draws none unless asked.
RUN_DRAWS = Setting(1000, "Sensitivity draws in run (default 1000; 0 for none).",
                    ("scoring", "draws"))
SCORE_DRAWS = Setting(0, "Run a sensitivity analysis with N weight draws (fewer with very "
                      "many needs; see docs/prioritering.md).")
SEED = Setting(0, "Seed of the weight draws (same seed, same numbers).", ("scoring", "seed"))
TOP = Setting(20, "How many needs the table and the chart show.")

SETTINGS = (METHOD, CRITERIA, HIGH, MEDIUM, RUN_DRAWS, SCORE_DRAWS, SEED, TOP)
