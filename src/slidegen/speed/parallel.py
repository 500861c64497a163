"""A batch's decks in worker processes, as many as the session's jobs.

Decks are about equal, so nine on two workers would end with one worker idle while the other
makes the ninth. So the charts of most decks are drawn first, one task each, and the decks then
take them from the chart cache; the decks left over (len % workers) draw their own and go
first, and the rest pair up evenly behind them. The charts' data is computed once, here, while
the workers import matplotlib, and handed to each deck with the rows it read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..build import Build
from ..errors import SlidegenError
from ..inputs import used_data_folder
from ..jobs import Job, Outcome
from . import chartpool, process
from .charts import Computed, Drawing, chart_size, compute_charts, is_picture_chart

if TYPE_CHECKING:
    from ..session import Session

WORKER_DIED = ("a worker process ended before its decks were made (out of memory?): they "
               "were made one by one in the main process")

def _run_in_worker(run, job: Job, computed: Computed | None) -> Outcome:
    session = chartpool.worker_session()
    with session.accelerators.charts_ahead(job.output, computed):
        return run(job, session)


def _paint(drawing: Drawing) -> None:
    chartpool.paint(drawing.kind, drawing.chart, *drawing.size, drawing.highlight)


def run_parallel(jobs: list[Job], run: Callable, session: Session, done: Callable[[], None]
                 ) -> list[Outcome]:
    """Every job's outcome, in the jobs' order; done() after each deck."""
    workers = max(1, min(session.jobs, len(jobs)))
    outcomes: dict[Job, Outcome] = {}
    if workers == 1:
        for job in jobs:
            outcomes[job] = run(job, session)
            done()
        return [outcomes[job] for job in jobs]
    with process.frozen():  # the data just read: a forked worker's collector leaves it be
        pool = chartpool.start(workers, session)
        try:
            _schedule(jobs, run, session, pool, outcomes, done)
        except BaseException:  # Ctrl-C: the decks under way are not waited for
            pool.stop()
            raise
        pool.pool.shutdown(wait=True)
    return [outcomes[job] for job in jobs]


def _schedule(jobs: list[Job], run, session: Session, pool: chartpool.Workers,
              outcomes: dict, done: Callable[[], None]) -> None:
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    split = len(jobs) - len(jobs) % pool.count
    planned: list[tuple[Job, Computed | None]] = []
    drawings = []
    for job, computed in _with_charts(jobs[:split], session):
        planned.append((job, computed))
        drawings += [pool.pool.submit(_paint, drawing)
                     for drawing, _ in (computed.charts if computed else {}).values()]
    tasks = [(job, None) for job in jobs[split:]] + planned
    futures = {pool.pool.submit(_run_in_worker, run, job, computed): job
               for job, computed in tasks}
    for future in as_completed(futures):
        try:
            outcomes[futures[future]] = future.result()
        except BrokenProcessPool:  # a worker was killed (the OOM killer, a kill): see below
            continue
        done()
    for future in drawings:
        future.exception()  # a chart not drawn was drawn by its slide, which says why
    # A dead worker fails every deck not yet done at once: those are made here, one by one
    # (forced: one it finished before the pool broke would look unchanged, not built).
    for job, _ in tasks:
        if job not in outcomes:
            outcome = run(replace(job, force=True), session)
            outcomes[job] = replace(outcome, warnings=(*outcome.warnings, WORKER_DIED))
            done()


def _with_charts(jobs: list[Job], session: Session) -> Iterator[tuple[Job, Computed | None]]:
    """The jobs, each with the picture charts of its deck computed (none for a deck that is
    fresh, or cannot be planned here: its build reports why)."""
    sizes: dict = {}
    for job in jobs:
        computed = None
        try:
            deck = job.spec(session.boundary(job.deck_file))
            folder = used_data_folder(deck, job.data_folder)
            if folder is not None and (job.force or not session.accelerators.is_fresh(
                    deck, job.output, folder, job.kommune)):
                build = Build.plan(deck, job.output, None, job.data_folder, session)
                slides = [s for s in build.slides if is_picture_chart(s.spec)]
                if slides:
                    if deck.template not in sizes:
                        sizes[deck.template] = chart_size(
                            build.template, build.template.new_presentation())
                    computed = Computed(
                        {index: (drawing, reads) for index, drawing, reads
                         in compute_charts(slides, build.data, sizes[deck.template],
                                           deck.language)},
                        session.data_digest(build.data))
        except SlidegenError:
            pass
        yield job, computed if computed and computed.charts else None
