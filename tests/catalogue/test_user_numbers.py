"""Whatever a user types: numbers, settings files of the wrong shape, deep graphs (issue 13).

Every case, generated or not, is held to one contract: the exit code is 0, 1 or 2, there
is no traceback, and with ``--json`` stdout is valid JSON (no NaN, no Infinity).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan import limits
from okosys_plan.cli.main import cli
from okosys_plan.roadmap.settings import BadSettings, load_settings
from okosys_plan.run.config import KEYS, BadConfig, load_config
from tests.conftest import CRITERIA, NEED_HEADERS, need, valid_sheets, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 25
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _no_constant(name: str) -> Any:
    raise AssertionError(f"{name} in the JSON output")


def invoke(*args: str) -> Result:
    """The command through CliRunner (stdout and stderr apart)."""
    return CliRunner().invoke(cli, list(args))


def assert_contract(result: Result, as_json: bool) -> None:
    """Exit 0/1/2, no traceback, and valid JSON on stdout with --json."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if as_json and result.stdout.strip():
        json.loads(result.stdout, parse_constant=_no_constant)


def assert_one_line(result: Result, *names: str) -> None:
    """Exit 2 with one line on stderr naming each of ``names``."""
    assert_contract(result, False)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("okosys-plan: "), result.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])


def run_process(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (a hang fails the test)."""
    return subprocess.run([sys.executable, "-m", "okosys_plan", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a small valid catalogue (two needs, two measures, costs and usage)."""
    root = tmp_path_factory.mktemp("numbers")
    sheets: dict[str, list[list[Any]]] = valid_sheets(need("B01", "Felles innlogging"),
                                                      need("B02", "Digital fullmakt"),
                                                      need("B03", "Varsling", Nytte=5))
    sheets["Tiltak"] = [["ID", "Tittel", "Behov", "Ansvarlig", "Avhengigheter"],
                        ["T01", "Innlogging", "B01", "DIGDIR", None],
                        ["T02", "Fullmakt", "B02", "DIGDIR", "T01"]]
    sheets["Virksomheter"] = [["Kode", "Navn", "Innbyggere", "IT-budsjett"],
                              ["DIGDIR", "Digdir", 1000, 50], ["NAV", "NAV", 2000, 80]]
    sheets["Bruk"] = [["Løsning", "Virksomhet", "År", "Volum"],
                      ["T01", "DIGDIR", 2023, 100], ["T01", "NAV", 2023, 300]]
    write_catalogue(root / "k.xlsx", sheets)
    return root


# --- 1. numbers on the command line --------------------------------------------------------

#: What a user might type where a number is meant.
TYPED = st.one_of(
    st.sampled_from(["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e308", "-1e308",
                     "1e400", "-1e400", "1e-400", "-1", "-0", "0", "1", "2", "5", "3.5",
                     "1,5", "2 000", "5 %", "10**12", "1000000000000", "", "abc", "0x10"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
)

#: (command words, option, fixed extra arguments) for every numeric option.
NUMERIC_OPTIONS: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = [
    (("score",), "--high", ()), (("score",), "--medium", ()),
    (("score",), "--sensitivity", ()), (("score",), "--seed", ("--sensitivity", "5")),
    (("score",), "--concentration", ("--sensitivity", "5")),
    (("score",), "--top-k", ("--sensitivity", "5")), (("score",), "--top", ()),
    (("explain",), "--high", ()), (("explain",), "--medium", ()),
    (("plan",), "--from", ()), (("plan",), "--to", ()), (("plan",), "--max-parallel", ()),
    (("funding",), "--year", ()), (("funding",), "--volume-growth", ()),
    (("funding",), "--free-below", ()), (("funding",), "--price", ()),
]


def _args(words: tuple[str, ...], catalogue: Path) -> list[str]:
    return [*words, str(catalogue), *(("B01",) if words == ("explain",) else ())]


@pytest.mark.parametrize(("words", "option", "extra"), NUMERIC_OPTIONS,
                         ids=[f"{w[0]}{o}" for w, o, _ in NUMERIC_OPTIONS])
@SETTINGS
@given(value=TYPED)
def test_every_numeric_option_keeps_the_contract(folder: Path, words: tuple[str, ...],
                                                 option: str, extra: tuple[str, ...],
                                                 value: str) -> None:
    result = invoke(*_args(words, folder / "k.xlsx"), *extra, option, value, "--json")
    assert_contract(result, True)
    text = value.strip().casefold()
    if "nan" in text or "inf" in text:
        assert result.exit_code == 2 and "Usage:" in result.stderr, result.output


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "1e308", "-1"])
@pytest.mark.parametrize(("words", "option", "extra"), NUMERIC_OPTIONS,
                         ids=[f"{w[0]}{o}" for w, o, _ in NUMERIC_OPTIONS])
def test_non_finite_huge_and_negative_values_are_usage_errors(
        folder: Path, words: tuple[str, ...], option: str, extra: tuple[str, ...],
        value: str) -> None:
    result = invoke(*_args(words, folder / "k.xlsx"), *extra, option, value)
    assert_contract(result, False)
    if option == "--volume-growth" and value == "-1":
        assert result.exit_code == 0  # −1 % a year is a fine growth
    else:
        assert result.exit_code == 2 and option in result.stderr, result.output


@SETTINGS
@given(year=TYPED, amount=TYPED)
def test_budget_years_and_amounts_keep_the_contract(folder: Path, year: str,
                                                    amount: str) -> None:
    result = invoke("plan", str(folder / "k.xlsx"), "--budget", f"{year}={amount}", "--json")
    assert_contract(result, True)
    if any(word in amount.casefold() for word in ("nan", "inf")) or amount.startswith("-1"):
        assert result.exit_code == 2


@pytest.mark.parametrize("value", ["2024=nan", "2024=1e400", "2024=inf", "2024=-1",
                                   "2024=2e9", "99999=1", "=5", "2024"])
def test_a_bad_budget_is_a_usage_error(folder: Path, value: str) -> None:
    result = invoke("plan", str(folder / "k.xlsx"), "--budget", value)
    assert result.exit_code == 2 and "--budget" in result.stderr, result.output


def test_the_documented_ranges_are_in_the_help() -> None:
    text = invoke("score", "--help").output
    assert f"0<=x<={limits.MAX_DRAWS}" in text and f"0<=x<={limits.MAX_SEED}" in text
    assert "0<=x<=100" in invoke("plan", "--help").output
    assert "-100<x<=1000" in invoke("funding", "--help").output


def test_a_numeric_option_accepts_the_ways_numbers_are_written(folder: Path) -> None:
    plain = invoke("funding", str(folder / "k.xlsx"), "--price", "0.37", "--json")
    comma = invoke("funding", str(folder / "k.xlsx"), "--price", "0,37", "--json")
    assert plain.exit_code == comma.exit_code == 0, comma.output
    assert json.loads(plain.stdout)["options"] == json.loads(comma.stdout)["options"]
    grown = invoke("funding", str(folder / "k.xlsx"), "--volume-growth", "5 %", "--json")
    assert grown.exit_code == 0, grown.output


def test_too_many_draws_for_the_needs_is_refused_before_allocating() -> None:
    assert limits.max_draws(10) == limits.MAX_DRAWS
    assert limits.max_draws(10_000) == limits.MAX_DRAWS  # the histogram: 800 MB
    most = limits.max_draws(100_000)
    assert 1000 <= most < limits.MAX_DRAWS and 4 * most * 100_000 <= 2**30


def test_the_library_refuses_what_the_options_refuse(folder: Path) -> None:
    from okosys_plan import load_catalogue
    from okosys_plan.errors import UsageError
    from okosys_plan.prioritise.api import PriorityOptions, prioritise

    catalogue = load_catalogue(folder / "k.xlsx")
    for options in (PriorityOptions(draws=limits.MAX_DRAWS + 1), PriorityOptions(draws=5, seed=-1),
                    PriorityOptions(draws=5, concentration=math.inf),
                    PriorityOptions(draws=5, concentration=math.nan)):
        with pytest.raises(UsageError):
            prioritise(catalogue, options)
    clamped = prioritise(catalogue, PriorityOptions(draws=5, top_k=50)).sensitivity
    assert clamped is not None and clamped.top_k == 3


def test_top_k_beyond_the_needs_is_clamped_with_a_note(folder: Path) -> None:
    result = invoke("score", str(folder / "k.xlsx"), "--sensitivity", "20", "--top-k", "999",
                    "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sensitivity"]["top_k"] == 3
    assert "--top-k 999: only 3 needs" in result.stderr


def test_numbers_subprocess() -> None:
    result = run_process("score", str(ROOT / "catalogue" / "behovskatalog.xlsx"), "--high",
                         "nan", "--json")
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)  # with --json, even a usage error is a document
    assert document["valid"] is False and "--high" in document["error"]
    assert "--high" in result.stderr and "Traceback" not in result.stderr


