"""Charts ahead of their slides: matplotlib is most of a cold build's time, and charts do not
depend on each other. Each picture chart's data is computed once (compute_charts), by the
deck's own process or, in a batch, by the batch's process, and handed both to whoever draws it
and to its slide, which needs it for the alt text; the rows it read go with it.

One deck: worker processes draw the charts into the chart cache while the slides are made, so
the slide takes its picture from there. A batch: the pictures were drawn by the batch's workers;
the deck takes the data computed for it, if data/ is unchanged since."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import charts
from ..build import Build, Made, PlannedSlide, SlideMaker, with_chart
from ..data.reads import Reads, recording
from ..errors import SlidegenError
from ..slides.context import SlideContext
from ..slides.kinds.chart import ChartSlide, chart_data, size_in_inches
from . import chartpool
from .link import Link

if TYPE_CHECKING:  # multiprocessing is imported only when there are workers (not with --jobs 1)
    from concurrent.futures import Future

WORKER_TIMEOUT = 60  # seconds for one chart, a hundred times what one takes


@dataclass(frozen=True)
class Drawing:
    """One picture chart, as Painter.render takes it."""

    kind: str
    chart: charts.ChartData
    size: tuple[float, float]
    highlight: str | None = None


@dataclass(frozen=True)
class Computed:
    """A deck's picture charts computed ahead, by slide index, with the rows each read; and
    the digests of the data/ files they were computed from (Session.data_digest): a deck built
    after data/ changed computes its own."""

    charts: dict[int, tuple[Drawing, Reads]]
    source: dict | None


def compute_charts(slides: list[PlannedSlide], data, size: tuple[float, float],
                   language: str) -> Iterator[tuple[int, Drawing, Reads]]:
    """The picture charts among slides, one by one: slide index, what to draw, and the
    (dataset, region) rows its data read. A chart that cannot be shown is left out: its slide
    reports why, with file:line."""
    for slide in slides:
        if not is_picture_chart(slide.spec):
            continue
        with recording() as reads:
            try:
                spec = slide.texts.render_slide(slide.spec)
                chart = chart_data(spec, SlideContext(data, slide.kommune, language=language))
                charts.KINDS[spec.chart].check(chart)
            except (SlidegenError, charts.ChartError):
                continue
        yield slide.index, Drawing(spec.chart, chart, size, spec.highlight), reads


def chart_size(template, prs) -> tuple[float, float]:
    """The chart layout's chart area in inches."""
    layout, roles = template.layout(prs, "chart")
    area = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == roles["chart"])
    return size_in_inches(area)


def is_picture_chart(spec) -> bool:
    return isinstance(spec, ChartSlide) and spec.render == "picture"


class ChartsAhead(Link):
    """Hands each chart slide the data computed for it ahead (and its rows read); with
    workers, once its picture is in the chart cache."""

    def __init__(self, then: SlideMaker, computed: dict[int, tuple[Drawing, Reads]]):
        super().__init__(then)
        self.computed = dict(computed)

    def slide(self, build: Build, planned: PlannedSlide, number: int) -> Made:
        if planned.index not in self.computed:
            return self.then.slide(build, planned, number)
        self.wait_for(planned.index)
        drawing, reads = self.computed.pop(planned.index)
        made = self.then.slide(build, with_chart(planned, drawing.chart), number)
        made.reads |= reads
        return made

    def wait_for(self, index: int) -> None:
        """Until slide index's picture is ready (nothing to wait for here: drawn already)."""


class ChartWorkers(ChartsAhead):
    """One deck's charts, drawn in worker processes while its slides are made.

    The workers may have been started before the deck was read (Accelerators.standby); they
    import matplotlib while the deck's process imports pandas and reads the data, so on two
    cores neither waits for the other. The deck's process computes each chart's data and hands
    the workers only what to draw."""

    def __init__(self, then: SlideMaker, claim):
        super().__init__(then, {})
        self.claim = claim  # (build, slides to make) → chartpool.Workers, or None: none needed
        self.workers: chartpool.Workers | None = None
        self.waiting: dict[int, Future] = {}  # slide index → its drawing
        self.broken = False

    def start(self, build: Build, to_make: list[PlannedSlide]) -> None:
        from concurrent.futures.process import BrokenProcessPool

        self.then.start(build, to_make)
        self.workers = self.claim(build, to_make)
        if self.workers is None:
            return
        # One worker draws the charts one after another, each compressed while the next is
        # drawn (Painter.render_ahead): a chart is then in the cache once the call after it
        # returns. The first is drawn the plain way: the deck needs it early, and alone.
        # Several workers share the charts out in no set order, so each is drawn whole.
        ahead = self.workers.count == 1
        sent: list[tuple[int, Future, bool]] = []  # slide index, its drawing, drawn ahead
        try:
            for index, drawing, reads in compute_charts(to_make, build.data,
                                                          chart_size(build.template, build.prs),
                                                          build.deck.language):
                self.computed[index] = drawing, reads
                draw = chartpool.paint_ahead if ahead and sent else chartpool.paint
                # sent at once: the worker draws it while the next one's data is computed
                future = self.workers.pool.submit(draw, drawing.kind, drawing.chart,
                                                  *drawing.size, drawing.highlight)
                sent.append((index, future, draw is chartpool.paint_ahead))
            if any(was_ahead for _, _, was_ahead in sent):
                sent.append((-1, self.workers.pool.submit(chartpool.finish_ahead), False))
        except BrokenProcessPool:  # a worker died already: the slides draw their own
            self.broken = True
            return
        for position, (index, drawing, was_ahead) in enumerate(sent):
            if index >= 0:  # in the cache when its own call returns, or (ahead) the next one
                self.waiting[index] = sent[position + 1][1] if was_ahead else drawing

    def wait_for(self, index: int) -> None:
        result = self.waiting.pop(index, None)
        if result is not None and not self.broken:
            try:
                result.result(timeout=WORKER_TIMEOUT)
            except Exception:  # noqa: BLE001 - the slide draws it itself, and says what fails
                # A worker died (BrokenProcessPool fails every waiting chart at once) or hangs:
                # stop waiting for the others too.
                self.broken = True

    def close(self) -> None:
        """Stop the workers: after the last chart they are idle; after an error nothing they
        draw is needed any more."""
        if self.workers is not None:
            self.workers.stop()
        self.then.close()
