"""The pieces of the deck spec schema every slide kind shares: text, pictures, links and the
fields every slide has. Each kind's own model lives in its module (slides/kinds/); field
descriptions are the user reference.

Paths to pictures are resolved against the folder of the YAML file that names them (passed as
validation context `base_dir`), so an included file can live anywhere.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from PIL import Image
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import display_path
from .boundary import Boundary, boundary_of
from .templating import has_template_syntax

# The longest text a field may hold (README, "Limits"): a page of speaker notes is ~3 000
# characters and a slide's box fits a few hundred at the smallest size text fitting allows;
# a longer text is a mistake (a file pasted in), and would only make a box nobody can read.
MAX_TEXT = 10_000
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=MAX_TEXT)]

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
    """A picture file with its alternative text, or marked decorative. The file's path may hold
    variables ({{ kommune.slug }}): it is then found when the slide is made for a kommune, and
    the fallback picture is shown for a kommune that has none."""

    # fallback comes first so that the file's check can see it (pydantic checks in this order)
    fallback: Path | None = Field(None, description="Picture shown when 'file' (with its "
                                                    "variables filled in) does not exist.")
    file: Path = Field(description="Picture file (PNG, JPEG, …), relative to this YAML file; "
                                   "may hold {{ kommune.slug }} or {{ kommune.number }}.")
    alt: Text | None = Field(None, description="Alternative text: what the picture shows.")
    decorative: bool = Field(False, description="True if the picture carries no information.")
    _boundary: Boundary | None = PrivateAttr(None)

    @field_validator("fallback", mode="after")
    @classmethod
    def _fallback_exists(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return None
        if has_template_syntax(str(value)):
            raise ValueError(f"the fallback is the one picture for every kommune: it cannot "
                             f"hold variables, found '{value}'")
        return readable_picture(_joined(value, info), value)

    @field_validator("file", mode="after")
    @classmethod
    def _exists(cls, value: Path, info: ValidationInfo) -> Path:
        path = _joined(value, info)
        _check_suffix(path, value)
        if has_template_syntax(str(value)):
            return path  # found per kommune when the slide is made (for_kommune)
        fallback = info.data.get("fallback")
        if fallback is not None and not path.is_file():
            return fallback
        return readable_picture(path, value)

    @model_validator(mode="after")
    def _keep_boundary(self, info: ValidationInfo) -> Picture:
        self._boundary = boundary_of(info.context)  # for the path once filled in (with_file)
        return self

    @property
    def varies(self) -> bool:
        """Whether the file's path holds variables, filled in per kommune."""
        return has_template_syntax(str(self.file))

    def with_file(self, rendered: str, shown: str) -> Picture:
        """This picture with its path's variables filled in (rendered): the file if it exists,
        else the fallback; ValueError when neither is there."""
        path = Path(rendered)
        _check_suffix(path, shown)
        if self._boundary is not None:
            path = self._boundary.check(path, shown)
        if not path.is_file() and self.fallback is not None:
            return self.model_copy(update={"file": self.fallback})
        hint = "" if self.fallback else " (or give 'fallback:', a picture for the others)"
        return self.model_copy(update={"file": readable_picture(path, shown, hint)})

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


def _joined(value: Path, info: ValidationInfo) -> Path:
    """The path relative to the YAML file naming it, checked to be inside the deck's project
    (a path with variables is checked once they are filled in, by with_file)."""
    base = (info.context or {}).get("base_dir")
    path = (Path(base) / value) if base and not value.is_absolute() else value
    boundary = boundary_of(info.context)
    if boundary is not None and not has_template_syntax(str(value)):
        boundary.check(path, value)
    return path


def _check_suffix(path: Path, shown: Any) -> None:
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        raise ValueError(f"expected a picture file ({', '.join(PICTURE_SUFFIXES)}), "
                         f"found '{shown}'")


# A full-screen picture on a 16:9 slide at 300 dpi is about 4000 × 2250 pixels (9 MP).
PICTURE_WARN_PIXELS = 20_000_000  # more than a slide can show: warned (the .pptx grows by it)
PICTURE_MAX_PIXELS = 80_000_000  # refused: decoding it takes gigabytes (a «decompression bomb»)


def readable_picture(path: Path, shown: Any, hint: str = "") -> Path:
    """The picture's resolved path, once it is known to exist, to be a picture Pillow reads
    in full (a truncated file is refused, not embedded) and to be of a size a slide can take;
    ValueError naming the file as the spec gives it (shown) otherwise."""
    if not path.is_file():
        looked = display_path(path)
        looked = "" if looked == str(shown) else f" (looked for {looked})"
        raise ValueError(f"picture file not found: '{shown}'{looked}{hint}")
    stat = path.stat()
    problem = _decoding_problem(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if problem:
        raise ValueError(f"'{shown}' {problem}")
    return path.resolve()


def picture_pixels(path: Path) -> tuple[int, int]:
    """A readable picture's width and height, read from its header."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            return image.size


@lru_cache(maxsize=512)
def _decoding_problem(path: str, size: int, mtime_ns: int) -> str:
    """What keeps the picture at path from going into a deck ('' if nothing): decoded in full
    once per version of the file (size and time are part of the key), since a deck is loaded
    again on every build and every save while watching."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError:  # claims more pixels than Pillow will even open
            return _too_many(None, None)
        except (OSError, SyntaxError, ValueError):  # not a picture format at all
            return "is not a picture slidegen can read (PNG, JPEG, GIF, BMP or TIFF)"
        with image:
            width, height = image.size
            if width * height > PICTURE_MAX_PIXELS:
                return _too_many(width, height)
            try:
                image.load()  # every pixel: a truncated or corrupt file fails here
            except Image.DecompressionBombError:
                return _too_many(width, height)
            except (OSError, SyntaxError, ValueError):  # Pillow reports broken data with any
                return ("is a damaged or cut-short picture (PNG, JPEG, GIF, BMP or TIFF): "
                        "save or export it again")
    return ""


def _too_many(width: int | None, height: int | None) -> str:
    size = f"{width} × {height} pixels" if width else "far more pixels than any photo"
    return (f"is too large to put on a slide ({size}; at most {PICTURE_MAX_PIXELS // 10**6} "
            f"million): scale it down to about 4000 pixels wide")
