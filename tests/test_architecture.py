"""The package's layers, checked from the code: every import points down (docs/architecture.md).

The import graph is read with ``ast`` from every module, imports inside functions and under
``TYPE_CHECKING`` included: a lazy import is an arrow too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "okosys_plan"

#: Each part of the package and its height; a part may import only parts below it (and
#: itself). Parts on one height (diff, funding) may not import each other.
LAYERS: dict[str, int] = {
    "text": 0,
    "errors": 1, "limits": 1, "collector": 1, "setting": 1,
    "paths": 2, "bundled": 2,
    "workbook": 3, "export": 3,
    "catalogue": 4,
    "prioritise": 5,
    "roadmap": 6, "assess": 6,
    "diff": 7, "funding": 7,
    "chains": 8,
    "run": 9,
    "charts": 10,
    "report": 11,
    "app": 12,
    "cli": 13,
    "__main__": 14,
}
#: The package's own ``__init__`` is the public API: it may name anything (lazily).
API = "__init__"
#: Within charts, the common modules (charts/*.py) sit below the one folder per chart.
CHART_FOLDERS = ("priority", "roadmap", "funding", "keyfigures", "agreement", "scenarios",
                 "chains")
#: Parts that are bookkeeping below every capability: they import no capability package.
FLOOR = ("text", "errors", "limits", "collector", "paths", "bundled", "workbook", "export")


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path) -> set[str]:
    """The okosys_plan modules (or names in them) that ``path`` imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("okosys_plan"):
                found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.add("<relative>")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("okosys_plan"))
    return found


def part(dotted: str) -> str:
    """The layer a dotted okosys_plan name belongs to."""
    pieces = dotted.split(".")
    return pieces[1] if len(pieces) > 1 else API


def chart_folder(dotted: str) -> str | None:
    """The chart folder of a charts module (None for the common charts modules)."""
    pieces = dotted.split(".")
    if len(pieces) > 3 and pieces[1] == "charts" and pieces[2] in CHART_FOLDERS:
        return pieces[2]
    return None


def wrong_arrows() -> list[str]:
    """Every import that points up, or sideways between parts on one height."""
    wrong = []
    for name, path in modules().items():
        source = part(name)
        if source == API:
            continue
        for target in sorted(imports(path)):
            if target == "<relative>":
                wrong.append(f"{name}: relative import (write it absolute)")
                continue
            goal = part(target)
            if goal == source:
                if source == "charts" and chart_folder(name) is None and chart_folder(target):
                    wrong.append(f"{name} -> {target} (common charts code into one chart)")
                continue
            if target == "okosys_plan.__version__":
                continue
            if goal not in LAYERS or source not in LAYERS:
                wrong.append(f"{name} -> {target} (unknown part)")
            elif LAYERS[goal] >= LAYERS[source]:
                wrong.append(f"{name} -> {target} ({source} may not import {goal})")
    return wrong


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {part(name) for name in modules()} - {API}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))


def test_every_import_points_down() -> None:
    assert wrong_arrows() == []


def test_the_checker_sees_an_arrow_upward(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from okosys_plan.cli.app import cli\n")
    assert imports(module) == {"okosys_plan.cli.app.cli"}
    assert LAYERS[part("okosys_plan.cli.app.cli")] > LAYERS["catalogue"]


def test_only_the_cli_imports_click() -> None:
    name = "click"
    users = []
    for dotted, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == name or n.startswith(name + ".") for n in names):
                users.append(dotted)
    assert users and all(part(u) == "cli" for u in users), users


def test_exit_codes_are_known_only_to_the_cli() -> None:
    """No library module names an exit code: no EXIT_ constant, no ``exit_code`` field."""
    pattern = re.compile(r"EXIT_[A-Z]+|\bexit_code\s*[:=]")
    knowing = [dotted for dotted, path in modules().items()
               if part(dotted) != "cli" and pattern.search(path.read_text(encoding="utf-8"))]
    assert knowing == []
    assert "error_exit" in (PACKAGE / "cli" / "stop.py").read_text(encoding="utf-8")
