"""Fuzz: workbooks with junk in every cell of every sheet go through the whole job.

The only outcomes allowed are a result or problems with places (or, for a file that is
no workbook, one of okosys-plan's own errors): never an uncaught exception, never a hang.

CI runs a bounded number of examples (``OKOSYS_FUZZ_EXAMPLES``, default 25, under two
minutes in all). A longer run, documented in docs/performance.md:

    OKOSYS_FUZZ_EXAMPLES=1000 python -m pytest tests/catalogue/test_fuzz.py -q
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue import schema
from okosys_plan.errors import OkosysError
from okosys_plan.report.outputs import report_bytes, roadmap_layout
from okosys_plan.run.pipeline import RunConfig, run_pipeline

EXAMPLES = int(os.environ.get("OKOSYS_FUZZ_EXAMPLES", "25"))
AS_OF = date(2024, 6, 30)
#: IDs that collide only by case, width or invisible characters, or that point at themselves.
IDS = ["B1", "b1", "B1\u200b", "Ｂ1", "B2", "B3", "T1", "t1", "T2", "T3", "", " ", "B1;B2",
       "T1; T2; T3", "Digdir", "NAV"]

junk = st.one_of(
    st.none(),
    st.sampled_from(IDS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zs", "So")),
            max_size=20),
    st.text(min_size=2000, max_size=6000).map(lambda t: t[:6000]),
    st.sampled_from(["=1/0", "=SUM(A1:A9)", "+47 22", "-", "@", "ca. 120", "1,5 MNOK", "50 %",
                     "2023-K5", "Påbegynt", "2025–2023", "9999", "1900", "NaN", "1e308"]),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31)),
)


def headers(spec: schema.SheetSpec) -> list[str]:
    return [column.names[0] for column in spec.columns]


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, list[list[Any]]]:
    """Every sheet of the format, with its headers and 0–8 rows of junk."""
    sheets: dict[str, list[list[Any]]] = {}
    for spec in schema.SHEETS:
        if spec is not schema.NEEDS and draw(st.booleans()):
            continue
        names = headers(spec)
        if spec is schema.NEEDS:
            names += ["Samfunnsnytte", "Risiko", "Bredde"]
        rows = draw(st.lists(st.lists(junk, min_size=len(names), max_size=len(names)),
                             max_size=8))
        sheets[spec.names[0]] = [names, *rows]
    return sheets


def write(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([_cell(v) for v in row])
    book.save(path)
    return path


def _cell(value: Any) -> Any:
    """openpyxl refuses control characters a file cannot hold; keep the rest as junk."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    return value


@settings(max_examples=EXAMPLES, deadline=60_000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workbooks())
def test_junk_in_every_cell_gives_a_result_or_problems(
        tmp_path_factory: Any, sheets: dict[str, list[list[Any]]]) -> None:
    path = write(tmp_path_factory.mktemp("fuzz") / "søppel.xlsx", sheets)
    config = RunConfig(draws=20)
    try:
        results = run_pipeline(path, config, AS_OF, keep_going=True)
    except OkosysError:
        return  # a clear refusal of the whole file (a settings error never happens here)
    report = results.checked.report
    assert report is not None
    for problem in report.problems:
        assert problem.code and (problem.sheet or problem.file or problem.cell is None)
    if results.prioritised is not None:
        assert sorted(s.rank for s in results.prioritised.ranking.needs) == list(
            range(1, len(results.prioritised.ranking.needs) + 1))
        layout = roadmap_layout(results, config)
        assert layout.size[0] > 0
        page = report_bytes(results, config)
        assert page.startswith(b"<!DOCTYPE html>")


WRITE_EXAMPLES = int(os.environ.get("OKOSYS_FUZZ_WRITE_EXAMPLES", "4"))
#: Text as a CSV can carry it: control characters included (a workbook cannot hold them).
csv_junk = st.one_of(st.none(), st.sampled_from(IDS), st.text(max_size=30),
                     st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf")),
                             max_size=8),
                     st.integers(-(10**12), 10**12).map(str), st.sampled_from(
                         ["=2+2", "@x", "Påbegynt", "2023-K2", "ja", "1,5"]))


@settings(max_examples=WRITE_EXAMPLES, deadline=120_000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.lists(csv_junk, min_size=6, max_size=6), min_size=1, max_size=12))
def test_junk_csv_through_every_writer(tmp_path_factory: Any,
                                       rows: list[list[str | None]]) -> None:
    import csv

    from okosys_plan.report.outputs import write_outputs

    folder = tmp_path_factory.mktemp("fuzzcsv")
    path = folder / "søppel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "Tittel", "Tema", "Start", "Samfunnsnytte", "Avhengigheter"])
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    config = RunConfig(draws=10)
    try:
        results = run_pipeline(path, config, AS_OF, keep_going=True)
    except OkosysError:
        return
    if results.prioritised is None:
        return
    written = write_outputs(results, config, folder / "ut")
    assert all(p.stat().st_size > 0 for p in written)
