"""slidegen: presentation decks from a YAML spec and statistics, in the Distriktssenteret layout.

The public API is small: load_deck reads and validates a spec, build_deck writes the .pptx, and
every error slidegen raises on purpose is a SlidegenError.
"""

from __future__ import annotations

import importlib

from ._version import __version__
from .errors import SlidegenError

# Imported when first used (PEP 562), not with the package: a chart worker, or the command line
# before it knows what it will do, needs none of python-pptx, pydantic or jinja2.
_PUBLIC = {"BuildResult": ".build", "build_deck": ".build", "Deck": ".spec.deck",
           "load_deck": ".spec.loader"}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'slidegen' has no attribute '{name}'")
    return getattr(importlib.import_module(_PUBLIC[name], __name__), name)


__all__ = ["BuildResult", "Deck", "SlidegenError", "__version__", "build_deck", "load_deck"]
