"""A title with bullet points (up to three levels), an optional lead line and photo."""

from ..spec.model import Bullet, BulletsSlide
from .canvas import Canvas, Para


def layout_key(spec: BulletsSlide) -> str:
    return "bullets_photo" if spec.photo else "bullets"


def needs(spec: BulletsSlide) -> dict[str, set[str]]:
    roles = {"title", "body"} | ({"heading"} if spec.heading else set())
    return {layout_key(spec): roles | ({"picture"} if spec.photo else set())}


def render(spec: BulletsSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide(layout_key(spec))
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    paras = [Para(spec.lead, bold=True)] if spec.lead else []
    canvas.text("body", paras + list(_flatten(spec.items, 0)))
    if spec.photo:
        canvas.picture("picture", spec.photo, fit="cover")
    return [canvas]


def _flatten(items: list[Bullet], level: int):
    for item in items:
        yield Para(item.text, level=level)
        yield from _flatten(item.items, level + 1)
