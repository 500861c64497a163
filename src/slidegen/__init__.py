"""slidegen: presentation decks from a YAML spec and statistics, in the Distriktssenteret layout.

The public API is small: load_deck and validate_deck read and check a spec, build_deck writes
one .pptx, build_batch does what `slidegen build` does (a deck, a kommune's, or one per kommune),
check_pptx reports what would trouble a reader, preview renders slides to PNG; a Session keeps
what is read between calls. Every error slidegen raises on purpose is a SlidegenError.
"""

from __future__ import annotations

import importlib

from ._version import __version__
from .errors import SlidegenError

# Imported when first used (PEP 562), not with the package: a chart worker, or the command line
# before it knows what it will do, needs none of python-pptx, pydantic or jinja2.
_PUBLIC = {"BuildResult": ".build", "build_deck": ".api", "BatchResult": ".batch",
           "build_batch": ".api", "Deck": ".spec.deck", "load_deck": ".spec.loader",
           "validate_deck": ".validate", "check_pptx": ".check", "preview": ".api",
           "Session": ".session"}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'slidegen' has no attribute '{name}'")
    return getattr(importlib.import_module(_PUBLIC[name], __name__), name)


__all__ = ["BatchResult", "BuildResult", "Deck", "Session", "SlidegenError", "__version__",
           "build_batch", "build_deck", "check_pptx", "load_deck", "preview", "validate_deck"]