# --- numbers in cells ------------------------------------------------------------------------

CELL_NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["1e400", "-1e400", "nan", "inf", "1e13", "2e9", "1 000 000 000 000,5",
                     "1e308 %", "-1e12"]),
)


@SETTINGS
@given(investment=CELL_NUMBERS, volume=CELL_NUMBERS, duration=CELL_NUMBERS)
def test_numbers_in_cells_are_read_or_a_problem_with_their_cell(
        tmp_path: Path, investment: Any, volume: Any, duration: Any) -> None:
    headers = [*NEED_HEADERS, "Varighet"]
    sheets: dict[str, list[list[Any]]] = {
        "Behov": [headers, [*need("B01", "A", **{"Investering (MNOK)": investment},
                                  Start=None, Slutt=None), duration],
                  [*need("B02", "B"), None]],
        "Kriterier": [list(r) for r in CRITERIA],
        "Tiltak": [["ID", "Tittel", "Behov"], ["T01", "x", "B01"]],
        "Bruk": [["Løsning", "Virksomhet", "År", "Volum"], ["T01", "DIGDIR", 2023, volume]],
    }
    catalogue = write_catalogue(tmp_path / "c.xlsx", sheets)
    for words in (("validate",), ("score",), ("plan", "--needs"), ("funding",)):
        result = invoke(*words, str(catalogue), "--json")
        assert_contract(result, True)
    big = [isinstance(v, float) and abs(v) > bound for v, bound in (
        (investment, limits.MAX_MNOK), (volume, limits.MAX_CELL_NUMBER),
        (duration, limits.MAX_DURATION_YEARS))]
    if any(big):
        document = json.loads(invoke("validate", str(catalogue), "--json").stdout)
        codes = {p["code"] for p in document["files"][0]["problems"]}
        assert "number-too-large" in codes


