"""The ``funding`` command as a library call returning an ``Outcome``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okosys_plan.cli.actions.prioritise import ScoreRequest, load_ranked
from okosys_plan.cli.outcome import Outcome
from okosys_plan.funding.keys import KeyOptions
from okosys_plan.funding.options import SHARE
from okosys_plan.prioritise.api import PriorityOptions
from okosys_plan.roadmap.settings import roadmap_settings

if TYPE_CHECKING:
    from okosys_plan.funding.api import FundingAnalysis


@dataclass(frozen=True)
class FundingRequest:
    """What ``funding`` was asked to do."""

    key: str | None = None  # --key: the key shown first
    compare: tuple[str, ...] = ()  # --compare: the keys side by side (all when neither)
    share: str = SHARE.default  # cost or gap
    year: int | None = None
    volume_growth: float | None = None  # percent a year
    settings: Path | None = None  # roadmap settings (the horizon)
    output: Path | None = None
    chart: Path | None = None
    options: KeyOptions = field(default_factory=KeyOptions)
    score: ScoreRequest = field(default_factory=ScoreRequest)  # force, lang, max_unpacked

    def keys(self) -> tuple[str, ...]:
        """The keys to compute, checked (UsageError for an unknown one)."""
        from okosys_plan.funding.allocate import KEYS, key_name

        asked = ([self.key] if self.key else []) + list(self.compare)
        return tuple(dict.fromkeys(key_name(k) for k in asked)) if asked else KEYS


def funding_file(path: Path, request: FundingRequest) -> Outcome:
    """Analyse a catalogue's costs, funding, gaps and cost sharing; write what is asked."""
    from okosys_plan.funding.api import analyse_funding
    from okosys_plan.funding.present import funding_document, funding_text

    keys = request.keys()  # bad keys and chart names stop before anything is read
    _check_targets(path, request)
    settings = roadmap_settings(request.settings)
    loaded = load_ranked(path, request.score, PriorityOptions())
    if isinstance(loaded, Outcome):
        return loaded
    catalogue, ranking = loaded
    lang = request.score.lang
    growth = None if request.volume_growth is None else request.volume_growth / 100
    analysis = analyse_funding(catalogue, settings, ranking, keys=keys,
                               share=request.share, year=request.year, volume_growth=growth,
                               options=request.options)
    written = _write(path, analysis, request)
    document = funding_document(analysis, lang)
    document["files"] = [str(p) for p in written]
    return Outcome(funding_text(analysis, lang), document, stderr=[str(p) for p in written])


def _targets(request: FundingRequest) -> list[Path]:
    targets = [request.output] if request.output else []
    if request.output:
        from okosys_plan.export.files import WORKBOOK, check_suffix

        check_suffix(request.output, WORKBOOK)
    if request.chart:
        from okosys_plan.charts.funding.save import funding_chart_paths
        from okosys_plan.charts.save import chart_format

        chart_format(request.chart)
        targets += funding_chart_paths(request.chart)
    return targets


def _check_targets(path: Path, request: FundingRequest) -> None:
    """Every output checked (suffix, existing file, not the input) before any work."""
    from okosys_plan.bundled import bundled_settings
    from okosys_plan.export.files import check_outputs

    check_outputs(_targets(request), force=request.score.force,
                  inputs=(path, request.settings or bundled_settings()))


def _write(path: Path, analysis: FundingAnalysis, request: FundingRequest) -> list[Path]:
    """Write the workbook and charts asked for."""
    lang = request.score.lang
    if request.output:
        from okosys_plan.funding.workbook import write_funding_workbook

        write_funding_workbook(request.output, analysis, lang=lang, force=True, inputs=(path,))
    if request.chart:
        from okosys_plan.charts.funding.save import write_funding_charts

        write_funding_charts(request.chart, analysis, lang=lang, force=True, inputs=(path,))
    return _targets(request)
