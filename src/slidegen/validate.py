"""Checking a deck without building it: the spec, and what it names in data/ (its kommune,
its for_each groups), every problem with file:line:col."""

from __future__ import annotations

from pathlib import Path

from .data.registry import deck_kommune, load_registry
from .inputs import deck_data_folder
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck


def validate_deck(deck: str | Path, data_folder: str | Path | None = None) -> Deck:
    """The validated deck; a SlidegenError with every problem found otherwise."""
    spec = load_deck(deck)
    folder = deck_data_folder(spec, data_folder)
    if folder is not None and folder.is_dir():
        # the registry is two small files: a misspelt kommune or group is found now, not at
        # build time
        registry = load_registry(folder)
        if spec.kommune is not None:
            deck_kommune(spec, registry)
        for block in spec.slides:
            if isinstance(block, ForEach):
                block.members(registry)
    return spec
