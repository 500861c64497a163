"""What a build reads: the data folder it uses, and every input file (for --watch and for
deciding whether a deck must be rebuilt)."""

from __future__ import annotations

from pathlib import Path

from .data import Data, find_data_folder, open_data
from .errors import DataError, SlidegenError, display_path
from .slides.common import DATA_KINDS
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck
from .template import ASSETS, DEFAULT_TEMPLATE


def all_slides(deck: Deck):
    """Every slide spec, with those inside for_each blocks."""
    for spec in deck.slides:
        if isinstance(spec, ForEach):
            yield from spec.slides
        else:
            yield spec


def deck_data_folder(deck: Deck, override: str | Path | None = None) -> Path | None:
    """--data, else the deck's data:, else the nearest data/ above the deck."""
    return Path(override) if override else (deck.data or find_data_folder(deck.file.parent))


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
                files.append(picture.file)
    return files


def placeholder_warning(deck: Deck) -> list[str]:
    """One warning for the stand-in pictures still on shown slides, one line per picture with
    the spec line that first shows it: an adviser must not find them first in front of the
    kommune."""
    from .assets import is_placeholder

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


def _line_of(spec, field: str) -> str:
    """'decks/x.yaml:12', where the slide names the picture ('' for a slide made in code)."""
    if spec.origin is None:
        return ""
    line = spec.origin.positions.get(field, (spec.origin.line, 1))[0]
    return f"{display_path(spec.origin.file)}:{line}"


def watched_files(deck_file: Path, data_folder: Path | None = None) -> list[Path]:
    """The files a build of deck_file reads: spec and includes, data, template, pictures.

    A spec that does not load (being edited) still watches itself, so saving a fix rebuilds.
    """
    try:
        deck = load_deck(deck_file)
    except SlidegenError:
        return [Path(deck_file)]
    files = input_files(deck)
    folder = deck_data_folder(deck, data_folder)
    if folder and folder.is_dir():
        files += sorted(folder.glob("*.csv")) + sorted(folder.glob("*.yaml"))
    return files


def needs_data(deck: Deck) -> bool:
    """Whether the deck uses data/: data slides, text variables, or a kommune."""
    return deck.kommune is not None or deck.parameter is not None or any(
        isinstance(spec, ForEach) or spec.kind in DATA_KINDS
        or "{{" in (text := spec.model_dump_json()) or "{%" in text
        for spec in deck.slides) or "{{" in deck.title


def used_data_folder(deck: Deck, override: str | Path | None) -> Path | None:
    """The data folder the deck reads, or None when it uses no data."""
    if not needs_data(deck):
        return None
    folder = deck_data_folder(deck, override)
    if folder is None:
        raise DataError(f"{display_path(deck.file)}: the deck uses data, but no data/ folder "
                        f"was found above it; set 'data:' in the deck or use --data")
    return folder


def load_deck_data(deck: Deck, override: str | Path | None, isolate: bool = False
                   ) -> Data | None:
    """The deck's data folder, every dataset loaded and checked (shared_data's copy)."""
    folder = used_data_folder(deck, override)
    if folder is None:
        return None
    data = shared_data(folder, isolate)
    data.load()
    return data


_OPENED: dict[tuple[str, bool], tuple[str, Data]] = {}  # per process: (folder, isolate) → …


def data_source(data: Data) -> str | None:
    """The digest of the data/ files a Data from shared_data was read from (None for another):
    what was computed from it holds only while a new shared_data call gives the same one."""
    return next((digest for digest, opened in _OPENED.values() if opened is data), None)


def shared_data(folder: Path, isolate: bool = False) -> Data:
    """The data folder, read once per process while its files stay the same: a batch worker
    builds many decks from it, and a forked worker starts with its parent's. isolate: see
    Data (a batch)."""
    from .incremental import data_files  # (imports this module)

    key, digest = (str(folder.resolve()), isolate), repr(data_files(folder))
    if key not in _OPENED or _OPENED[key][0] != digest:
        _OPENED[key] = (digest, open_data(folder, isolate))
    data = _OPENED[key][1]
    data.take_reads()  # what an earlier build read is not this one's
    return data