def test_an_amount_beyond_the_bound_is_a_problem_with_its_cell(tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "c.xlsx", valid_sheets(
        need("B01", "A", **{"Investering (MNOK)": 2e9}), need("B02", "B")))
    result = invoke("validate", str(catalogue), "--json", "--lang", "en")
    assert result.exit_code == 1
    problem = next(p for p in json.loads(result.stdout)["files"][0]["problems"]
                   if p["code"] == "number-too-large")
    assert problem["cell"] == "F2" and "1e+09" in problem["message"]
    for words in (("plan",), ("funding",), ("score",)):
        assert invoke(*words, str(catalogue)).exit_code == 1


# --- dates and durations at the calendar's ends ---------------------------------------------

YEARS = st.integers(1, 9999)
WHEN = st.one_of(
    st.none(),
    YEARS.map(lambda y: date(y, 12, 31)),
    YEARS.map(lambda y: f"{y:04d}-K{1 + y % 4}"),
    YEARS.map(lambda y: f"31.12.{y:04d}"),
    st.integers(1, 2958465).map(float),  # every Excel serial
    st.sampled_from(["2200-K4", "1900", "Påbegynt", "2199–2200"]),
)
DURATION = st.one_of(st.none(), st.floats(0.01, 1e4), st.sampled_from([100, 101, "99,9 år"]))


def _outside(value: object) -> bool:
    """True where the cell names a year outside limits.FIRST_YEAR–LAST_YEAR."""
    if isinstance(value, date):
        year = value.year
    elif isinstance(value, str) and value[:4].isdigit() and "." not in value:
        year = int(value[:4])
    elif isinstance(value, str) and "." in value:
        year = int(value[-4:])
    else:
        return False
    return not limits.FIRST_YEAR <= year <= limits.LAST_YEAR


