"""``okosys-plan.toml``: one file that sets every default of the whole job.

Looked for in the working directory (or given with ``--config``); the command line
overrides it. Paths in it are relative to the file's folder. Every key is declared once
in ``KEYS`` with its help text; an unknown key or a wrong type stops with one line naming
the file and the key (exit 2).

    lang = "nb"
    [scoring]
    method = "weighted"          # or "nnv"
    criteria = "kriterier.toml"  # a criteria file (see docs/prioritering.md)
    high = 70
    medium = 40
    draws = 1000                 # sensitivity draws in run (0: none)
    seed = 0
    [roadmap]
    settings = "veikart.toml"    # default: the bundled roadmap/veikart.toml (bundled.py)
    from = 2022
    to = 2025
    group_by = "tema"            # tema, ansvarlig, livshendelse, status, tjenestekjede
    colour_by = "status"         # status, prioritet
    baseline = "veikart-vedtatt.json"  # the adopted baseline (plan --save-baseline)
    [roadmap.palette]            # lane colours, #RRGGBB
    "Digital identitet og tilgang" = "#B34700"
    [budget]                     # yearly caps in MNOK
    2024 = 220
    [funding]
    keys = ["flat", "usage", "budget"]
    [assessments]
    files = "vurderinger"        # a folder of assessment workbooks, a file, or a list
    aggregate = "median"         # median, mean, trimmed
    [deck]
    template = "mal.potx"        # the deck's PowerPoint template (.pptx or .potx)
    [scenario.kutt-2024]         # a scenario for compare (docs/scenarier.md)
    budget.2024 = 176
    weight.Samfunnsnytte = 0.35
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from okosys_plan import limits
from okosys_plan.assess import options as assess_options
from okosys_plan.errors import UsageError
from okosys_plan.funding import options as funding_options
from okosys_plan.paths import read_small
from okosys_plan.prioritise import options as prioritise_options
from okosys_plan.prioritise.criteria_file import checked_thresholds
from okosys_plan.prioritise.scoring import Method
from okosys_plan.roadmap import options as roadmap_options
from okosys_plan.run import options as run_options
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.text.later import Msg, msg

CONFIG_NAME = "okosys-plan.toml"
#: The table of the scenarios: ``[scenario.NAME]`` (``run.scenario.SETTINGS``).
SCENARIO_TABLE = "scenario"

#: Every setting of the file: (table, key) -> help text, from the one declaration of each
#: setting in its capability's ``options`` module (its default is declared there too).
KEYS: dict[tuple[str, str], str] = {
    setting.toml: setting.help
    for setting in (*run_options.SETTINGS, *prioritise_options.SETTINGS,
                    *roadmap_options.SETTINGS, *funding_options.SETTINGS,
                    *assess_options.SETTINGS)
    if setting.toml is not None
}
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class BadConfig(UsageError):
    """An okosys-plan.toml that cannot be used."""

    def __init__(self, path: Path, key: str, reason: Msg) -> None:
        where = f"{key}: " if key else ""
        super().__init__("bad-settings", f"{path}: {where}{reason}", file=str(path),
                         where=where, reason=reason)


def find_config(explicit: Path | None, folder: Path = Path()) -> Path | None:
    """The settings file to use: the one given, else okosys-plan.toml here, else none."""
    if explicit is not None:
        return explicit
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None, base: RunConfig | None = None) -> RunConfig:
    """The run settings from ``path`` over ``base`` (the defaults)."""
    config = base or RunConfig()
    if path is None:
        return config
    try:
        data = tomllib.loads(read_small(path).decode("utf-8"))
    except FileNotFoundError:
        raise BadConfig(path, "", msg("does not exist")) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadConfig(path, "", msg("cannot be read ({error})", error=error)) from None
    _check_keys(path, data)
    return _apply(path, data, config)


def _check_keys(path: Path, data: dict[str, Any]) -> None:
    tables = {table for table, _ in KEYS if table}
    for key, value in data.items():
        if key == SCENARIO_TABLE:
            continue  # checked by _scenarios
        if key in tables and not isinstance(value, dict):
            raise BadConfig(path, f"[{key}]", msg("must be a table"))
        if isinstance(value, dict) and key in tables:
            for inner in value:
                if (key, inner) not in KEYS and (key, "*") not in KEYS:
                    raise BadConfig(path, f"[{key}] {_printable(inner)}", msg("unknown key"))
        elif ("", key) not in KEYS:
            raise BadConfig(path, _printable(key), msg("unknown key"))


def _apply(path: Path, data: dict[str, Any], config: RunConfig) -> RunConfig:
    scoring, roadmap = data.get("scoring", {}), data.get("roadmap", {})
    folder = path.parent
    changes: dict[str, Any] = {}
    if "lang" in data:
        changes["lang"] = _choice(path, "lang", data["lang"], ("nb", "en"))
    if "method" in scoring:
        changes["method"] = Method(_choice(path, "[scoring] method", scoring["method"],
                                           ("weighted", "nnv")))
    if "criteria" in scoring:
        changes["criteria_file"] = folder / _text(path, "[scoring] criteria", scoring["criteria"])
    high = _number(path, "[scoring] high", scoring.get("high", config.thresholds.high))
    medium = _number(path, "[scoring] medium", scoring.get("medium", config.thresholds.medium))
    changes["thresholds"] = checked_thresholds(
        high, medium, lambda reason: BadConfig(path, "[scoring] high/medium", reason))
    for key, most in (("draws", limits.MAX_DRAWS), ("seed", limits.MAX_SEED)):
        if key in scoring:
            changes[key] = _whole(path, f"[scoring] {key}", scoring[key], 0, most)
    changes.update(_roadmap(path, roadmap, folder))
    if "budget" in data:
        changes["budgets"] = {_year(path, k): _number(path, f"[budget] {k}", v,
                                                      limits.MAX_BUDGET)
                              for k, v in data["budget"].items()}
    changes.update(_assessments(path, data.get("assessments", {}), folder))
    if "template" in data.get("deck", {}):
        changes["deck_template"] = folder / _text(path, "[deck] template",
                                                  data["deck"]["template"])
    keys = data.get("funding", {}).get("keys")
    if keys is not None:
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise BadConfig(path, "[funding] keys", msg("must be a list of texts"))
        changes["funding_keys"] = tuple(keys)
    if SCENARIO_TABLE in data:
        changes["scenarios"] = _scenarios(path, data[SCENARIO_TABLE])
    return replace(config, **changes)


def _scenarios(path: Path, table: Any) -> tuple[Any, ...]:
    """``[scenario.NAME]`` tables, each setting checked (run.scenario)."""
    from okosys_plan.run.scenario import SettingProblem, build, check_name, check_setting

    if not isinstance(table, dict):
        raise BadConfig(path, f"[{SCENARIO_TABLE}]", msg("must be a table"))
    found = []
    for name, settings in table.items():
        where = f"[{SCENARIO_TABLE}.{name}]"
        bad_name = check_name(name)
        if bad_name is not None:
            raise BadConfig(path, where, bad_name)
        if not isinstance(settings, dict):
            raise BadConfig(path, where, msg("must be a table"))
        try:
            checked = [check_setting(s, v, path.parent) for s, v in _flat(settings)]
            found.append(build(name, checked, str(path)))
        except SettingProblem as problem:
            raise BadConfig(path, f"{where} {problem.setting}", problem.reason) from None
    return tuple(found)


def _flat(settings: dict[str, Any]) -> list[tuple[str, Any]]:
    """A scenario's settings with dotted names: ``budget.2024 = 176`` as ``budget.2024``."""
    flat = []
    for key, value in settings.items():
        if isinstance(value, dict):
            flat += [(f"{key}.{inner}", v) for inner, v in value.items()]
        else:
            flat.append((key, value))
    return flat


