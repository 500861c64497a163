"""One message in large type. The statement fills the title placeholder, so screen readers and
the outline view announce it as the slide's title."""

from ..spec.model import StatementSlide
from .canvas import Canvas


def needs(spec: StatementSlide) -> dict[str, set[str]]:
    return {"statement": {"title"} | ({"heading"} if spec.heading else set())}


def render(spec: StatementSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("statement")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.text)
    return [canvas]
