"""A divider between parts of the talk."""

from ..spec.model import SectionSlide
from .canvas import Canvas


def needs(spec: SectionSlide) -> dict[str, set[str]]:
    return {"section": {"title"} | ({"subtitle"} if spec.subtitle else set())}


def render(spec: SectionSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("section")
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    return [canvas]