def _assessments(path: Path, table: dict[str, Any], folder: Path) -> dict[str, Any]:
    """``[assessments] files`` (a folder, a file, or a list of them) and ``aggregate``."""
    changes: dict[str, Any] = {}
    files = table.get("files")
    if files is not None:
        listed = files if isinstance(files, list) else [files]
        if not listed or not all(isinstance(f, str) and f.strip() for f in listed):
            raise BadConfig(path, "[assessments] files", msg("must be a text or a list of texts"))
        changes["assessments"] = tuple(folder / f for f in listed)
    if "aggregate" in table:
        changes["aggregate"] = _choice(path, "[assessments] aggregate", table["aggregate"],
                                       ("median", "mean", "trimmed"))
    return changes


def _roadmap(path: Path, roadmap: dict[str, Any], folder: Path) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "settings" in roadmap:
        changes["roadmap_file"] = folder / _text(path, "[roadmap] settings", roadmap["settings"])
    for key, field in (("from", "first_year"), ("to", "last_year")):
        if key in roadmap:
            changes[field] = _whole(path, f"[roadmap] {key}", roadmap[key], limits.FIRST_YEAR,
                                    limits.LAST_YEAR)
    if changes.get("first_year", limits.FIRST_YEAR) > changes.get("last_year", limits.LAST_YEAR):
        raise BadConfig(path, "[roadmap] from/to", msg("from must not be after to"))
    if "group_by" in roadmap:
        changes["group_by"] = _choice(path, "[roadmap] group_by", roadmap["group_by"],
                                      roadmap_options.GROUP_CHOICES)
    if "colour_by" in roadmap:
        changes["colour_by"] = _choice(path, "[roadmap] colour_by", roadmap["colour_by"],
                                       ("status", "prioritet"))
    if "baseline" in roadmap:
        changes["baseline"] = folder / _text(path, "[roadmap] baseline", roadmap["baseline"])
    palette = roadmap.get("palette", {})
    if not isinstance(palette, dict):
        raise BadConfig(path, "[roadmap.palette]", msg("must be a table"))
    for lane, colour in palette.items():
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise BadConfig(path, f"[roadmap.palette] {_printable(lane)}",
                            msg("write the colour as #RRGGBB"))
    if palette:
        changes["palette"] = dict(palette)
    return changes


def _printable(name: str) -> str:
    """A key of the file as the error line shows it: one line (a control character escaped)."""
    return name if name.isprintable() else repr(name)


def _choice(path: Path, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        listed = ", ".join(allowed)
        raise BadConfig(path, key, msg("must be one of {listed}", listed=listed))
    return str(value)


def _text(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise BadConfig(path, key, msg("must be a text"))
    return value


def _number(path: Path, key: str, value: Any, most: float = limits.SCORE_MAX) -> float:
    if not limits.finite_in(value, 0, most):
        raise BadConfig(path, key, msg("must be a number from 0 to {most:g}", most=most))
    return float(value)


def _whole(path: Path, key: str, value: Any, least: int, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise BadConfig(path, key, msg("must be a whole number from {least} to {most}",
                                         least=least, most=most))
    return value


def _year(path: Path, key: str) -> int:
    if not key.isdigit() or not limits.FIRST_YEAR <= int(key) <= limits.LAST_YEAR:
        raise BadConfig(path, f"[budget] {key}", msg("the key must be a year"))
    return int(key)
