"""The pipeline, top to bottom: spec → plan → make each slide → write the file.

build_deck reads as those four steps. Where a slide comes from is one seam, the slide source
(Session.slide_source): the SlideMaker below makes every slide; the accelerators
(slidegen.speed), when a session has them plugged in, put links in front of it that take slides
from a cache or hand over chart data computed ahead. Either way the file is the same bytes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import written
from .assets import default_output
from .data import Data
from .data.reads import Reads, recording
from .deckdiff import slides_of
from .errors import BuildError, DataError, SelectionError, display_path
from .files import file_digest, write_atomically
from .inputs import all_slides, placeholder_warning, used_data_folder, uses_data
from .save import deterministic_bytes, set_properties
from .session import Session
from .slides import KINDS, PHOTO_LAYOUTS, common
from .slides.canvas import Canvas
from .slides.context import SlideContext
from .slides.package import keep_track_of_parts
from .spec.deck import Deck, ForEach
from .spec.loader import load_deck
from .spec.model import SlideBase
from .spec.templating import has_template_syntax
from .template import LayoutIndex, Template
from .texts import TextRenderer

__all__ = ["Build", "BuildResult", "LeftOut", "Made", "PlannedSlide", "SlideMaker",
           "build_deck", "deck_needs"]


@dataclass(frozen=True)
class LeftOut:
    """A slide with skip_when_missing left out of a deck: the kommune has none of its figures.
    Not a warning: the spec asked for it; the build says it so the adviser knows."""

    where: str  # 'decks/x.yaml:12'
    title: str  # as it would have been shown
    kommune: str | None  # the kommune's name (None: a deck not made per kommune)

    def __str__(self) -> str:
        return f"{self.where} «{self.title}»: no figures" + (
            f" for {self.kommune}" if self.kommune else "")


@dataclass
class BuildResult:
    """What a build wrote, what it read, and what it noticed but did not stop for."""

    output: Path
    slide_count: int
    warnings: list[str] = field(default_factory=list)
    title: str = ""
    reads: frozenset[tuple[str, str]] = frozenset()  # (dataset, region) rows the deck read
    data: Data | None = field(default=None, repr=False)
    data_folder: Path | None = None
    left_out: list[LeftOut] = field(default_factory=list)  # skip_when_missing, in deck order
    digest: str = ""  # sha256 of the file written
    backup: Path | None = None  # where --force moved a file changed by hand


@dataclass(frozen=True)
class PlannedSlide:
    """One slide spec in its place in the deck, with the texts and kommune it is made with."""

    index: int
    spec: SlideBase
    texts: TextRenderer
    kommune: str | None
    chart: object = None  # a chart slide's data, when it was computed ahead (speed.charts)

    @property
    def where(self) -> str:
        """'decks/x.yaml:12', the slide's place in its file, for warnings."""
        origin = self.spec.origin
        return f"{display_path(origin.file)}:{origin.line}" if origin else self.spec.kind


@dataclass
class Made:
    """What one slide spec gave: how many slides, with which warnings, from which data rows;
    problems instead when its data could not be given."""

    count: int
    warnings: list[str] = field(default_factory=list)
    reads: Reads = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    canvases: list[Canvas] = field(default_factory=list)  # when made here (not restored)
    left_out: LeftOut | None = None  # made no slide: skip_when_missing, and no figures


def build_deck(deck: Deck | str | Path, output: str | Path | None = None, *,
               kommune: str | None = None, data_folder: str | Path | None = None,
               session: Session | None = None, force: bool = False) -> BuildResult:
    """Build a deck (a validated Deck, or the path of its YAML) into a .pptx, atomically.

    kommune: the kommune a per-kommune deck (parameter: kommune) is made for; data_folder
    overrides the deck's `data:` and the nearest data/ above it; session: what is kept between
    decks, and the accelerators plugged into it (a fresh one by default: no accelerators; the
    library's slidegen.build_deck plugs them in); force: replace an output changed by hand
    since slidegen wrote it, moving it to a numbered backup first (without force, a
    HandEditError says what changed and the file is kept)."""
    session = session or Session()
    build = Build.plan(deck, output, kommune, data_folder, session)
    build.force = force
    found = None if force else written.edits(build.output)
    if found is not None:  # known from the record alone: refused before any slide is made
        raise written.refusal(found, build.deck.file)
    source = session.slide_source(build, SlideMaker())
    try:
        title, made = build.make(source)
    finally:
        source.close()
    result = build.write(title, made)
    source.written(build, result)
    return result