@SETTINGS
@given(start=WHEN, end=WHEN, milestone=WHEN, duration=DURATION)
def test_dates_and_durations_at_the_calendars_ends_keep_the_contract(
        tmp_path: Path, start: Any, end: Any, milestone: Any, duration: Any) -> None:
    """A 31.12.9999 ("never"), a serial far out or a 10 000-year duration is a problem with
    its cell; plan, roadmap and funding never overflow the calendar."""
    headers = [*NEED_HEADERS, "Varighet"]
    sheets: dict[str, list[list[Any]]] = {
        "Behov": [headers, [*need("B01", "A", Start=start, Slutt=end), duration],
                  [*need("B02", "B", Start=None, Slutt=end), duration]],
        "Kriterier": [list(r) for r in CRITERIA],
        "Tiltak": [["ID", "Tittel", "Behov", "Start", "Slutt"],
                   ["T01", "x", "B01", start, None], ["T02", "y", "B02", None, end]],
        "Milepæler": [["Tiltak", "Milepæl", "Dato"], ["T01", "M", milestone]],
    }
    catalogue = write_catalogue(tmp_path / "c.xlsx", sheets)
    for words in (("plan",), ("plan", "--needs"), ("funding",),
                  ("roadmap", "-o", str(tmp_path / "v.svg"), "--force")):
        assert_contract(invoke(*words, str(catalogue), "--json"), True)
    document = json.loads(invoke("validate", str(catalogue), "--json").stdout)
    codes = {p["code"] for p in document["files"][0]["problems"]}
    early = [v for v in (start, end, milestone)
             if isinstance(v, date) and v.year < limits.FIRST_YEAR]
    if early:  # a spreadsheet cannot hold a date before 1900: a serial below 1 is written
        assert codes & {"out-of-years", "bad-period", "bad-date"}, codes
    elif any(_outside(v) for v in (start, end, milestone)):
        assert "out-of-years" in codes, codes
    if isinstance(duration, float) and duration > limits.MAX_DURATION_YEARS:
        assert "number-too-large" in codes, codes


# --- 2. settings files of the wrong shape ---------------------------------------------------

SCALARS = st.one_of(st.text(max_size=6), st.integers(min_value=-2**63, max_value=2**63 - 1),
                    st.floats(), st.booleans(), st.dates())
TOML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=5)


def toml_value(value: Any) -> str:
    """A value as TOML (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_string(text: str) -> str:
    """A TOML basic string: printable ASCII as is, everything else escaped."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08X}"
                         for c in text) + '"'


def toml_document(tables: dict[str, dict[str, Any]]) -> str:
    """Top-level keys (table "") first, then one [table] each."""
    lines = [f"{toml_string(k)} = {toml_value(v)}" for k, v in tables.get("", {}).items()]
    for table, keys in tables.items():
        if table:
            lines.append(f"[{table}]")
            lines += [f"{toml_string(k)} = {toml_value(v)}" for k, v in keys.items()]
    return "\n".join(lines) + "\n"


def _accepted(table: str, key: str, value: Any) -> bool:
    """Whether okosys-plan.toml documents ``value`` as valid for the key (test's own rules)."""
    number = not isinstance(value, bool) and isinstance(value, int | float)
    whole = number and isinstance(value, int)
    rules = {
        "lang": lambda v: v in ("nb", "en"), "method": lambda v: v in ("weighted", "nnv"),
        "criteria": lambda v: isinstance(v, str) and v != "",
        "settings": lambda v: isinstance(v, str) and v != "",
        "baseline": lambda v: isinstance(v, str) and v != "",
        "template": lambda v: isinstance(v, str) and v != "",
        "high": lambda v: number and 40 < v <= 100, "medium": lambda v: number and 0 <= v < 70,
        "draws": lambda v: whole and 0 <= v <= limits.MAX_DRAWS,
        "seed": lambda v: whole and 0 <= v <= limits.MAX_SEED,
        "from": lambda v: whole and 1900 <= v <= 2200, "to": lambda v: whole and 1900 <= v <= 2200,
        "group_by": lambda v: v in ("tema", "ansvarlig", "livshendelse", "status"),
        "colour_by": lambda v: v in ("status", "prioritet"),
        "palette": lambda v: isinstance(v, dict) and not v,
        "keys": lambda v: isinstance(v, list) and all(isinstance(k, str) for k in v),
        "aggregate": lambda v: v in ("median", "mean", "trimmed"),
        "files": lambda v: (isinstance(v, str) and v.strip() != "") or (
            isinstance(v, list) and bool(v) and all(isinstance(f, str) and f.strip() for f in v)),
    }
    return rules[key](value)


