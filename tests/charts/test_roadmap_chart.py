"""The roadmap (Veikart) chart: pure layout geometry, the drawn figure, the files and the
text alternative."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import matplotlib.image
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import okosys_plan
from okosys_plan.catalogue.domain import LIFE_EVENTS, MEASURE_STATUSES, THEMES
from okosys_plan.catalogue.model import Origin
from okosys_plan.charts import palette
from okosys_plan.charts.geometry import label_width
from okosys_plan.charts.roadmap.layout import PAGE_HEIGHT, layout_roadmap, roadmap_document
from okosys_plan.charts.roadmap.model import Box, RoadmapLayout
from okosys_plan.charts.roadmap.save import roadmap_bytes, write_roadmap_charts
from okosys_plan.charts.roadmap.style import BAND, PRIORITY_COLOURS, STATUS_FAMILIES, bar_style
from okosys_plan.charts.roadmap.text_alternative import csv_bytes, roadmap_table, safe_cell
from okosys_plan.charts.save import SAVE_STYLE, chart_style, figure_for, save_figure
from okosys_plan.errors import OutputExists, UsageError
from okosys_plan.prioritise.scoring import PriorityClass, score_needs
from okosys_plan.roadmap.items import ItemKind, MilestonePoint, RoadmapItem, roadmap_items
from okosys_plan.roadmap.settings import Marker, RoadmapSettings, load_settings
from okosys_plan.text.errors import error_text

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
AS_OF = date(2023, 6, 30)
WORDS = ("felles", "løsning", "for", "deling", "av", "data", "innlogging", "tjenester",
         "kommunene", "nasjonale", "grunndata", "fullmakter", "digital", "dialog", "hendelser",
         "arkitektur", "standarder", "veiledning", "API", "Folkeregisteret", "samtykke",
         "virksomheter", "innbyggere", "eID", "Altinn", "Maskinporten", "pilot", "utredning")


@pytest.fixture(scope="module")
def settings() -> RoadmapSettings:
    return load_settings(ROOT / "roadmap" / "veikart.toml")


@pytest.fixture(scope="module")
def bundled(settings: RoadmapSettings) -> tuple[RoadmapItem, ...]:
    catalogue = okosys_plan.load_catalogue(ROOT / "catalogue" / "behovskatalog.xlsx")
    return roadmap_items(catalogue, settings,
                         score_needs(catalogue.needs, catalogue.scored_criteria))


@pytest.fixture(scope="module")
def bundled_layout(bundled: tuple[RoadmapItem, ...], settings: RoadmapSettings
                   ) -> RoadmapLayout:
    return layout_roadmap(bundled, settings, as_of=AS_OF, source_name="behovskatalog.xlsx")


def item(item_id: str, start: date | None, end: date | None, lane: str | None = THEMES[0],
         **fields: Any) -> RoadmapItem:
    """A measure on the roadmap, fixed (dated in the catalogue) unless told otherwise."""
    values: dict[str, Any] = {"title": f"Tiltak {item_id}", "fixed": start is not None,
                              "status": "Pågår", **fields}
    return RoadmapItem(id=item_id, kind=ItemKind.MEASURE, origin=Origin("t.xlsx", "Tiltak", 2),
                       lane=lane, start=start, end=end, **values)


def quarter(year: int, number: int) -> date:
    return date(year, 3 * number - 2, 1)


def generated(count: int, seed: int = 1) -> list[RoadmapItem]:
    """``count`` measures spread over 2022–2025 as a plan spreads them: 2–4 quarters each,
    every theme, some planned, some with milestones and dependencies."""
    draw = random.Random(seed)
    items: list[RoadmapItem] = []
    for i in range(count):
        first = (i * 5) % 16
        last = first + 2 + i % 3
        start = quarter(2022 + first // 4, first % 4 + 1)
        end = quarter(2022 + last // 4, last % 4 + 1) - timedelta(days=1)
        title = " ".join(draw.choice(WORDS) for _ in range(draw.randint(3, 8))).capitalize()
        earlier = [x for x in items if x.end is not None and x.end < start]
        items.append(item(
            f"T{i + 1:03d}", start, end, THEMES[i % len(THEMES)], title=title,
            status=MEASURE_STATUSES[i % len(MEASURE_STATUSES)], fixed=i % 5 != 0,
            priority=list(PriorityClass)[i % 3],
            depends_on=(earlier[-1].id,) if earlier and i % 4 == 1 else (),
            milestones=(MilestonePoint("Pilot i drift", start + timedelta(days=60)),)
            if i % 10 == 3 else ()))
    return items


def x_of(when: date) -> float:
    """x of the start of a day: the year plus the share of the year before it."""
    days = 366 if when.year % 4 == 0 else 365
    return when.year + (when - date(when.year, 1, 1)).days / days


def boxes_overlap(boxes: Sequence[Box]) -> list[tuple[Box, Box]]:
    return [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


def layout_for(items: Sequence[RoadmapItem], settings: RoadmapSettings,
               **options: Any) -> RoadmapLayout:
    return layout_roadmap(items, settings, as_of=options.pop("as_of", AS_OF), **options)


# --- geometry ---------------------------------------------------------------------------


def test_bar_extents_match_the_periods(settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 2), date(2024, 12, 31)),
             item("B", date(2023, 10, 11), date(2023, 12, 31)),
             item("C", date(2024, 1, 1), date(2024, 12, 31))]
    bars = {b.id: b for b in layout_for(items, settings).bars}
    assert bars["A"].x0 == pytest.approx(2023 + 90 / 365) and bars["A"].x1 == 2025.0
    assert bars["B"].x0 == pytest.approx(2023 + 283 / 365) and bars["B"].x1 == 2024.0
    assert (bars["C"].x0, bars["C"].x1) == (2024.0, 2025.0)
    assert bars["A"].start == date(2023, 4, 1) and bars["A"].end == date(2024, 12, 31)
    assert not any(b.continues_before or b.continues_after for b in bars.values())


def test_lanes_follow_the_settings_then_other_themes_then_none(
        settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2023, 12, 31), THEMES[3]),
             item("B", quarter(2023, 1), date(2023, 12, 31), "Et helt nytt tema"),
             item("C", quarter(2023, 1), date(2023, 12, 31), None),
             item("D", quarter(2023, 1), date(2023, 12, 31), THEMES[0]),
             item("E", None, None, THEMES[1])]
    layout = layout_for(items, settings)
    assert [lane.name for lane in layout.lanes] == [*settings.lanes, "Et helt nytt tema", ""]
    labels = [lane.label.text.replace("\n", " ") for lane in layout.lanes]
    assert labels[0] == "Livshendelser" and labels[-1] == "Uten tema"
    assert [b.id for b in layout.bars] == ["D", "A", "B", "C"]
    assert all(a.y1 == pytest.approx(b.y0) for a, b in itertools.pairwise(layout.lanes))
    assert [lane.shaded for lane in layout.lanes[:3]] == [False, True, False]
    assert layout.undated == 1 and "1 uten periode" in " ".join(layout.texts.notes)


def test_group_by_owner_life_event_and_status(settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2023, 12, 31), owner="Zeta",
                  life_events=(LIFE_EVENTS[3], LIFE_EVENTS[0]), status="Fullført"),
             item("B", quarter(2023, 1), date(2023, 12, 31), owner="Ålesund",
                  status="Planlagt"),
             item("C", quarter(2023, 1), date(2023, 12, 31), owner="Øst", status=None),
             item("D", quarter(2023, 1), date(2023, 12, 31), owner="arkivverket",
                  life_events=(LIFE_EVENTS[0],), status="Meldt inn"),
             item("E", quarter(2023, 1), date(2023, 12, 31), owner=None, status="Pågår")]
    names = {by: [lane.name for lane in layout_for(items, settings, group_by=by).lanes]
             for by in ("ansvarlig", "livshendelse", "status")}
    assert names["ansvarlig"] == ["arkivverket", "Zeta", "Øst", "Ålesund", ""]
    assert names["livshendelse"] == [LIFE_EVENTS[0], LIFE_EVENTS[3], ""]
    assert names["status"] == ["Planlagt", "Pågår", "Fullført", "Meldt inn", ""]
    by_event = layout_for(items, settings, group_by="livshendelse")
    assert sorted(b.lane for b in by_event.bars if b.id == "A") == sorted(LIFE_EVENTS[i]
                                                                          for i in (0, 3))
    assert len({b.gid for b in by_event.bars}) == len(by_event.bars)
    assert by_event.lanes[-1].label.text.replace("\n", " ") == "Ingen livshendelse"
    assert layout_for(items, settings, group_by="status", lang="en").lanes[0].label.text == \
        "Planned"


def test_colour_by_status_and_priority_with_a_legend(settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2023, 12, 31), status="Fullført",
                  priority=PriorityClass.HIGH),
             item("B", quarter(2023, 1), date(2023, 12, 31), status="Større forsinkelser",
                  priority=PriorityClass.MEDIUM),
             item("C", quarter(2023, 1), date(2023, 12, 31), status="Ukjent greie",
                  priority=None)]
    by_status = {b.id: b.fill for b in layout_for(items, settings).bars}
    by_priority = layout_for(items, settings, colour_by="prioritet")
    assert by_status["A"] == "#BBBBBB" and by_status["B"] == "#B34700"
    assert len(set(by_status.values())) == 3
    fills = {b.id: b.fill for b in by_priority.bars}
    assert fills["A"] == PRIORITY_COLOURS["Høy"] and fills["B"] == PRIORITY_COLOURS["Middels"]
    legend = {e.label: e.colour for e in by_priority.legend if e.kind == "patch"}
    assert legend["Høy"] == fills["A"] and "Uten prioritet" in legend and "Lav" not in legend
    status_legend = [e.label for e in layout_for(items, settings).legend]
    assert status_legend[:3] == ["Større forsinkelser", "Fullført", "Annen status"]


def test_bar_colours_keep_text_and_edges_readable() -> None:
    statuses = [statuses[0] for _, statuses in STATUS_FAMILIES] + ["Ukjent greie", None]
    cases = [(item("A", quarter(2023, 1), date(2023, 12, 31), status=status, fixed=fixed),
              "status") for status in statuses for fixed in (True, False)]
    cases += [(item("A", quarter(2023, 1), date(2023, 12, 31), priority=priority,
                    fixed=fixed), "prioritet")
              for priority in (*PriorityClass, None) for fixed in (True, False)]
    fills = set()
    for case, colour_by in cases:
        style = bar_style(case, colour_by)
        fills.add(style.fill)
        assert palette.contrast_ratio(style.fill, style.ink) >= 4.5, style
        assert palette.contrast_ratio(style.edge, BAND) >= 3.0, style
        assert (style.hatch != "") is (not case.fixed)
    assert len(fills) == len(cases) - 3  # 'none', fixed or planned, is white either way


def test_planned_items_are_hatched_and_explained_in_the_legend(
        settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2023, 12, 31)),
             item("B", quarter(2024, 1), date(2024, 12, 31), fixed=False)]
    layout = layout_for(items, settings)
    bars = {b.id: b for b in layout.bars}
    assert bars["B"].planned and bars["B"].hatch and not bars["A"].hatch
    assert bars["B"].fill != bars["A"].fill  # a pale tint of the same status colour
    planned = [e for e in layout.legend if e.hatch]
    assert len(planned) == 1 and planned[0].dashed and "plan" in planned[0].label
    assert not any(e.hatch for e in layout_for(items[:1], settings).legend)


def test_items_outside_the_horizon_are_clipped_or_omitted(settings: RoadmapSettings) -> None:
    items = [item("LONG", date(2021, 3, 1), date(2027, 6, 30)),
             item("OLD", date(2019, 1, 1), date(2021, 12, 31)),
             item("LATE", date(2026, 1, 1), date(2026, 12, 31)),
             item("END", date(2025, 7, 1), date(2026, 6, 30))]
    layout = layout_for(items, settings)
    bars = {b.id: b for b in layout.bars}
    assert set(bars) == {"LONG", "END"}
    long = bars["LONG"]
    assert (long.x0, long.x1) == (2022.0, 2026.0)
    assert long.continues_before and long.continues_after
    assert (2022.0, long.y) in long.outline and (2026.0, long.y) in long.outline
    assert bars["END"].continues_after and not bars["END"].continues_before
    assert {(o.id, o.reason) for o in layout.omitted} == {("OLD", "before"), ("LATE", "after")}
    assert "OLD" in layout.texts.notes[0] and "LATE" in layout.texts.notes[0]
    assert any(e.label == "Fortsetter utenfor perioden" for e in layout.legend)


def test_an_item_that_ends_before_it_starts_is_left_out_with_a_note(
        settings: RoadmapSettings) -> None:
    layout = layout_for([item("BAD", date(2024, 6, 1), date(2023, 1, 31))], settings)
    assert not layout.bars and [(o.id, o.reason) for o in layout.omitted] == [("BAD",
                                                                            "invalid")]
    assert layout.texts.notes == ("Slutter før de starter, ikke vist: BAD.",)


def test_a_long_horizon_keeps_years_and_drops_quarter_labels(
        settings: RoadmapSettings) -> None:
    layout = layout_for(generated(40), settings.with_horizon(2018, 2035))
    years = [t.label.text for t in layout.ticks if t.kind == "year"]
    assert years == [str(y) for y in range(2018, 2036)]
    assert {t.label.text for t in layout.ticks if t.kind == "quarter"} == {""}
    check_layout(layout)


def test_started_before_begins_at_the_horizons_first_day(
        bundled_layout: RoadmapLayout) -> None:
    started = [b for b in bundled_layout.bars if b.started_before]
    assert {b.id for b in started} >= {"T01", "T03", "T10"}
    assert all(b.x0 == 2022.0 and b.continues_before for b in started)
    rows = {r[1]: r for r in roadmap_table(bundled_layout).rows}
    assert rows["T01"][3] == "Påbegynt" and rows["T02"][3] == "2023-01-01"


def test_as_of_line_sits_at_the_date(settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2024, 12, 31))]
    layout = layout_for(items, settings)
    line = next(v for v in layout.lines if v.kind == "as_of")
    assert line.x == pytest.approx(x_of(AS_OF)) and line.label.text == "Per 30. juni 2023"
    assert line.y1 == layout.lanes[-1].y1 and line.y0 <= line.label.box.y1
    english = layout_for(items, settings, lang="en")
    assert next(v.label.text for v in english.lines if v.kind == "as_of") == "As of June 30, 2023"
    later = layout_for(items, settings, as_of=date(2026, 11, 28))
    assert not any(v.kind == "as_of" for v in later.lines)
    assert "Per 28. november 2026" in later.texts.subtitle
    assert roadmap_document(later)["as_of"] == {"date": "2026-11-28", "shown": False,
                                                "x": None, "label": None}


def test_years_are_columns_with_quarter_ticks(settings: RoadmapSettings) -> None:
    items = [item("A", quarter(2023, 1), date(2023, 12, 31))]
    for lang, prefix in (("nb", "K"), ("en", "Q")):
        ticks = layout_for(items, settings, lang=lang).ticks
        years = [t for t in ticks if t.kind == "year"]
        quarters = [t for t in ticks if t.kind == "quarter"]
        assert [t.label.text for t in years] == ["2022", "2023", "2024", "2025"]
        assert [t.label.text for t in quarters] == [f"{prefix}{q}" for q in range(1, 5)] * 4
    second = next(t for t in ticks if t.kind == "quarter" and t.label.owner == "2024-Q2")
    assert second.x0 == pytest.approx(x_of(date(2024, 4, 1)))
    assert second.x1 == pytest.approx(x_of(date(2024, 7, 1)))


def test_markers_close_together_get_their_own_levels(settings: RoadmapSettings) -> None:
    markers = (Marker(date(2023, 3, 1), "Skate-møte om finansieringsmodeller for fellesløsninger"),
               Marker(date(2023, 3, 8), "Skate-møte om eIDAS"),
               Marker(date(2023, 3, 15), "Et tredje vedtak"))
    layout = layout_for([item("A", quarter(2023, 1), date(2023, 12, 31))],
                        replace(settings, markers=markers), as_of=date(2023, 3, 20))
    lines = [v for v in layout.lines if v.kind == "marker"]
    assert [v.when for v in lines] == [m.when for m in markers]
    assert not boxes_overlap([v.label.box for v in layout.lines])
    for line, other in itertools.permutations(layout.lines, 2):
        box = other.label.box  # no line runs up through another line's label
        assert not (box.x0 < line.x < box.x1 and line.y0 < box.y1)
    assert lines[0].full_label == markers[0].label


def test_milestones_are_diamonds_with_short_labels(settings: RoadmapSettings) -> None:
    name = "Skate drøfter konsekvensene av revisjonen av eIDAS-forordningen for fellesløsningene"
    items = [item("A", quarter(2023, 1), date(2023, 6, 30), title="Kort",
                  milestones=(MilestonePoint(name, date(2023, 5, 2)),
                              MilestonePoint("Før horisonten", date(2020, 1, 1))))]
    layout = layout_for(items, settings)
    (mark,) = layout.milestones
    assert mark.x == pytest.approx(x_of(date(2023, 5, 2))) and mark.name == name
    assert mark.label.text.endswith("…") and len(mark.label.text) < len(name)
    assert name in layout.description and "Før horisonten" in layout.description
    assert any(e.label == "Milepæl" for e in layout.legend)


@pytest.mark.parametrize("seed", range(6))
def test_many_milestones_fold_after_the_rows_a_bar_may_have_and_none_is_lost(
        settings: RoadmapSettings, seed: int) -> None:
    """Measures with up to 14 milestones, bunched or spread: no bar gets more than
    ``MAX_BELOW`` rows of milestone labels below it; the rest are folded (not drawn),
    counted in the note, kept in the JSON, and every milestone inside the horizon is in the
    text alternative exactly once, in date order. The labels still never overlap."""
    from okosys_plan.charts.roadmap.milestones import MAX_BELOW

    draw = random.Random(seed)
    items = []
    for i, base in enumerate(generated(24, seed)):
        assert base.start is not None and base.end is not None
        span = max(1, (base.end - base.start).days)
        bunch = draw.choice([7, 30, span])  # the milestones a week, a month or the bar apart
        count = draw.randint(0, 14)
        items.append(replace(base, milestones=tuple(
            MilestonePoint(f"M{i}-{n} {draw.choice(WORDS)} {draw.choice(WORDS)}",
                           base.start + timedelta(days=draw.randrange(0, min(bunch, span))))
            for n in range(count))))
    layout = layout_for(items, settings)
    check_layout(layout)
    pitch = {b.gid: (b.row[1] - b.row[0]) for b in layout.bars}
    for mark in layout.milestones:
        bar = next(b for b in layout.bars if b.gid == mark.label.owner)
        assert mark.y <= bar.y + MAX_BELOW * (pitch[bar.gid] or 1) + 1e-9
    rows_below = {b.gid: {round(m.y - b.y, 6) for m in layout.milestones
                          if m.label.owner == b.gid and not m.on_bar} for b in layout.bars}
    assert all(len(levels) <= MAX_BELOW for levels in rows_below.values())
    folded = sum(len(b.folded) for b in layout.bars)
    inside = {(i.id, m.name) for i in items for m in i.milestones
              if settings.first_day <= m.when <= settings.last_day}
    drawn = {(b.id, m.name) for b in layout.bars for m in layout.milestones
             if m.label.owner == b.gid}
    kept = {(b.id, name) for b in layout.bars for name, _ in b.folded}
    assert drawn | kept == inside and not drawn & kept
    note = [n for n in layout.texts.notes if "milepæler er ikke tegnet" in n]
    assert (f"{folded} milepæler" in " ".join(note)) if folded else not note
    table = roadmap_table(layout)
    for row, bar in zip(table.rows, layout.bars, strict=True):
        listed = [m for m in row[-1].split("; ") if m]
        names = sorted(((m.when, m.name) for i in items if i.id == bar.id
                        for m in i.milestones
                        if settings.first_day <= m.when <= settings.last_day),
                       key=lambda m: m[0])  # same day: in the catalogue's order
        if len(names) <= 12:  # longer lists are capped with "og N til"
            assert listed == [f"{name} ({when.isoformat()})" for when, name in names]
    bars = roadmap_document(layout)["bars"]
    assert sum(len(b["milestones_not_drawn"]) for b in bars) == folded


def test_every_drawn_dependency_has_an_arrow(settings: RoadmapSettings) -> None:
    items = generated(40)
    items.append(item("X", quarter(2025, 1), date(2025, 12, 31), depends_on=("UNDATED",)))
    items.append(item("UNDATED", None, None))
    layout = layout_for(items, settings)
    drawn = {b.id: b for b in layout.bars}
    expected = {(d, i.id) for i in items for d in i.depends_on if d in drawn and i.id in drawn}
    assert expected and {(a.source, a.target) for a in layout.arrows} == expected
    for arrow in layout.arrows:
        source, target = drawn[arrow.source], drawn[arrow.target]
        (sx, sy), *_, (tx, ty) = arrow.points
        assert source.x0 < sx <= source.x1 and target.x0 <= tx < target.x1
        assert sy in (source.y - source.height / 2, source.y + source.height / 2)
        assert ty in (target.y - target.height / 2, target.y + target.height / 2)
        gap = arrow.points[1][1]  # the horizontal run lies on a row boundary, clear of bars
        assert gap in target.row


def check_layout(layout: RoadmapLayout) -> None:
    """No two labels overlap, no label covers a bar but its own, nothing leaves the plot."""
    labels = [t for t in layout.labels if t.text]
    assert not boxes_overlap([t.box for t in labels])
    for tag in labels:
        for bar in layout.bars:
            if bar.gid != tag.owner:
                assert not tag.box.overlaps(bar.box), (tag.text, bar.id)
    assert not boxes_overlap([b.box for b in layout.bars])
    plot = layout.plot_box
    assert all(t.box.inside(plot) for t in labels)
    assert all(b.box.inside(plot) for b in layout.bars)
    points = [p for a in layout.arrows for p in a.points] + [(m.x, m.y) for m in
                                                            layout.milestones]
    assert all(Box(x, y, x, y).inside(plot) for x, y in points)
    assert all(Box(v.x, v.y0, v.x, v.y1).inside(plot) for v in layout.lines)


@pytest.mark.parametrize("group_by", ["tema", "ansvarlig", "livshendelse", "status"])
def test_bundled_roadmap_has_no_overlaps_in_any_grouping(
        bundled: tuple[RoadmapItem, ...], settings: RoadmapSettings, group_by: str) -> None:
    layout = layout_for(bundled, settings, group_by=group_by, source_name="b.xlsx")
    check_layout(layout)
    dated = {i.id for i in bundled if i.dated}
    assert {b.id for b in layout.bars} == dated


@pytest.mark.parametrize("count", [100, 300])
def test_many_measures_have_no_overlaps(settings: RoadmapSettings, count: int) -> None:
    check_layout(layout_for(generated(count), settings, colour_by="prioritet"))


def test_hundred_measures_fit_an_a4_landscape_page(settings: RoadmapSettings) -> None:
    hundred = layout_for(generated(100), settings)
    assert len(hundred.bars) == 100
    assert hundred.size[0] == pytest.approx(11.69)
    assert hundred.size[1] <= PAGE_HEIGHT, "the same proportions as A4 landscape"
    assert hundred.text_size >= 6.0
    more = layout_for(generated(300), settings)
    assert more.size[0] == hundred.size[0] and more.size[1] > hundred.size[1]
    few = layout_for(generated(10), settings)
    assert few.text_size > hundred.text_size  # a small roadmap gets larger text


def test_every_label_meets_wcag_contrast_on_what_is_behind_it(
        settings: RoadmapSettings) -> None:
    long = [item(f"L{i}", date(2022, 1, 1), date(2025, 12, 31), THEMES[i], status=status,
                 fixed=i % 2 == 0, milestones=(MilestonePoint("Midtveis", date(2024, 1, 1)),))
            for i, (_, (status, *_)) in enumerate(STATUS_FAMILIES)]
    layout = layout_for(generated(60) + long, settings, as_of=date(2024, 5, 15))
    fills = {b.gid: b.fill for b in layout.bars}
    on_bar = {id(b.label) for b in layout.bars if b.label_inside} | {
        id(m.label) for m in layout.milestones if m.on_bar}
    for tag in layout.labels:
        if not tag.text:
            continue
        behind = tag.background or (fills[tag.owner] if id(tag) in on_bar else None)
        backgrounds = [behind] if behind else [palette.BACKGROUND, BAND]
        for colour in backgrounds:
            assert palette.contrast_ratio(tag.colour, colour) >= 4.5, (tag.text, colour)
    on_bars = [m for m in layout.milestones if m.on_bar]
    assert len(on_bars) >= len(long)
    assert all(m.label.colour == next(b.ink for b in layout.bars if b.gid == m.label.owner)
               for m in on_bars)


def test_a_tall_chart_repeats_the_time_axis_below(settings: RoadmapSettings) -> None:
    tall = layout_for(generated(300), settings)
    bottom = [t for t in tall.ticks if t.edge == "bottom"]
    assert [t.label.text for t in bottom if t.kind == "year"] == ["2022", "2023", "2024",
                                                                  "2025"]
    assert min(t.label.box.y0 for t in bottom) > tall.lanes[-1].y1
    assert not any(t.edge == "bottom" for t in layout_for(generated(20), settings).ticks)
    check_layout(tall)


def test_title_subtitle_and_description(bundled_layout: RoadmapLayout) -> None:
    assert bundled_layout.texts.title == "Veikart 2.0 for felles økosystem 2022–2025"
    assert "Kilde: behovskatalog.xlsx" in bundled_layout.texts.subtitle
    assert "Per 30. juni 2023" in bundled_layout.texts.subtitle  # Babel's long date
    description = bundled_layout.description
    assert "T17 Dialogporten – felles dialog for innbyggere og næringsliv" in description
    assert "avhenger av T18" in description and "Skate-sak 22/23" in description


def test_bad_choices_are_usage_errors(settings: RoadmapSettings) -> None:
    for option in ({"group_by": "farge"}, {"colour_by": "tema"}):
        with pytest.raises(UsageError) as raised:
            layout_for([], settings, **option)
        assert raised.value.code == "bad-option" and "velg en av" in error_text(raised.value, "nb")


def test_an_empty_roadmap_still_has_its_lanes(settings: RoadmapSettings) -> None:
    layout = layout_for([], settings)
    assert len(layout.lanes) == len(settings.lanes) and not layout.bars
    assert roadmap_table(layout).rows == ()


def test_document_is_plain_json_and_agrees_with_the_layout(
        bundled_layout: RoadmapLayout) -> None:
    document = json.loads(json.dumps(roadmap_document(bundled_layout)))
    assert document["title"] == bundled_layout.texts.title
    assert [b["id"] for b in document["bars"]] == [b.id for b in bundled_layout.bars]
    first = document["bars"][0]
    assert {"id", "title", "lane", "start", "end", "x0", "x1", "y", "colour", "planned",
            "continues_before", "continues_after"} <= set(first)
    assert date.fromisoformat(first["start"]) == bundled_layout.bars[0].start
    assert len(document["arrows"]) == len(bundled_layout.arrows) > 0
    assert len(document["labels"]) == len(bundled_layout.labels)
    assert [lane["name"] for lane in document["lanes"]][:2] == list(THEMES[:2])
    assert document["horizon"] == {"start": "2022-01-01", "end": "2025-12-31"}
    assert {t["label"] for t in document["ticks"]} >= {"K1", "K4", "2022", "2025"}
    assert document["as_of"]["shown"] and document["markers"]


def test_layout_and_text_alternative_do_not_import_matplotlib() -> None:
    code = ("import sys, okosys_plan.charts.roadmap.layout\n"
            "import okosys_plan.charts.roadmap.text_alternative\n"
            "print('mpl' if 'matplotlib' in sys.modules else 'pure')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "pure"


# --- drawing ----------------------------------------------------------------------------


def drawn(layout: RoadmapLayout) -> tuple[Figure, FigureCanvasAgg]:
    """The layout's figure drawn on an Agg canvas, so text can be measured."""
    figure = figure_for(layout)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas


