"""A scenario: a name and overrides of the run's settings (docs/scenarier.md). Pure.

A scenario is declared in ``okosys-plan.toml`` under ``[scenario.NAME]`` or in a
*Scenarier* sheet of the catalogue (``run.scenario_read``); both use the setting names of
``SETTINGS``. ``check_setting`` turns one (name, value) into its checked value or the
reason it cannot be used; ``build`` makes the ``Scenario`` of the checked settings, and
``Scenario.config`` applies it to a ``RunConfig``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okosys_plan import limits
from okosys_plan.errors import UsageError
from okosys_plan.prioritise.criteria_file import checked_thresholds
from okosys_plan.run.pipeline import RunConfig
from okosys_plan.text.later import Msg, msg

#: Each setting -> its help (an English message id). ``weight.`` and ``budget.`` take the
#: criterion's name or the year after the dot.
SETTINGS: dict[str, str] = {
    "weight.CRITERION": "The criterion's weight as in the Kriterier sheet (0.25 for a "
                        "quarter); the weights are scaled to sum to 1 again.",
    "criteria": "A criteria file (weights and class limits), instead of the catalogue's.",
    "high": "The lowest score of class Høy.",
    "medium": "The lowest score of class Middels.",
    "budget.YEAR": "The year's budget cap in MNOK.",
    "from": "The roadmap's first year.",
    "to": "The roadmap's last year.",
    "max_parallel_per_owner": "How many measures an owner runs at once (0: no limit).",
    "applied": "Applied-for funding (status Søkt): granted (counted as confirmed) or "
               "refused (dropped).",
    "drop_source": "A funding source left out (one name, or a list).",
    "volume_growth": "The yearly growth of usage volumes, in per cent.",
    "key": "The cost-sharing key the agencies' bills are made with.",
}
_APPLIED = {"granted": "granted", "innvilget": "granted", "refused": "refused",
            "avslått": "refused", "avslatt": "refused"}
_NAME_MOST = 64


@dataclass(frozen=True)
class Scenario:
    """A named set of overrides; a field left None (or empty) keeps the base's setting."""

    name: str
    weights: Mapping[str, float] = field(default_factory=dict)  # criterion -> weight
    criteria_file: Path | None = None
    high: float | None = None
    medium: float | None = None
    budgets: Mapping[int, float] = field(default_factory=dict)  # year -> cap (MNOK)
    first_year: int | None = None
    last_year: int | None = None
    max_parallel: int | None = None  # 0: no limit
    applied: str | None = None  # "granted" or "refused"
    drop_sources: tuple[str, ...] = ()
    volume_growth: float | None = None  # per cent a year
    key: str | None = None
    #: Where it was declared: the settings file, or the catalogue's sheet.
    source: str = ""

    def config(self, base: RunConfig) -> RunConfig:
        """The run's settings with this scenario's overrides of them."""
        changes: dict[str, Any] = {}
        if self.criteria_file is not None:
            changes["criteria_file"] = self.criteria_file
        if self.high is not None or self.medium is not None:
            high = base.thresholds.high if self.high is None else self.high
            medium = base.thresholds.medium if self.medium is None else self.medium
            changes["thresholds"] = checked_thresholds(
                high, medium, lambda reason: BadScenario(self.name, "high/medium", reason))
        if self.budgets:
            changes["budgets"] = {**base.budgets, **self.budgets}
        if self.first_year is not None:
            changes["first_year"] = self.first_year
        if self.last_year is not None:
            changes["last_year"] = self.last_year
        if self.key is not None:
            changes["funding_keys"] = (self.key,)
        return replace(base, **changes)

    @property
    def changes_funding_only(self) -> bool:
        """True when only the funding assumptions (or the key) differ from the base."""
        return not (self.weights or self.criteria_file or self.high is not None
                    or self.medium is not None or self.budgets or self.first_year is not None
                    or self.last_year is not None or self.max_parallel is not None)


class BadScenario(UsageError):
    """A scenario that cannot be run on this catalogue (its name, the setting, why)."""

    def __init__(self, name: str, setting: str, reason: Msg) -> None:
        super().__init__("bad-scenario", f"scenario {name}: {setting}: {reason}", name=name,
                         setting=setting, reason=reason)


class SettingProblem(ValueError):
    """One setting that cannot be used: its name and the reason (said later)."""

    def __init__(self, setting: str, reason: Msg) -> None:
        super().__init__(f"{setting}: {reason}")
        self.setting = setting
        self.reason = reason


def check_name(name: Any) -> Msg | None:
    """Why ``name`` cannot name a scenario, or None."""
    if not isinstance(name, str) or not name.strip() or len(name) > _NAME_MOST:
        return msg("a scenario's name must be a text of at most {most} characters",
                   most=_NAME_MOST)
    return None


