"""The accelerators of one session: the slide-source links of a build, the incremental
fingerprints, the chart workers and a batch's worker processes. Imported before the heavy
libraries (the command line starts chart workers first), so it imports its parts when used."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
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
        return CachedSlides(build, charts)

    @contextlib.contextmanager
    def charts_ahead(self, output: Path, computed: Computed | None) -> Iterator[None]:
        """Inside the block, the build of output takes the charts computed for it ahead (by a
        batch's process); none is left behind, whether or not the build got that far."""
        if computed is not None:
            self.computed[output] = computed
        try:
            yield
        finally:
            self.computed.pop(output, None)

    def start_standby(self, count: int) -> None:
        """Start up to count chart workers now, for a build to claim: they import matplotlib
        while this process reads the deck and its data."""
        self.discard_standby()
        if count > 0:
            self.standby = chartpool.start(min(count, chartpool.MAX_WORKERS), self.session)

    def claim_chart_workers(self, build: Build, to_make: list[PlannedSlide]
                            ) -> chartpool.Workers | None:
        """Workers for a deck's charts when it has two or more to draw (a worker costs a
        matplotlib import of its own): the standby ones, or new ones. The deck's own process
        is one of the jobs: it makes the other slides meanwhile, as much work as the charts,
        so two jobs are one chart worker. A deck of a batch starts none: the batch's decks
        share the cores among themselves already (parallel.py)."""
        from .charts import is_picture_chart

        jobs = self.session.jobs
        count = sum(1 for slide in to_make if is_picture_chart(slide.spec))
        if self.session.batch or jobs < 2 or build.data is None or count < 2 or (
                "chart" not in build.template.mapping.layouts):
            return None
        workers, self.standby = self.standby, None
        return workers or chartpool.start(min(jobs - 1, count, chartpool.MAX_WORKERS),
                                          self.session)

    def discard_standby(self) -> None:
        if self.standby is not None:
            self.standby.stop()
            self.standby = None

    def is_fresh(self, deck, output: Path, folder: Path | None, kommune: str | None) -> bool:
        """Whether output was built from exactly these inputs (incremental.is_fresh)."""
        from . import incremental

        incremental.adopt(output)  # a deck built before records of what was written

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
        """Remember what the deck was built from; but a deck read from data/ with a bad row (a
        batch's isolated load) is remembered as built from nothing: a build that refuses bad
        rows must not find it up to date."""
        from . import incremental

        if result.data is not None and result.data.has_broken_rows:
            incremental.forget(result.output)
        else:
            incremental.record(result.output, before, result.reads, result.data,
                               result.digest or None,
                               [dataclasses.asdict(left) for left in result.left_out])

    def left_out(self, output: Path) -> list:
        """What skip_when_missing left out of output when it was built (build.LeftOut; said
        again for a deck found unchanged)."""
        from ..build import LeftOut
        from . import incremental

        return [LeftOut(**left) for left in incremental.recorded_left_out(output)
                if isinstance(left, dict) and set(left) == {"where", "title", "kommune"}]

    def run_jobs(self, jobs: list, run: Callable, done: Callable[[], None]) -> list:
        """A batch's outcomes, each job run by run(job, session) in session.jobs worker
        processes; done() after each."""
        from .parallel import run_parallel

        return run_parallel(jobs, run, self.session, done)

    def close(self) -> None:
        self.discard_standby()
