"""The slide kinds, one module each, found by scanning this package: adding a kind is adding a
file here, and the deck schema, its "did you mean" lists and the build's tables follow from it.

A kind module is named as the spec names the kind (`kind: key_figure` → key_figure.py) and has

    MODEL                         its pydantic model: a SlideBase with `kind: Literal["<name>"]`
    needs(spec)                   {layout key: roles}, checked against the template beforehand
    render(spec, new_slide, ctx)  [Canvas, …], the first the slide the shared fields go on

and, when they apply:

    DATA = True                   its figures come from data/: it always has a «Kilde:» line
    PHOTO_LAYOUTS = {…}           its layouts whose photo credit sits by the photo, not below
    all_missing(spec, ctx)        a data kind (MODEL a DataSlide): whether the kommune has none
                                  of its figures, the one test for its «Tall mangler» and for
                                  skip_when_missing
    check(spec, ctx)              what build refuses of the slide before drawing it (a chart
                                  kind's check of its figures), asked by validate

The spec imports this package for the models, and the spec never loads python-pptx: a kind
module imports python-pptx (and canvas) only inside functions or for type checking.
"""

from __future__ import annotations

import typing
from types import ModuleType

from ..._registry import scan


def _named_alike(kinds: dict[str, ModuleType]) -> dict[str, ModuleType]:
    """The kinds, once each model's `kind` is its module's name (the spec finds it by that)."""
    for name, kind in kinds.items():
        if typing.get_args(kind.MODEL.model_fields["kind"].annotation) != (name,):
            raise TypeError(f"{kind.__name__}.MODEL must have kind: Literal['{name}']")
    return kinds


KINDS: dict[str, ModuleType] = _named_alike(scan(__name__, __path__,
                                                  ("MODEL", "needs", "render")))

MODELS = {name: kind.MODEL for name, kind in KINDS.items()}  # kind → model, for the spec
DATA_KINDS = frozenset(name for name, kind in KINDS.items() if getattr(kind, "DATA", False))
PHOTO_LAYOUTS = frozenset(layout for kind in KINDS.values()
                          for layout in getattr(kind, "PHOTO_LAYOUTS", ()))

__all__ = ["DATA_KINDS", "KINDS", "MODELS", "PHOTO_LAYOUTS"]
