"""The pieces of the deck spec schema every slide kind shares: text, pictures, links and the
fields every slide has. Each kind's own model lives in its module (slides/kinds/); field
descriptions are the user reference.

Paths to pictures are resolved against the folder of the YAML file that names them (passed as
validation context `base_dir`), so an included file can live anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

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
    path: str  # as messages show it: 'slide 4' (yamlfile.readable)
    positions: dict[str, tuple[int, int]] = Field(default_factory=dict)

    def where(self, field: str = "") -> str:
        """'decks/x.yaml:12:5: slide 4, data.measures' for a field inside this slide."""
        key = field
        while key and key not in self.positions:
            key = key.rpartition(".")[0]
        line, col = self.positions.get(key, (self.line, 1))
        path = f"{self.path}, {field}" if field else self.path
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


class DataSlide(SlideBase):
    """Fields every slide made from data/ has (key_figure, chart, table)."""

    skip_when_missing: bool = Field(
        False, description="Leave the slide out of the deck for a kommune that has none of its "
                           "figures (each is «Tall mangler»); the build says which were left out.")
