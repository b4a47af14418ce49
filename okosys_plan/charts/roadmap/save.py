"""Write the roadmap chart: PNG, SVG and PDF files plus its text alternative (.md, .csv).

Every target is checked (suffix, existing file, not an input) before anything is drawn or
written, so a refusal never leaves half a set behind. In SVG every bar carries a tooltip
(``<title>``) with its ID, full title, period and status.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from okosys_plan.charts.forked import save_formats
from okosys_plan.charts.roadmap.model import RoadmapLayout
from okosys_plan.charts.roadmap.text_alternative import roadmap_table, text_alternative_files
from okosys_plan.charts.save import chart_format, figure_bytes, figure_for
from okosys_plan.errors import UsageError
from okosys_plan.export.files import check_target, write_bytes_atomic, xml_text

_GROUP = re.compile(rb'<g id="([A-Za-z0-9_-]+)">')


def roadmap_targets(paths: Sequence[Path]) -> list[Path]:
    """The charts (each named once, in order), then the .md and .csv beside the first."""
    charts = list(dict.fromkeys(Path(p) for p in paths))
    if not charts:
        raise UsageError.bad_option("no file given for the roadmap chart")
    for chart in charts:
        chart_format(chart)
    return [*charts, charts[0].with_suffix(".md"), charts[0].with_suffix(".csv")]


def write_roadmap_charts(paths: Sequence[Path], layout: RoadmapLayout, *, force: bool = False,
                         inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write the chart to every path and its text alternative beside the first; the paths.

    Charts are .png, .svg or .pdf; the text alternative is the first chart's name with .md
    and .csv.
    """
    targets = roadmap_targets(paths)
    for target in targets:
        check_target(target, force=force, inputs=inputs)
    charts = targets[:-2]
    files = dict(zip(charts, roadmap_bytes(layout, [chart_format(c) for c in charts]),
                     strict=True))
    for suffix, data in text_alternative_files(roadmap_table(layout)).items():
        files[charts[0].with_suffix(suffix)] = data
    for target in targets:
        write_bytes_atomic(target, files[target])
    return targets


def roadmap_bytes(layout: RoadmapLayout, formats: Sequence[str]) -> list[bytes]:
    """The chart drawn once and saved in each format ('png', 'svg', 'pdf').

    With more than one format the PNG is saved by a forked child at the same time.
    """
    figure = figure_for(layout)
    tips = {bar.gid: bar.tooltip for bar in layout.bars}

    def save(fmt: str) -> bytes:
        """The drawn chart in ``fmt``, with the tooltips in SVG."""
        data = figure_bytes(figure, fmt, title=layout.texts.title,
                            description=layout.description)
        return svg_tooltips(data, tips) if fmt == "svg" else data

    return save_formats(save, formats)


def svg_tooltips(data: bytes, tips: Mapping[str, str]) -> bytes:
    """Give each ``<g id="…">`` named in ``tips`` a ``<title>`` child with its tooltip."""

    def add(match: re.Match[bytes]) -> bytes:
        """The opening tag, followed by its tooltip if it has one."""
        tip = tips.get(match.group(1).decode())
        if tip is None:
            return match.group(0)
        text = xml_text(escape(tip))
        return match.group(0) + b"\n    <title>" + text.encode("utf-8") + b"</title>"

    return _GROUP.sub(add, data)
