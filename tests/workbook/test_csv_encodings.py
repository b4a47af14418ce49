"""Text catalogues in every encoding and separator spreadsheet programs write read right."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okosys_plan.catalogue import coerce
from okosys_plan.catalogue.load import load_catalogue
from okosys_plan.workbook.sniff import Format, sniff
from okosys_plan.workbook.text import decode, looks_like_text

#: Letters a Norwegian catalogue holds that every one of the encodings can write.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéüÉ0123456789"
            " -–.,;:()/&%'\"\u00a0«»€")
ENCODINGS = {
    "cp1252": lambda text: text.encode("cp1252"),  # Excel: CSV (semikolondelt)
    "latin-1": lambda text: text.replace("–", "-").replace("€", "E").encode("latin-1"),
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),  # Excel: CSV UTF-8
    "utf-16": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),  # Unicode text
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le-no-bom": lambda text: text.encode("utf-16-le"),
}

titles = st.text(ALPHABET, min_size=1, max_size=40).filter(lambda t: coerce.clean_text(t))
amounts = st.decimals(min_value=0, max_value=10**7, places=1, allow_nan=False)


def _norwegian(amount: object, space: str) -> str:
    """'1 250,0' as Norwegian Excel writes it, with ``space`` between thousands."""
    whole, _, tenth = f"{amount:.1f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{space.join(groups)},{tenth}"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(titles, amounts, st.sampled_from(["\u00a0", "\u202f", " "]),
                               st.sampled_from(["SANN", "USANN", "Ja", "nei", "TRUE"])),
                     min_size=1, max_size=8),
       encoding=st.sampled_from(sorted(ENCODINGS)),
       delimiter=st.sampled_from([";", ",", "\t"]),
       newline=st.sampled_from(["\r\n", "\n"]))
def test_every_value_reads_back(tmp_path_factory: pytest.TempPathFactory,
                                rows: list[tuple[str, object, str, str]], encoding: str,
                                delimiter: str, newline: str) -> None:
    if encoding in ("cp1252", "latin-1"):
        rows = [(t, a, "\u00a0" if s == "\u202f" else s, b) for t, a, s, b in rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["ID", "Tittel", "Investering (MNOK)", "Lovkrav"])
    for number, (title, amount, space, flag) in enumerate(rows, start=1):
        writer.writerow([f"B{number:02d}", title, _norwegian(amount, space), flag])
    text = buffer.getvalue()
    path = tmp_path_factory.mktemp("csv") / "katalog.csv"
    path.write_bytes(ENCODINGS[encoding](text))
    original = text if not encoding.startswith("latin") else \
        text.replace("–", "-").replace("€", "E")
    assert sniff(path, 10**9).format is Format.CSV
    assert decode(path.read_bytes()) == original
    catalogue = load_catalogue(path)
    assert not [p for p in catalogue.problems if p.severity.value == "error"]
    needs = {n.id: n for n in catalogue.needs}
    for number, (title, amount, _, flag) in enumerate(rows, start=1):
        found = needs[f"B{number:02d}"]
        expected = title if not encoding.startswith("latin") else \
            title.replace("–", "-").replace("€", "E")
        assert found.title == coerce.clean_text(expected)
        assert found.investment == pytest.approx(float(amount))  # type: ignore[arg-type]
        assert found.legal_requirement is (flag.casefold() in ("sann", "ja", "true"))


def test_norwegian_excel_semicolon_csv_with_no_break_space(tmp_path: Path) -> None:
    path = tmp_path / "semikolon.csv"
    path.write_bytes("ID;Tittel;Investering (MNOK)\r\nB01;Søknad på nett;1\xa0250,0\r\n"
                     .encode("cp1252"))
    assert b"\xa0" in path.read_bytes()
    [found] = load_catalogue(path).needs
    assert (found.title, found.investment) == ("Søknad på nett", 1250.0)


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02" * 500,
                                  b"PK" + bytes(range(200))])
def test_binary_is_still_binary(data: bytes) -> None:
    assert not looks_like_text(data)