class Build:
    """One deck on its way to a file: its spec, template, data, texts and planned slides."""

    def __init__(self, deck: Deck, output: Path, template: Template, data: Data | None,
                 data_folder: Path | None, session: Session):
        self.deck, self.output, self.template = deck, output, template
        self.data, self.data_folder, self.session = data, data_folder, session
        self.texts = text_renderer(deck, data, deck.kommune)
        self.slides = list(_planned(deck, data, self.texts))
        self.prs = None
        self.layouts: LayoutIndex | None = None
        self.force = False  # replace a file changed by hand (kept as a backup)

    @classmethod
    def plan(cls, deck: Deck | str | Path, output: str | Path | None, kommune: str | None,
             data_folder: str | Path | None, session: Session) -> Build:
        """The deck checked against its template and data, its slides laid out in order."""
        if not isinstance(deck, Deck):
            deck = load_deck(deck, boundary=session.boundary(deck))
        if kommune is not None:
            deck = deck.model_copy(update={"kommune": str(kommune)})
        missing = kommune_missing(deck)
        if missing:
            raise missing
        output = Path(output) if output else default_output(deck.file)
        if output.suffix.lower() != ".pptx":
            raise BuildError(f"output must be a .pptx file, found '{output}'")
        template = session.template(deck.template)
        template.require(deck_needs(deck))
        folder = used_data_folder(deck, data_folder)
        data = session.data(folder) if folder is not None else None  # datasets load when used
        if data is not None:  # measures labelled in the deck's language; loaded once all the same
            data = data.in_language(deck.language)
        return cls(deck, output, template, data, folder, session)

    def make(self, source: SlideMaker) -> tuple[tuple[str, Reads], list[Made]]:
        """The title and every slide, in order, from the source; DataError with every data
        problem of the deck at once (each once) if any slide could not be made."""
        to_make = source.will_make(self)
        if self.data is not None and any(uses_data(s.spec) for s in to_make):
            self.data.load()  # a data error stops the build here, before any slide
        title = source.title(self)
        self.prs = self.template.new_presentation()
        keep_track_of_parts(self.prs)  # adding a slide in constant time, not in O(slides)
        self.layouts = LayoutIndex(self.template, self.prs)
        source.start(self, to_make)
        made, number = [], 0
        for slide in self.slides:
            made.append(source.slide(self, slide, number + 1))
            number += made[-1].count
        problems = [p for m in made for p in m.problems]
        if problems:
            raise DataError("\n".join(dict.fromkeys(problems)))
        return title, made

    def render_title(self) -> tuple[str, Reads]:
        """The deck's title, rendered (it may hold figures), and the data rows that took."""
        with recording() as reads:
            if not has_template_syntax(self.deck.title):
                return self.deck.title, reads
            # in the sandbox, with the same checks and messages as a slide's texts
            return self.texts.render_text(self.deck.title, self.deck.where("title")), reads

    def make_slide(self, planned: PlannedSlide, number: int) -> Made:
        """The slides of one spec, numbered from number: filled, noted, numbered."""
        warnings: list[str] = []
        origin = planned.spec.origin
        with recording() as reads:
            try:
                spec = planned.texts.render_slide(planned.spec)
                ctx = SlideContext(self.data, planned.kommune, planned.chart,
                                   self.session.painter, self.deck.language)
                if getattr(spec, "skip_when_missing", False) and KINDS[spec.kind].all_missing(
                        spec, ctx):
                    return Made(0, reads=reads, left_out=LeftOut(
                        planned.where, spec.title, self._kommune_name(planned.kommune)))
                canvases = self._render(spec, planned, ctx, warnings)
            except SelectionError as exc:
                return Made(0, reads=reads, problems=[
                    f"{origin.where(exc.field)}: {exc.detail}" if origin else str(exc)])
            except DataError as exc:
                return Made(0, reads=reads, problems=exc.messages())
        for offset, canvas in enumerate(canvases):
            canvas.finish(self.template.mapping.slide_number, number + offset)
            if spec.hidden:
                canvas.slide._element.set("show", "0")
        return Made(len(canvases), warnings, reads, canvases=canvases)

    def _kommune_name(self, kommune: str | None) -> str | None:
        return None if kommune is None else self.data.registry.find(kommune).name

    def _render(self, spec: SlideBase, planned: PlannedSlide, ctx: SlideContext,
                warnings: list[str]) -> list[Canvas]:
        where = planned.where

        def new_slide(key: str) -> Canvas:
            info = self.layouts.get(key)
            slide = self.prs.slides.add_slide(info.layout)
            return Canvas(slide, info.layout, dict(info.roles), self.deck.language, where,
                          warnings, layout_shapes=info.shapes, font_sizes=info.sizes,
                          layout_key=key)

        canvases = KINDS[spec.kind].render(spec, new_slide, ctx)
        main_key = next(iter(KINDS[spec.kind].needs(spec)))
        common.apply(spec, canvases[0], main_key in PHOTO_LAYOUTS)
        return canvases

    def write(self, title: tuple[str, Reads], made: list[Made]) -> BuildResult:
        """The file, written atomically: a failure leaves the previous one as it was. A file
        slidegen did not write as it stands is kept: refused, or with force moved to a backup;
        what is written is recorded beside it (written.py)."""
        text, title_reads = title
        set_properties(self.prs, text, self.deck.author, self.deck.language, self.deck.date)
        content = deterministic_bytes(self.prs)
        if self.output.is_dir():
            raise BuildError(f"cannot write {display_path(self.output)}: it is a folder")
        slides = slides_of(self.prs)
        found = written.edits(self.output, content, slides)
        if found is not None and not self.force:
            raise written.refusal(found, self.deck.file)
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(f"cannot write {display_path(self.output)}: cannot make its folder "
                             f"({exc.strerror})") from None
        try:
            backup = written.back_up(self.output) if found is not None else None
            digest = written.content_digest(content)
            before = file_digest(self.output) if self.output.is_file() else None
            written.remember(self.output, digest, slides, before)  # first: see remember()
            write_atomically(self.output, content)
        except OSError as exc:
            raise BuildError(f"cannot write {display_path(self.output)}: "
                             f"{exc.strerror or exc}") from None
        reads = set(title_reads).union(*(m.reads for m in made))
        return BuildResult(output=self.output, slide_count=sum(m.count for m in made),
                           warnings=[w for m in made for w in m.warnings]
                           + placeholder_warning(self.deck),
                           title=text, reads=frozenset(reads), data=self.data,
                           data_folder=self.data_folder,
                           left_out=[m.left_out for m in made if m.left_out],
                           digest=digest, backup=backup)


