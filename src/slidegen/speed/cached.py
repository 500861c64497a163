"""The slide cache's link in a build's slide source: a slide whose spec, kommune, number,
pictures and shared inputs are all as last time is restored from the cache instead of made.

A slide's own key covers its spec, the kommune it is for and its pictures; the build's context
covers everything its slides share: slidegen's code, the libraries that shape a slide,
template, style, fonts, language and every file in data/."""

from __future__ import annotations

from ..build import Build, BuildResult, Made, PlannedSlide, SlideMaker
from ..files import digest, file_digest
from ..inputs import data_files, input_files, picture_files
from ..spec.templating import has_template_syntax
from .incremental import code_digest
from .link import Link
from .slidecache import Entry, SlideCache, capture, restore


class CachedSlides(Link):
    """Takes slides from the cache of the build's output; makes the rest with `then`, and
    keeps them for next time."""

    def __init__(self, build: Build, then: SlideMaker):
        super().__init__(then)
        self.cache = SlideCache(build.output, build_context(build))
        self.keys = [slide_key(slide) for slide in build.slides]
        self.counts: dict[str, int] = {}  # slides each spec made, for will_make next time

    def will_make(self, build: Build) -> list[PlannedSlide]:
        """The slides the cache will not give (assuming each slide to make makes as many as
        last time): known before the first slide, so data is read and charts drawn only for
        these."""
        counts = self.cache.old.get("counts", {})
        number, to_make = 0, []
        for slide, key in zip(build.slides, self.keys, strict=True):
            entry = self.cache.old.get(digest(key, number + 1))
            if isinstance(entry, Entry):
                number += len(entry.slides)
            else:
                number += counts.get(key, 1)
                to_make.append(slide)
        return to_make

    def title(self, build: Build) -> tuple[str, set]:
        deck = build.deck
        if not has_template_syntax(deck.title):
            return self.then.title(build)
        key = digest("title", deck.title, deck.kommune)
        stored = self.cache.get(key)
        if stored is not None:
            return stored[0], set(stored[1])
        title, reads = self.then.title(build)
        self.cache.put(key, (title, sorted(reads)))
        return title, reads

    def slide(self, build: Build, planned: PlannedSlide, number: int) -> Made:
        spec_key = self.keys[planned.index]
        key = digest(spec_key, number)  # slide numbers are part of what is stored
        where = planned.where
        entry = self.cache.get(key)
        if entry is not None:
            restore(build.prs, lambda k: build.layouts.get(k).layout, entry.slides,
                    self.cache.blobs)
            self.counts[spec_key] = len(entry.slides)
            return Made(len(entry.slides), [f"{where}: {w}" for w in entry.warnings],
                        set(entry.regions))
        made = self.then.slide(build, planned, number)
        if made.problems:
            return made
        self.counts[spec_key] = made.count
        slides = [capture(c.slide, c.layout_key, self.cache.blobs) for c in made.canvases]
        if all(slides) and made.left_out is None:  # left out: made again, so said again
            self.cache.put(key, Entry(slides, [_unprefixed(w, where) for w in made.warnings],
                                      sorted(made.reads),
                                      [c for canvas in made.canvases for c in canvas.charts]))
        return made

    def written(self, build: Build, result: BuildResult) -> None:
        self.cache.put("counts", self.counts)
        # A deck read from data/ with a bad row (a batch's isolated load) must not be found up
        # to date by a build that refuses bad rows: keep no slide of it.
        if build.data is None or not build.data.has_broken_rows:
            self.cache.save()
        self.then.written(build, result)


def build_context(build: Build) -> str:
    """What every slide of the build is made from besides its own spec and pictures."""
    deck, folder = build.deck, build.data_folder
    shared = [f for f in input_files(deck) if f not in deck.sources and f.suffix != ".png"
              and f.suffix.lower() not in (".jpg", ".jpeg")]
    # code_digest covers the libraries that shape a slide too: an upgrade reuses no slide
    return digest("slides", code_digest(), deck.language, deck.kommune,
                  *(file_digest(f) for f in shared),
                  folder.resolve() if folder else None,
                  *(data_files(folder).items() if folder else ()))


def slide_key(planned: PlannedSlide) -> str:
    """A slide spec's own key (its slide number is added when it is looked up)."""
    spec = planned.spec
    pictures = [getattr(spec, name, None) for name in ("photo", "image")]
    return digest(type(spec).__name__, spec.model_dump_json(), planned.kommune,
                  *(file_digest(f) for p in pictures if p is not None
                    for f in picture_files(p)))


def _unprefixed(warning: str, where: str) -> str:
    return warning[len(where) + 2:] if warning.startswith(f"{where}: ") else warning