SETTABLE = sorted(k for k in KEYS if k[1] != "*")


@SETTINGS
@given(where=st.sampled_from(SETTABLE), value=TOML_VALUES)
def test_a_config_value_of_the_wrong_type_names_the_key(tmp_path: Path,
                                                        where: tuple[str, str],
                                                        value: Any) -> None:
    table, key = where
    config = tmp_path / "okosys-plan.toml"
    config.write_text(toml_document({table: {key: value}}), encoding="utf-8")
    if _accepted(table, key, value):
        load_config(config)  # a value the documentation allows is taken
        return
    with pytest.raises(BadConfig) as error:
        load_config(config)
    assert key in str(error.value) and str(config) in str(error.value)
    result = invoke("run", str(folder_catalogue(tmp_path)), "--config", str(config), "-o",
                    str(tmp_path / "ut"), "--json")
    assert_one_line(result, key, config.name)
    assert not (tmp_path / "ut").exists()


def folder_catalogue(tmp_path: Path) -> Path:
    """A valid catalogue beside the settings (run must stop before reading it)."""
    path = tmp_path / "k.xlsx"
    return path if path.exists() else write_catalogue(path, valid_sheets())


@SETTINGS
@given(table=st.sampled_from(["scoring", "roadmap", "budget", "funding"]), value=SCALARS)
def test_a_scalar_where_a_table_is_meant_names_the_table(tmp_path: Path, table: str,
                                                         value: Any) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f"{table} = {toml_value(value)}\n", encoding="utf-8")
    with pytest.raises(BadConfig, match=rf"\[{table}\]: must be a table"):
        load_config(config)


@pytest.mark.parametrize(("text", "key"), [
    ("[budget]\n2024 = nan\n", "[budget] 2024"), ("[budget]\n2024 = inf\n", "[budget] 2024"),
    ("[budget]\n2024 = 1e300\n", "[budget] 2024"), ("[budget]\n-2024 = 5\n", "[budget] -2024"),
    ("[scoring]\nhigh = nan\n", "[scoring] high"), ("[scoring]\ndraws = 1000000000\n",
                                                   "[scoring] draws"),
    ("[scoring]\nseed = -1\n", "[scoring] seed"), ("[scoring]\ndraws = true\n", "[scoring] draws"),
    ("[roadmap]\nfrom = -2024\n", "[roadmap] from"), ("[roadmap]\nfrom = 2025\nto = 2023\n",
                                                      "[roadmap] from/to"),
    ("[roadmap]\npalette = 'red'\n", "[roadmap.palette]"), ("[roadmap]\nto = [2025]\n",
                                                            "[roadmap] to"),
])
def test_known_config_mistakes_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(text, encoding="utf-8")
    result = invoke("run", str(folder_catalogue(tmp_path)), "--config", str(config), "-o",
                    str(tmp_path / "ut"), "--lang", "en")
    assert_one_line(result, key, "c.toml")


SETTINGS_KEYS = ["title", "subtitle", "lanes", "horizon", "lane_labels", "palette", "markers",
                 "duration_years", "max_parallel_per_owner"]


@SETTINGS
@given(key=st.sampled_from(SETTINGS_KEYS), value=TOML_VALUES)
def test_roadmap_settings_of_any_shape_are_read_or_refused_clearly(
        folder: Path, tmp_path: Path, key: str, value: Any) -> None:
    path = tmp_path / "veikart.toml"
    path.write_text(toml_document({"": {key: value}}), encoding="utf-8")
    try:
        settings_read = load_settings(path)
    except BadSettings as error:
        assert str(path) in str(error)
        result = invoke("plan", str(folder / "k.xlsx"), "--settings", str(path), "--json")
        assert_one_line(result, path.name)
        return
    assert settings_read.start_year <= settings_read.end_year
    assert 0 < settings_read.duration_years <= 100
    result = invoke("plan", str(folder / "k.xlsx"), "--settings", str(path), "--json")
    assert_contract(result, True)


