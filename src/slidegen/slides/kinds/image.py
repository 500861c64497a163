"""A large picture with title and caption, e.g. a newspaper facsimile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...spec.model import Picture, SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas

PHOTO_LAYOUTS = {"image"}  # the credit sits by the picture


class ImageSlide(SlideBase):
    """A large picture with a caption, e.g. a newspaper facsimile."""

    kind: Literal["image"]
    title: Text
    image: Picture
    caption: Text | None = None
    fit: Literal["contain", "cover"] = Field(
        "contain", description="contain: whole picture, letterboxed; cover: fill and crop.")


MODEL = ImageSlide


def needs(spec: ImageSlide) -> dict[str, set[str]]:
    return {"image": {"title", "picture"} | ({"caption"} if spec.caption else set())}


def render(spec: ImageSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("image")
    canvas.text("title", spec.title)
    canvas.picture("picture", spec.image, fit=spec.fit)
    if spec.caption:
        canvas.text("caption", spec.caption)
    return [canvas]
