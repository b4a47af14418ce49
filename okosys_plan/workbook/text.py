"""Tell text from binary content, and decode text files in the encodings spreadsheets write.

Excel's "CSV (semikolondelt)" is cp1252 (with a no-break space, byte 0xA0, as thousands
separator), "CSV UTF-8" is UTF-8 with a byte order mark, and "Unicode text" is UTF-16
(little endian, with a byte order mark, tab-separated). Every one of them is text. The
encoding is chosen in this order: a byte order mark (UTF-8, UTF-16 LE/BE); UTF-16 without
one when every other byte is zero; UTF-8 when the bytes are valid UTF-8 (unless read as
UTF-8 they hold no Western European letter beyond ASCII while read as cp1252 they do, as
'Å' followed by a no-break space, bytes C5 A0, which UTF-8 reads as 'Š'); otherwise
cp1252, with the five bytes cp1252 leaves undefined read as Latin-1.
"""

from __future__ import annotations

import codecs
import unicodedata

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\r\n\f\v\x1a")  # \x1a: DOS end-of-file, some exports end so


def encoding_of(data: bytes) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its byte order mark (0 when none)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    bom_less = _utf16_without_bom(data)
    if bom_less:
        return bom_less, 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start <= len(data) - 4 or error.reason != "unexpected end of data":
            return "cp1252", 0
        text = data[:error.start].decode("utf-8")
    if not text.isascii() and _western(text) == 0 and _western(data.decode(
            "cp1252", errors="latin1_fallback")) > 0:
        return "cp1252", 0  # cp1252 that happens to be valid UTF-8: 'Å' + no-break space
    return "utf-8", 0


def _western(text: str) -> int:
    """How many characters of Western European text beyond ASCII (æøå, NBSP, –, € …)."""
    return sum(1 for ch in text if "\u00a0" <= ch <= "\u00ff" or "\u2000" <= ch <= "\u20cf")


def decode(data: bytes) -> str:
    """``data`` as text in the encoding ``encoding_of`` finds (a cut-off end is dropped)."""
    name, skip = encoding_of(data)
    body = data[skip:]
    if name == "cp1252":
        return body.decode("cp1252", errors="latin1_fallback")
    if name.startswith("utf-16") and len(body) % 2:
        body = body[:-1]
    return body.decode(name, errors="replace")


def looks_like_text(head: bytes) -> bool:
    """True when the first bytes of a file are text in one of the encodings read.

    Valid UTF-8 and UTF-16 are text unless they hold a NUL character (a stray control
    character in a cell is kept and shown as a replacement character); cp1252, which
    decodes any byte, is text only when at most 1 % of it is control characters.
    """
    name, skip = encoding_of(head)
    body = head[skip:]
    if name.startswith("utf-16") and len(body) % 2:
        body = body[:-1]
    try:
        if name == "cp1252":
            text = body.decode("cp1252", errors="latin1_fallback")
        elif name == "utf-8":
            text = codecs.getincrementaldecoder("utf-8")().decode(body)  # a cut-off end is fine
        else:
            text = body.decode(name)
    except UnicodeDecodeError:
        return False
    if "\x00" in text:
        return False
    return name != "cp1252" or 100 * sum(map(_is_control, text)) <= len(text)


def _is_control(ch: str) -> bool:
    """A C0 or C1 control character (NUL, ESC, U+0080–U+009F …) other than line breaks/tabs."""
    return ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when the zero bytes fall where ASCII text in UTF-16 has them."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.6 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)
