"""The accelerators of one session: the slide-source links of a build, the incremental
fingerprints, the chart workers and a batch's worker processes. Imported before the heavy
libraries (the command line starts chart workers first), so it imports its parts when used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..session import Session
from . import chartpool

if TYPE_CHECKING:
    from ..build import Build, BuildResult, PlannedSlide, SlideMaker
    from .charts import Computed


def plug_in(session: Session | None = None) -> Session:
    """The session (a new one if None) with the accelerators plugged in, unless it switches
    them off (accelerate=False) or has them already."""
    session = session or Session()
    if session.accelerate and session.accelerators is None:
        session.accelerators = Accelerators(session)
    return session


class Accelerators:
    """The speed-ups of one session, and what they keep running between its decks."""

    def __init__(self, session: Session):
        self.session = session
        self.standby: chartpool.Workers | None = None  # chart workers started early
        self.computed: dict[Path, Computed] = {}  # a batch's charts, by the deck's output

    def for_session(self, session: Session) -> Accelerators:
        """Accelerators of the same kind for another session (a batch's)."""
        return Accelerators(session)

    def chain(self, build: Build, maker: SlideMaker) -> SlideMaker:
        """The slide source of a build: the slide cache, then charts computed ahead (a
        batch's, if data/ is unchanged since) or drawn by workers meanwhile, then the maker."""
        from .cached import CachedSlides
        from .charts import ChartsAhead, ChartWorkers

        computed = self.computed.pop(build.output, None)
        if (computed is not None and build.data is not None
                and self.session.data_digest(build.data) == computed.source):
            charts: SlideMaker = ChartsAhead(maker, computed.charts)
        else:
            charts = ChartWorkers(maker, self.claim_chart_workers)
        return _Forgets(CachedSlides(build, charts))

    def start_standby(self, count: int) -> None:
        """Start up to count chart workers now, for a build to claim: they import matplotlib
        while this process reads the deck and its data."""
        self.discard_standby()
        if count > 0:
            self.standby = chartpool.start(min(count, chartpool.MAX_WORKERS))

    def claim_chart_workers(self, build: Build, to_make: list[PlannedSlide]
                            ) -> chartpool.Workers | None:
        """Workers for a deck's charts when it has two or more to draw (a worker costs a
        matplotlib import of its own): the standby ones, or new ones. The deck's own process
        is one of the jobs: it makes the other slides meanwhile, as much work as the charts,
        so two jobs are one chart worker."""
        from .charts import is_picture_chart

        jobs = self.session.jobs
        count = sum(1 for slide in to_make if is_picture_chart(slide.spec))
        if jobs < 2 or build.data is None or count < 2 or (
                "chart" not in build.template.mapping.layouts):
            return None
        workers, self.standby = self.standby, None
        return workers or chartpool.start(min(jobs - 1, count, chartpool.MAX_WORKERS))

    def discard_standby(self) -> None:
        if self.standby is not None:
            self.standby.stop()
            self.standby = None

    def is_fresh(self, deck, output: Path, folder: Path | None, kommune: str | None) -> bool:
        """Whether output was built from exactly these inputs (incremental.is_fresh)."""
        from . import incremental

        def load():
            data = self.session.data(folder)
            data.load()
            return data

        return incremental.is_fresh(output, deck, folder, kommune, load)

    def fingerprint(self, deck, output: Path, folder: Path | None, kommune: str | None
                    ) -> dict:
        from . import incremental

        return incremental.fingerprint(output, deck, folder, kommune)

    def record(self, before: dict, result: BuildResult) -> None:
        """Remember what the deck was built from, unless it was read from data/ with a bad row
        (a batch's isolated load): a build that refuses bad rows must not find it up to date."""
        from . import incremental

        if result.data is None or not result.data.has_broken_rows:
            incremental.record(result.output, before, result.reads, result.data)

    def run_jobs(self, jobs: list, run: Callable, done: Callable[[], None]) -> list:
        """A batch's outcomes, each job run by run(job, session) in session.jobs worker
        processes; done() after each."""
        from .parallel import run_parallel

        return run_parallel(jobs, run, self.session, done)

    def close(self) -> None:
        self.discard_standby()


class _Forgets:
    """The chain's head: an output written without a record of what it was built from (one
    built outside a batch's run, for check or preview) loses any old record, so the next
    build does not call it unchanged."""

    def __init__(self, then: SlideMaker):
        self.then = then

    def __getattr__(self, name: str):
        return getattr(self.then, name)

    def written(self, build: Build, result: BuildResult) -> None:
        from . import incremental

        incremental.forget(build.output)
        self.then.written(build, result)
