"""A whole deck: the slide kinds it may use, its settings, and the validated result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..errors import DataError, Problem, SpecError, display_path
from ..slides.kinds import MODELS
from .boundary import boundary_of
from .model import Origin, SlideBase, Strict, Text
from .templating import has_template_syntax

# The most slides a deck may make (README, "Limits"), for_each blocks counted per kommune: ten
# times a long day of talks, and a bound on what a typo in a for_each can ask for.
MAX_SLIDES = 20_000



def too_many_slides(count: int) -> str | None:
    """What to say of a spec of count slides (for_each blocks once), or None if it may."""
    if count > MAX_SLIDES:
        return f"{count} slides; a deck may have at most {MAX_SLIDES} (split it into several decks)"
    return None


SLIDE_MODELS: dict[str, type[SlideBase]] = MODELS  # kind → model, one per module in slides/kinds/

# A slide is whichever model its `kind` names.
Slide = Annotated[Union[tuple(MODELS.values())], Field(discriminator="kind")]  # noqa: UP007


class DeckHead(Strict):
    """Deck-level settings (everything but the slides)."""

    title: Text = Field(description="The deck's title (file properties).")
    author: Text | None = Field(None, description="Who presents it (file properties).")
    language: Literal["nb-NO", "nn-NO", "en-GB", "en"] = Field(
        "nb-NO", description="The deck's language: nb-NO, nn-NO or en (text tagged en-GB); the "
                             "words slidegen writes itself follow it, and it picks the texts "
                             "given per language ({nb: …, nn: …, en: …}).")
    template: Path | None = Field(None, description="A .pptx template with its mapping .yaml "
                                                    "beside it; default: Distriktssenteret.")
    date: dt.date | None = Field(None, description="Date stored in the file; default: fixed, so "
                                                   "builds are byte-identical.")
    data: Path | None = Field(None, description="The data folder; default: the nearest data/ "
                                                "above the deck file.")
    kommune: Text | None = Field(None, description="The kommune the deck is about (name or "
                                                   "number): {{ kommune.name }} in texts.")
    parameter: Literal["kommune"] | None = Field(
        None, description="'kommune': the deck is made for one kommune at a time, chosen with "
                          "--kommune or --group (default: the deck's 'kommune').")
    slides: list[Any] = Field(min_length=1, description="The slides, in order; "
                                                        "{include: file.yaml} inserts more.")

    @field_validator("template", "data", mode="after")
    @classmethod
    def _exists(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        """Relative to the deck file; the template must be a file, data a folder."""
        if value is None:
            return None
        base = (info.context or {}).get("base_dir")
        path = (Path(base) / value) if base and not value.is_absolute() else value
        boundary = boundary_of(info.context)
        if boundary is not None:
            boundary.check(path, value)  # a deck reads only inside its project
        ok, what = ((path.is_file(), "template") if info.field_name == "template"
                    else (path.is_dir(), "data folder"))
        if not ok:
            raise ValueError(f"{what} not found: '{value}' (looked for {display_path(path)})")
        return path.resolve()


class ForEach(BaseModel):
    """Slides repeated once per kommune of a group: {{ kommune.name }} is that kommune."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["for_each"] = "for_each"
    group: str  # a group id from data/kommuner.yaml, or 'all'
    slides: tuple[Slide, ...]
    origin: Origin

    def check_count(self, before: int, kommuner: int) -> int:
        """The slides this block makes for that many kommuner; a DataError at its line if the
        deck would then have more than MAX_SLIDES."""
        made = kommuner * len(self.slides)
        if before + made > MAX_SLIDES:
            raise DataError(f"{self.origin.where('for_each')}: {len(self.slides)} slides for each "
                            f"of {kommuner} kommuner, with {before} before them: more than the "
                            f"{MAX_SLIDES} slides a deck may have (split it into several decks, "
                            f"or repeat it for a smaller group)")
        return made

    def members(self, registry, texts=None) -> list[str]:
        """The kommuner the block repeats for, in registry order (data.Registry.members); an
        unknown group is a DataError at the block's line. A group given as text variables
        («{{ kommune.fylke_group }}») is the deck's kommune's, rendered by texts."""
        group = self.group
        if has_template_syntax(group):
            if texts is None:  # checked when the deck is built for a kommune
                return []
            group = texts.render_text(group, self.origin.where("for_each"))
        try:
            return registry.members(group)
        except LookupError as exc:
            raise DataError(f"{self.origin.where('for_each')}: {exc.args[0]}") from None


class Deck(BaseModel):
    """A validated deck: settings and the flat, include-expanded list of slides."""

    model_config = ConfigDict(frozen=True)
    file: Path
    title: str
    author: str | None
    language: str
    template: Path | None
    date: dt.date | None
    data: Path | None
    kommune: str | None
    parameter: str | None = None
    slides: tuple[Slide | ForEach, ...]
    sources: tuple[Path, ...] = Field(description="The deck file and every file it includes.")
    positions: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="Line and column of each deck-level key, for errors "
                                          "found later (an unknown kommune).")

    def where(self, key: str) -> str:
        """'decks/x.yaml:1:8: title': a deck-level key, for a message."""
        line, column = self.positions.get(key, (1, 1))
        return f"{display_path(self.file)}:{line}:{column}: {key}"

    def problem(self, key: str, message: str) -> SpecError:
        """An error found after loading (against data/, say) in a deck-level key, at its line."""
        line, column = self.positions.get(key, (1, 1))
        return SpecError([Problem(self.file, line, column, key, message)])