@pytest.mark.parametrize("points", [6.0, 7.0, 8.5])
def test_label_width_estimate_is_never_narrower_than_the_real_text(points: float) -> None:
    texts = ["T17 Dialogporten – felles dialog for innbyggere og næringsliv",
             "T03 Unike identiteter i Folkeregisteret", "FUFINN API ØÆÅ KS NAV SKE WWW MMM",
             "iiiii lllll ttttt fffff", "Skate-sak 16/23: finansieringsmodeller; 17/23: eIDAS",
             "Ny innloggingsflyt i MinID (sak 17/23) «lett å gjøre rett» … 1234567890"]
    for text, bold, real in _drawn_widths(texts, points, 100):
        estimate = label_width(text, points, bold)
        assert real <= estimate <= real * 1.35, (text, bold, real, estimate)


def _drawn_widths(texts: list[str], points: float, dpi: int
                  ) -> list[tuple[str, bool, float]]:
    """Each text, regular and bold, with its width in inches as Agg draws it."""
    figure = Figure(figsize=(12, 2), dpi=dpi)
    canvas = FigureCanvasAgg(figure)
    artists = [(t, bold, figure.text(0.01, 0.5, t, fontsize=points,
                                     fontweight="bold" if bold else "normal"))
               for t in texts for bold in (False, True)]
    canvas.draw()
    renderer = canvas.get_renderer()
    return [(text, bold, artist.get_window_extent(renderer).width / dpi)
            for text, bold, artist in artists]


