"""One module per slide kind; each turns a validated spec into filled slides.

A module has needs(spec) → {layout key: roles} (checked against the template before building)
and render(spec, new_slide, ctx) → [Canvas, …], the first being the slide the shared fields go on;
ctx (a SlideContext) gives data slides the loaded data.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    bullets,
    chart,
    closing,
    image,
    key_figure,
    placeholder,
    question,
    quote,
    section,
    statement,
    table,
    title,
)

KINDS: dict[str, ModuleType] = {
    "title": title,
    "section": section,
    "statement": statement,
    "question": question,
    "bullets": bullets,
    "quote": quote,
    "image": image,
    "closing": closing,
    "placeholder": placeholder,
    "table": table,
    "key_figure": key_figure,
    "chart": chart,
}

# Layouts whose credit line sits by the photo rather than in the footnote.
PHOTO_LAYOUTS = {"bullets_photo", "quote_photo", "image"}
