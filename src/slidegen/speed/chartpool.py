"""Worker processes that draw charts while a deck is made, or a batch's decks.

A worker spends its first fraction of a second importing matplotlib, so the command line starts
one on standby before it imports the rest of slidegen and reads the deck, when a build may want
it (Accelerators.standby); the build claims it, or starts its own. A standby nobody claimed
(the deck was unchanged, or has fewer than two charts to draw) is stopped, not waited for.

concurrent.futures, not multiprocessing.Pool: when a worker dies (the OOM killer, a kill), the
executor fails every waiting chart at once (BrokenProcessPool) and the deck's process draws
them itself; a Pool waits forever for the dead worker's answer, and its terminate() can hang on
a queue lock the dead worker held."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a pool is made: a build with --jobs 1 never needs them
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

    from ..session import Session

MAX_WORKERS = 3  # a deck has a handful of charts: more workers only cost memory

# A worker process's session: the one that started it, as it was when the worker was forked
# (data/ read, templates loaded), with a painter of its own (its canvases and compressing thread
# kept from one chart to the next). Set as the worker starts; never in the starting process.
_session: Session | None = None


def start_worker(session: Session) -> None:
    """A worker's start: its session, and matplotlib imported and the fonts loaded ahead of
    the first chart."""
    global _session
    import signal

    from .. import charts

    # Ctrl-C reaches every process of the terminal's group: the starting process stops the
    # workers (Workers.stop), so a worker ignores it instead of printing a traceback of its
    # own; stopped, it removes the temporary files it was writing and leaves at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    _session = session
    session.painter = charts.Painter(cache=session.accelerators is not None)
    charts.warm_up()


def _leave(signum, frame) -> None:
    from ..files import remove_unfinished

    remove_unfinished()
    os._exit(128 + signum)


def worker_session() -> Session:
    """The session of the worker process this runs in."""
    return _session


def paint(kind: str, chart, width_in: float, height_in: float, highlight=None) -> None:
    """A worker's task: draw the chart into the chart cache (the picture is not sent back)."""
    _session.painter.render(kind, chart, width_in, height_in, highlight)


def paint_ahead(kind: str, chart, width_in: float, height_in: float, highlight=None) -> None:
    """A worker's task: Painter.render_ahead."""
    _session.painter.render_ahead(kind, chart, width_in, height_in, highlight)


def finish_ahead() -> None:
    """A worker's task: Painter.finish_ahead."""
    _session.painter.finish_ahead()


@dataclass
class Workers:
    """A started pool of worker processes: the executor, how many, and which processes (to
    stop idle ones at once instead of waiting for them)."""

    pool: ProcessPoolExecutor
    count: int
    processes: list[BaseProcess]

    def stop(self) -> None:
        """Stop the workers now: idle ones, or ones still importing matplotlib, are not waited
        for. (A worker stopped while writing a chart leaves at most a temporary file in the
        chart cache: the cache only ever renames whole pictures into place.)"""
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()


def start(count: int, session: Session) -> Workers:
    """count worker processes for session, started now (forked where the platform can: a forked
    worker starts at once, sharing what is loaded), each running start_worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix"
                                          else None)
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=start_worker,
                               initargs=(session,))
    pool.submit(os.getpid)  # a fork pool starts all its workers at the first task: now
    started = [p for p in multiprocessing.active_children() if p not in before]
    return Workers(pool, count, started)


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def charts_probably_cached(deck: Path, output: Path | None, data_folder: Path | None) -> bool:
    """Whether rebuilding this deck will most likely take every chart from the cache: the
    output's slide cache was written after the last change in data/. A standby worker would then
    only cost the rebuild time. A wrong guess costs time only: the build starts its own workers
    later, or a standby nobody needs is stopped.

    output None: build/<deck>.pptx (a per-kommune deck named by its kommune is not guessed)."""
    from ..assets import default_output, find_data_folder
    from ..charts.cache import slide_cache_file

    try:
        cached = slide_cache_file(output or default_output(deck)).stat()
        folder = data_folder or find_data_folder(deck.resolve().parent)
        changed = max((entry.stat().st_mtime_ns for entry in os.scandir(folder)
                       if entry.is_file()), default=0) if folder else 0
    except OSError:
        return False
    return cached.st_mtime_ns > changed
