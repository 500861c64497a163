"""Rendered charts, kept under a key of their data, spec, style and versions, so a rebuild after
a text edit draws nothing. Lives outside the repo (~/.cache/slidegen, or $SLIDEGEN_CACHE_DIR)
and is safe to delete."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path


def cache_dir() -> Path:
    env = os.environ.get("SLIDEGEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slidegen" / "charts"


def slide_cache_file(output: Path) -> Path:
    """Where the slide cache (slidecache.py) keeps one output's made slides, beside the charts:
    here, so the command line can look for it without importing python-pptx."""
    name = hashlib.sha256(str(output.resolve()).encode() + b"\x00").hexdigest()
    return cache_dir() / "slides" / f"{name}.pickle"


def key(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def get(digest: str) -> bytes | None:
    """The cached picture, or None; a damaged entry (cut short by a crash) counts as a miss."""
    path = cache_dir() / f"{digest}.png"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if _intact(data):
        return data
    path.unlink(missing_ok=True)
    return None


def _intact(data: bytes) -> bool:
    """A whole PNG: its signature, then chunks whose CRCs match, ending with IEND. Catches an
    entry cut short by a crash and one damaged on disk."""
    if not data.startswith(PNG_SIGNATURE):
        return False
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        end = at + 8 + length
        if end + 4 > len(data) or zlib.crc32(data[at + 4:end]) != int.from_bytes(
                data[end:end + 4], "big"):
            return False
        if kind == b"IEND":
            return True
        at = end + 4
    return False


def put(digest: str, data: bytes) -> None:
    """Store atomically; a cache that cannot be written is only slower, never an error. Not
    synced to disk (~10 ms a chart): an entry cut short by a crash is a miss (see get)."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / f"{digest}.png")
    except OSError:
        pass
