"""The whole pipeline, top to bottom: spec → template check → data → slides in order → file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pptx.presentation import Presentation

from .data import Data
from .errors import BuildError, DataError, SelectionError, display_path
from .inputs import all_slides, load_deck_data, watched_files
from .prefetch import prefetch_charts
from .save import deterministic_bytes, set_properties, write_atomically
from .slides import KINDS, PHOTO_LAYOUTS, common
from .slides.canvas import Canvas
from .slides.context import SlideContext
from .spec import Deck, load_deck
from .spec.deck import ForEach
from .spec.model import SlideBase
from .template import LayoutIndex, load_template
from .texts import TextRenderer

__all__ = ["BuildResult", "build_deck", "deck_needs", "watched_files"]


@dataclass
class BuildResult:
    """What a build wrote, and what it noticed but did not stop for."""

    output: Path
    slide_count: int
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    data: Data | None = field(default=None, repr=False)  # what was read, for incremental builds


def default_output(deck: Deck) -> Path:
    return Path("build") / f"{deck.file.stem}.pptx"


def build_deck(deck: Deck | str | Path, output: str | Path | None = None,
               data_folder: str | Path | None = None, kommune: str | None = None,
               jobs: int = 1) -> BuildResult:
    """Build a deck (a validated Deck, or the path of its YAML) into a .pptx, atomically.

    data_folder overrides the deck's `data:` and the default (the nearest data/ above the deck);
    kommune is the kommune a per-kommune deck (parameter: kommune) is made for; jobs > 1
    draws the deck's charts in that many worker processes first.
    """
    if not isinstance(deck, Deck):
        deck = load_deck(deck)
    if kommune is not None:
        deck = deck.model_copy(update={"kommune": str(kommune)})
    if deck.parameter == "kommune" and deck.kommune is None:
        raise BuildError(f"{display_path(deck.file)}: this deck is made for one kommune at a "
                         f"time: give --kommune (or --group), or set 'kommune:' in the deck")
    output = Path(output) if output else default_output(deck)
    if output.suffix.lower() != ".pptx":
        raise BuildError(f"output must be a .pptx file, found '{output}'")

    template = load_template(deck.template)
    template.require(deck_needs(deck))
    data = load_deck_data(deck, data_folder)
    texts = _text_renderer(deck, data, deck.kommune)
    title = _deck_title(deck, texts)
    prs = template.new_presentation()
    warnings: list[str] = []
    problems: list[str] = []
    number = 0
    slides = list(_expanded(deck, data, texts))
    layouts = LayoutIndex(template, prs)
    if jobs > 1 and "chart" in template.mapping.layouts:
        prefetch_charts(slides, template, prs, jobs)
    for spec, renderer, ctx in slides:
        try:
            spec = renderer.render_slide(spec)
            canvases = _render(spec, prs, layouts, deck.language, ctx, warnings)
        except SelectionError as exc:
            problems.append(f"{spec.origin.where(exc.field)}: {exc.detail}" if spec.origin
                            else str(exc))
            continue
        except DataError as exc:
            problems += exc.messages()
            continue
        for canvas in canvases:
            number += 1
            canvas.finish(template.mapping.slide_number, number)
            if spec.hidden:
                canvas.slide._element.set("show", "0")
    if problems:  # every data problem of the deck at once; nothing is written
        raise DataError("\n".join(problems))
    set_properties(prs, title, deck.author, deck.language, deck.date)
    write_atomically(output, deterministic_bytes(prs))
    return BuildResult(output=output, slide_count=number, warnings=warnings, title=title,
                       data=data)


def _expanded(deck: Deck, data: Data | None, texts: TextRenderer):
    """(slide, text renderer, context) in final order; for_each blocks once per kommune, in
    registry order, each with that kommune as {{ kommune }} and as the default selection."""
    for spec in deck.slides:
        if not isinstance(spec, ForEach):
            yield spec, texts, SlideContext(data, deck.kommune)
            continue
        for number in _members(spec, data):
            renderer = _text_renderer(deck, data, number)
            for inner in spec.slides:
                yield inner, renderer, SlideContext(data, number)


def _members(block: ForEach, data: Data | None) -> list[str]:
    if data is None:
        raise DataError(f"{block.origin.where('for_each')}: for_each needs the kommune "
                        f"registry in data/, and no data folder was found")
    registry = data.registry
    if block.group == "all":
        return list(registry.kommuner)
    if block.group in registry.groups:
        return sorted(registry.groups[block.group].members, key=registry.order)
    raise DataError(f"{block.origin.where('for_each')}: unknown group '{block.group}'; "
                    f"groups: {', '.join(registry.groups)}, or 'all'")


def _deck_title(deck: Deck, texts: TextRenderer) -> str:
    if "{{" not in deck.title and "{%" not in deck.title:
        return deck.title
    try:
        return texts.env.from_string(deck.title).render()
    except Exception as exc:  # jinja2 errors: say where, as for slide texts
        raise DataError(f"{display_path(deck.file)}: title: {exc}") from None


def deck_needs(deck: Deck) -> dict[str, set[str]]:
    """Every layout key the deck uses, with the placeholder roles it fills."""
    needs: dict[str, set[str]] = {}
    for spec in all_slides(deck):
        for key, roles in _slide_needs(spec).items():
            needs.setdefault(key, set()).update(roles)
    return needs


def _slide_needs(spec: SlideBase) -> dict[str, set[str]]:
    needs = KINDS[spec.kind].needs(spec)
    main = next(iter(needs))  # a module lists its main slide's layout first
    needs[main] = common.needs(spec, main, needs[main], main in PHOTO_LAYOUTS)
    return needs


def _text_renderer(deck: Deck, data: Data | None, kommune: str | None) -> TextRenderer:
    try:
        return TextRenderer(data, kommune)
    except LookupError as exc:
        where = display_path(deck.file)
        if kommune == deck.kommune and "kommune" in deck.positions:
            line, col = deck.positions["kommune"]
            where = f"{where}:{line}:{col}"
        raise DataError(f"{where}: kommune: {exc.args[0]}") from None


def _render(spec: SlideBase, prs: Presentation, layouts: LayoutIndex, language: str,
            ctx: SlideContext, warnings: list[str]) -> list[Canvas]:
    where = (f"{display_path(spec.origin.file)}:{spec.origin.line}" if spec.origin
             else spec.kind)

    def new_slide(key: str) -> Canvas:
        info = layouts.get(key)
        slide = prs.slides.add_slide(info.layout)
        return Canvas(slide, info.layout, dict(info.roles), language, where, warnings,
                      layout_shapes=info.shapes, font_sizes=info.sizes)

    canvases = KINDS[spec.kind].render(spec, new_slide, ctx)
    main_key = next(iter(KINDS[spec.kind].needs(spec)))
    common.apply(spec, canvases[0], main_key in PHOTO_LAYOUTS)
    return canvases


