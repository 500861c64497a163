"""A clearly marked spot for a figure whose data slidegen does not have yet: it says what is
missing (e.g. which SSB table), never shows invented numbers."""

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE

from ..spec.model import PlaceholderSlide
from .canvas import Canvas, Para

MARK = "Data mangler"
BORDER = RGBColor(0xA0, 0x53, 0x0B)  # the theme's ochre: stands out, and is not a data colour


def needs(spec: PlaceholderSlide) -> dict[str, set[str]]:
    return {"placeholder": {"title", "body"} | ({"heading"} if spec.heading else set())}


def render(spec: PlaceholderSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("placeholder")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    canvas.text("body", [Para(MARK, bold=True), Para(spec.planned)])
    body = canvas.shape("body")
    body.line.color.rgb = BORDER
    body.line.width = 25400  # 2 pt
    body.line.dash_style = MSO_LINE.DASH
    return [canvas]