@pytest.mark.parametrize("dpi", [150, 200])
@pytest.mark.parametrize("points", [6.0, 6.5, 7.0, 7.5, 8.0, 8.5])
def test_label_width_estimate_holds_for_the_text_the_png_draws(points: float, dpi: int) -> None:
    # The PNG is drawn without hinting, so text keeps the font's own widths, which the
    # estimate bounds from above; hinted text is up to 8 % wider at some sizes (6.5 pt).
    texts = ["T17 Dialogporten – felles dialog for innbyggere og næringsliv",
             "FUFINN API ØÆÅ KS NAV SKE WWW MMM", "iiiii lllll ttttt fffff",
             "Skate-sak 16/23: finansieringsmodeller; 17/23: eIDAS"]
    with chart_style(SAVE_STYLE):
        for text, bold, real in _drawn_widths(texts, points, dpi):
            assert real <= label_width(text, points, bold), (text, bold, real)


def text_boxes(figure: Figure, canvas: FigureCanvasAgg) -> list[tuple[Text, Any]]:
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    return [(t, t.get_window_extent(renderer)) for t in ax.texts if t.get_text()]


@pytest.mark.parametrize("which", ["bundled", "hundred"])
def test_drawn_texts_neither_overlap_nor_leave_the_figure(
        bundled_layout: RoadmapLayout, settings: RoadmapSettings, which: str) -> None:
    layout = bundled_layout if which == "bundled" else layout_for(generated(100), settings)
    figure, canvas = drawn(layout)
    boxes = text_boxes(figure, canvas)
    assert len(boxes) >= len(layout.bars) + len(layout.lanes)
    legend = figure.axes[0].get_legend()
    assert legend is not None
    everything = [box for _, box in boxes] + [legend.get_window_extent(canvas.get_renderer())]
    clashes = [(a.get_text(), b.get_text()) for (a, one), (b, other)
               in itertools.combinations(boxes, 2) if one.overlaps(other)]
    assert clashes == []
    page = figure.bbox
    assert all(box.x0 >= page.x0 and box.x1 <= page.x1 and box.y0 >= page.y0
               and box.y1 <= page.y1 for box in everything)
    title = next(box for t, box in boxes if t.get_text() == layout.texts.title)
    assert title.height / figure.dpi * 72 >= 12  # a real heading, not a caption


