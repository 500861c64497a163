"""The whole pipeline, top to bottom: spec → template check → data → slides in order → file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pptx.presentation import Presentation

from .assets import default_output as default_output_of
from .cachekeys import build_context, predict, slide_key, uses_data
from .data import Data
from .errors import BuildError, DataError, SelectionError, display_path
from .incremental import YEARS, data_rows, state_file
from .inputs import (
    all_slides,
    data_source,
    placeholder_warning,
    shared_data,
    used_data_folder,
    watched_files,
)
from .prefetch import Computed, Planned, Prefetch, chart_size, picture_charts
from .save import deterministic_bytes, set_properties, write_atomically
from .slidecache import Entry, SlideCache, capture, digest, restore
from .slides import KINDS, PHOTO_LAYOUTS, common
from .slides.canvas import Canvas
from .slides.context import SlideContext
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck
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
    data: Data | None = field(default=None, repr=False)
    data_folder: Path | None = None
    rows: dict[str, str] | None = None  # digest of the rows read, per dataset:region


def default_output(deck: Deck) -> Path:
    return default_output_of(deck.file)


def build_deck(deck: Deck | str | Path, output: str | Path | None = None,
               data_folder: str | Path | None = None, kommune: str | None = None,
               jobs: int = 1, isolate: bool = False, computed: Planned | None = None
               ) -> BuildResult:
    """Build a deck (a validated Deck, or the path of its YAML) into a .pptx, atomically.

    data_folder overrides the deck's `data:` and the default (the nearest data/ above the deck);
    kommune is the kommune a per-kommune deck (parameter: kommune) is made for; jobs > 1
    draws the deck's charts in that many worker processes first. isolate (a batch): a data
    problem in one region's figures fails the build only if the deck reads that region.
    computed (a batch): charts whose data was computed, and drawn, ahead (prefetch.Planned),
    used if data/ has not changed since.
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
    folder = used_data_folder(deck, data_folder)
    # datasets are read when first used
    data = shared_data(folder, isolate) if folder is not None else None
    texts = _text_renderer(deck, data, deck.kommune)
    slides = list(_expanded(deck, data, texts))
    cache = SlideCache(output, build_context(deck, folder))
    keys = [slide_key(spec, ctx) for spec, _, ctx in slides]
    cached = predict(cache, keys)
    to_make = [slide if not hit else None for slide, hit in zip(slides, cached, strict=True)]
    prefetch = (Computed(computed.charts, data) if computed is not None and data is not None
                and data_source(data) == computed.source  # else data/ changed since
                else _chart_workers(to_make, template, data, jobs))
    try:
        if data is not None and any(slide and uses_data(slide[0]) for slide in to_make):
            data.load()  # a data error stops the build here, before any slide, as it always has
        title, regions = _cached_title(deck, texts, data, cache)
        prs = template.new_presentation()
        warnings: list[str] = []
        problems: list[str] = []
        layouts = LayoutIndex(template, prs)
        if isinstance(prefetch, Prefetch):
            prefetch.submit(to_make, data, chart_size(template, prs))
        number = _make_slides(slides, keys, cache, prs, layouts, template, deck, data, prefetch,
                              warnings, problems, regions)
    finally:
        if prefetch is not None:
            prefetch.close()
    if problems:  # every data problem of the deck at once (each once); nothing is written
        raise DataError("\n".join(dict.fromkeys(problems)))
    rows = _row_digests(data, regions, cache)
    set_properties(prs, title, deck.author, deck.language, deck.date)
    # An output written outside batch.run (check/preview of a .yaml) has no fingerprint of what
    # it was built from: drop any old one, so the next build does not call it unchanged.
    state_file(output).unlink(missing_ok=True)
    write_atomically(output, deterministic_bytes(prs))
    if data is None or not data.has_broken_rows:  # see Data.has_broken_rows
        cache.save()
    warnings += placeholder_warning(deck)
    return BuildResult(output=output, slide_count=number, warnings=warnings, title=title,
                       data=data, data_folder=folder, rows=rows)


def _chart_workers(to_make, template, data: Data | None, jobs: int) -> Prefetch | None:
    """Worker processes for the charts, when there are two or more to draw (a worker costs a
    matplotlib import of its own). The deck's own process is one of the jobs: it makes the
    other slides meanwhile, as much work as the charts, so --jobs 2 is one chart worker."""
    if jobs < 2 or data is None or "chart" not in template.mapping.layouts:
        return None
    count = picture_charts(to_make)
    return Prefetch(min(jobs - 1, count)) if count > 1 else None


