"""The status against the baseline ("status veikartsaker") for people and machines. Pure.

One row per item, largest slippage first: adopted and current start and end, slippage
in quarters, how it stands, the catalogue's status, the owner, and the dependencies that
moved it. The same rows go to the plan workbook, ``--json`` and the HTML report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from okosys_plan.roadmap.baseline import Baseline, Change, Slip
from okosys_plan.text.say import say

#: How an item stands (code: English text, the message id of its bokmål).
CHANGES: dict[Change, str] = {
    Change.LATE: "Later than adopted",
    Change.EARLY: "Earlier than adopted",
    Change.ON_PLAN: "As adopted",
    Change.NOT_PLACED: "Not placed",
    Change.DROPPED: "Dropped since adopted",
    Change.ADDED: "Added since adopted",
}
HEADERS = ("ID", "Title", "Adopted start", "Adopted end", "Current start", "Current end",
           "Start slippage (quarters)", "End slippage (quarters)", "Change", "Status",
           "Owner", "Moved by dependencies")


def change_text(change: Change, lang: str) -> str:
    """How an item stands, in words."""
    return say(lang, CHANGES[change])


def shift_text(quarters: int | None, lang: str) -> str:
    """'+2 kv.', '−1 kv.', '0 kv.' (nb); '+2 qtr.' (en); '' for none."""
    if quarters is None:
        return ""
    sign = "+" if quarters > 0 else "\u2212" if quarters < 0 else "\u00b1"
    return say(lang, "{sign}{n} qtr.", sign=sign, n=abs(quarters))


def status_title(lang: str) -> str:
    """The status table's name: 'Status veikartsaker'."""
    return say(lang, "Roadmap status against the adopted baseline")


def status_sheet_name(lang: str) -> str:
    """The sheet's name (at most 31 characters)."""
    return say(lang, "Roadmap status")


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def slip_entry(slip: Slip, lang: str = "nb") -> dict[str, Any]:
    """One item's row as JSON."""
    was = slip.baseline
    return {"id": slip.id, "title": slip.title, "change": slip.change.value,
            "change_text": change_text(slip.change, lang),
            "baseline_start": _day(was.start if was else None),
            "baseline_end": _day(was.end if was else None),
            "start": _day(slip.start), "end": _day(slip.end),
            "start_slip": slip.start_slip, "end_slip": slip.end_slip,
            "status": slip.status, "owner": slip.owner, "moved_by": list(slip.moved_by)}


def status_document(baseline: Baseline, slips: Sequence[Slip], lang: str = "nb"
                    ) -> dict[str, Any]:
    """The status table as JSON: the baseline's decision, counts, and every row."""
    counts = {change.value: sum(s.change is change for s in slips) for change in Change}
    return {"source": baseline.source, "decided": _day(baseline.decided),
            "skate_case": baseline.case, "counts": counts,
            "items": [slip_entry(s, lang) for s in slips]}


def status_rows(slips: Sequence[Slip], lang: str = "nb") -> list[list[Any]]:
    """The rows of the status table, typed for a sheet (dates stay dates)."""
    rows = []
    for slip in slips:
        was = slip.baseline
        rows.append([slip.id, slip.title, was.start if was else None, was.end if was else None,
                     slip.start, slip.end, slip.start_slip, slip.end_slip,
                     change_text(slip.change, lang), slip.status, slip.owner,
                     ", ".join(slip.moved_by) or None])
    return rows


def status_headers(lang: str) -> list[str]:
    """The status table's column headers."""
    return [say(lang, h) for h in HEADERS]


def status_table(slips: Sequence[Slip], lang: str = "nb"
                 ) -> tuple[str, list[str], list[list[Any]]]:
    """The status sheet as (name, headers, rows)."""
    return status_sheet_name(lang), status_headers(lang), status_rows(slips, lang)


def status_text(slips: Sequence[Slip], lang: str = "nb") -> str:
    """A short summary for the terminal: how many late, early, as adopted, and the rest."""
    count = {change: sum(s.change is change for s in slips) for change in Change}
    line = say(lang, "Against the adopted baseline: {late} later, {early} earlier, {same} as "
                     "adopted, {missing} not placed, {dropped} dropped, {added} added.",
               late=count[Change.LATE], early=count[Change.EARLY], same=count[Change.ON_PLAN],
               missing=count[Change.NOT_PLACED], dropped=count[Change.DROPPED],
               added=count[Change.ADDED])
    late = [s for s in slips if s.change is Change.LATE][:5]
    lines = [line]
    lines += [f"  {s.id:<6} {shift_text(s.start_slip, lang)} / {shift_text(s.end_slip, lang)}"
              f"  {s.title}" for s in late]
    return "\n".join(lines)
