"""Checking a deck without building it: the spec, and what it names in data/ (its kommune,
its for_each groups, and every data selection's kommuner, measures and periods, resolved as
build resolves them), every problem with file:line:col and the message build would give."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from .build import deck_needs, kommune_missing
from .data import open_data
from .data.registry import deck_kommune, load_registry
from .data.tables import Selection, resolve
from .errors import DataError, SelectionError
from .inputs import deck_data_folder, needs_data
from .slides.context import SlideContext
from .slides.kinds import KINDS
from .spec.boundary import Boundary
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck
from .spec.model import SlideBase
from .spec.selection import DataSelection
from .spec.templating import has_template_syntax
from .template import load_template


def validate_deck(deck: str | Path, data_folder: str | Path | None = None,
                  kommuner: list[str] | None = None, boundary: Boundary | None = None) -> Deck:
    """The validated deck; a SlidegenError with every problem found otherwise. kommuner (their
    numbers) are the kommuner to check a deck made per kommune for, as --kommune/--group build
    it; default: the deck's own kommune. The deck reads inside boundary (default: its
    project, spec/boundary.py)."""
    spec = load_deck(deck, boundary=boundary)
    # the template and its mapping serve every layout the slides need (python-pptx reads the
    # template's parts, nothing is drawn)
    load_template(spec.template).require(deck_needs(spec))
    missing = None if kommuner else kommune_missing(spec)
    if missing:
        raise missing
    folder = deck_data_folder(spec, data_folder)
    if folder is not None and folder.is_dir():
        # the registry is two small files: a misspelt kommune or group is found now, not at
        # build time
        registry = load_registry(folder)
        if spec.kommune is not None:
            deck_kommune(spec, registry)
        count = 0
        for block in spec.slides:
            if isinstance(block, ForEach):
                count += block.check_count(count, len(block.members(registry)))
            else:
                count += 1
        if needs_data(spec):
            data = open_data(folder)
            decks = ([spec.model_copy(update={"kommune": k}) for k in kommuner]
                     if kommuner else [spec])
            problems = [p for made_for in decks for p in _selection_problems(made_for, data)]
            if problems:
                raise DataError("\n".join(dict.fromkeys(problems)))
            return spec
    _title_problem(spec, None)
    return spec


def _title_problem(deck: Deck, data) -> None:
    """The deck's title rendered as build renders it: DataError with build's message."""
    from .texts import TextRenderer

    if has_template_syntax(deck.title):
        TextRenderer(data, deck.kommune if data is not None else None).render_text(
            deck.title, deck.where("title"))


def _selection_problems(deck: Deck, data) -> Iterator[str]:
    """What build would say of each data selection, slide by slide, with texts rendered for
    the deck's kommune (each kommune of a for_each block)."""
    from .texts import TextRenderer

    deck_texts = TextRenderer(data, deck.kommune)  # one for the deck: made per slide, its
    try:                                           # set-up was most of a text slide's time
        deck_texts.render_text(deck.title, deck.where("title"))
    except DataError as exc:
        yield from str(exc).splitlines()
    for block in deck.slides:
        if isinstance(block, ForEach):
            texts = deck_texts if deck.kommune else None
            for number in block.members(data.registry, texts):
                renderer = TextRenderer(data, number)
                for spec in block.slides:
                    yield from _slide_problems(spec, renderer, data, number)
        else:
            yield from _slide_problems(block, deck_texts, data, deck.kommune)


def _slide_problems(spec: SlideBase, texts, data, kommune) -> Iterator[str]:
    try:
        spec = texts.render_slide(spec)
    except DataError as exc:
        yield from exc.messages()
        return
    problems = 0
    for path, selection in _selections(spec, ""):
        try:
            resolve(data, Selection(list(selection.measures), selection.kommuner,
                                    selection.region, selection.periods), kommune)
        except SelectionError as exc:
            problems += 1
            yield _where(spec, f"{path}{exc.field}", exc)
    kind = KINDS[spec.kind]
    if problems or not hasattr(kind, "all_missing"):
        return
    # the figures as the slide would show them, and what its kind refuses of them (a line
    # with one year), computed as build computes them, without drawing
    ctx = SlideContext(data, kommune)
    try:
        kind.all_missing(spec, ctx)
        if hasattr(kind, "check"):
            kind.check(spec, ctx)
    except SelectionError as exc:
        yield _where(spec, exc.field, exc)
    except DataError as exc:
        yield from exc.messages()


def _where(spec: SlideBase, field: str, exc: SelectionError) -> str:
    return f"{spec.origin.where(field)}: {exc.detail}" if spec.origin else str(exc)


def _selections(value, path: str) -> Iterator[tuple[str, DataSelection]]:
    """Each DataSelection in a slide spec, with the path before its field names ('figures[1].')."""
    if isinstance(value, DataSelection):
        yield path[:-len("data.")] if path.endswith("data.") else path, value
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _selections(item, f"{path[:-1]}[{i}]." if path else f"[{i}].")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name != "origin":
                yield from _selections(getattr(value, name), f"{path}{name}.")
