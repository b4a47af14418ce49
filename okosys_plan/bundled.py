"""The files that come with okosys-plan: the needs catalogue and the Veikart 2.0 settings.

Their one source is the repository's top-level ``catalogue/`` and ``roadmap/`` folders.
A built wheel (``pip install .``, ``pipx install``, a wheel from an sdist) carries a copy
of each in ``okosys_plan/data/``, made at build time by ``setup.py``; nothing is committed
there. Each file is looked for, in this order:

1. the relative path (``catalogue/behovskatalog.xlsx``) in the working directory, so a
   run from the repository's top reads and shows the same short path as always;
2. the package data of an installed wheel, through ``importlib.resources``;
3. the relative path beside the package: a source checkout or an editable install run
   from another folder.

When none exists the relative path is returned, and the reader says that it is missing.
Messages name a catalogue by its file name, so an installed run says
``behovskatalog.xlsx: 49 behov …`` as a run from the checkout does.
"""

from __future__ import annotations

import atexit
import contextlib
import tempfile
from importlib import resources
from pathlib import Path

#: Where each bundled file lies at the repository's top (its one source).
CATALOGUE = Path("catalogue") / "behovskatalog.xlsx"
SETTINGS = Path("roadmap") / "veikart.toml"
#: The co-funding scheme's rules per scheme year.
COFUNDING_RULES = Path("roadmap") / "medfinansiering.toml"
#: The illustrative assessments of the bundled catalogue (a folder of workbooks).
ASSESSMENTS = Path("catalogue") / "vurderinger"
#: The package-data folder the build copies them into (``okosys_plan/data/<name>``).
DATA_FOLDER = "data"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def bundled_catalogue() -> Path:
    """The bundled needs catalogue, ``catalogue/behovskatalog.xlsx``."""
    return bundled_file(CATALOGUE)


def bundled_settings() -> Path:
    """The bundled Veikart 2.0 settings, ``roadmap/veikart.toml``."""
    return bundled_file(SETTINGS)


def bundled_cofunding_rules() -> Path:
    """The bundled co-funding rules per scheme year, ``roadmap/medfinansiering.toml``."""
    return bundled_file(COFUNDING_RULES)


def bundled_assessments() -> Path | None:
    """The folder of the bundled catalogue's illustrative assessments, if there is one."""
    if ASSESSMENTS.is_dir():
        return ASSESSMENTS
    package = resources.files("okosys_plan")
    data = package / DATA_FOLDER / ASSESSMENTS.name
    if isinstance(data, Path) and data.is_dir():
        return data
    if isinstance(package, Path):
        beside = package.resolve().parent / ASSESSMENTS
        if beside.is_dir():
            return beside
    return None  # a package inside a zip file: the run goes without them


def bundled_file(relative: Path) -> Path:
    """A bundled file as a path the readers can open (see the module's docstring)."""
    if relative.exists():
        return relative
    package = resources.files("okosys_plan")
    data = package / DATA_FOLDER / relative.name
    if data.is_file():
        if isinstance(data, Path):
            return data
        # A package inside a zip file: a copy under its own name (messages show the name),
        # removed when the process ends.
        folder = Path(_extracted.enter_context(tempfile.TemporaryDirectory()))
        copy = folder / relative.name
        copy.write_bytes(data.read_bytes())
        return copy
    if isinstance(package, Path):
        beside = package.resolve().parent / relative
        if beside.exists():
            return beside
    return relative
