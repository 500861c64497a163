"""One message in large type. The statement fills the title placeholder, so screen readers and
the outline view announce it as the slide's title."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...spec.model import SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas


class StatementSlide(SlideBase):
    """One message in large type; the statement is the slide's title for screen readers."""

    kind: Literal["statement"]
    text: Text = Field(description="The statement.")
    heading: Text | None = Field(None, description="Small heading above the statement.")


MODEL = StatementSlide


def needs(spec: StatementSlide) -> dict[str, set[str]]:
    return {"statement": {"title"} | ({"heading"} if spec.heading else set())}


def render(spec: StatementSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("statement")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.text)
    return [canvas]