@pytest.mark.parametrize("text", [
    "[horizon]\nstart = 2025\nend = 2023\n", "[horizon]\nstart = -5\n",
    "[horizon]\nstart = true\n", "duration_years = nan\n", "duration_years = inf\n",
    "duration_years = 1e300\n", "horizon = 'x'\n", "lane_labels = {a = 1}\n",
    "[[markers]]\nlabel = 'x'\ndate = '2025–2023'\n", "max_parallel_per_owner = 1e3\n",
])
def test_known_settings_mistakes_stop_with_one_line(folder: Path, tmp_path: Path,
                                                    text: str) -> None:
    path = tmp_path / "veikart.toml"
    path.write_text(text, encoding="utf-8")
    assert_one_line(invoke("plan", str(folder / "k.xlsx"), "--settings", str(path)), "veikart")


CRITERION_KEYS = ["name", "weight", "direction", "min", "max", "description"]


@SETTINGS
@given(key=st.sampled_from(CRITERION_KEYS), value=TOML_VALUES,
       thresholds=st.none() | st.dictionaries(st.sampled_from(["high", "medium"]), TOML_VALUES,
                                              max_size=2))
def test_criteria_files_of_any_shape_are_read_or_refused_clearly(
        folder: Path, tmp_path: Path, key: str, value: Any,
        thresholds: dict[str, Any] | None) -> None:
    entry = {"name": "Nytte", "weight": 1, key: value}
    lines = [] if thresholds is None else ["[thresholds]", *(
        f"{k} = {toml_value(v)}" for k, v in thresholds.items())]
    lines += ["[[criteria]]", *(f"{k} = {toml_value(v)}" for k, v in entry.items())]
    path = tmp_path / "kriterier.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("score", str(folder / "k.xlsx"), "--criteria", str(path), "--json")
    assert_contract(result, True)
    if result.exit_code == 2:
        assert_one_line(result, path.name)


@pytest.mark.parametrize("text", [
    "[[criteria]]\nname = 'Nytte'\nweight = 1e308\n[[criteria]]\nname = 'B'\nweight = 1e308\n",
    "[[criteria]]\nname = 'Nytte'\nweight = nan\n", "[[criteria]]\nname = 'Nytte'\nweight = 1\n"
    "min = 1e300\nmax = 1e301\n", "[[criteria]]\nname = 'Nytte'\nweight = 1\ndescription = [1]\n",
    "[[criteria]]\nname = 'Nytte'\nweight = 1\ndirection = 5\n",
    "[thresholds]\nhigh = inf\n[[criteria]]\nname = 'Nytte'\nweight = 1\n",
])
def test_known_criteria_mistakes_stop_with_one_line(folder: Path, tmp_path: Path,
                                                    text: str) -> None:
    path = tmp_path / "kriterier.toml"
    path.write_text(text, encoding="utf-8")
    assert_one_line(invoke("score", str(folder / "k.xlsx"), "--criteria", str(path)),
                    "kriterier.toml")


@SETTINGS
@given(criteria=TOML_VALUES, matrix=TOML_VALUES)
def test_pairwise_files_of_any_shape_keep_the_contract(tmp_path: Path, criteria: Any,
                                                       matrix: Any) -> None:
    path = tmp_path / "parvis.toml"
    path.write_text(toml_document({"": {"criteria": criteria, "matrix": matrix}}),
                    encoding="utf-8")
    assert_contract(invoke("weights", "ahp", str(path), "--json"), True)