def test_real_text_stays_inside_the_boxes_the_layout_reserved(settings: RoadmapSettings) -> None:
    layout = layout_for(generated(100), settings)
    figure, canvas = drawn(layout)
    ax = figure.axes[0]
    to_display = ax.transData
    reserved = {(t.text, round(t.x, 9), round(t.y, 9)): t.box for t in layout.labels}
    checked = 0
    for artist, real in text_boxes(figure, canvas):
        x, y = artist.get_position()
        box = reserved.get((artist.get_text(), round(x, 9), round(y, 9)))
        if box is None:
            continue  # title, subtitle and notes sit outside the plot
        (x0, y1), (x1, y0) = to_display.transform([(box.x0, box.y0), (box.x1, box.y1)])
        assert real.x0 >= x0 - 1 and real.x1 <= x1 + 1, artist.get_text()
        assert real.y0 >= y0 - 1.5 and real.y1 <= y1 + 1.5, artist.get_text()
        checked += 1
    assert checked == len([t for t in layout.labels if t.text])


def test_bars_are_drawn_as_the_layout_says(bundled_layout: RoadmapLayout) -> None:
    figure, _ = drawn(bundled_layout)
    ax = figure.axes[0]
    patches = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert set(patches) == {b.gid for b in bundled_layout.bars}
    for bar in bundled_layout.bars:
        patch = patches[bar.gid]
        assert [tuple(v) for v in patch.get_xy()[:len(bar.outline)]] == list(bar.outline)
        assert (patch.get_hatch() or "") == bar.hatch
    assert ax.get_xlim() == bundled_layout.xlim and ax.get_ylim() == bundled_layout.ylim
    assert figure.get_size_inches().tolist() == list(bundled_layout.size)


