"""Write the priority charts: the contributions chart and, with a sensitivity run, the
rank intervals beside it, in every format asked for, each drawn once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okosys_plan.charts.geometry import language
from okosys_plan.charts.priority.layout import layout_contributions, layout_rank_intervals
from okosys_plan.charts.save import Layout, chart_format, charts_bytes
from okosys_plan.export.files import check_target, write_bytes_atomic
from okosys_plan.prioritise.scoring import Ranking
from okosys_plan.prioritise.sensitivity import Sensitivity

_INTERVAL_SUFFIX = {"nb": "rangintervall", "en": "rank-intervals"}


def chart_paths(path: Path, with_intervals: bool, lang: str = "nb") -> list[Path]:
    """The contributions chart at ``path``, then the rank-interval chart beside it if asked."""
    if not with_intervals:
        return [path]
    return [path, path.with_name(f"{path.stem}-{_INTERVAL_SUFFIX[language(lang)]}"
                                 f"{path.suffix}")]


def write_priority_charts(path: Path, ranking: Ranking, sensitivity: Sensitivity | None = None,
                          *, top_n: int = 20, lang: str = "nb", force: bool = False,
                          inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write the contributions chart to ``path`` and, with ``sensitivity``, the intervals.

    Every target is checked (suffix, existing file, not an input) and every chart drawn
    before the first file is written, so a refusal never leaves half a set behind.
    """
    return write_priority_chart_formats([path], ranking, sensitivity, top_n=top_n, lang=lang,
                                        force=force, inputs=inputs)


def write_priority_chart_formats(paths: Sequence[Path], ranking: Ranking,
                                 sensitivity: Sensitivity | None = None, *, top_n: int = 20,
                                 lang: str = "nb", force: bool = False,
                                 inputs: tuple[Path, ...] = ()) -> list[Path]:
    """``write_priority_charts`` for each path (one format each), each chart drawn once.

    For ``[a.png, a.svg]``: a.png and its intervals, then a.svg and its intervals.
    """
    groups = [chart_paths(Path(p), sensitivity is not None, lang) for p in paths]
    targets = [target for group in groups for target in group]
    for target in targets:
        chart_format(target)  # a bad suffix is refused before anything is drawn
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    layouts: list[Layout] = [layout_contributions(ranking, top_n, lang)]
    if sensitivity is not None:
        layouts.append(layout_rank_intervals(ranking, sensitivity, top_n, lang))
    made = charts_bytes(layouts, [chart_format(group[0]) for group in groups])
    files = [made[index][number] for number, group in enumerate(groups)
             for index in range(len(group))]
    for target, data in zip(targets, files, strict=True):
        write_bytes_atomic(target, data)
    return targets
