"""Which data rows a piece of work read, recorded explicitly: `with data.recording() as reads:`
collects the (dataset, region) pairs read inside the block, and only those. A slide's reads
decide which data changes rebuild it (incremental builds, the slide cache)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Reads = set[tuple[str, str]]

# The recorders open in this thread (or task), innermost last: a block nested in another is
# recorded by both, so an outer recording never misses what an inner one saw.
_OPEN: ContextVar[tuple[Reads, ...]] = ContextVar("slidegen_reads", default=())


@contextmanager
def recording() -> Iterator[Reads]:
    """The rows read inside the block, as a set filled while it runs."""
    reads: Reads = set()
    token = _OPEN.set((*_OPEN.get(), reads))
    try:
        yield reads
    finally:
        _OPEN.reset(token)


def note(dataset: str, regions: Iterable[str]) -> None:
    """Called where rows are read: tells every open recorder."""
    recorders = _OPEN.get()
    if recorders:
        pairs = {(dataset, region) for region in regions}
        for reads in recorders:
            reads |= pairs
