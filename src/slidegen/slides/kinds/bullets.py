"""A title with bullet points (up to three levels), an optional lead line and photo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, field_validator

from ...spec.model import Picture, SlideBase, Strict, Text
from ..para import Para

if TYPE_CHECKING:
    from ..canvas import Canvas

PHOTO_LAYOUTS = {"bullets_photo"}  # the credit sits by the photo


class Bullet(Strict):
    """One bullet point, with optional sub-points."""

    text: Text
    items: list[Bullet] = Field(default_factory=list, description="Sub-points (one level down).")


BulletItem = Annotated[Bullet, Field(description="Text, or {text, items} for sub-points.")]


def _bullet_shorthand(value: Any) -> Any:
    """Lets a bullet be written as plain text; {text, items} only when it has sub-points."""
    if isinstance(value, list):
        return [_bullet_shorthand(v) for v in value]
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"text": str(value)}
    if isinstance(value, dict) and "items" in value:
        return {**value, "items": _bullet_shorthand(value["items"])}
    return value


def _depth(items: list[Bullet]) -> int:
    return 1 + max((_depth(b.items) for b in items), default=0) if items else 0


class BulletsSlide(SlideBase):
    """A title with bullet points, optionally a lead line and a photo."""

    kind: Literal["bullets"]
    title: Text
    heading: Text | None = Field(None, description="Small heading above the title.")
    lead: Text | None = Field(None, description="A line before the bullets, without a bullet.")
    items: list[BulletItem] = Field(min_length=1, description="The bullet points.")
    photo: Picture | None = Field(None, description="A photo beside the bullets.")

    @field_validator("items", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _bullet_shorthand(value)

    @field_validator("items", mode="after")
    @classmethod
    def _levels(cls, value: list[Bullet]) -> list[Bullet]:
        if _depth(value) > 3:
            raise ValueError(f"at most 3 levels of bullets read well on a slide, "
                             f"found {_depth(value)}")
        return value


MODEL = BulletsSlide


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
