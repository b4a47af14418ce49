"""Build step: copy the bundled files into the package, so an installed tool finds them.

The catalogue and the Veikart 2.0 settings have one source, the repository's top-level
``catalogue/`` and ``roadmap/`` folders (``catalogue/build.py`` writes the workbook; the
docs and tests name those paths). A wheel carries only the package, so this ``build_py``
copies each into ``okosys_plan/data/`` of the build (never of the source tree), where
``okosys_plan/bundled.py`` reads it through ``importlib.resources``. Why this and not
another way:

- ``[tool.setuptools.package-data]`` takes only files inside the package's folder, and
  ``data-files`` installs outside the package, where ``importlib.resources`` cannot see it;
- symbolic links into the package break on Windows checkouts and in some sdist tools;
- an sdist carries the two files through ``MANIFEST.in``, so a wheel built from it (pip,
  pipx) gets the same copy; an editable install builds nothing here and reads the files
  where they are (``bundled.py``, beside the package).

Everything else is declared in ``pyproject.toml``.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: Source at the repository's top -> name in ``okosys_plan/data/`` (as in bundled.py).
BUNDLED = {"catalogue/behovskatalog.xlsx": "behovskatalog.xlsx",
           "roadmap/veikart.toml": "veikart.toml",
           "roadmap/medfinansiering.toml": "medfinansiering.toml"}


class BuildWithBundled(build_py):
    """``build_py`` that also copies the bundled files into ``okosys_plan/data/``."""

    def run(self) -> None:
        """Build the package as usual, then add the bundled files (not when editable)."""
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "okosys_plan" / "data"
        self.mkpath(str(target))
        for source, name in BUNDLED.items():
            self.copy_file(source, str(target / name))
        assessments = target / "vurderinger"  # the illustrative assessments (bundled.py)
        self.mkpath(str(assessments))
        for source in sorted(Path("catalogue/vurderinger").glob("*.xlsx")):
            self.copy_file(str(source), str(assessments / source.name))


setup(cmdclass={"build_py": BuildWithBundled})
