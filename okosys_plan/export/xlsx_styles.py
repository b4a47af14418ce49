"""Cell styles for the streamed .xlsx writer: each distinct style numbered once, and the
stylesheet part built from those used."""

from __future__ import annotations

from dataclasses import dataclass

from okosys_plan.export.xlsx_values import attribute

#: The XML declaration every part starts with, and the SpreadsheetML namespace.
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Style:
    """How a cell looks: number format, fill and text colour (RGB hex), bold."""

    number_format: str | None = None
    fill: str | None = None
    colour: str | None = None
    bold: bool = False


BOLD = Style(bold=True)


# --- styles -----------------------------------------------------------------------------

#: Number formats Excel knows by number; any other gets its own, from 164 on.
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9,
                    "0.00%": 10}


class Styles:
    """The workbook's cell styles, numbered in order of first use (0 is the default)."""

    def __init__(self) -> None:
        self._ids: dict[Style, int] = {Style(): 0}
        self._xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        self._formats: dict[str, int] = {}
        self._fonts: dict[tuple[str | None, bool], int] = {(None, False): 0}
        self._fills: dict[str, int] = {}

    def attribute(self, style: Style) -> str:
        """The ``s`` attribute of a cell with ``style`` ("" for the default style)."""
        found = self._ids.get(style)
        if found is None:
            found = self._ids[style] = len(self._xfs)
            self._xfs.append(self._xf(style))
        return f' s="{found}"' if found else ""

    def _xf(self, style: Style) -> str:
        code = style.number_format or "General"
        if code in _BUILTIN_FORMATS:
            number_id = _BUILTIN_FORMATS[code]
        else:
            number_id = self._formats.setdefault(code, 164 + len(self._formats))
        font = self._fonts.setdefault((style.colour, style.bold), len(self._fonts))
        # Fills 0 and 1 are the two Excel requires (none and gray125).
        fill = 0 if style.fill is None else self._fills.setdefault(style.fill,
                                                                   2 + len(self._fills))
        return (f'<xf numFmtId="{number_id}" fontId="{font}" fillId="{fill}" borderId="0" '
                f'xfId="0" applyNumberFormat="{int(number_id > 0)}" '
                f'applyFont="{int(font > 0)}" applyFill="{int(fill > 0)}"/>')

    def xml(self) -> str:
        """The stylesheet part."""
        formats = "".join(f'<numFmt numFmtId="{n}" formatCode="{attribute(code)}"/>'
                          for code, n in self._formats.items())
        fonts = "".join(_font(colour, bold) for colour, bold in self._fonts)
        fills = "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="{argb(fill)}"/>'
                        '<bgColor indexed="64"/></patternFill></fill>' for fill in self._fills)
        return (f'{XML_HEAD}<styleSheet xmlns="{MAIN}">'
                + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>'
                   if formats else "")
                + f'<fonts count="{len(self._fonts)}">{fonts}</fonts>'
                + f'<fills count="{2 + len(self._fills)}"><fill><patternFill patternType="none"/>'
                '</fill><fill><patternFill patternType="gray125"/></fill>' + fills + "</fills>"
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
                '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
                f'borderId="0"/></cellStyleXfs><cellXfs count="{len(self._xfs)}">'
                + "".join(self._xfs) + '</cellXfs><cellStyles count="1"><cellStyle '
                'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _font(colour: str | None, bold: bool) -> str:
    shown = f'<color rgb="{argb(colour)}"/>' if colour else ""
    return (f'<font>{"<b/>" if bold else ""}<sz val="11"/>{shown}<name val="Calibri"/>'
            '<family val="2"/></font>')


def argb(colour: str) -> str:
    """An RGB hex colour as opaque ARGB (``1F4E78`` -> ``FF1F4E78``)."""
    return colour.upper() if len(colour) == 8 else "FF" + colour.upper()
