"""The roadmap's settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from pathlib import Path

from okosys_plan.setting import Setting

SETTINGS_FILE: Setting[Path | None] = Setting(
    None, "Roadmap settings (default roadmap/veikart.toml).", ("roadmap", "settings"))
FIRST: Setting[int | None] = Setting(
    None, "First year of the plan (default from the roadmap settings).", ("roadmap", "from"))
LAST: Setting[int | None] = Setting(None, "Last year of the plan.", ("roadmap", "to"))
GROUP_BY = Setting("tema", "What the swimlanes are.", ("roadmap", "group_by"))
#: The ways to group the roadmap into lanes (``charts.roadmap.groups``).
GROUP_CHOICES = ("tema", "ansvarlig", "livshendelse", "status", "tjenestekjede")
COLOUR_BY = Setting("status", "What the colour of the bars shows.", ("roadmap", "colour_by"))
PALETTE: Setting[dict[str, str]] = Setting({}, "Lane colours (#RRGGBB) by lane name.",
                                           ("roadmap", "palette"))
BUDGET: Setting[dict[int, float]] = Setting(
    {}, "Budget cap of a year (may be repeated; 0–1e9 MNOK); overrides the Budsjett sheet.",
    ("budget", "*"))

BASELINE: Setting[Path | None] = Setting(
    None, "The adopted baseline (a file saved with plan --save-baseline) to measure slippage "
          "against.", ("roadmap", "baseline"))

SETTINGS = (SETTINGS_FILE, FIRST, LAST, GROUP_BY, COLOUR_BY, PALETTE, BUDGET, BASELINE)
