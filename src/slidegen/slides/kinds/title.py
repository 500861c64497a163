"""The talk's opening slide: title and optional subtitle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...spec.model import SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas


class TitleSlide(SlideBase):
    """The talk's opening slide."""

    kind: Literal["title"]
    title: Text = Field(description="The talk's title.")
    subtitle: Text | None = Field(None, description="Who, where, when.")


MODEL = TitleSlide


def needs(spec: TitleSlide) -> dict[str, set[str]]:
    return {"title": {"title"} | ({"subtitle"} if spec.subtitle else set())}


def render(spec: TitleSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("title")
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    return [canvas]
