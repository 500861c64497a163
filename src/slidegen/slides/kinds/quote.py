"""A quotation in Norwegian quote marks, with who said it and an optional photo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...spec.model import Picture, SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas

QUOTE_MARKS = "«»\"“”'"
PHOTO_LAYOUTS = {"quote_photo"}  # the credit sits by the photo


class QuoteSlide(SlideBase):
    """A quotation with who said it."""

    kind: Literal["quote"]
    text: Text = Field(description="The quotation, without quote marks: «» are added.")
    who: Text = Field(description="Who said it.")
    role: Text | None = Field(None, description="Their role, e.g. 'bedriftseier'.")
    title: Text | None = Field(None, description="Slide title above the quotation.")
    photo: Picture | None = None


MODEL = QuoteSlide


def layout_key(spec: QuoteSlide) -> str:
    return "quote_photo" if spec.photo else "quote"


def needs(spec: QuoteSlide) -> dict[str, set[str]]:
    roles = {"body", "attribution"} | ({"title"} if spec.title else set())
    return {layout_key(spec): roles | ({"picture"} if spec.photo else set())}


def render(spec: QuoteSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide(layout_key(spec))
    if spec.title:
        canvas.text("title", spec.title)
    canvas.text("body", f"«{spec.text.strip(QUOTE_MARKS)}»")
    canvas.text("attribution", f"– {spec.who}" + (f", {spec.role}" if spec.role else ""))
    if spec.photo:
        canvas.picture("picture", spec.photo, fit="cover")
    return [canvas]
