"""Deck specs: YAML with positions → includes → validated, frozen models."""

from .deck import Deck
from .loader import load_deck

__all__ = ["Deck", "load_deck"]
