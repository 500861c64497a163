"""Worker processes that draw one deck's charts (charts.render) while the deck is made.

A worker spends its first ~0.35 s importing matplotlib. The command line therefore starts one
on standby before it imports the rest of slidegen and reads the deck, when a build may want
it; the build claims it, or starts its own. A standby nobody claimed (the deck was unchanged,
or has fewer than two charts to draw) is stopped, not waited for."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.pool import Pool

_standby: Pool | None = None


def start_standby(workers: int) -> None:
    """Fork `workers` chart workers now, to be claimed by the build."""
    global _standby
    discard_standby()
    if workers > 0:
        _standby = _new_pool(workers)


def claim(workers: int) -> Pool:
    """The standby workers if there are any, else `workers` new ones; the caller terminates
    them when done."""
    global _standby
    pool, _standby = _standby, None
    return pool if pool is not None else _new_pool(workers)


def discard_standby() -> None:
    global _standby
    if _standby is not None:
        _standby.terminate()
        _standby = None


def _new_pool(workers: int) -> Pool:
    """Forked where the platform can: a forked worker starts at once, sharing what is loaded."""
    from . import charts

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix"
                                          else None)
    return context.Pool(workers, initializer=charts.warm_up)
