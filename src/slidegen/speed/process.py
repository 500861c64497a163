"""The interpreter's own tuning for a command that builds decks: the garbage collector, and how
the process ends. A build makes millions of short-lived objects and few reference cycles."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def collecting_less_often() -> Iterator[None]:
    """Collect the youngest objects far less often than Python's default (every 700 new
    objects): a build's objects are short-lived and rarely in cycles, so the collector mostly
    walks objects that are about to be freed anyway, and the cycles that do occur are still
    collected. Restored afterwards: the command line also runs inside tests."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 20_000), *threshold[1:])
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def freeze_what_is_loaded() -> None:
    """What was imported and read so far lives as long as the process: keep the collector from
    walking it again, and a forked worker from copying the pages it would touch doing so."""
    gc.freeze()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """freeze_what_is_loaded() for the length of the block (a batch forking its workers)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def exit_now(code: int | str | None) -> None:
    """End the process at once with code, as sys.exit would, without tearing the interpreter
    down: freeing every object a build made, one by one, is work for nothing when the process
    ends anyway. Everything a command writes is closed before this (the atomic writer, the
    caches, the workers), so only the standard streams are left to flush."""
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): Python prints it and exits 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head), a full disk: as Python does
            code = code or 120
    os._exit(code)
