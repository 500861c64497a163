"""Draw a deck's charts in worker processes before its slides are made: matplotlib is most of a
cold build's time, and charts do not depend on each other. The workers fill the chart cache, and
the build then takes every picture from it."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress

from . import charts
from .errors import SlidegenError
from .slides.chart import chart_data
from .slides.context import SlideContext
from .spec.data_kinds import ChartSlide

EMU_PER_INCH = 914400


def _draw(args) -> None:
    with suppress(charts.ChartError, SlidegenError):  # the build reports it, with file:line
        charts.render(*args)


def prefetch_charts(slides, template, prs, jobs: int) -> int:
    """slides: (spec, text renderer, context) in order. Returns how many charts were sent
    to be drawn (those not in the cache)."""
    layout, roles = template.layout(prs, "chart")
    area = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == roles["chart"])
    size = (area.width / EMU_PER_INCH, area.height / EMU_PER_INCH)
    work = []
    for spec, texts, ctx in slides:
        if not (isinstance(spec, ChartSlide) and spec.render == "picture"):
            continue
        try:
            spec = texts.render_slide(spec)
            data = chart_data(spec, SlideContext(ctx.data, ctx.kommune))
        except (SlidegenError, charts.ChartError):
            continue
        if not charts.is_cached(spec.chart, data, *size, spec.highlight):
            work.append((spec.chart, data, *size, spec.highlight))
    if len(work) > 1:  # worker processes pay off only for two charts or more
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            list(pool.map(_draw, work))
    return len(work)
