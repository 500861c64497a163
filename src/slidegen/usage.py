"""Which decks use which datasets — so that a data update can say which decks to rebuild."""

from __future__ import annotations

import re
from pathlib import Path

from .data import Data
from .data.measures import datasets_of
from .errors import SlidegenError, display_path
from .inputs import all_slides
from .spec.loader import load_deck

# figure('innflytting', …) and period('innflytting', …) in slide texts name measures too
TEXT_MEASURE = re.compile(r"""\b(?:figure|period)\(\s*['"]([^'"]+)['"]""")


def measures_used(deck_file: Path) -> set[str]:
    deck = load_deck(deck_file)
    names: set[str] = set()
    for spec in all_slides(deck):
        # a table's or chart's own selection, and each of a key figure slide's figures'
        selections = [getattr(spec, "data", None)] + [
            figure.data for figure in getattr(spec, "figures", None) or ()]
        for selection in selections:
            if selection is not None and hasattr(selection, "measures"):
                names.update(selection.measures)
    for source in deck.sources:
        names.update(TEXT_MEASURE.findall(source.read_text(encoding="utf-8")))
    return names


def decks_using(decks_folder: Path, data: Data) -> tuple[dict[str, list[str]], list[str]]:
    """Dataset name → the decks in decks_folder (not its subfolders: those hold includes) that
    show its figures; and a warning for each deck that could not be read."""
    using: dict[str, list[str]] = {}
    warnings = []
    for deck_file in sorted(decks_folder.glob("*.yaml")):
        try:
            names = measures_used(deck_file)
        except SlidegenError as exc:
            warnings.append(f"{display_path(deck_file)}: not read ({exc.messages()[0]})")
            continue
        known = [data.measures[n] for n in sorted(names) if n in data.measures]
        for dataset in datasets_of(known, data.measures):
            using.setdefault(dataset.name, []).append(display_path(deck_file))
    return using, warnings
