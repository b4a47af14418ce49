"""Each setting is declared once, with its default and its help, in its capability's
``options`` module; the command line, okosys-plan.toml and the library all take it there."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from okosys_plan.assess import options as assess
from okosys_plan.cli.actions.funding import FundingRequest
from okosys_plan.cli.actions.prioritise import ScoreRequest
from okosys_plan.cli.actions.roadmap import RoadmapRequest
from okosys_plan.cli.actions.run import RunRequest
from okosys_plan.cli.main import cli
from okosys_plan.funding import options as funding
from okosys_plan.funding.keys import KeyOptions
from okosys_plan.prioritise import options as prioritise
from okosys_plan.prioritise.api import PriorityOptions
from okosys_plan.prioritise.scoring import Thresholds
from okosys_plan.roadmap import options as roadmap
from okosys_plan.run import options as run
from okosys_plan.run.config import KEYS
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.setting import Setting

SETTINGS: tuple[Setting[Any], ...] = (*prioritise.SETTINGS, *roadmap.SETTINGS,
                                      *funding.SETTINGS, *run.SETTINGS, *assess.SETTINGS)


def _options(command: click.Command) -> list[click.Option]:
    found = [p for p in command.params if isinstance(p, click.Option)]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found += _options(sub)
    return found


def _unset(value: Any) -> bool:
    """No default: None, empty, or click's own marker for it (click 8.3 and later)."""
    return value is None or value in ((), {}) or type(value).__name__ == "Sentinel"


def test_an_option_with_a_setting_s_help_has_its_default() -> None:
    by_help = {setting.help: setting for setting in SETTINGS}
    matched = with_default = 0
    for option in _options(cli):
        setting = by_help.get(option.help or "")
        if setting is None:
            continue
        matched += 1
        shown = option.default
        expected = setting.default
        if isinstance(shown, Path):
            expected = Path(expected)
        # An option either shows the declared default, or has none: an override, where the
        # library applies the declared default (--high: the criteria file's, else 70).
        assert _unset(shown) or shown == expected, (option.name, shown, expected)
        with_default += not _unset(shown)
    assert matched >= 15 and with_default >= 8


def test_the_library_takes_the_declared_defaults() -> None:
    config = RunConfig()
    assert (config.lang, config.method.value, config.draws, config.seed) == (
        run.LANG.default, prioritise.METHOD.default, prioritise.RUN_DRAWS.default,
        prioritise.SEED.default)
    assert (config.group_by, config.colour_by) == (roadmap.GROUP_BY.default,
                                                   roadmap.COLOUR_BY.default)
    assert (Thresholds().high, Thresholds().medium) == (prioritise.HIGH.default,
                                                        prioritise.MEDIUM.default)
    options = PriorityOptions()
    assert (options.method.value, options.draws, options.seed) == (
        prioritise.METHOD.default, prioritise.SCORE_DRAWS.default, prioritise.SEED.default)
    assert KeyOptions().operations_key == funding.OPERATIONS_KEY.default
    assert ScoreRequest().top == prioritise.TOP.default
    assert FundingRequest().share == funding.SHARE.default
    request = RoadmapRequest(date(2024, 1, 1))
    assert (request.group_by, request.colour_by) == (roadmap.GROUP_BY.default,
                                                     roadmap.COLOUR_BY.default)
    assert RunRequest().output_dir == Path(run.OUTPUT_DIR.default)


def test_the_settings_file_s_keys_are_the_declared_ones() -> None:
    declared = {s.toml: s.help for s in SETTINGS if s.toml is not None}
    assert declared == KEYS
    assert all(help_text.strip() for help_text in KEYS.values())
    assert len({s.toml for s in SETTINGS if s.toml}) == len([s for s in SETTINGS if s.toml])
