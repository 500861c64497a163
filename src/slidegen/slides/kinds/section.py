"""A divider between parts of the talk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ...spec.model import SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas


class SectionSlide(SlideBase):
    """A divider between parts of the talk."""

    kind: Literal["section"]
    title: Text
    subtitle: Text | None = None


MODEL = SectionSlide


def needs(spec: SectionSlide) -> dict[str, set[str]]:
    return {"section": {"title"} | ({"subtitle"} if spec.subtitle else set())}


def render(spec: SectionSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("section")
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    return [canvas]
