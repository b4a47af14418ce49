"""The assessments' settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from pathlib import Path

from okosys_plan.setting import Setting

ASSESSMENTS: Setting[Path | None] = Setting(
    None, "An assessment workbook, or a folder of them (repeat the option, or list files "
    "after the catalogue): rank on several assessors' grades (see docs/vurderinger.md).",
    ("assessments", "files"))
AGGREGATE = Setting("median", "How the assessors' grades are combined: median, mean, or "
                    "trimmed (the mean without the lowest and the highest grade).",
                    ("assessments", "aggregate"))

SETTINGS = (ASSESSMENTS, AGGREGATE)