class SlideMaker:
    """The end of every slide source: makes each slide, and keeps nothing. The accelerators'
    links (slidegen.speed) have the same methods and pass on to the next link what they cannot
    give themselves."""

    def will_make(self, build: Build) -> list[PlannedSlide]:
        """The slides that will be made (not taken ready), known before the first is."""
        return list(build.slides)

    def start(self, build: Build, to_make: list[PlannedSlide]) -> None:
        """Called once the presentation exists, before the first slide."""

    def title(self, build: Build) -> tuple[str, Reads]:
        return build.render_title()

    def slide(self, build: Build, planned: PlannedSlide, number: int) -> Made:
        return build.make_slide(planned, number)

    def written(self, build: Build, result: BuildResult) -> None:
        """Called once the file is written."""

    def close(self) -> None:
        """Called when the build ends, written or not."""


def _planned(deck: Deck, data: Data | None, texts: TextRenderer):
    """Every slide spec in final order; for_each blocks once per kommune, in registry order,
    each with that kommune as {{ kommune }} and as the default selection."""
    index = 0
    for spec in deck.slides:
        if not isinstance(spec, ForEach):
            yield PlannedSlide(index, spec, texts, deck.kommune)
            index += 1
            continue
        if data is None:
            raise DataError(f"{spec.origin.where('for_each')}: for_each needs the kommune "
                            f"registry in data/, and no data folder was found")
        members = spec.members(data.registry, texts)
        spec.check_count(index, len(members))
        for number in members:
            renderer = text_renderer(deck, data, number)
            for inner in spec.slides:
                yield PlannedSlide(index, inner, renderer, number)
                index += 1


def kommune_missing(deck: Deck) -> BuildError | None:
    """A deck made per kommune with no kommune given: build and validate refuse it alike."""
    if deck.parameter == "kommune" and deck.kommune is None:
        return BuildError(f"{display_path(deck.file)}: this deck is made for one kommune at a "
                          f"time: give --kommune (or --group), or set 'kommune:' in the deck")
    return None


def text_renderer(deck: Deck, data: Data | None, kommune: str | None) -> TextRenderer:
    """The text variables for one kommune of the deck; an unknown kommune at its line."""
    try:
        return TextRenderer(data, kommune)
    except LookupError as exc:
        where = display_path(deck.file)
        if kommune == deck.kommune and "kommune" in deck.positions:
            line, col = deck.positions["kommune"]
            where = f"{where}:{line}:{col}"
        raise DataError(f"{where}: kommune: {exc.args[0]}") from None


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


def with_chart(planned: PlannedSlide, chart) -> PlannedSlide:
    """The planned slide with its chart's data computed ahead."""
    return replace(planned, chart=chart)
