"""Write chain maps: PNG, SVG and PDF files plus each map's text alternative (.md, .csv).

One set of files per chain. With several chains, each chart's name gets the chain's slug
(``kart.png`` becomes ``kart-dodsfall-og-arv.png``); every target is checked before
anything is drawn, so a refusal never leaves half a set behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from okosys_plan.chains.events import slug
from okosys_plan.chains.model import ChainMap
from okosys_plan.charts.chains.model import ChainLayout
from okosys_plan.charts.chains.text_alternative import element_tips, text_files
from okosys_plan.charts.forked import save_formats
from okosys_plan.charts.roadmap.save import svg_tooltips
from okosys_plan.charts.save import chart_format, figure_bytes, figure_for
from okosys_plan.errors import UsageError
from okosys_plan.export.files import check_outputs, write_bytes_atomic

DEFAULT_NAME = Path("kart.png")


def chain_charts(paths: Sequence[Path], chain: ChainMap, several: bool) -> list[Path]:
    """The chart files of one chain: ``paths`` (each once), with its slug if ``several``."""
    charts = list(dict.fromkeys(Path(p) for p in paths)) or [DEFAULT_NAME]
    for chart in charts:
        chart_format(chart)
    if several:
        charts = [c.with_name(f"{c.stem}-{slug(chain.name)}{c.suffix}") for c in charts]
    return charts


def chain_targets(paths: Sequence[Path], chain: ChainMap, several: bool) -> list[Path]:
    """The chain's charts, then the .md and .csv beside the first."""
    charts = chain_charts(paths, chain, several)
    return [*charts, charts[0].with_suffix(".md"), charts[0].with_suffix(".csv")]


def check_chain_targets(paths: Sequence[Path], chains: Sequence[ChainMap], *, force: bool,
                        inputs: Sequence[Path]) -> list[list[Path]]:
    """Every chain's targets, all checked before any is written (``check_outputs``)."""
    if not paths:
        raise UsageError.bad_option("no file given for the map")
    several = len(chains) > 1
    targets = [chain_targets(paths, c, several) for c in chains]
    check_outputs([t for ts in targets for t in ts], force=force, inputs=inputs)
    return targets


def write_chain_charts(targets: Sequence[Path], layout: ChainLayout) -> list[Path]:
    """Write one chain's charts and text alternative to its (checked) ``targets``."""
    charts = list(targets[:-2])
    files = dict(zip(charts, chain_bytes(layout, [chart_format(c) for c in charts]),
                     strict=True))
    for suffix, data in text_files(layout).items():
        files[charts[0].with_suffix(suffix)] = data
    for target in targets:
        write_bytes_atomic(target, files[target])
    return list(targets)


def chain_bytes(layout: ChainLayout, formats: Sequence[str]) -> list[bytes]:
    """The map drawn once and saved in each format ('png', 'svg', 'pdf'); in SVG each
    element's box has a tooltip with its whole text, actor and break."""
    figure = figure_for(layout)
    tips = element_tips(layout.chain, layout.lang)

    def save(fmt: str) -> bytes:
        """The drawn map in ``fmt``, with the tooltips in SVG."""
        data = figure_bytes(figure, fmt, title=layout.texts.title,
                            description=layout.description)
        return svg_tooltips(data, tips) if fmt == "svg" else data

    return save_formats(save, formats)
