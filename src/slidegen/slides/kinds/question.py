"""A question to the audience, and optionally its answer on the next slide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...spec.model import SlideBase, Text

if TYPE_CHECKING:
    from ..canvas import Canvas

ANSWER_HEADING = "Svar"


class QuestionSlide(SlideBase):
    """A question to the audience, optionally followed by an answer slide."""

    kind: Literal["question"]
    text: Text = Field(description="The question.")
    heading: Text | None = Field(None, description="Small heading above the question.")
    answer: Text | None = Field(None, description="If given, a slide with this answer follows.")
    answer_notes: Text | None = Field(None, description="Speaker notes for the answer slide.")


MODEL = QuestionSlide


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
