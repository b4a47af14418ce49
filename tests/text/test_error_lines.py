"""An error that stops a command is said from the catalogue in either language.

Its fields are language-neutral (``text.later``): the English line is ``str(error)``, the
bokmål line has no English words left in it, the English line no bokmål. The suite-wide
check in ``tests/conftest.py`` holds ``str(error)`` to the catalogue's English for every
error any test raises; here each kind of field is raised on purpose, both ways.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okosys_plan.charts.roadmap.groups import check_choice
from okosys_plan.charts.save import chart_format
from okosys_plan.errors import OkosysError, UsageError
from okosys_plan.export import files
from okosys_plan.export.files import check_suffix
from okosys_plan.funding.allocate import key_name
from okosys_plan.paths import regular_input
from okosys_plan.prioritise.criteria_file import load_criteria_file
from okosys_plan.roadmap.settings import load_settings
from okosys_plan.text.errors import error_text
from okosys_plan.text.later import Alternatives, Count, msg
from okosys_plan.workbook.marks import SheetScan, check_extent

#: Words only one of the languages writes (whole words, case folded).
ENGLISH = {"or", "not", "no", "suffix", "cannot", "the", "is", "written", "folder",
           "rows", "columns", "choose", "unknown", "use", "must", "file", "a"}
BOKMAL = {"eller", "ikke", "ingen", "endelse", "kan", "skrives", "mappen", "rader",
          "kolonner", "velg", "ukjent", "bruk", "må", "filen", "en", "et"}


def _words(line: str, path: str) -> set[str]:
    return set(re.findall(r"[a-zæøå]+", line.replace(path, " ").casefold()))


def _raised(make: Callable[[], object]) -> OkosysError:
    with pytest.raises(OkosysError) as caught:
        make()
    return caught.value


def _raise(error: Exception) -> None:
    raise error


def _both_ways(error: OkosysError, path: str = "") -> tuple[str, str]:
    nb, en = error_text(error, "nb"), error_text(error, "en")
    assert en == str(error)
    assert nb != en
    assert not _words(nb, path) & ENGLISH, nb
    assert not _words(en, path) & BOKMAL, en
    return nb, en


def test_an_output_suffix_lists_the_formats_as_each_language_joins_choices() -> None:
    error = _raised(lambda: check_suffix(Path("ut.txt"), (".xlsx", ".csv", ".json")))
    assert error.code == "bad-output-suffix"
    nb, en = _both_ways(error, "ut.txt")
    assert ".xlsx, .csv eller .json, ikke .txt" in nb
    assert ".xlsx, .csv, or .json, not .txt" in en  # CLDR's English list


def test_an_output_without_a_suffix_says_so_in_each_language() -> None:
    nb, en = _both_ways(_raised(lambda: check_suffix(Path("ut"), (".xlsx",))), "ut")
    assert nb.endswith("ikke (ingen endelse)") and en.endswith("not (no suffix)")


def test_a_chart_format_is_refused_in_each_language() -> None:
    nb, en = _both_ways(_raised(lambda: chart_format(Path("k.gif"))), "k.gif")
    assert ".png, .svg eller .pdf" in nb and ".png, .svg, or .pdf" in en


@pytest.mark.parametrize("code, reason_nb", [(errno.EACCES, "ingen tilgang"),
                                             (errno.ENOENT, None)])
def test_a_folder_that_takes_no_files_gives_the_reason_in_each_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
        reason_nb: str | None) -> None:
    def refuse(*_: object, **__: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    error = _raised(lambda: files._probe(tmp_path))
    assert error.code == "folder-not-writable"
    nb, en = _both_ways(error, str(tmp_path))
    assert en.startswith(f"{tmp_path}: files cannot be written in this folder (")
    if reason_nb:
        assert f"({reason_nb})" in nb


def test_a_sheet_too_large_writes_its_numbers_as_each_language_does() -> None:
    scan = SheetScan(first=(1, 1), last=(2_000_000, 3))
    error = _raised(lambda: check_extent("stor.xlsx", "Behov", scan))
    nb, en = _both_ways(error, "stor.xlsx")
    assert "2,000,000 rows × 3 columns" in en
    assert "2\u00a0000\u00a0000 rader × 3 kolonner" in nb


def test_a_fifo_is_named_in_each_language(tmp_path: Path) -> None:
    fifo = tmp_path / "rør.xlsx"
    os.mkfifo(fifo)
    error = _raised(lambda: regular_input(fifo))
    assert error.code == "not-regular-file"
    nb, en = error_text(error, "nb"), error_text(error, "en")
    assert en == str(error) and "a FIFO (named pipe)" in en
    assert "FIFO" in nb and "named pipe" not in nb


@pytest.mark.parametrize("make", [
    lambda: key_name("ingen-slik"),
    lambda: check_choice("x", ("theme", "agency"), "--lanes"),
    lambda: _raise(UsageError.bad_option("--from {first} --to {last}: the first year must "
                                         "not be after the last", first=2026, last=2024)),
], ids=["cost-key", "choice", "years"])
def test_a_bad_option_is_said_from_the_catalogue_in_each_language(
        make: Callable[[], object]) -> None:
    error = _raised(make)
    assert error.code == "bad-option"
    nb, en = error_text(error, "nb"), error_text(error, "en")
    assert en == str(error) and nb != en


def test_a_bad_criteria_file_names_the_criterion_in_each_language(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text('[[criteria]]\nname = "Nytte"\nweight = -1\n', encoding="utf-8")
    nb, en = error_text(err := _raised(lambda: load_criteria_file(path)), "nb"), str(err)
    assert error_text(err, "en") == en
    assert "criterion 1 ('Nytte'): weight must be from 0 to" in en
    assert "kriterium 1 («Nytte»)" in nb and "criterion" not in nb


def test_a_bad_settings_file_is_said_in_each_language(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("ukjent = 1\n", encoding="utf-8")
    error = _raised(lambda: load_settings(path))
    nb, en = error_text(error, "nb"), error_text(error, "en")
    assert en == str(error) and "unknown key 'ukjent'" in en
    assert "ukjent" in nb and "unknown key" not in nb


@given(items=st.lists(st.sampled_from([".xlsx", ".csv", ".json", ".png", ".ods"]),
                      min_size=1, max_size=5, unique=True),
       count=st.integers(min_value=0, max_value=10**12))
def test_fields_said_later_read_back_in_each_language(items: list[str], count: int) -> None:
    choices = Alternatives(tuple(items))
    for lang, word in (("nb", " eller "), ("en", " or ")):
        said = choices.said(lang)
        assert re.split(r",? eller |,? or |, ", said) == items
        assert (word in said) == (len(items) > 1)
        assert int(re.sub(r"\D", "", Count(count).said(lang))) == count
    assert str(Count(count)) == f"{count:,}"
    assert str(msg("(no suffix)")) == "(no suffix)" and msg("(no suffix)").said("nb") != \
        "(no suffix)"