# --- files ------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, bundled_layout: RoadmapLayout
            ) -> list[Path]:
    folder = tmp_path_factory.mktemp("veikart")
    return write_roadmap_charts([folder / "veikart.png", folder / "veikart.svg",
                                 folder / "veikart.pdf"], bundled_layout)


def test_every_chart_and_the_text_alternative_are_written(written: list[Path]) -> None:
    assert [p.name for p in written] == ["veikart.png", "veikart.svg", "veikart.pdf",
                                         "veikart.md", "veikart.csv"]
    assert written[2].read_bytes().startswith(b"%PDF")


def test_svg_keeps_text_as_text_and_every_bar_has_a_tooltip(
        written: list[Path], bundled_layout: RoadmapLayout,
        bundled: tuple[RoadmapItem, ...]) -> None:
    data = written[1].read_bytes()
    root = ET.fromstring(data)
    texts = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
    assert b"DejaVuSans-" not in data, "glyphs would be paths, not searchable text"
    assert "Veikart 2.0 for felles økosystem 2022–2025" in texts and "K3" in texts
    tips = {g.get("id"): g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g")
            if g.find(f"{SVG}title") is not None}
    assert set(tips) == {b.gid for b in bundled_layout.bars}
    for entry in bundled:
        if entry.dated:
            tip = tips[f"bar-{entry.id}"] or ""
            assert tip.startswith(f"{entry.id} {entry.title}\n")
            assert any(t.startswith(f"{entry.id} ") for t in texts), entry.id
    assert "Påbegynt–31. desember 2025 · I rute" in (tips["bar-T01"] or "")
    assert root.findtext(f"{SVG}title") == bundled_layout.texts.title
    assert "T17 Dialogporten" in (root.findtext(f"{SVG}desc") or "")


