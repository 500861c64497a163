"""Thanks, and who to contact: name, job title and a mailto link."""

from ..spec.model import ClosingSlide
from .canvas import Canvas, Para


def needs(spec: ClosingSlide) -> dict[str, set[str]]:
    contact = spec.name or spec.job_title or spec.email
    return {"closing": {"title"} | ({"body"} if contact else set())}


def render(spec: ClosingSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("closing")
    canvas.text("title", spec.title)
    paras = []
    if spec.name:
        paras.append(Para(spec.name, bold=True))
    if spec.job_title:
        paras.append(Para(spec.job_title))
    if spec.email:
        paras.append(Para(spec.email, link=f"mailto:{spec.email}"))
    if paras:
        canvas.text("body", paras)
    return [canvas]
