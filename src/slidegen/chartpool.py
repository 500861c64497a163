"""Worker processes that draw one deck's charts (charts.render) while the deck is made.

A worker spends its first ~0.35 s importing matplotlib. The command line therefore starts one
on standby before it imports the rest of slidegen and reads the deck, when a build may want
it; the build claims it, or starts its own. A standby nobody claimed (the deck was unchanged,
or has fewer than two charts to draw) is stopped, not waited for.

concurrent.futures, not multiprocessing.Pool: when a worker dies (the OOM killer, a kill), the
executor fails every waiting chart at once (BrokenProcessPool) and the deck's process draws
them itself; a Pool waits forever for the dead worker's answer, and its terminate() can hang on
a queue lock the dead worker held."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a pool is made: a build with --jobs 1 never needs them
    from concurrent.futures import ProcessPoolExecutor

MAX_WORKERS = 3  # a deck has a handful of charts: more workers only cost memory (~45 MB each)

_standby: ProcessPoolExecutor | None = None


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def start_standby(workers: int) -> None:
    """Fork up to `workers` chart workers now, to be claimed by the build."""
    global _standby
    discard_standby()
    if workers > 0:
        _standby = _new_pool(workers)


def charts_probably_cached(deck: Path, output: Path | None, data_folder: Path | None) -> bool:
    """Whether rebuilding this deck will most likely take every chart from the cache: the
    output's slide cache was written after the last change in data/. A standby worker would then
    only cost a rebuild after a text edit ~40 ms of its ~0.5 s. A wrong guess costs time only:
    the build starts its own workers later, or a standby nobody needs is stopped.

    output None: build/<deck>.pptx (a per-kommune deck named by its kommune is not guessed)."""
    from .assets import default_output, find_data_folder
    from .charts.cache import slide_cache_file

    try:
        cached = slide_cache_file(output or default_output(deck)).stat()
        folder = data_folder or find_data_folder(deck.resolve().parent)
        changed = max((entry.stat().st_mtime_ns for entry in os.scandir(folder)
                       if entry.is_file()), default=0) if folder else 0
    except OSError:
        return False
    return cached.st_mtime_ns > changed


def claim(workers: int) -> ProcessPoolExecutor:
    """The standby workers if there are any, else `workers` new ones; stop() them when done."""
    global _standby
    pool, _standby = _standby, None
    return pool if pool is not None else _new_pool(workers)


def worker_count(pool: ProcessPoolExecutor) -> int:
    return pool._max_workers  # not public, but stable since Python 3.2


def discard_standby() -> None:
    global _standby
    if _standby is not None:
        stop(_standby)
        _standby = None


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now: idle ones, or ones still importing matplotlib, are not waited for.
    (A worker stopped while writing a chart leaves at most a .tmp file in the chart cache: the
    cache only ever renames whole pictures into place.)"""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()


def fork_context():
    """Fork where the platform can: a forked worker starts at once, sharing what is loaded
    (elsewhere the platform's default, which starts a fresh interpreter)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix"
                                       else None)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Chart workers, started now, each importing matplotlib as it starts."""
    from concurrent.futures import ProcessPoolExecutor

    from . import charts

    pool = ProcessPoolExecutor(min(workers, MAX_WORKERS), mp_context=fork_context(),
                               initializer=charts.warm_up)
    pool.submit(os.getpid)  # a fork pool starts all its workers at the first task: now
    return pool
