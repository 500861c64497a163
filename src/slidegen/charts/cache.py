"""Rendered charts, kept under a key of their data, spec, style and versions, so a rebuild after
a text edit draws nothing. Lives outside the repo (~/.cache/slidegen, or $SLIDEGEN_CACHE_DIR)
and is safe to delete."""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from pathlib import Path

from .._version import __version__
from ..files import digest as digest_of
from ..files import write_atomically
from .style import DPI, style_digest


def cache_dir() -> Path:
    env = os.environ.get("SLIDEGEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slidegen" / "charts"


def slide_cache_file(output: Path) -> Path:
    """Where the slide cache (slidecache.py) keeps one output's made slides, beside the charts:
    here, so the command line can look for it without importing python-pptx."""
    name = digest_of(str(output.resolve()))
    return cache_dir() / "slides" / f"{name}.pickle"


def key(parts: dict) -> str:
    return digest_of(json.dumps(parts, sort_keys=True, default=str))


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
    synced to disk: an entry cut short by a crash is a miss (see get)."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{digest}.png", data, durable=False)
    except OSError:
        pass


def cache_digest(kind, chart, width_in, height_in, highlight) -> str:
    """The chart cache's key of a chart's picture."""
    return key({"kind": kind, "chart": chart.cache_key_parts(), "highlight": highlight,
                "size": [round(width_in, 4), round(height_in, 4)], "dpi": DPI,
                "style": style_digest(), "slidegen": __version__,
                "matplotlib": _matplotlib_version()})


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """Without importing matplotlib (slow): its installed version, from its _version.py
    (quicker than searching the package metadata), else from the metadata."""
    import re
    from importlib.util import find_spec

    try:
        origin = find_spec("matplotlib").origin
        text = (Path(origin).parent / "_version.py").read_text("utf-8")
        return re.search(r"^(?:__version__ = )?version = ['\"]([^'\"]+)['\"]", text,
                         re.M).group(1)
    except (AttributeError, OSError, TypeError):
        from importlib.metadata import version

        return version("matplotlib")
