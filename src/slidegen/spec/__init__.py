"""Deck specs: YAML with positions → includes → validated, frozen models."""

from .loader import load_deck
from .model import Deck

__all__ = ["Deck", "load_deck"]
