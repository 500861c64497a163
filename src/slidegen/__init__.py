"""slidegen: presentation decks from a YAML spec and statistics, in the Distriktssenteret layout.

The public API is small: load_deck reads and validates a spec, build_deck writes the .pptx, and
every error slidegen raises on purpose is a SlidegenError.
"""

from ._version import __version__
from .build import BuildResult, build_deck
from .errors import SlidegenError
from .spec import Deck, load_deck

__all__ = ["BuildResult", "Deck", "SlidegenError", "__version__", "build_deck", "load_deck"]