def check_setting(setting: str, value: Any, folder: Path | None = None) -> tuple[str, Any]:
    """The setting's field and checked value; ``SettingProblem`` when it cannot be used.

    ``folder`` is where a criteria file's relative path starts (the settings file's or the
    workbook's folder).
    """
    head, dot, tail = setting.partition(".")
    if head == "weight" and dot and tail.strip():
        return f"weight.{tail.strip()}", _number(setting, value, limits.SCORE_MAX)
    if head == "budget" and dot:
        return f"budget.{_year(setting, tail)}", _number(setting, value, limits.MAX_BUDGET)
    if dot or setting not in SETTINGS:
        raise SettingProblem(setting, msg("unknown setting; use one of {known}",
                                          known=", ".join(SETTINGS)))
    return setting, _PLAIN[setting](setting, value, folder)


def _number(setting: str, value: Any, most: float, least: float = 0) -> float:
    if not limits.finite_in(value, least, most):
        raise SettingProblem(setting, msg("must be a number from {least:g} to {most:g}",
                                          least=least, most=most))
    return float(value)


def _whole(setting: str, value: Any, least: int, most: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet's 2025.0
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise SettingProblem(setting, msg("must be a whole number from {least} to {most}",
                                          least=least, most=most))
    return value


def _year(setting: str, text: str) -> int:
    text = text.strip()
    if not text.isdigit() or not limits.FIRST_YEAR <= int(text) <= limits.LAST_YEAR:
        raise SettingProblem(setting, msg("the key must be a year"))
    return int(text)


def _text(setting: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingProblem(setting, msg("must be a text"))
    return value.strip()


def _criteria(setting: str, value: Any, folder: Path | None) -> Path:
    return (folder or Path()) / _text(setting, value)


def _applied(setting: str, value: Any, _folder: Path | None) -> str:
    found = _APPLIED.get(str(value).strip().casefold()) if isinstance(value, str) else None
    if found is None:
        raise SettingProblem(setting, msg("must be one of {listed}",
                                          listed="granted, refused (innvilget, avslått)"))
    return found


def _sources(setting: str, value: Any, _folder: Path | None) -> tuple[str, ...]:
    listed = value if isinstance(value, list) else [value]
    if not listed or not all(isinstance(v, str) and v.strip() for v in listed):
        raise SettingProblem(setting, msg("must be a text or a list of texts"))
    return tuple(v.strip() for v in listed)


def _key(setting: str, value: Any, _folder: Path | None) -> str:
    from okosys_plan.funding.allocate import KEYS, key_name

    text = _text(setting, value)
    try:
        return key_name(text)
    except UsageError:
        raise SettingProblem(setting, msg("must be one of {listed}",
                                          listed=", ".join(KEYS))) from None


_PLAIN: dict[str, Any] = {
    "criteria": _criteria,
    "high": lambda s, v, _f: _number(s, v, limits.SCORE_MAX),
    "medium": lambda s, v, _f: _number(s, v, limits.SCORE_MAX),
    "from": lambda s, v, _f: _whole(s, v, limits.FIRST_YEAR, limits.LAST_YEAR),
    "to": lambda s, v, _f: _whole(s, v, limits.FIRST_YEAR, limits.LAST_YEAR),
    "max_parallel_per_owner": lambda s, v, _f: _whole(s, v, 0, limits.MAX_PARALLEL),
    "applied": _applied,
    "drop_source": _sources,
    "volume_growth": lambda s, v, _f: _number(s, v, limits.MAX_GROWTH, -99.0),
    "key": _key,
}


def build(name: str, checked: Sequence[tuple[str, Any]], source: str = "") -> Scenario:
    """The scenario of checked (setting, value) pairs; a later pair wins (sources add up).

    ``SettingProblem`` (named ``from/to`` or ``high/medium``) when the pairs contradict.
    """
    weights: dict[str, float] = {}
    budgets: dict[int, float] = {}
    plain: dict[str, Any] = {}
    sources: list[str] = []
    for setting, value in checked:
        head, _, tail = setting.partition(".")
        if head == "weight" and tail:
            weights[tail] = value
        elif head == "budget" and tail:
            budgets[int(tail)] = value
        elif setting == "drop_source":
            sources += [s for s in value if s not in sources]
        else:
            plain[setting] = value
    first, last = plain.get("from"), plain.get("to")
    if first is not None and last is not None and first > last:
        raise SettingProblem("from/to", msg("from must not be after to"))
    high, medium = plain.get("high"), plain.get("medium")
    if high is not None and medium is not None:
        checked_thresholds(high, medium, lambda reason: SettingProblem("high/medium", reason))
    return Scenario(name, weights, plain.get("criteria"), high, medium, budgets, first, last,
                    plain.get("max_parallel_per_owner"), plain.get("applied"), tuple(sources),
                    plain.get("volume_growth"), plain.get("key"), source)