def _make_slides(slides, keys, cache, prs, layouts, template, deck, data, prefetch, warnings,
                 problems, regions) -> int:
    """Each slide in order, from the cache or made (and then stored); returns the count."""
    number = 0
    counts: dict[str, int] = {}
    for index, ((spec, renderer, ctx), spec_key) in enumerate(zip(slides, keys, strict=True)):
        key = digest(spec_key, number + 1)  # slide numbers are part of what is stored
        where = _where(spec)
        entry = cache.get(key)
        if entry is not None:
            restore(prs, lambda key: layouts.get(key).layout, entry.slides, cache.blobs)
            number += len(entry.slides)
            counts[spec_key] = len(entry.slides)
            warnings += [f"{where}: {w}" for w in entry.warnings]
            regions |= set(entry.regions)
            continue
        start = len(warnings)
        if prefetch is not None and prefetch.has(index):
            ctx = replace(ctx, chart=prefetch.take(index))
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
        made_slides = []
        for canvas in canvases:
            number += 1
            canvas.finish(template.mapping.slide_number, number)
            if spec.hidden:
                canvas.slide._element.set("show", "0")
            made_slides.append(capture(canvas.slide, canvas.layout_key, cache.blobs))
        read = _take_regions(data)
        regions |= read
        counts[spec_key] = len(canvases)
        if all(made_slides):
            cache.put(key, Entry(made_slides, [_unprefixed(w, where) for w in warnings[start:]],
                                 sorted(read), [c for cv in canvases for c in cv.charts]))
    cache.put("counts", counts)
    return number


def _cached_title(deck: Deck, texts: TextRenderer, data: Data | None, cache: SlideCache):
    """The deck's title, rendered (it may hold figures), and the data rows that took."""
    if "{{" not in deck.title and "{%" not in deck.title:
        return deck.title, set()
    key = digest("title", deck.title, deck.kommune)
    stored = cache.get(key)
    if stored is not None:
        return stored[0], set(stored[1])
    _take_regions(data)
    title = _deck_title(deck, texts)
    read = _take_regions(data)
    cache.put(key, (title, sorted(read)))
    return title, read


def _take_regions(data: Data | None) -> set[tuple[str, str]]:
    """The rows read since the last call (see Data.take_reads); none without data."""
    return data.take_reads() if data is not None else set()


def _row_digests(data: Data | None, regions: set, cache: SlideCache) -> dict[str, str] | None:
    """A digest of the rows read, per dataset and region, for deciding later whether a data
    change touches this deck; kept in the cache, so a build from cached slides reads no rows."""
    if data is None:
        return None
    stored = cache.old.get("rows", {})
    # Relative periods ('siste 10 år') count back from a dataset's newest year, whichever region
    # brought it: each dataset read also records its years.
    regions = set(regions) | {(name, YEARS) for name, _ in regions}
    keys = {f"{name}:{region}" for name, region in regions}
    rows = {k: stored[k] for k in keys if k in stored}
    if len(rows) < len(keys):
        rows = {f"{name}:{region}": data_rows(data, name, region)
                for name, region in sorted(regions)}
    cache.put("rows", rows)
    return dict(sorted(rows.items()))


def _unprefixed(warning: str, where: str) -> str:
    return warning[len(where) + 2:] if warning.startswith(f"{where}: ") else warning


def _where(spec: SlideBase) -> str:
    return (f"{display_path(spec.origin.file)}:{spec.origin.line}" if spec.origin
            else spec.kind)


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
    return block.members(data.registry)


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
    where = _where(spec)

    def new_slide(key: str) -> Canvas:
        info = layouts.get(key)
        slide = prs.slides.add_slide(info.layout)
        return Canvas(slide, info.layout, dict(info.roles), language, where, warnings,
                      layout_shapes=info.shapes, font_sizes=info.sizes, layout_key=key)

    canvases = KINDS[spec.kind].render(spec, new_slide, ctx)
    main_key = next(iter(KINDS[spec.kind].needs(spec)))
    common.apply(spec, canvases[0], main_key in PHOTO_LAYOUTS)
    return canvases


