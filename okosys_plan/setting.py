"""A setting declared once: its default, its help (an English message id), its toml key.

Each capability declares its settings in its ``options`` module (``prioritise.options``,
``roadmap.options``, ``funding.options``, ``run.options``); the library's dataclasses
take their defaults from there, the command line's options their defaults and help, and
``okosys-plan.toml`` its keys (``run.config.KEYS``). Light: the CLI imports these for
``--help``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: the default, the help id, and where okosys-plan.toml sets it (if it does)."""

    default: T
    help: str
    toml: tuple[str, str] | None = None
