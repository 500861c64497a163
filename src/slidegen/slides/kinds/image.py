"""A large picture with title and caption, e.g. a newspaper facsimile."""

from ..spec.model import ImageSlide
from .canvas import Canvas


def needs(spec: ImageSlide) -> dict[str, set[str]]:
    return {"image": {"title", "picture"} | ({"caption"} if spec.caption else set())}


def render(spec: ImageSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("image")
    canvas.text("title", spec.title)
    canvas.picture("picture", spec.image, fit=spec.fit)
    if spec.caption:
        canvas.text("caption", spec.caption)
    return [canvas]
