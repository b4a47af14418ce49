"""The message catalogues: both languages hold the same ids, every id the code says is in
them, the compiled ``.mo`` files are what their ``.po`` make, and each kind of text comes
out in the language asked for (issue 14, §2)."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.text import say as said
from okosys_plan.text.compile import catalogues, compiled

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "okosys_plan"
LOCALE = PACKAGE / "text" / "locale"
#: Each function handing a message id on, and the index of its id among the arguments.
CALLS = {"say": 1, "say_in": 2, "say_n": 1, "say_raw": 1, "both": 0, "msg": 0, "Msg": 0}
#: Params with an English twin: the English id names the twin, bokmål the param itself.
TWINS = {"why_en": "why", "field_en": "field", "amount_en": "amount",
         "allowed_en": "allowed"}


def _catalog(lang: str, domain: str = "okosys_plan") -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as po:
        return read_po(po, locale=lang)


def _keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in catalog if m.id}


def test_every_id_is_in_both_languages() -> None:
    nb, en = _keys(_catalog("nb")), _keys(_catalog("en"))
    assert nb - en == set(), "only in nb"
    assert en - nb == set(), "only in en"
    assert len(nb) > 500


def test_every_bokmal_entry_is_translated_and_keeps_the_fields() -> None:
    for message in _catalog("nb"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(texts), message.id
        wanted = {TWINS.get(f, f) for i in ids for f in _fields(i)} - {"items"}
        for text in texts:
            assert _fields(text) - {"items"} <= wanted | set(TWINS), (message.id, text)


def _fields(text: str) -> set[str]:
    return {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(text)
            if name}


def test_the_english_catalogue_says_the_ids() -> None:
    # English entries are empty: gettext then shows the id, which is the English text.
    assert all(not m.string or m.string == ("", "") for m in _catalog("en") if m.id)


@pytest.mark.parametrize("po", catalogues(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_compiled_catalogues_match_their_po(po: Path) -> None:
    mo = po.with_suffix(".mo")
    assert mo.read_bytes() == compiled(po), f"run python3 -m okosys_plan.text.compile ({mo})"


# --- every id the code says is in the catalogue ---------------------------------------------


def _said_in_code() -> Iterator[tuple[str, str | None, str]]:
    """(where, context, msgid) of every literal id handed to text.say's functions."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        loops = {}  # comprehension target -> the literal strings it runs over
        for node in ast.walk(tree):
            if isinstance(node, ast.comprehension) and isinstance(node.target, ast.Name) \
                    and isinstance(node.iter, ast.Tuple | ast.List):
                loops[node.target.id] = [e.value for e in node.iter.elts
                                         if isinstance(e, ast.Constant)]
        functions, modules = _imported(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                name = functions.get(node.func.id, "")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id in modules:
                name = node.func.attr
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "bad_option":  # UsageError.bad_option: said in both
                name = "both"
            else:
                continue
            if name not in CALLS or len(node.args) <= CALLS[name]:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            context = None
            if name == "say_in" and isinstance(node.args[1], ast.Constant):
                context = node.args[1].value
            arg = node.args[CALLS[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield where, context, arg.value
            elif isinstance(arg, ast.Name) and arg.id in loops:
                for value in loops[arg.id]:
                    yield where, context, value


def _imported(tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Names bound to text.say's functions ({local: function}) and to the module itself."""
    functions: dict[str, str] = {}
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("okosys_plan.text.say",
                                                                "okosys_plan.text.later"):
            functions.update({a.asname or a.name: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom) and node.module == "okosys_plan.text":
            modules.update(a.asname or a.name for a in node.names if a.name == "say")
    return functions, modules


def _tables() -> Iterator[tuple[str, str]]:
    """(where, msgid) of every word table whose values are handed to text.say."""
    from okosys_plan import paths
    from okosys_plan.assess import template as assess_template
    from okosys_plan.catalogue import annotate, messages, present, template
    from okosys_plan.charts.priority import words as priority_words
    from okosys_plan.charts.roadmap import words as roadmap_words
    from okosys_plan.cli import run as cli_run
    from okosys_plan.cli.actions import weights
    from okosys_plan.diff import present as diff_present
    from okosys_plan.funding import tables, warnings, words
    from okosys_plan.prioritise import explain, workbook
    from okosys_plan.report import words as report_words
    from okosys_plan.roadmap import reasons
    from okosys_plan.run import scenario, scenario_present
    from okosys_plan.text import errors

    found: dict[str, Any] = {
        "messages._TEXTS": [t for pair in messages._TEXTS.values() for t in pair],
        "messages._TARGETS": messages._TARGETS,
        # A line that is only fields ("{text}") is the text it carries, said on its own.
        "errors._ERRORS": {c: t for c, t in errors._ERRORS.items()
                           if re.sub(r"\{\w+\}", "", t).strip(": ")},
        "errors.REFUSAL_STEPS": errors.REFUSAL_STEPS,
        "funding.words.WORDS": words.WORDS, "report.words._WORDS": report_words._WORDS,
        "charts.priority.words.WORDS": priority_words.WORDS,
        "charts.priority.words.CLASS_NAMES": priority_words.CLASS_NAMES,
        "charts.roadmap.words.WORDS": roadmap_words.WORDS,
        "charts.roadmap.words.STATUS_EN": roadmap_words.STATUS_EN,
        "charts.roadmap.words.PRIORITY_NAMES": roadmap_words.PRIORITY_NAMES,
        "prioritise.workbook._WORDS": workbook._WORDS,
        "prioritise.explain._REASONS": explain._REASONS,
        "prioritise.explain._CLASS_EN": explain._CLASS_EN,
        "catalogue.present._UI": present._UI, "catalogue.template._TEXT": template._TEXT,
        "catalogue.annotate._COLUMNS": annotate._COLUMNS,
        "diff.present._WORDS": diff_present._WORDS,
        "diff.present._KINDS_EN": diff_present._KINDS_EN,
        "diff.present._CHANGES_EN": diff_present._CHANGES_EN,
        "weights._UI": weights._UI, "funding.tables._SHEETS": tables._SHEETS,
        "funding.tables._HEAD": tables._HEAD, "roadmap.reasons._TEXTS": reasons._TEXTS,
        "paths._KINDS": paths._KINDS, "paths._REASONS": paths._REASONS,
        "assess.template._GUIDE": assess_template._GUIDE,
        "cli.run.STEPS": cli_run._Progress.STEPS, "funding.warnings._WHY": warnings._WHY,
        "funding.warnings.FIELD_PLACES": [name for *_, name in warnings.FIELD_PLACES.values()],
        "run.scenario.SETTINGS": scenario.SETTINGS,
        "run.scenario_present._KINDS": scenario_present._KINDS,
    }
    for where, table in found.items():
        for text in (table.values() if isinstance(table, dict) else table):
            yield where, text


def test_every_id_the_code_says_is_in_the_catalogue() -> None:
    keys = _keys(_catalog("nb"))
    plain = {msgid for _, msgid in keys}
    said_ids = list(_said_in_code())
    assert len(said_ids) > 100
    missing = [(where, context, msgid) for where, context, msgid in said_ids
               if (context, msgid) not in keys and msgid not in plain]
    assert missing == []
    tables = list(_tables())
    assert len(tables) > 400
    assert [(where, text) for where, text in tables if text not in plain] == []


# --- each kind of text in the language asked for ------------------------------------------


def test_a_problem_message_in_each_language() -> None:
    from okosys_plan.catalogue.messages import hint, message
    from okosys_plan.catalogue.model import Problem, Severity

    problem = Problem(Severity.ERROR, "not-a-number", "Behov", "C3", "Kostnad", "mye", {})
    assert message(problem, "en") == "'mye' is not a number"
    assert message(problem, "nb") == "«mye» er ikke et tall"
    assert hint(problem, "nb").startswith("Skriv bare tallet")
    theme = Problem(Severity.ERROR, "unknown-theme", "Behov", "D3", "Tema", "Dta",
                    {"suggestion": "Data", "known": "Data"})
    assert message(theme, "en") == "Unknown theme 'Dta' (did you mean 'Data'?)"
    assert message(theme, "nb") == "Ukjent tema «Dta» (mente du «Data»?)"


def test_an_error_line_in_each_language() -> None:
    from okosys_plan.errors import UnreadableWorkbook
    from okosys_plan.text.errors import error_text

    error = UnreadableWorkbook("empty-file", "x.xlsx is empty (0 bytes)", file="x.xlsx")
    assert error_text(error, "en").startswith("x.xlsx is empty (0 bytes); choose the file")
    assert error_text(error, "nb").startswith("x.xlsx er tom (0 byte); velg filen")


def test_chart_labels_and_sheet_names_in_each_language() -> None:
    from okosys_plan.charts.priority.words import words
    from okosys_plan.funding.tables import sheet_name
    from okosys_plan.prioritise.workbook import word
    from okosys_plan.report.words import say as report_say

    assert words("en")["bars_x"] == "Points (0–100)"
    assert words("nb")["bars_x"] == "Poeng (0–100)"
    assert (sheet_name("overview", "en"), sheet_name("overview", "nb")) == ("Overview",
                                                                            "Oversikt")
    assert (word("priority_sheet", "en"), word("priority_sheet", "nb")) == ("Prioritised",
                                                                            "Prioritert")
    assert report_say("nb", "summary") == "Sammendrag"
    assert report_say("en", "summary") == "Summary"


def test_a_context_gives_its_own_translation_and_falls_back_without_one() -> None:
    assert said.say_in("nb", "diff", "Summary") == "Oversikt"
    assert said.say("nb", "Summary") == "Sammendrag"
    assert said.say_in("nb", "diff", "Added") == said.say("nb", "Added") == "Lagt til"
    assert said.say_in("en", "diff", "Summary") == "Summary"


@given(st.integers(min_value=0, max_value=10_000))
def test_plural_forms_follow_the_count(count: int) -> None:
    nb = said.say_n("nb", "the last one is", "the other {count} are", count, count=count)
    en = said.say_n("en", "the last one is", "the other {count} are", count, count=count)
    if count == 1:
        assert (nb, en) == ("den siste står", "the last one is")
    else:
        assert (nb, en) == (f"de {count} andre står", f"the other {count} are")


def test_an_unknown_id_is_said_as_given() -> None:
    assert said.say("nb", "No such text {x}", x=1) == "No such text 1"
    assert said.say("nb", "Missing {field}") == "Missing {field}"  # no params: not filled


# --- click's own texts -------------------------------------------------------------------


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("OKOSYS_LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "okosys_plan", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**environ, **env}, timeout=120)


def test_click_usage_errors_are_norwegian_unless_the_run_is_english() -> None:
    nb = _run("score", "catalogue/behovskatalog.xlsx", "--top", "abc")
    assert nb.returncode == 2
    assert "Feil: Ugyldig verdi for '--top': «abc» er ikke et tall" in nb.stderr
    assert "Prøv «okosys-plan score --help» for hjelp." in nb.stderr
    en = _run("score", "--lang", "en", "catalogue/behovskatalog.xlsx", "--top", "abc")
    assert "Error: Invalid value for '--top': 'abc' is not a number" in en.stderr
    assert "Try 'okosys-plan score --help' for help." in en.stderr
    assert "Error: No such option '--nope'" in _run("--nope", OKOSYS_LANG="en").stderr
    assert "Feil: Ukjent valg '--nope'." in _run("--nope", LANGUAGE="en_GB").stderr
    assert "Vis denne meldingen og avslutt." in _run("--help").stdout


@pytest.mark.parametrize(("argv", "env", "lang"), [
    ([], {}, "nb"), (["run", "--lang", "en"], {}, "en"), (["run", "--lang=en"], {}, "en"),
    (["run"], {"OKOSYS_LANG": "en"}, "en"), (["run", "--lang", "nb"], {"OKOSYS_LANG": "en"}, "nb"),
    (["run", "--", "--lang", "en"], {}, "nb"), (["run", "--lang"], {}, "nb"),
])
def test_the_language_is_peeked_from_the_command_line(argv: list[str], env: dict[str, str],
                                                      lang: str) -> None:
    from okosys_plan.cli.click_texts import asked_language

    assert asked_language(argv, env) == lang


def test_every_click_translation_is_a_message_click_has() -> None:
    folder = Path(click.__file__).parent
    known = {m if isinstance(m, str) else m[0] for _, _, m, _, _ in
             extract_from_dir(str(folder), keywords={"_": None, "ngettext": (1, 2)})}
    ours = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog("nb", "click") if m.id}
    assert {"Usage:", "Error: {message}", "Invalid value for {param_hint}: {message}"} <= ours
    assert ours - known == set(), "click no longer says these; update click.po"


def test_help_reads_the_catalogue_only_when_it_is_shown() -> None:
    """Building the commands reads no catalogue (the help texts are ids); showing help
    reads the one catalogue it is said from, and never imports Babel."""
    import subprocess
    import sys

    code = ("import sys\n"
            "import okosys_plan.text.say as said\n"
            "from okosys_plan.cli.main import cli\n"
            "built = said.translations.cache_info().currsize\n"
            "from click.testing import CliRunner\n"
            "CliRunner().invoke(cli, ['score', '--help'])\n"
            "print(built, said.translations.cache_info().currsize, 'babel' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["0", "1", "False"]


def test_no_inline_language_branches_are_left() -> None:
    allowed = {  # each with a comment at the place saying why
        "okosys_plan/charts/geometry.py",  # the language code itself ('en' or 'nb')
        "okosys_plan/text/say.py",  # the same, for the catalogues
        "okosys_plan/prioritise/workbook.py",  # the format's own header names (schema)
        "okosys_plan/diff/present.py",  # the format's own column names (schema)
        "okosys_plan/funding/tables.py",  # a tier's name is data in both languages
        "okosys_plan/charts/roadmap/text_alternative.py",  # the locale's list separator
        "okosys_plan/cli/click_texts.py",  # which language click speaks
    }
    pattern = re.compile(r'== "en"|!= "en"|if en\b')
    found = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
             if pattern.search(p.read_text(encoding="utf-8"))}
    assert found - allowed == set()


def _entries(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each entry of a .po file as its lines (comments dropped), with its first line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start, block = 1, []
    for number, line in enumerate([*lines, ""], start=1):
        if not line.strip():
            if block:
                yield start, block
            block = []
            continue
        if not block:
            start = number
        if not line.startswith("#"):
            block.append(line)


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_entry_is_one_id_and_one_translation(po: Path) -> None:
    """A merge that glues two entries (two msgids, two msgstrs, a msgstr with no msgid)
    would give one id another's text, silently: each entry has exactly one of each."""
    glued = []
    for start, block in _entries(po):
        keys = [line.split(" ", 1)[0] for line in block if not line.startswith('"')]
        ids = keys.count("msgid")
        translations = keys.count("msgstr") + sum(k.startswith("msgstr[") for k in keys)
        plural = "msgid_plural" in keys
        if ids != 1 or (translations != 1 and not plural) or (plural and translations < 2):
            glued.append((start, keys))
    assert glued == []
