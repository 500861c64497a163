"""The keys of the slide cache: what a made slide depends on. A slide's own key covers its spec,
the kommune it is for and its pictures; the build's context covers everything its slides share:
slidegen's code, the libraries that shape a slide, template, style, fonts, language and every
file in data/."""

from __future__ import annotations

from pathlib import Path

from .incremental import code_digest, data_files
from .inputs import input_files
from .slidecache import Entry, SlideCache, digest, file_digest
from .slides.common import DATA_KINDS
from .slides.context import SlideContext
from .spec.deck import Deck
from .spec.model import SlideBase


def build_context(deck: Deck, folder: Path | None) -> str:
    """What every slide of the build is made from besides its own spec and pictures."""
    shared = [f for f in input_files(deck) if f not in deck.sources and f.suffix != ".png"
              and f.suffix.lower() not in (".jpg", ".jpeg")]
    # code_digest covers the libraries that shape a slide too: an upgrade reuses no slide
    return digest("slides", code_digest(), deck.language, deck.kommune,
                  *(file_digest(f) for f in shared),
                  folder.resolve() if folder else None,
                  *(data_files(folder).items() if folder else ()))


def slide_key(spec: SlideBase, ctx: SlideContext) -> str:
    """A slide spec's own key (its slide number is added when it is looked up)."""
    pictures = [getattr(spec, name, None) for name in ("photo", "image")]
    return digest(type(spec).__name__, spec.model_dump_json(), ctx.kommune,
                  *(file_digest(p.file) for p in pictures if p is not None))


def predict(cache: SlideCache, keys: list[str]) -> list[bool]:
    """Which slides the cache will give (assuming each slide to make makes as many as last
    time), to know before the first slide whether data must be read and charts drawn."""
    counts = cache.old.get("counts", {})
    number, cached = 0, []
    for key in keys:
        entry = cache.old.get(digest(key, number + 1))
        cached.append(isinstance(entry, Entry))
        number += len(entry.slides) if isinstance(entry, Entry) else counts.get(key, 1)
    return cached


def uses_data(spec: SlideBase) -> bool:
    """Whether making the slide reads data: a data slide, or text with variables."""
    text = spec.model_dump_json()
    return spec.kind in DATA_KINDS or "{{" in text or "{%" in text
