"""Thanks, and who to contact: name, job title and a mailto link."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from ...i18n import N_
from ...spec.model import SlideBase, Text
from ..para import Para

if TYPE_CHECKING:
    from ..canvas import Canvas


DEFAULT_TITLE = N_("Takk for oppmerksomheten")


class ClosingSlide(SlideBase):
    """Thanks and contact details."""

    kind: Literal["closing"]
    title: Text | None = Field(None, description=f"Default «{DEFAULT_TITLE}», in the deck's "
                                                 "language.")
    name: Text | None = None
    job_title: Text | None = Field(None, description="E.g. 'Seniorrådgiver, Distriktssenteret'.")
    email: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f"expected an e-mail address, found '{value}'")
        return value


MODEL = ClosingSlide


def needs(spec: ClosingSlide) -> dict[str, set[str]]:
    contact = spec.name or spec.job_title or spec.email
    return {"closing": {"title"} | ({"body"} if contact else set())}


def render(spec: ClosingSlide, new_slide, ctx=None) -> list[Canvas]:
    canvas = new_slide("closing")
    canvas.text("title", spec.title or canvas.tr(DEFAULT_TITLE))
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