def test_png_is_wide_sharp_and_not_blank(written: list[Path]) -> None:
    width, height = png_size(written[0].read_bytes())
    assert width >= 1200 and width == round(11.69 * 200) and height > 1000
    pixels = matplotlib.image.imread(str(written[0]))
    colours = {tuple(p) for p in pixels[::4, ::4].reshape(-1, pixels.shape[-1]).tolist()}
    assert len(colours) > 50  # bars, text, bands and lines; a blank page has one colour


def test_files_are_the_same_bytes_every_time(tmp_path: Path,
                                             bundled_layout: RoadmapLayout) -> None:
    names = ["veikart.png", "veikart.svg", "veikart.pdf"]
    first = write_roadmap_charts([tmp_path / "a" / n for n in names], bundled_layout)
    second = write_roadmap_charts([tmp_path / "b" / n for n in names], bundled_layout)
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name
    assert b"CreationDate" not in first[2].read_bytes()


def test_the_png_saved_beside_the_others_is_the_png_saved_alone(
        monkeypatch: pytest.MonkeyPatch, bundled_layout: RoadmapLayout) -> None:
    from okosys_plan.charts import forked

    alone = [roadmap_bytes(bundled_layout, [fmt])[0] for fmt in ("png", "svg", "pdf")]
    monkeypatch.setattr(forked, "_can_fork", lambda: sys.platform.startswith("linux"))
    assert roadmap_bytes(bundled_layout, ["png", "svg", "pdf"]) == alone


