"""Draw charts in worker processes while the slides are made: matplotlib is most of a cold
build's time, and charts do not depend on each other. Workers draw into the chart cache, so the
slide takes its picture from there and does not draw it again.

Each chart's data is computed once (compute_charts), by the deck's own process or, in a batch,
by the batch's process, and handed both to the worker that draws it and to the slide
(Computed.take), which needs it for the alt text and the rows it read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import chartpool, charts
from .errors import SlidegenError
from .slides.kinds.chart import ChartSlide, chart_data

if TYPE_CHECKING:  # multiprocessing is imported only when there are workers (not with --jobs 1)
    from concurrent.futures import Future, ProcessPoolExecutor

EMU_PER_INCH = 914400
WORKER_TIMEOUT = 60  # seconds for one chart; a chart takes ~0.2 s


@dataclass(frozen=True)
class Drawing:
    """One picture chart, as charts.render takes it."""

    kind: str
    chart: charts.ChartData
    size: tuple[float, float]
    highlight: str | None = None


@dataclass(frozen=True)
class Planned:
    """A deck's picture charts, computed ahead by a batch's process (compute_charts, by slide
    index), and the digest of the data/ files they were computed from (inputs.data_source): a
    deck built after data/ changed computes its own."""

    charts: dict[int, tuple[Drawing, set]]
    source: str | None


def paint(drawing: Drawing) -> None:
    """A batch worker's task: draw the chart into the cache (the picture is not sent back)."""
    charts.render(drawing.kind, drawing.chart, *drawing.size, drawing.highlight)


def compute_charts(slides, data, size) -> Iterator[tuple[int, Drawing, set]]:
    """slides: (spec, text renderer, context) in order, None for those not to be made → the
    picture charts among them, one by one: slide index, what to draw, and the (dataset,
    region) rows its data read. A chart that cannot be shown is left out: its slide reports
    why, with file:line."""
    earlier = data.take_reads()
    try:
        for index, slide in enumerate(slides):
            if slide is None or not _is_picture_chart(slide[0]):
                continue
            spec, texts, ctx = slide
            try:
                spec = texts.render_slide(spec)
                chart = chart_data(spec, ctx)
                charts.KINDS[spec.chart].check(chart)
            except (SlidegenError, charts.ChartError):
                data.take_reads()
                continue
            yield index, Drawing(spec.chart, chart, size, spec.highlight), data.take_reads()
    finally:
        data.mark_read(earlier)


def chart_size(template, prs) -> tuple[float, float]:
    """The layout's chart area in inches."""
    layout, roles = template.layout(prs, "chart")
    area = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == roles["chart"])
    return area.width / EMU_PER_INCH, area.height / EMU_PER_INCH


def pool(workers: int) -> ProcessPoolExecutor:
    """A batch's worker processes, forked where the platform can (they share what is loaded);
    each imports matplotlib as it starts."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=chartpool.fork_context(),
                               initializer=charts.warm_up)


class Computed:
    """Charts whose data was computed ahead of their slides (compute_charts), by index."""

    def __init__(self, computed: dict[int, tuple[Drawing, set]], data):
        self.computed = dict(computed)
        self.data = data

    def has(self, index: int) -> bool:
        return index in self.computed

    def take(self, index: int):
        """Slide index's chart data, its rows marked as read, or None."""
        if index not in self.computed:
            return None
        drawing, read = self.computed.pop(index)
        self.data.mark_read(read)
        return drawing.chart

    def close(self) -> None:
        pass


class Prefetch(Computed):
    """A single deck's charts, drawn in worker processes while the slides are made.

    The workers may have been forked before the data was read (see chartpool); they import
    matplotlib while the deck's process imports pandas and reads the data, so on two cores
    neither waits for the other. The deck's process computes each chart's data and hands the
    workers only what to draw."""

    def __init__(self, workers: int):
        super().__init__({}, None)
        self.pool = chartpool.claim(workers)
        self.waiting: dict[int, Future] = {}  # slide index → its drawing
        self.broken = False

    def submit(self, slides, data, size: tuple[float, float]) -> None:
        """slides: (spec, text renderer, context) in order, None for those not to be made."""
        from concurrent.futures.process import BrokenProcessPool

        self.data = data
        # One worker draws the charts one after another, each compressed while the next is
        # drawn (charts.render_ahead): a chart is then in the cache once the call after it
        # returns. The first is drawn the plain way: the deck needs it early, and alone.
        # Several workers share the charts out in no set order, so each is drawn whole.
        ahead = chartpool.worker_count(self.pool) == 1
        sent: list[tuple[int, Future, bool]] = []  # slide index, its drawing, drawn ahead
        for index, drawing, read in compute_charts(slides, data, size):
            self.computed[index] = drawing, read
            if self.broken:
                continue
            draw = charts.render_ahead if ahead and sent else charts.render
            try:  # sent at once: the worker draws it while the next one's data is computed
                future = self.pool.submit(draw, drawing.kind, drawing.chart, *drawing.size,
                                          drawing.highlight)
            except BrokenProcessPool:  # a worker died already: the slides draw them
                self.broken = True
                continue
            sent.append((index, future, draw is charts.render_ahead))
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

    def take(self, index: int):
        """Slide index's chart data (its rows marked as read) once its picture is in the chart
        cache (or the workers failed, and the slide draws it), or None."""
        result = self.waiting.pop(index, None)
        if result is not None and not self.broken:
            try:
                result.result(timeout=WORKER_TIMEOUT)
            except Exception:  # noqa: BLE001 - the slide draws it itself, and says what fails
                # A worker died (BrokenProcessPool fails every waiting chart at once) or hangs:
                # stop waiting for the others too.
                self.broken = True
        return super().take(index)

    def close(self) -> None:
        """Stop the workers: after the last chart they are idle; after an error nothing they
        draw is needed any more."""
        chartpool.stop(self.pool)


def picture_charts(slides) -> int:
    """How many of slides ((spec, …) or None) are charts drawn as pictures."""
    return sum(1 for slide in slides if slide is not None and _is_picture_chart(slide[0]))


def _is_picture_chart(spec) -> bool:
    return isinstance(spec, ChartSlide) and spec.render == "picture"


