"""The roadmap settings (``roadmap/veikart.toml``): title, horizon, lanes, palette, markers.

A mistake in the file stops with one line naming the file and the key (exit 2).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from okosys_plan import limits
from okosys_plan.catalogue import coerce
from okosys_plan.errors import UsageError
from okosys_plan.paths import read_small
from okosys_plan.text.later import Msg, msg

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: A measure's default duration at most, in years.
MAX_DURATION = 100.0
_KEYS = {"title", "subtitle", "lanes", "horizon", "lane_labels", "palette", "markers",
         "duration_years", "max_parallel_per_owner"}


@dataclass(frozen=True)
class Marker:
    """A vertical line on the roadmap with a short label (a Skate decision, say)."""

    when: date
    label: str


@dataclass(frozen=True)
class RoadmapSettings:
    """Everything the roadmap needs besides the catalogue."""

    title: str = "Veikart 2.0 for felles økosystem"
    subtitle: str = ""
    start_year: int = 2022
    end_year: int = 2025
    lanes: tuple[str, ...] = ()
    lane_labels: dict[str, str] = field(default_factory=dict)
    palette: dict[str, str] = field(default_factory=dict)
    markers: tuple[Marker, ...] = ()
    duration_years: float = 1.0  # a measure's duration when nothing says otherwise
    max_parallel_per_owner: int | None = None  # None: no limit

    @property
    def first_day(self) -> date:
        """The horizon's first day."""
        return date(self.start_year, 1, 1)

    @property
    def last_day(self) -> date:
        """The horizon's last day."""
        return date(self.end_year, 12, 31)

    @property
    def years(self) -> range:
        """The calendar years of the horizon."""
        return range(self.start_year, self.end_year + 1)

    def full_title(self) -> str:
        """The title with the horizon, e.g. 'Veikart 2.0 for felles økosystem 2022–2025'."""
        return f"{self.title} {self.start_year}–{self.end_year}"

    def with_horizon(self, start: int | None, end: int | None) -> RoadmapSettings:
        """A copy with another horizon (``--from``/``--to``), checked."""
        from dataclasses import replace

        first = self.start_year if start is None else start
        last = self.end_year if end is None else end
        if not 1900 <= first <= last <= 2200:
            raise UsageError.bad_option("--from {first} --to {last}: the first year must not "
                                        "be after the last", first=first, last=last)
        return replace(self, start_year=first, end_year=last)


class BadSettings(UsageError):
    """A roadmap settings file that cannot be used."""

    def __init__(self, path: Path, reason: Msg) -> None:
        super().__init__("bad-settings", f"{path}: {reason}", file=str(path), reason=reason)


def load_settings(path: Path) -> RoadmapSettings:
    """Read and check a roadmap settings file."""
    try:
        data = tomllib.loads(read_small(path).decode("utf-8"))
    except FileNotFoundError:
        raise BadSettings(path, msg("the file does not exist")) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadSettings(path, msg("cannot be read ({error})", error=error)) from None
    return settings_from(data, path)


def settings_from(data: dict[str, Any], path: Path) -> RoadmapSettings:
    """Settings from parsed TOML, every value checked."""
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise BadSettings(path, msg("unknown key '{key}'", key=unknown[0]))
    horizon = _table(path, data, "horizon")
    start, end = horizon.get("start", 2022), horizon.get("end", 2025)
    if not all(type(year) is int and limits.FIRST_YEAR <= year <= limits.LAST_YEAR
               for year in (start, end)) or start > end:
        raise BadSettings(path, msg("[horizon] start and end must be years ({first}–{last}), "
                                      "start ≤ end", first=limits.FIRST_YEAR,
                                      last=limits.LAST_YEAR))
    return RoadmapSettings(
        title=_text(path, data, "title", RoadmapSettings.title),
        subtitle=_text(path, data, "subtitle", ""),
        start_year=start, end_year=end,
        lanes=tuple(_texts(path, data, "lanes")),
        lane_labels=_labels(path, data),
        palette=_palette(path, data),
        markers=tuple(_markers(path, data)),
        duration_years=_positive(path, data, "duration_years", 1.0),
        max_parallel_per_owner=_limit(path, data),
    )


def _table(path: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise BadSettings(path, msg("'{key}' must be a table", key=key))
    return value


def _text(path: Path, data: dict[str, Any], key: str, default: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise BadSettings(path, msg("'{key}' must be a text", key=key))
    return value


def _texts(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadSettings(path, msg("'{key}' must be a list of texts", key=key))
    return value


def _labels(path: Path, data: dict[str, Any]) -> dict[str, str]:
    labels = _table(path, data, "lane_labels")
    for name, label in labels.items():
        if not isinstance(label, str):
            raise BadSettings(path, msg("[lane_labels] '{name}' must be a text", name=name))
    return dict(labels)


def _palette(path: Path, data: dict[str, Any]) -> dict[str, str]:
    palette = {str(k): v for k, v in _table(path, data, "palette").items()}
    for name, colour in palette.items():
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise BadSettings(path, msg("[palette] '{name}': the colour must be written #RRGGBB",
                                          name=name))
    return palette


def _markers(path: Path, data: dict[str, Any]) -> list[Marker]:
    entries = data.get("markers", [])
    if not isinstance(entries, list):
        raise BadSettings(path, msg("[[markers]] must be tables"))
    markers = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            raise BadSettings(path, msg("marker {number}: label must be a text",
                                        number=number))
        try:
            period = coerce.parse_period(entry.get("date"))
        except coerce.CoerceError:
            period = None
        if period is None or period.started_before:
            raise BadSettings(path, msg("marker {number}: date must be a date, a quarter or a "
                                        "year", number=number))
        markers.append(Marker(period.first, entry["label"]))
    return markers


def _positive(path: Path, data: dict[str, Any], key: str, default: float) -> float:
    value = data.get(key, default)
    if not limits.finite_in(value, 0, MAX_DURATION) or value == 0:
        raise BadSettings(path, msg("'{key}' must be a number above 0 and at most {most:g}",
                                      key=key, most=MAX_DURATION))
    return float(value)


def _limit(path: Path, data: dict[str, Any]) -> int | None:
    value = data.get("max_parallel_per_owner")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or \
            not 1 <= value <= limits.MAX_PARALLEL:
        raise BadSettings(path, msg("'max_parallel_per_owner' must be a whole number from 1 "
                                      "to {most}", most=limits.MAX_PARALLEL))
    return value


def roadmap_settings(path: Path | None, first: int | None = None,
                     last: int | None = None) -> RoadmapSettings:
    """Settings from ``path`` (or the bundled file), with the horizon overridden if asked."""
    from okosys_plan.bundled import bundled_settings

    return load_settings(path or bundled_settings()).with_horizon(first, last)


def default_chart(settings: RoadmapSettings) -> Path:
    """The chart's name when none is given: veikart-2022-2025.png."""
    return Path(f"veikart-{settings.start_year}-{settings.end_year}.png")
