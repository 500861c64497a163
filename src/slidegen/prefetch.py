"""Draw charts in worker processes while the slides are made: matplotlib is most of a cold
build's time, and charts do not depend on each other. A worker computes a chart's data, draws it
into the chart cache and hands the data back, so the slide neither computes nor draws it again.

Workers are forked: they start with the data already loaded and pandas imported."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import charts
from .data import Data
from .errors import SlidegenError
from .inputs import shared_data
from .slides.chart import chart_data
from .slides.context import SlideContext
from .spec.data_kinds import ChartSlide
from .texts import TextRenderer

EMU_PER_INCH = 914400

@dataclass(frozen=True)
class ChartTask:
    """One chart to draw: the slide, the kommune its texts and selection are for, the size."""

    folder: Path
    spec: ChartSlide
    text_kommune: str | None
    kommune: str | None
    size: tuple[float, float]


def draw(task: ChartTask):
    """Compute the chart's data and draw it into the cache; (data, rows read as (dataset,
    region)), or None if it cannot be shown (the slide then reports why, with file:line)."""
    try:
        data = shared_data(task.folder)
        data.load()
        spec = TextRenderer(data, task.text_kommune).render_slide(task.spec)
        chart = chart_data(spec, SlideContext(data, task.kommune))
        charts.render(spec.chart, chart, *task.size, spec.highlight)
    except (SlidegenError, charts.ChartError):
        return None
    read = set()
    for name, dataset in data.datasets.items():
        read |= {(name, region) for region in dataset.used_regions}
        dataset.used_regions.clear()
    return chart, read


def chart_size(template, prs) -> tuple[float, float]:
    """The layout's chart area in inches."""
    layout, roles = template.layout(prs, "chart")
    area = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == roles["chart"])
    return area.width / EMU_PER_INCH, area.height / EMU_PER_INCH


def chart_tasks(slides, folder: Path, size) -> dict[int, ChartTask]:
    """slides: (spec, text renderer, context) in order → the picture charts among them."""
    return {i: ChartTask(folder, spec, texts.kommune, ctx.kommune, size)
            for i, (spec, texts, ctx) in enumerate(slides)
            if isinstance(spec, ChartSlide) and spec.render == "picture"}


def pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes, forked where the platform can (they share what is loaded)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods and os.name == "posix" \
        else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


class Prefetch:
    """Charts being drawn in workers while the build goes on; take(i) waits for slide i's."""

    def __init__(self, slides, data: Data, template, prs, jobs: int):
        size = chart_size(template, prs)
        tasks = chart_tasks(slides, data.folder, size)
        self.futures: dict[int, Future] = {}
        self.pool = None
        if len(tasks) > 1:  # worker processes pay off only for two charts or more
            self.pool = pool(min(jobs, len(tasks)))
            self.futures = {i: self.pool.submit(draw, task) for i, task in tasks.items()}

    def take(self, index: int, data: Data):
        """Slide index's chart data (and its rows marked as read), or None."""
        future = self.futures.pop(index, None)
        result = future.result() if future is not None else None
        if result is None:
            return None
        chart, read = result
        for name, region in read:
            data.datasets[name].used_regions.add(region)
        return chart

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
