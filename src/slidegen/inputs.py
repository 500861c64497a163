"""What a build reads: the data folder it uses, and every input file (for --watch, and for
the accelerators' fingerprints of what a deck was built from)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .assets import ASSETS, find_data_folder, is_placeholder
from .errors import DataError, SlidegenError, display_path
from .files import file_digest
from .slides.common import DATA_KINDS
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck
from .spec.model import Picture, SlideBase
from .spec.templating import has_template_syntax
from .template import DEFAULT_TEMPLATE


def all_slides(deck: Deck) -> Iterator[SlideBase]:
    """Every slide spec, with those inside for_each blocks."""
    for spec in deck.slides:
        if isinstance(spec, ForEach):
            yield from spec.slides
        else:
            yield spec


def uses_data(spec: SlideBase) -> bool:
    """Whether making the slide reads data: a data slide, or text with variables."""
    return spec.kind in DATA_KINDS or has_template_syntax(spec.model_dump_json())


def needs_data(deck: Deck) -> bool:
    """Whether the deck uses data/: data slides, text variables, or a kommune."""
    return (deck.kommune is not None or deck.parameter is not None
            or has_template_syntax(deck.title)
            or any(isinstance(spec, ForEach) or uses_data(spec) for spec in deck.slides))


def deck_data_folder(deck: Deck, override: str | Path | None = None) -> Path | None:
    """--data, else the deck's data:, else the nearest data/ above the deck."""
    return Path(override) if override else (deck.data or find_data_folder(deck.file.parent))


def used_data_folder(deck: Deck, override: str | Path | None) -> Path | None:
    """The data folder the deck reads, or None when it uses no data."""
    if not needs_data(deck):
        return None
    folder = deck_data_folder(deck, override)
    if folder is None:
        raise DataError(f"{display_path(deck.file)}: the deck uses data, but no data/ folder "
                        f"was found above it; set 'data:' in the deck or use --data")
    return folder


def data_files(folder: Path) -> dict[str, str]:
    """A digest of every file in the data folder: when none has changed, nothing read from it
    has, and the rows need not be loaded to know."""
    return {path.name: file_digest(path) for path in sorted(folder.glob("*.csv"))
            + sorted(folder.glob("*.yaml"))}


def input_files(deck: Deck) -> list[Path]:
    """The files besides data/ that a build reads: spec and includes, template and mapping,
    pictures, the chart style and the fonts text is measured with."""
    template = deck.template or DEFAULT_TEMPLATE
    files = list(deck.sources) + [template, template.with_suffix(".yaml")]
    files += sorted((ASSETS / "charts").glob("*.mplstyle")) + sorted(
        (ASSETS / "fonts").glob("*.ttf"))
    for spec in all_slides(deck):
        for picture in (getattr(spec, "photo", None), getattr(spec, "image", None)):
            if picture is not None:
                files += picture_files(picture)
    return files


def picture_files(picture: Picture) -> list[Path]:
    """The files a picture may show: its file; for a path with variables every file its
    pattern matches (bilder/{{ kommune.slug }}.png: bilder/*.png) and the fallback, so adding
    or replacing any kommune's picture is seen as a change."""
    if not picture.varies:
        return [picture.file]
    pattern = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "*", str(picture.file))
    anchor = Path(pattern)
    while has_template_syntax(str(anchor)) or "*" in str(anchor):
        anchor = anchor.parent
    relative = Path(pattern).relative_to(anchor)
    found = sorted(anchor.glob(str(relative))) if anchor.is_dir() else []
    return found + ([picture.fallback] if picture.fallback else [])


def watched_files(deck_file: Path, data_folder: Path | None = None,
                  boundary=None) -> list[Path]:
    """The files a build of deck_file reads: spec and includes, data, template, pictures.

    A spec that does not load (being edited) still watches itself, so saving a fix rebuilds.
    """
    try:
        deck = load_deck(deck_file, boundary=boundary)
    except SlidegenError:
        return [Path(deck_file)]
    files = input_files(deck)
    folder = deck_data_folder(deck, data_folder)
    if folder and folder.is_dir():
        files += sorted(folder.glob("*.csv")) + sorted(folder.glob("*.yaml"))
    return files


def placeholder_warning(deck: Deck) -> list[str]:
    """One warning for the stand-in pictures still on shown slides, one line per picture with
    the spec line that first shows it: an adviser must not find them first in front of the
    kommune."""
    found: dict[Path, str] = {}  # picture → where it is first shown
    for spec in all_slides(deck):
        for field in ("photo", "image"):
            picture = getattr(spec, field, None)
            if picture is not None and not spec.hidden and is_placeholder(picture.file):
                found.setdefault(picture.file, _line_of(spec, field))
    if not found:
        return []
    what = (f"{len(found)} pictures are still placeholders" if len(found) > 1
            else "1 picture is still a placeholder")
    lines = [f"  {display_path(file)}" + (f" (shown at {line})" if line else "")
             for file, line in found.items()]
    return ["\n".join([f"{what}: replace each with the real picture under the same name "
                       f"before the talk", *lines])]


def _line_of(spec: SlideBase, field: str) -> str:
    """'decks/x.yaml:12', where the slide names the picture ('' for a slide made in code)."""
    if spec.origin is None:
        return ""
    line = spec.origin.positions.get(field, (spec.origin.line, 1))[0]
    return f"{display_path(spec.origin.file)}:{line}"