def test_three_hundred_measures_render(settings: RoadmapSettings) -> None:
    layout = layout_for(generated(300), settings)
    (data,) = roadmap_bytes(layout, ["png"])
    width, height = png_size(data)
    assert width == round(11.69 * 200) and abs(height - layout.size[1] * 200) <= 1
    assert height > PAGE_HEIGHT * 200


def test_save_figure_and_figure_for_know_the_roadmap(tmp_path: Path,
                                                     bundled_layout: RoadmapLayout) -> None:
    path = tmp_path / "v.png"
    save_figure(figure_for(bundled_layout), path, title=bundled_layout.texts.title)
    assert png_size(path.read_bytes())[0] == round(bundled_layout.size[0] * 200)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_text_alternative_agrees_with_the_chart(written: list[Path],
                                               bundled_layout: RoadmapLayout) -> None:
    header, *rows = read_csv(written[4])
    assert header == ["Tema", "ID", "Tittel", "Start", "Slutt", "Status", "Plassert av plan",
                      "Milepæler"]
    assert len(rows) == len(bundled_layout.bars)
    for row, bar in zip(rows, bundled_layout.bars, strict=True):
        assert (row[0], row[1], row[2]) == (bar.lane, bar.id, bar.title)
        assert row[3] == ("Påbegynt" if bar.started_before else bar.start.isoformat())
        assert row[4] == bar.end.isoformat() and row[5] == bar.status
        assert row[6] == ("Ja" if bar.planned else "Nei")
    markdown = written[3].read_text(encoding="utf-8")
    assert markdown.startswith("# Veikart 2.0 for felles økosystem 2022–2025\n")
    assert "| Digital identitet og tilgang | T01 | Forbedre MinID og innloggingen i " \
           "ID-porten | Påbegynt | 2025-12-31 | I rute | Nei |" in markdown
    assert "- T17 avhenger av T18" in markdown and "## Vedtak og hendelser" in markdown


