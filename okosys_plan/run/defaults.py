"""``okosys-plan.toml`` for every command: each setting as the default of the options it fills.

``run``, ``report`` and ``deck`` read the whole file into a ``RunConfig`` (``run.config``);
the other commands take from it what they have an option for, through click's ``default_map``,
so the command line still wins. The file is checked as for ``run``: an unknown key or a
wrong value stops any command with one line naming the file and the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from okosys_plan.paths import read_small
from okosys_plan.run.config import KEYS, load_config
from okosys_plan.run.pipeline import RunConfig

#: The commands with a --lang option, by their path below the group.
LANG_COMMANDS = ("validate", "template", "merge", "score", "explain", "plan", "roadmap",
                 "diff", "funding", "weights ahp")
_SCORED = ("score", "explain", "plan")

#: Each setting of the file -> the option (its parameter name) it fills, by command.
#: ``run``, ``report`` and ``deck`` are not here: they read every setting themselves.
OPTIONS: dict[tuple[str, str], dict[str, str]] = {
    ("", "lang"): dict.fromkeys(LANG_COMMANDS, "lang"),
    ("scoring", "method"): dict.fromkeys(_SCORED, "method"),
    ("scoring", "criteria"): dict.fromkeys(_SCORED, "criteria_file"),
    ("scoring", "high"): dict.fromkeys(_SCORED, "high"),
    ("scoring", "medium"): dict.fromkeys(_SCORED, "medium"),
    ("scoring", "draws"): {"score": "draws"},
    ("scoring", "seed"): {"score": "seed"},
    ("roadmap", "settings"): dict.fromkeys(("plan", "roadmap", "funding"), "settings_file"),
    ("roadmap", "from"): dict.fromkeys(("plan", "roadmap"), "first"),
    ("roadmap", "to"): dict.fromkeys(("plan", "roadmap"), "last"),
    ("roadmap", "group_by"): {"roadmap": "group_by"},
    ("roadmap", "colour_by"): {"roadmap": "colour_by"},
    ("roadmap", "palette"): {},  # run and report only: no command has an option for it
    ("roadmap", "baseline"): dict.fromkeys(("plan", "roadmap"), "baseline"),
    ("budget", "*"): {"plan": "budgets"},
    ("funding", "keys"): {"funding": "compare"},
    ("assessments", "files"): dict.fromkeys(("score", "explain"), "assessments"),
    ("assessments", "aggregate"): dict.fromkeys(("score", "explain"), "aggregate"),
    ("deck", "template"): {},  # run and deck read it themselves (RunConfig.deck_template)
}


def command_defaults(path: Path) -> dict[str, Any]:
    """click's ``default_map`` from the settings file: {command: {parameter: value}}."""
    config = load_config(path)  # every key and value checked, as for run
    data = tomllib.loads(read_small(path).decode("utf-8"))
    found: dict[str, Any] = {}
    for (table, key), value in _given(data, config):
        for command, parameter in OPTIONS[(table, key)].items():
            place = found
            *groups, name = command.split()
            for group in groups:
                place = place.setdefault(group, {})
            place.setdefault(name, {})[parameter] = value
    return found


def _given(data: dict[str, Any], config: RunConfig) -> list[tuple[tuple[str, str], Any]]:
    """The settings the file gives, each as the value its option takes on the command line."""
    values: dict[tuple[str, str], Any] = {
        ("", "lang"): config.lang,
        ("scoring", "method"): config.method.value,
        ("scoring", "criteria"): str(config.criteria_file),
        ("scoring", "high"): config.thresholds.high,
        ("scoring", "medium"): config.thresholds.medium,
        ("scoring", "draws"): config.draws,
        ("scoring", "seed"): config.seed,
        ("roadmap", "settings"): str(config.roadmap_file),
        ("roadmap", "from"): config.first_year,
        ("roadmap", "to"): config.last_year,
        ("roadmap", "group_by"): config.group_by,
        ("roadmap", "colour_by"): config.colour_by,
        ("roadmap", "palette"): None,
        ("roadmap", "baseline"): str(config.baseline),
        ("budget", "*"): [f"{year}={amount!r}" for year, amount in sorted(config.budgets.items())],
        ("funding", "keys"): ",".join(config.funding_keys),
        ("assessments", "files"): [str(p) for p in config.assessments],
        ("assessments", "aggregate"): config.aggregate,
        ("deck", "template"): str(config.deck_template),
    }
    given = []
    for table, key in KEYS:
        inner = data if not table else data.get(table, {})
        present = bool(inner) if key == "*" else key in inner
        if present:
            given.append(((table, key), values[(table, key)]))
    return given