@SETTINGS
@given(size=st.integers(2, 4), cells=st.lists(SCALARS, min_size=16, max_size=16))
def test_pairwise_matrices_of_any_cells_keep_the_contract(tmp_path: Path, size: int,
                                                          cells: list[Any]) -> None:
    names = ["Nytte", "Bredde", "Risiko", "Hast"][:size]
    matrix = [[1 if i == j else cells[i * 4 + j] for j in range(size)] for i in range(size)]
    path = tmp_path / "parvis.toml"
    path.write_text(toml_document({"": {"criteria": names, "matrix": matrix}}),
                    encoding="utf-8")
    assert_contract(invoke("weights", "ahp", str(path), "--json"), True)


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "1e308", "1e-320"])
def test_a_non_finite_judgement_is_a_problem_shown_as_text(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "parvis.toml"
    path.write_text(f'criteria = ["A", "B"]\nmatrix = [[1, {cell}], ["", 1]]\n',
                    encoding="utf-8")
    result = invoke("weights", "ahp", str(path), "--json")
    assert_contract(result, True)
    assert result.exit_code == 1 and json.loads(result.stdout)["problems"]


def test_config_subprocess(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[scoring]\ndraws = nan\n", encoding="utf-8")
    result = run_process("run", str(folder_catalogue(tmp_path)), "--config", str(config), "-o",
                         str(tmp_path / "ut"), "--json")
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)
    assert document["valid"] is False and "[scoring] draws" in document["error"]
    assert "[scoring] draws" in result.stderr and "Traceback" not in result.stderr


# --- 3. big structures ----------------------------------------------------------------------


def graph_catalogue(path: Path, measures: int, cycle: bool, needs: int = 2) -> Path:
    """Measures T0 … each depending on the next (a chain), the last on T0 with ``cycle``;
    and ``needs`` needs, each depending on the next."""
    rows = [need(f"B{i}", f"Behov {i}", Avhengigheter=f"B{i + 1}" if i < needs - 1 else None,
                 Start=None, Slutt=None) for i in range(needs)]
    sheets: dict[str, list[list[Any]]] = valid_sheets(*rows)
    table: list[list[Any]] = [["ID", "Tittel", "Behov", "Avhengigheter", "Ansvarlig"]]
    for i in range(measures):
        after = f"T{i + 1}" if i < measures - 1 else ("T0" if cycle else None)
        table.append([f"T{i}", f"Tiltak {i}", f"B{i % needs}", after, "DIGDIR"])
    sheets["Tiltak"] = table
    return write_catalogue(path, sheets)


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 000 measures in one chain, and 2 000 needs in another."""
    return graph_catalogue(tmp_path_factory.mktemp("chain") / "chain.xlsx", 20_000, False,
                           needs=2_000)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5 000 measures in one cycle."""
    return graph_catalogue(tmp_path_factory.mktemp("cycle") / "cycle.xlsx", 5_000, True)


@pytest.mark.parametrize("words", [("plan",), ("score",), ("roadmap", "--planned"),
                                   ("diff",), ("report",)])
def test_a_chain_of_twenty_thousand_measures(chain: Path, tmp_path: Path,
                                             words: tuple[str, ...]) -> None:
    extra = {"roadmap": ("-o", str(tmp_path / "v.svg")), "diff": (str(chain),),
             "report": ("-o", str(tmp_path / "r.html"), "--config", str(_few_draws(tmp_path)))
             }.get(words[0], ())
    result = invoke(*words, str(chain), *extra, "--json")
    assert_contract(result, True)
    assert result.exit_code == 0, result.output


def _few_draws(folder: Path) -> Path:
    config = folder / "c.toml"
    config.write_text("[scoring]\ndraws = 10\n", encoding="utf-8")
    return config


def test_run_on_a_chain_of_twenty_thousand_measures(chain: Path, tmp_path: Path) -> None:
    result = invoke("run", str(chain), "-o", str(tmp_path / "ut"), "--config",
                    str(_few_draws(tmp_path)), "--json")
    assert_contract(result, True)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("words", [("plan",), ("score",), ("roadmap",), ("validate",)])
def test_a_cycle_through_five_thousand_measures_is_a_problem(cycle: Path, tmp_path: Path,
                                                             words: tuple[str, ...]) -> None:
    result = invoke(*words, str(cycle), "-o" if words[0] == "roadmap" else "--json",
                    *((str(tmp_path / "v.svg"), "--json") if words[0] == "roadmap" else ()))
    assert_contract(result, True)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    problems = document["files"][0]["problems"] if words[0] == "validate" else \
        document["problems"]
    assert [p["code"] for p in problems].count("dependency-cycle") == 1


def test_run_keeps_going_through_a_cycle_and_leaves_it_unplaced(cycle: Path,
                                                                tmp_path: Path) -> None:
    from okosys_plan import load_catalogue
    from okosys_plan.prioritise.api import prioritise
    from okosys_plan.roadmap.items import roadmap_items
    from okosys_plan.roadmap.schedule import plan_roadmap
    from okosys_plan.roadmap.settings import RoadmapSettings

    config = tmp_path / "c.toml"
    config.write_text("[scoring]\ndraws = 10\n", encoding="utf-8")
    result = invoke("run", str(cycle), "-o", str(tmp_path / "ut"), "--config", str(config),
                    "--keep-going", "--json")
    assert_contract(result, True)
    assert result.exit_code in (0, 1), result.output
    catalogue = load_catalogue(cycle)
    ranking = prioritise(catalogue).ranking
    settings_default = RoadmapSettings()
    plan = plan_roadmap(roadmap_items(catalogue, settings_default, ranking), catalogue.costs,
                        settings_default, {})
    reasons = {p.reason for p in plan.items if not p.placed}
    assert "dependency-cycle" in reasons and all(not p.placed for p in plan.items
                                                 if p.item.id.startswith("T"))


def test_big_structures_subprocess(tmp_path: Path) -> None:
    catalogue = graph_catalogue(tmp_path / "chain.xlsx", 20_000, False)
    result = run_process("plan", str(catalogue), "--json", timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    json.loads(result.stdout, parse_constant=_no_constant)


# --- 4. small ones --------------------------------------------------------------------------


@pytest.mark.parametrize("ids", [("B01", "B01"), ("B01", "b01"), ("B02", " B02")])
def test_explain_refuses_the_same_need_twice(folder: Path, ids: Sequence[str]) -> None:
    result = invoke("explain", str(folder / "k.xlsx"), *ids, "--lang", "en")
    assert_one_line(result, "the same need")
    assert "ranked above" not in result.output


def test_explain_two_needs_still_works(folder: Path) -> None:
    result = invoke("explain", str(folder / "k.xlsx"), "B01", "B03", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["above"] == "B03"


@pytest.mark.parametrize(("start", "end"), [("2025–2023", None), ("2024-K3 – 2024-K1", None),
                                            (None, "2025-2023"), ("2023", "2022")])
def test_a_period_that_ends_before_it_begins_is_a_problem(tmp_path: Path, start: str | None,
                                                          end: str | None) -> None:
    catalogue = write_catalogue(tmp_path / "c.xlsx", valid_sheets(
        need("B01", "A", Start=start, Slutt=end), need("B02", "B")))
    result = invoke("validate", str(catalogue), "--json")
    assert result.exit_code == 1
    codes = {p["code"] for p in json.loads(result.stdout)["files"][0]["problems"]}
    assert codes & {"period-reversed", "end-before-start"}


@SETTINGS
@given(first=st.integers(1900, 2200), last=st.integers(1900, 2200),
       year=st.integers(1900, 2200), top=st.integers(1, 10**6))
def test_options_that_index_into_the_data_keep_the_contract(folder: Path, first: int,
                                                            last: int, year: int,
                                                            top: int) -> None:
    catalogue = str(folder / "k.xlsx")
    for args in (("plan", catalogue, "--from", str(first), "--to", str(last)),
                 ("funding", catalogue, "--year", str(year)),
                 ("score", catalogue, "--top", str(top), "--top-k", str(top), "--sensitivity",
                  "3"),
                 ("plan", catalogue, "--needs", "Lav", "--from", str(first))):
        result = invoke(*args, "--json")
        assert_contract(result, True)
        if args[0] == "plan" and "--to" in args and first > last:
            assert result.exit_code == 2


def test_small_ones_subprocess(folder: Path) -> None:
    result = run_process("explain", str(folder / "k.xlsx"), "B01", "B01")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "samme behov" in result.stderr