def test_text_alternative_in_english_and_from_items(bundled: tuple[RoadmapItem, ...],
                                                    settings: RoadmapSettings) -> None:
    english = roadmap_table(layout_for(bundled, settings, lang="en", group_by="status"))
    assert english.header[:3] == ("Lane", "ID", "Title") and english.header[6] == \
        "Placed by plan"
    assert {r[5] for r in english.rows} >= {"Completed", "On track"}
    assert csv_bytes(english).decode("utf-8-sig").splitlines()[0].startswith("Lane,ID,Title")
    plain = roadmap_table([item("A", None, None), item("B", quarter(2023, 1),
                                                       date(2023, 12, 31), fixed=False)])
    assert plain.rows == ((THEMES[0], "B", "Tiltak B", "2023-01-01", "2023-12-31", "Pågår",
                           "Ja", ""),)


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path,
                                                          settings: RoadmapSettings) -> None:
    titles = ["=HYPERLINK(\"http://x\")", "+47 innbyggere", "-1 tjeneste", "@SUM(A1)",
              "\tTab", "\rRetur", "Vanlig – tittel"]
    items = [item(f"A{i}", quarter(2023, 1), date(2023, 12, 31), title=t)
             for i, t in enumerate(titles)]
    items.append(item("=B", quarter(2024, 1), date(2024, 12, 31), owner="=cmd"))
    paths = write_roadmap_charts([tmp_path / "v.svg"], layout_for(items, settings))
    rows = read_csv(paths[-1])[1:]
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    by_id = {r[1]: r[2] for r in rows}
    assert by_id["A0"] == "'=HYPERLINK(\"http://x\")" and by_id["A6"] == "Vanlig – tittel"
    assert "'=B" in by_id
    assert safe_cell("2023-01-01") == "2023-01-01" and safe_cell("-") == "'-"


@pytest.mark.parametrize("names", [["veikart.jpg"], ["veikart.png", "veikart"],
                                   ["veikart.svg", "veikart.xlsx"]])
def test_a_bad_suffix_writes_nothing(tmp_path: Path, bundled_layout: RoadmapLayout,
                                     names: list[str]) -> None:
    with pytest.raises(UsageError, match=r"\.png, \.svg, or \.pdf") as raised:
        write_roadmap_charts([tmp_path / n for n in names], bundled_layout)
    assert raised.value.code == "bad-option" and "diagram" in error_text(raised.value, "nb")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_refused_before_anything_is_written(
        tmp_path: Path, bundled_layout: RoadmapLayout) -> None:
    beside = tmp_path / "veikart.csv"
    beside.write_bytes(b"old")
    paths = [tmp_path / "veikart.png", tmp_path / "veikart.svg"]
    with pytest.raises(OutputExists):
        write_roadmap_charts(paths, bundled_layout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veikart.csv"]
    assert beside.read_bytes() == b"old"
    source = tmp_path / "veikart.svg"
    source.write_bytes(b"input")
    with pytest.raises(UsageError, match="overwrite an input"):
        write_roadmap_charts(paths, bundled_layout, force=True, inputs=(source,))
    assert source.read_bytes() == b"input" and not (tmp_path / "veikart.png").exists()
    source.unlink()
    written = write_roadmap_charts(paths, bundled_layout, force=True)
    assert written == [*paths, tmp_path / "veikart.md", beside]
    assert beside.read_bytes() != b"old"
    with pytest.raises(UsageError):
        write_roadmap_charts([], bundled_layout)


def test_at_most_max_bars_are_drawn_the_most_important_first() -> None:
    settings = RoadmapSettings(lanes=("A",))
    items = [RoadmapItem(f"T{i}", f"Tiltak {i}", ItemKind.MEASURE, Origin("k", "Tiltak", i),
                         lane="A", start=date(2023, 1, 1), end=date(2023, 12, 31), fixed=True,
                         priority=PriorityClass.HIGH if i % 10 == 0 else PriorityClass.LOW,
                         rank=i) for i in range(60)]
    layout = layout_roadmap(items, settings, as_of=date(2023, 6, 1), max_bars=8)
    drawn = {bar.id for bar in layout.bars}
    assert len(drawn) == 8
    assert {f"T{i}" for i in range(0, 60, 10)} <= drawn  # every Høy item, then best ranks
    assert {"T1", "T2"} <= drawn
    assert any("52" in note for note in layout.texts.notes)


def test_a_lane_emptied_by_the_bar_cap_says_so_and_a_truly_empty_one_does_not() -> None:
    settings = RoadmapSettings(lanes=("A", "B", "C"))
    items = [RoadmapItem(f"T{i}", f"Tiltak {i}", ItemKind.MEASURE, Origin("k", "Tiltak", i),
                         lane="A" if i < 5 else "B", start=date(2023, 1, 1),
                         end=date(2023, 12, 31), fixed=True, priority=PriorityClass.LOW,
                         rank=i) for i in range(8)]  # B holds the five lowest-ranked
    capped = layout_roadmap(items, settings, as_of=date(2023, 6, 1), max_bars=5)
    assert {bar.id for bar in capped.bars} == {f"T{i}" for i in range(5)}
    assert [n for n in capped.texts.notes if "tom" in n] == [
        "Banen B er tom fordi ingen av elementene der er blant de tegnede."]  # not C
    english = layout_roadmap(items, settings, as_of=date(2023, 6, 1), max_bars=5, lang="en")
    assert any("lane B is empty" in n for n in english.texts.notes)
    whole = layout_roadmap(items, settings, as_of=date(2023, 6, 1), max_bars=None)
    assert not any("tom" in n for n in whole.texts.notes)
    two = layout_roadmap(items, RoadmapSettings(lanes=("B", "A")), as_of=date(2023, 6, 1),
                         max_bars=3, lang="en")  # T0–T2 drawn: A is not empty
    items_c = [*items, replace(items[-1], id="T9", lane="C", rank=9)]
    both = layout_roadmap(items_c, settings, as_of=date(2023, 6, 1), max_bars=5)
    assert any("lane B is empty" in n for n in two.texts.notes)
    assert any(n.startswith("Banene B og C er tomme") for n in both.texts.notes)
