"""Draw charts in worker processes while the slides are made: matplotlib is most of a cold
build's time, and charts do not depend on each other. Workers draw into the chart cache, so the
slide takes its picture from there and does not draw it again.

A batch's workers (ChartTask, draw) compute each chart's data themselves, from the data they
were forked with; a single deck's (Prefetch) are given the data, computed by the deck's own
process, which they were forked too early to have."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import chartpool, charts
from .errors import SlidegenError
from .inputs import shared_data
from .slides.chart import chart_data
from .slides.context import SlideContext
from .spec.data_kinds import ChartSlide
from .texts import TextRenderer

if TYPE_CHECKING:  # multiprocessing is imported only when there are workers (not with --jobs 1)
    from concurrent.futures import Future, ProcessPoolExecutor

EMU_PER_INCH = 914400
WORKER_TIMEOUT = 60  # seconds for one chart; a chart takes ~0.2 s

@dataclass(frozen=True)
class ChartTask:
    """One chart to draw: the slide, the kommune its texts and selection are for, the size."""

    folder: Path
    spec: ChartSlide
    text_kommune: str | None
    kommune: str | None
    size: tuple[float, float]
    isolate: bool = False  # a batch's chart: see data.Data


def draw(task: ChartTask):
    """Compute the chart's data and draw it into the cache; (data, rows read as (dataset,
    region)), or None if it cannot be shown (the slide then reports why, with file:line)."""
    try:
        data = shared_data(task.folder, task.isolate)
        data.load()
        spec = TextRenderer(data, task.text_kommune).render_slide(task.spec)
        chart = chart_data(spec, SlideContext(data, task.kommune))
        charts.render(spec.chart, chart, *task.size, spec.highlight)
    except (SlidegenError, charts.ChartError):
        return None
    return chart, data.take_reads()


def chart_size(template, prs) -> tuple[float, float]:
    """The layout's chart area in inches."""
    layout, roles = template.layout(prs, "chart")
    area = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == roles["chart"])
    return area.width / EMU_PER_INCH, area.height / EMU_PER_INCH


def chart_tasks(slides, folder: Path, size, isolate: bool = False) -> dict[int, ChartTask]:
    """slides: (spec, text renderer, context) in order → the picture charts among them."""
    return {i: ChartTask(folder, spec, texts.kommune, ctx.kommune, size, isolate)
            for i, (spec, texts, ctx) in enumerate(slides) if _is_picture_chart(spec)}


def pool(workers: int) -> ProcessPoolExecutor:
    """A batch's worker processes, forked where the platform can (they share what is loaded)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=chartpool.fork_context())


class Prefetch:
    """A single deck's charts, drawn in worker processes while the slides are made.

    The workers may have been forked before the data was read (see chartpool); they import
    matplotlib while the deck's process imports pandas and reads the data, so on two cores
    neither waits for the other. The deck's process computes each chart's data (it needs it
    for the alt text anyway, and so records the rows it read) and hands the workers only what
    to draw."""

    def __init__(self, workers: int):
        self.pool = chartpool.claim(workers)
        self.waiting: dict[int, Future] = {}  # slide index → its drawing
        self.computed: dict[int, tuple[object, set]] = {}
        self.data = None
        self.broken = False

    def submit(self, slides, data, size: tuple[float, float]) -> None:
        """slides: (spec, text renderer, context) in order, None for those not to be made."""
        from concurrent.futures.process import BrokenProcessPool

        self.data = data
        earlier = data.take_reads()
        # One worker draws the charts one after another, each compressed while the next is
        # drawn (charts.render_ahead): a chart is then in the cache once the call after it
        # returns. The first is drawn the plain way: the deck needs it early, and alone.
        # Several workers share the charts out in no set order, so each is drawn whole.
        ahead = chartpool.worker_count(self.pool) == 1
        sent: list[tuple[int, Future, bool]] = []  # slide index, its drawing, drawn ahead
        for index, slide in enumerate(slides):
            if slide is None or not _is_picture_chart(slide[0]):
                continue
            spec, texts, ctx = slide
            try:
                spec = texts.render_slide(spec)
                chart = chart_data(spec, ctx)
                charts.KINDS[spec.chart].check(chart, spec.chart)
            except (SlidegenError, charts.ChartError):
                data.take_reads()
                continue  # the slide itself reports it, with file:line
            self.computed[index] = chart, data.take_reads()
            if not self.broken:
                draw = charts.render_ahead if ahead and sent else charts.render
                try:
                    drawing = self.pool.submit(draw, spec.chart, chart, *size, spec.highlight)
                except BrokenProcessPool:  # a worker died already: the slides draw them
                    self.broken = True
                else:
                    sent.append((index, drawing, draw is charts.render_ahead))
        data.mark_read(earlier)
        if self.broken:
            return
        if any(was_ahead for _, _, was_ahead in sent):
            try:
                sent.append((-1, self.pool.submit(charts.finish_ahead), False))
            except BrokenProcessPool:
                self.broken = True
                return
        for position, (index, drawing, was_ahead) in enumerate(sent):
            if index >= 0:  # in the cache when its own call returns, or (ahead) the next one
                self.waiting[index] = sent[position + 1][1] if was_ahead else drawing

    def has(self, index: int) -> bool:
        return index in self.computed

    def take(self, index: int):
        """Slide index's chart data (its rows marked as read) once its picture is in the chart
        cache (or the workers failed, and the slide draws it), or None."""
        if index not in self.computed:
            return None
        result = self.waiting.pop(index, None)
        if result is not None and not self.broken:
            try:
                result.result(timeout=WORKER_TIMEOUT)
            except Exception:  # noqa: BLE001 - the slide draws it itself, and says what fails
                # A worker died (BrokenProcessPool fails every waiting chart at once) or hangs:
                # stop waiting for the others too.
                self.broken = True
        chart, read = self.computed.pop(index)
        self.data.mark_read(read)
        return chart

    def close(self) -> None:
        """Stop the workers: after the last chart they are idle; after an error nothing they
        draw is needed any more."""
        chartpool.stop(self.pool)


def picture_charts(slides) -> int:
    """How many of slides ((spec, …) or None) are charts drawn as pictures."""
    return sum(1 for slide in slides if slide is not None and _is_picture_chart(slide[0]))


def _is_picture_chart(spec) -> bool:
    return isinstance(spec, ChartSlide) and spec.render == "picture"


