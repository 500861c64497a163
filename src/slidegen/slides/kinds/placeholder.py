"""A clearly marked spot for a figure whose data slidegen does not have yet: it says what is
missing (e.g. which SSB table), never shows invented numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...i18n import N_
from ...spec.model import SlideBase, Text
from ..para import Para

if TYPE_CHECKING:
    from ..canvas import Canvas

MARK = N_("Data mangler")
BORDER = "A0530B"  # the theme's ochre: stands out, and is not a data colour


class PlaceholderSlide(SlideBase):
    """A clearly marked spot for a data slide that slidegen cannot make yet."""

    kind: Literal["placeholder"]
    title: Text
    heading: Text | None = None
    planned: Text = Field(description="What will go here, e.g. 'tabell: flyttetall 2014–2023'.")


MODEL = PlaceholderSlide


def needs(spec: PlaceholderSlide) -> dict[str, set[str]]:
    return {"placeholder": {"title", "body"} | ({"heading"} if spec.heading else set())}


def render(spec: PlaceholderSlide, new_slide, ctx=None) -> list[Canvas]:
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_LINE

    canvas = new_slide("placeholder")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    canvas.text("body", [Para(canvas.tr(MARK), bold=True), Para(spec.planned)])
    body = canvas.shape("body")
    body.line.color.rgb = RGBColor.from_string(BORDER)
    body.line.width = 25400  # 2 pt
    body.line.dash_style = MSO_LINE.DASH
    return [canvas]
