"""Files as slidegen writes and fingerprints them: one digest helper and one atomic writer,
shared by the deck, the caches and the data updates."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import NotUtf8Error


def digest(*parts: object) -> str:
    """The sha256 of the parts, each as bytes (str() for anything else), told apart by a NUL:
    digest("a", "b") is not digest("ab")."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\x00")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, or 'missing' when it cannot be read (a fingerprint then
    differs from one of the file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


@contextmanager
def utf8_or_error(file: Path) -> Iterator[None]:
    """Around reading a text file: a UnicodeDecodeError becomes NotUtf8Error naming the line
    and column of the bad byte (a traceback otherwise, or «not UTF-8» at 1:1)."""
    try:
        yield
    except UnicodeDecodeError:
        raise NotUtf8Error.of(file) from None


def write_atomically(target: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside target, then rename it into place: a failure or a
    crash leaves the old file (or none), never half a file. OSError on failure.

    durable (what an adviser keeps: a deck, data/): synced to disk first, a symlink written
    through to its target, and the file keeps its mode, or gets the umask's for a new one, not
    the temporary file's private 0600. Not durable (a cache): a crash may lose the entry, which
    its reader treats as a miss."""
    if durable and target.is_symlink():
        target = target.resolve()
    mode = None
    if durable:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    _unfinished.add(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _unfinished.discard(tmp)


# The temporary files being written now: a worker process told to stop removes them and
# leaves at once (remove_unfinished), where unwinding its stack could take long or be caught.
_unfinished: set[str] = set()


def remove_unfinished() -> None:
    """Remove the temporary files this process is still writing."""
    for tmp in list(_unfinished):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
