"""Native Excel charts for the .xlsx writer: a ``Chart`` description made into XlsxWriter's
chart over the sheet's own cells, with the values it shows as its cache."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from okosys_plan.export.files import xml_text
from okosys_plan.export.xlsx_values import serial, within_cell_limit

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from okosys_plan.export.xlsx import Chart, Sheet


def insert_chart(book: Workbook, worksheet: Worksheet, chart: Chart, name: str,
                  sheet: Sheet) -> None:
    """Add ``chart`` at its cell: one series per value column, over the sheet's cells.

    Each range carries the values it shows as its cache (the rows are written already,
    and ``constant_memory`` keeps none), so text categories are text and a reader that
    does not recalculate still draws the chart.
    """
    rows = sheet.rows[chart.first:chart.first + chart.count]
    if not rows or not chart.values:
        return
    made = book.add_chart({"type": chart.kind})
    first, last = chart.first + 1, chart.first + len(rows)
    for index, column in enumerate(chart.values):
        series: dict[str, Any] = {
            "name": [name, 0, column],
            "name_data": [_cached(sheet.headers[column] if column < len(sheet.headers)
                                  else None)],
            "categories": [name, first, chart.categories, last, chart.categories],
            "categories_data": [_cached(_at(row, chart.categories)) for row in rows],
            "values": [name, first, column, last, column],
            "values_data": [_number(_at(row, column)) for row in rows]}
        if index < len(chart.colours):
            colour = "#" + chart.colours[index][-6:]
            series.update(fill={"color": colour}, border={"color": colour},
                          line={"color": colour})
        made.add_series(series)
    made.set_title({"name": chart.title, "name_font": {"size": 12, "bold": True}})
    made.set_legend({"none": True} if len(chart.values) == 1 else {"position": "bottom"})
    category: dict[str, Any] = {"name": chart.category_axis} if chart.category_axis else {}
    value: dict[str, Any] = {"name": chart.value_axis} if chart.value_axis else {}
    if chart.scale is not None:
        value.update(min=chart.scale[0], max=chart.scale[1])
    if chart.kind == "bar":  # Excel's horizontal bars: the categories run down the y axis,
        category.update(reverse=True, crossing="max")  # the first row at the top
        made.set_x_axis(value)
        made.set_y_axis(category)
    else:
        made.set_x_axis(category)
        made.set_y_axis(value)
    made.set_size({"width": chart.size[0], "height": chart.size[1]})
    worksheet.insert_chart(chart.at, made)


def _at(row: Sequence[Any], column: int) -> Any:
    return row[column] if column < len(row) else None


def _cached(value: Any) -> Any:
    """A cell's value as a chart's cache holds it: numbers, cleaned text, or None."""
    if isinstance(value, str):
        return within_cell_limit(xml_text(value)) or None
    if isinstance(value, date):
        return serial(value)
    return _number(value) if value is not None else None


def _number(value: Any) -> float | None:
    """A finite number as a chart draws it (a bool is no number there); else None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value - value == 0:
        return value
    return None
