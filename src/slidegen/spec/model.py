"""The deck spec schema: one frozen model per slide kind. Field descriptions are the user reference.

Paths to pictures are resolved against the folder of the YAML file that names them (passed as
validation context `base_dir`), so an included file can live anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from PIL import Image
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import display_path

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
_FILE_NAME_LIKE = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|svg|webp|emf|wmf)$", re.IGNORECASE)


class Strict(BaseModel):
    """Shared model settings: unknown keys are errors, validated specs never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Origin(BaseModel):
    """Where a slide was written: used to name file:line in later errors (data, template)."""

    model_config = ConfigDict(frozen=True)
    file: Path
    line: int
    path: str
    positions: dict[str, tuple[int, int]] = Field(default_factory=dict)

    def where(self, field: str = "") -> str:
        """'decks/x.yaml:12:5: slides[3].data.measures' for a field inside this slide."""
        key = field
        while key and key not in self.positions:
            key = key.rpartition(".")[0]
        line, col = self.positions.get(key, (self.line, 1))
        path = f"{self.path}.{field}" if field else self.path
        return f"{display_path(self.file)}:{line}:{col}: {path}"


class Picture(Strict):
    """A picture file with its alternative text, or marked decorative."""

    file: Path = Field(description="Picture file (PNG, JPEG, …), relative to this YAML file.")
    alt: Text | None = Field(None, description="Alternative text: what the picture shows.")
    decorative: bool = Field(False, description="True if the picture carries no information.")

    @field_validator("file", mode="after")
    @classmethod
    def _exists(cls, value: Path, info: ValidationInfo) -> Path:
        base = (info.context or {}).get("base_dir")
        path = (Path(base) / value) if base and not value.is_absolute() else value
        if path.suffix.lower() not in PICTURE_SUFFIXES:
            raise ValueError(f"expected a picture file ({', '.join(PICTURE_SUFFIXES)}), "
                             f"found '{value}'")
        if not path.is_file():
            raise ValueError(f"picture file not found: '{value}' (looked for "
                             f"{display_path(path)})")
        try:
            with Image.open(path) as image:
                image.verify()
        except (OSError, SyntaxError):  # Pillow reports broken files with either
            raise ValueError(f"'{value}' is not a picture slidegen can read "
                             f"(PNG, JPEG, GIF, BMP or TIFF)") from None
        return path.resolve()

    @field_validator("alt", mode="after")
    @classmethod
    def _not_a_file_name(cls, value: str | None) -> str | None:
        if value is not None and _FILE_NAME_LIKE.match(value):
            raise ValueError(f"alt text must say what the picture shows, found a file name "
                             f"'{value}'")
        return value

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> Picture:
        if self.alt is None and not self.decorative:
            raise ValueError("a picture needs 'alt' (what it shows, for screen readers) "
                             "or 'decorative: true'")
        if self.alt is not None and self.decorative:
            raise ValueError("a picture is either described by 'alt' or 'decorative: true', "
                             "not both")
        return self


class Link(Strict):
    """A web address shown as a readable hyperlink."""

    url: Text = Field(description="The address, starting with https://, http:// or mailto:.")
    text: Text | None = Field(None, description="What the reader sees; default: the address "
                                                "without https://.")

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str) -> str:
        if not re.match(r"^(https?://|mailto:)\S+$", value):
            raise ValueError(f"expected a web address starting with https://, http:// or "
                             f"mailto:, found '{value}'")
        return value


class SlideBase(Strict):
    """Fields every slide kind has."""

    notes: Text | None = Field(None, description="Speaker notes.")
    source: Text | None = Field(None, description="Source line, shown as 'Kilde: …'.")
    credit: Text | None = Field(None, description="Photo credit, shown as 'Foto: …' unless it "
                                                  "starts with its own label ('Faksimile: …').")
    link: Link | None = Field(None, description="A web address (text or {url, text}) shown as "
                                                "a hyperlink.")
    hidden: bool = Field(False, description="Keep the slide in the file but skip it in the show.")
    origin: Origin | None = Field(None, exclude=True, repr=False)

    @field_validator("link", mode="before")
    @classmethod
    def _link_shorthand(cls, value: Any) -> Any:
        return {"url": value} if isinstance(value, str) else value


class TitleSlide(SlideBase):
    """The talk's opening slide."""

    kind: Literal["title"]
    title: Text = Field(description="The talk's title.")
    subtitle: Text | None = Field(None, description="Who, where, when.")


class SectionSlide(SlideBase):
    """A divider between parts of the talk."""

    kind: Literal["section"]
    title: Text
    subtitle: Text | None = None


class StatementSlide(SlideBase):
    """One message in large type; the statement is the slide's title for screen readers."""

    kind: Literal["statement"]
    text: Text = Field(description="The statement.")
    heading: Text | None = Field(None, description="Small heading above the statement.")


class QuestionSlide(SlideBase):
    """A question to the audience, optionally followed by an answer slide."""

    kind: Literal["question"]
    text: Text = Field(description="The question.")
    heading: Text | None = Field(None, description="Small heading above the question.")
    answer: Text | None = Field(None, description="If given, a slide with this answer follows.")
    answer_notes: Text | None = Field(None, description="Speaker notes for the answer slide.")


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


class QuoteSlide(SlideBase):
    """A quotation with who said it."""

    kind: Literal["quote"]
    text: Text = Field(description="The quotation, without quote marks: «» are added.")
    who: Text = Field(description="Who said it.")
    role: Text | None = Field(None, description="Their role, e.g. 'bedriftseier'.")
    title: Text | None = Field(None, description="Slide title above the quotation.")
    photo: Picture | None = None


class ImageSlide(SlideBase):
    """A large picture with a caption, e.g. a newspaper facsimile."""

    kind: Literal["image"]
    title: Text
    image: Picture
    caption: Text | None = None
    fit: Literal["contain", "cover"] = Field(
        "contain", description="contain: whole picture, letterboxed; cover: fill and crop.")


class ClosingSlide(SlideBase):
    """Thanks and contact details."""

    kind: Literal["closing"]
    title: Text = "Takk for oppmerksomheten"
    name: Text | None = None
    job_title: Text | None = Field(None, description="E.g. 'Seniorrådgiver, Distriktssenteret'.")
    email: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f"expected an e-mail address, found '{value}'")
        return value


class PlaceholderSlide(SlideBase):
    """A clearly marked spot for a data slide that slidegen cannot make yet."""

    kind: Literal["placeholder"]
    title: Text
    heading: Text | None = None
    planned: Text = Field(description="What will go here, e.g. 'tabell: flyttetall 2014–2023'.")
