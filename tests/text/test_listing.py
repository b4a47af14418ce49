"""Every text built from a list of items names at most LIST_MAX of them and counts the rest.

The kind: a footnote, summary, tooltip or text alternative that joins every item it is
given grows with the catalogue (a 2 000-need catalogue made a footnote of tens of
thousands of characters). Generated lists of any length go through each such place.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue.model import Origin
from okosys_plan.charts.funding.layout import _listed
from okosys_plan.charts.roadmap.describe import notes
from okosys_plan.charts.roadmap.model import Omitted
from okosys_plan.charts.roadmap.text_alternative import _row
from okosys_plan.cli.main import cli
from okosys_plan.roadmap.items import ItemKind, MilestonePoint, RoadmapItem
from okosys_plan.text.listing import LINES_MAX, LIST_MAX, capped
from okosys_plan.text.numbers import day

ids = st.lists(st.from_regex(r"[A-Z]\d{1,4}", fullmatch=True), unique=True, max_size=60)
langs = st.sampled_from(["nb", "en"])
LONGEST_ID = 5


def _more(text: str, lang: str) -> int:
    """The count at the end ('og 7 til', 'and 7 more'), 0 if none."""
    found = re.search(r"(?:og|and) (\d+) (?:til|more)", text)
    return int(found.group(1)) if found else 0


@given(ids, langs, st.integers(1, 20))
def test_capped_names_the_first_and_counts_the_rest(items: list[str], lang: str,
                                                     limit: int) -> None:
    text = capped(items, lang, limit)
    named = [i for i in items if re.search(rf"\b{i}\b", text)]
    assert named == items[:limit]
    assert _more(text, lang) == max(0, len(items) - limit)
    assert len(text) <= limit * (LONGEST_ID + 2) + 40


@settings(max_examples=60, deadline=None)
@given(ids, langs, st.integers(0, 5))
def test_roadmap_footnotes_are_bounded(items: list[str], lang: str, lanes: int) -> None:
    outside = [Omitted(i, "t", date(2030, 1, 1), date(2031, 12, 31), "after") for i in items]
    invalid = [Omitted(f"X{i}", "t", date(2024, 1, 1), date(2023, 1, 1), "invalid")
               for i in items]
    emptied = [f"Bane {k}" for k in range(lanes * 10)]
    found = notes([*outside, *invalid], 0, (date(2022, 1, 1), date(2025, 12, 31)), lang,
                  emptied=emptied)
    for note in found:
        assert len(note) < 1_000, note
        assert _more(note, lang) in (0, len(items) - LIST_MAX, len(emptied) - LIST_MAX)
    shown = min(len(items), LIST_MAX)
    if items:
        start = f" ({day(date(2030, 1, 1), lang)}"  # each item named with its period
        assert sum(note.count(start) for note in found[:1]) == shown


@given(ids, langs)
def test_the_gap_note_and_the_text_alternative_are_bounded(items: list[str],
                                                           lang: str) -> None:
    assert len(_listed(items, lang)) < 200
    item = RoadmapItem(
        "T1", "Tittel", ItemKind.MEASURE, Origin("f.xlsx", "Tiltak", 2),
        milestones=tuple(MilestonePoint(f"M{i}", date(2023, 1, 1)) for i in items),
        start=date(2022, 1, 1), end=date(2025, 12, 31), fixed=True)
    marks = _row("Bane", item, lang)[-1]
    assert marks.count("(2023-01-01)") == min(len(items), LIST_MAX)
    assert _more(marks, lang) == max(0, len(items) - LIST_MAX)


def _not_placed_lines(text: str, heading: str) -> list[str]:
    """The lines under ``heading`` up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_plan_and_run_count_the_unplaced_past_the_cap(tmp_path: Path) -> None:
    """A catalogue where hundreds of measures cannot be placed prints a bounded list whose
    count adds up to the plan's, in both languages."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import shapes

    catalogue = shapes.make_shape(tmp_path / "u.xlsx", "unplaced", 400)
    for lang, heading in (("nb", "Ikke lagt inn:"), ("en", "Not placed:")):
        result = CliRunner().invoke(cli, ["plan", str(catalogue), "--lang", lang])
        document = json.loads(CliRunner().invoke(
            cli, ["plan", str(catalogue), "--json"]).stdout)
        unplaced = [i for i in document["items"] if not i["placed"]]
        assert len(unplaced) > LINES_MAX, len(unplaced)
        listed = _not_placed_lines(result.stdout, heading)
        assert len(listed) == LINES_MAX + 1
        assert _more(listed[-1], lang) == len(unplaced) - LINES_MAX
        assert [line.split()[0] for line in listed[:-1]] == [
            i["id"] for i in unplaced[:LINES_MAX]]
    run = CliRunner().invoke(cli, ["run", str(catalogue), "-o", str(tmp_path / "ut"),
                                   "--lang", "en"])
    assert run.exit_code in (0, 1), run.output
    listed = _not_placed_lines(run.stdout, "Not placed on the roadmap:")
    assert len(listed) == LIST_MAX + 1 and "plan.xlsx" in listed[-1]
    assert _more(listed[-1], "en") == len(unplaced) - LIST_MAX
