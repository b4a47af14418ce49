"""Whether LibreOffice can open a deck here: ``soffice`` and its Impress part (Debian's
libreoffice-impress; libreoffice-calc alone gives an ``soffice`` that cannot load .pptx)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _impress() -> bool:
    if SOFFICE is None:
        return False
    program = Path(os.path.realpath(SOFFICE)).parent
    return shutil.which("loimpress") is not None or any(
        (program / name).exists() for name in ("simpress", "libsdlo.so", "libsdlo.dylib"))


IMPRESS = _impress()
REASON = ("LibreOffice Impress is not installed (soffice with libreoffice-impress); "
          ".ci/run installs it")
