"""Native tables and charts: sized to fit, capped with a count, coloured with contrast,
data kept as given, alt text on the frame."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from okosys_plan.charts import palette
from okosys_plan.report.deck import native
from okosys_plan.report.deck.package import deck_bytes, new_presentation
from okosys_plan.report.deck.shapes import alt_text, inches
from okosys_plan.report.deck.slides import content_page


@given(st.floats(1.0, 7.0), st.integers(1, 3), st.integers(1, 2))
def test_the_rows_that_fit_fit(height: float, lines: int, heading: int) -> None:
    rows = native.fitting_rows(height, lines=lines, heading=heading)
    used = (native.header_row(lines=heading) + rows * native.body_row(lines=lines)
            + native.MORE_HEIGHT)
    assert used <= height + 1e-9 or rows == 1
    more = used + native.body_row(lines=lines)
    assert more > height  # one more row would not


def test_the_more_line_counts_what_is_left_out() -> None:
    assert native.more_line(15, 15, "x.xlsx", "nb") == ""
    assert native.more_line(15, 49, "se x.xlsx", "nb") == "… og 34 til (se x.xlsx)"
    assert native.more_line(15, 1015, "", "en") == "… and 1,000 more"


def test_a_table_fits_its_box_with_contrast_and_alt_text() -> None:
    deck = new_presentation()
    page = content_page(deck, "Tabell")
    left, top, width, _ = page.area
    long = "Et svært langt navn på et behov som ikke får plass i kolonnen sin " * 3
    frame = native.add_table(page.shapes, (left, top, width, 3.0), ["A", "B"],
                             [["1", long], ["2", "kort"]], alt="To rader", weights=[1, 3],
                             right=[0])
    table = frame.table
    assert sum(c.width for c in table.columns) == frame.width
    assert abs(inches(frame.width) - width) < 1e-6
    assert abs(inches(frame.height) - (native.header_row() + 2 * native.body_row())) < 1e-5
    assert table.cell(1, 1).text.endswith("…") and len(table.cell(1, 1).text) < len(long)
    assert table.cell(2, 1).text == "kort"
    assert alt_text(frame) == "To rader"
    for row in table.rows:
        for cell in row.cells:
            fill = f"#{cell.fill.fore_color.rgb}"
            for run in cell.text_frame.paragraphs[0].runs:
                assert palette.contrast_ratio(fill, f"#{run.font.color.rgb}") >= 4.5


def test_a_multi_line_cell_is_wrapped_into_its_lines() -> None:
    deck = new_presentation()
    page = content_page(deck, "Tabell")
    text = "ord " * 60
    frame = native.add_table(page.shapes, (0.5, 1.2, 4.0, 3.0), ["Mål"], [[text]], alt="x",
                             lines=3)
    paragraphs = frame.table.cell(1, 0).text_frame.paragraphs
    assert len(paragraphs) == 3 and paragraphs[-1].text.endswith("…")


def test_a_chart_keeps_its_data_and_says_it() -> None:
    deck = new_presentation()
    page = content_page(deck, "Diagram")
    series = [native.Series("Kostnad", (1.25, 2.5), "#332288"),
              native.Series("Gap", (0.5, None), "#D55E00", patterned=True)]
    native.add_chart(page.shapes, page.area, "column", ["2024", "2025"], series,
                     alt="Kostnad og gap per år")
    again = Presentation(io.BytesIO(deck_bytes(deck, title="t", lang="nb")))
    shape = next(s for s in again.slides[0].shapes if s.has_chart)
    plot = shape.chart.plots[0]
    assert list(plot.categories) == ["2024", "2025"]
    assert [list(s.values) for s in plot.series] == [[1.25, 2.5], [0.5, None]]
    assert alt_text(shape) == "Kostnad og gap per år"
    xml = shape.chart.part.blob.decode()
    assert xml.count("<a:pattFill") == 1  # the gap hatched: it reads in black and white


@given(st.integers(0, 60), st.floats(1.0, 7.0))
def test_all_rows_are_shown_when_they_fit_without_the_more_line(total: int,
                                                                 height: float) -> None:
    shown = native.shown_rows(total, height)
    if total <= native.fitting_rows(height, more=False):
        assert shown == total
    else:
        assert shown == native.fitting_rows(height) < total


@given(st.lists(st.floats(0.2, 5.0), min_size=2, max_size=10), st.floats(6.0, 12.5))
def test_columns_share_the_width_and_fit_their_header_words(weights: list[float],
                                                            width: float) -> None:
    headers = ["Rang 5–95 %", "Medlemskap", *["ID"] * (len(weights) - 2)]
    widths = native.column_widths(headers, weights, width)
    assert abs(sum(widths) - width) < 1e-6
    from okosys_plan.charts.geometry import label_width

    words = [max(label_width(w, native.TABLE_PT, True) for w in h.split()) * native.FONT_WIDTH
             + native.INSETS + 0.02 for h in headers]
    if sum(words) <= width:
        assert all(w >= m - 1e-9 for w, m in zip(widths, words, strict=True))
