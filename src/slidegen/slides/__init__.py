"""Slides: one module per slide kind in kinds/ (its model, needs and render), and what they share
(canvas, context, the common fields, text fitting, native charts).

A kind has needs(spec) → {layout key: roles} (checked against the template before building)
and render(spec, new_slide, ctx) → [Canvas, …], the first being the slide the shared fields go on;
ctx (a SlideContext) gives data slides the loaded data.
"""

from __future__ import annotations

from .kinds import KINDS, PHOTO_LAYOUTS

__all__ = ["KINDS", "PHOTO_LAYOUTS"]
