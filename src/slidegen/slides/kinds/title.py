"""The talk's opening slide: title and optional subtitle."""

from ..spec.model import TitleSlide
from .canvas import Canvas


def needs(spec: TitleSlide) -> dict[str, set[str]]:
    return {"title": {"title"} | ({"subtitle"} if spec.subtitle else set())}


def render(spec: TitleSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("title")
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    return [canvas]
