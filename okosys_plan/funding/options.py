"""The funding analysis's settings, each declared once (``okosys_plan.setting``)."""

from __future__ import annotations

from okosys_plan.setting import Setting

KEYS: Setting[tuple[str, ...]] = Setting(
    (), "The keys compared side by side (default: all nine when neither --key nor --compare "
    "is given).", ("funding", "keys"))
SHARE = Setting("cost", "Share the whole cost, or only the gap (cost minus confirmed funding).")
OPERATIONS_KEY = Setting("usage", "hybrid: the key that shares the operations (the investment "
                         "is paid centrally).")

SETTINGS = (KEYS, SHARE, OPERATIONS_KEY)
