"""Starter decks for `slidegen new`: commented YAML in assets/starters/, one file per starter,
that builds as it stands."""

from __future__ import annotations

from pathlib import Path

from .assets import ASSETS, find_data_folder
from .errors import BuildError, display_path
from .files import write_atomically

STARTERS = ASSETS / "starters"
NEEDS_DATA = {"kommunebesok"}  # starters whose slides read figures from data/


def starter_names() -> list[str]:
    """The starters `new --from` takes, from the files in assets/starters/."""
    return sorted(path.stem for path in STARTERS.glob("*.yaml"))


def new_deck(deck: str | Path, starter: str = "blank") -> Path:
    """Write the starter deck `starter` to `deck`, its comments naming the new file; an existing
    file is never replaced (it may be an adviser's work)."""
    deck = Path(deck)
    if starter not in starter_names():
        raise BuildError(f"no starter deck '{starter}': choose one of "
                         f"{', '.join(starter_names())}")
    if deck.exists():
        raise BuildError(f"{display_path(deck)} already exists, and slidegen new never "
                         f"replaces a file: give another name, or remove or rename "
                         f"{display_path(deck)} first")
    text = (STARTERS / f"{starter}.yaml").read_text("utf-8")
    # The comments show the commands to build this very file, as the adviser would type them.
    text = text.replace("DECK.yaml", display_path(deck)).replace("DECK", deck.stem)
    deck.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(deck, text.encode("utf-8"))
    return deck


def data_missing(deck: Path, starter: str) -> bool:
    """Whether a starter that reads figures has no data/ folder above it to read them from."""
    return starter in NEEDS_DATA and find_data_folder(deck.resolve().parent) is None
