"""A question to the audience, and optionally its answer on the next slide."""

from ..spec.model import QuestionSlide
from .canvas import Canvas

ANSWER_HEADING = "Svar"


def needs(spec: QuestionSlide) -> dict[str, set[str]]:
    out = {"question": {"title"} | ({"heading"} if spec.heading else set())}
    if spec.answer:
        out["statement"] = {"title", "heading"}
    return out


def render(spec: QuestionSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("question")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.text)
    if not spec.answer:
        return [canvas]
    answer = new_slide("statement")
    answer.text("heading", ANSWER_HEADING)
    answer.text("title", spec.answer)
    if spec.answer_notes:
        answer.notes(spec.answer_notes)
    return [canvas, answer]
