"""The whole pipeline, top to bottom: spec → template check → slides in order → file on disk."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pptx.presentation import Presentation

from .data import Data, find_data_folder, load_data
from .errors import BuildError, DataError, SelectionError, SlidegenError, display_path
from .slides import KINDS, PHOTO_LAYOUTS, common
from .slides.canvas import Canvas
from .slides.common import DATA_KINDS
from .slides.context import SlideContext
from .spec import Deck, load_deck
from .spec.model import SlideBase
from .template import DEFAULT_TEMPLATE, Template, load_template
from .texts import TextRenderer

# Fixed so that the same inputs give byte-identical files; a deck may set its own `date`.
DEFAULT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class BuildResult:
    """What a build wrote, and what it noticed but did not stop for."""

    output: Path
    slide_count: int
    warnings: list[str] = field(default_factory=list)


def default_output(deck: Deck) -> Path:
    return Path("build") / f"{deck.file.stem}.pptx"


def build_deck(deck: Deck | str | Path, output: str | Path | None = None,
               data_folder: str | Path | None = None) -> BuildResult:
    """Build a deck (a validated Deck, or the path of its YAML) into a .pptx, atomically.

    data_folder overrides the deck's `data:` and the default (the nearest data/ above the deck).
    """
    if not isinstance(deck, Deck):
        deck = load_deck(deck)
    output = Path(output) if output else default_output(deck)
    if output.suffix.lower() != ".pptx":
        raise BuildError(f"output must be a .pptx file, found '{output}'")

    template = load_template(deck.template)
    template.require(deck_needs(deck))
    data = _load_data(deck, data_folder)
    ctx = SlideContext(data, deck.kommune)
    texts = _text_renderer(deck, data)
    prs = template.new_presentation()
    warnings: list[str] = []
    problems: list[str] = []
    number = 0
    for spec in deck.slides:
        try:
            spec = texts.render_slide(spec)
            canvases = _render(spec, prs, template, deck.language, ctx, warnings)
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
    _set_properties(prs, deck)
    if any(slide.has_notes_slide for slide in prs.slides):
        _localise_notes_master(prs, deck.language)
    write_atomically(output, deterministic_bytes(prs))
    return BuildResult(output=output, slide_count=number, warnings=warnings)


def deck_needs(deck: Deck) -> dict[str, set[str]]:
    """Every layout key the deck uses, with the placeholder roles it fills."""
    needs: dict[str, set[str]] = {}
    for spec in deck.slides:
        for key, roles in _slide_needs(spec).items():
            needs.setdefault(key, set()).update(roles)
    return needs


def _slide_needs(spec: SlideBase) -> dict[str, set[str]]:
    needs = KINDS[spec.kind].needs(spec)
    main = next(iter(needs))  # a module lists its main slide's layout first
    needs[main] = common.needs(spec, main, needs[main], main in PHOTO_LAYOUTS)
    return needs


def watched_files(deck_file: Path, data_folder: Path | None = None) -> list[Path]:
    """The files a build of deck_file reads: spec and includes, data, template, pictures.

    A spec that does not load (being edited) still watches itself, so saving a fix rebuilds.
    """
    try:
        deck = load_deck(deck_file)
    except SlidegenError:
        return [Path(deck_file)]
    files = list(deck.sources)
    folder = Path(data_folder) if data_folder else (deck.data or find_data_folder(
        deck.file.parent))
    if folder and folder.is_dir():
        files += sorted(folder.glob("*.csv")) + sorted(folder.glob("*.yaml"))
    template = deck.template or DEFAULT_TEMPLATE
    files += [template, template.with_suffix(".yaml")]
    for spec in deck.slides:
        for picture in (getattr(spec, "photo", None), getattr(spec, "image", None)):
            if picture is not None:
                files.append(picture.file)
    return files


def needs_data(deck: Deck) -> bool:
    """Whether the deck uses data/: data slides, text variables, or a kommune."""
    return deck.kommune is not None or any(
        spec.kind in DATA_KINDS or "{{" in (text := spec.model_dump_json()) or "{%" in text
        for spec in deck.slides)


def _load_data(deck: Deck, override: str | Path | None) -> Data | None:
    if not needs_data(deck):
        return None
    folder = Path(override) if override else (deck.data or find_data_folder(deck.file.parent))
    if folder is None:
        raise DataError(f"{display_path(deck.file)}: the deck uses data, but no data/ folder "
                        f"was found above it; set 'data:' in the deck or use --data")
    return load_data(folder)


def _text_renderer(deck: Deck, data: Data | None) -> TextRenderer:
    try:
        return TextRenderer(data, deck.kommune)
    except LookupError as exc:
        raise DataError(f"{display_path(deck.file)}: kommune: {exc.args[0]}") from None


def _render(spec: SlideBase, prs: Presentation, template: Template, language: str,
            ctx: SlideContext, warnings: list[str]) -> list[Canvas]:
    where = (f"{display_path(spec.origin.file)}:{spec.origin.line}" if spec.origin
             else spec.kind)

    def new_slide(key: str) -> Canvas:
        layout, roles = template.layout(prs, key)
        slide = prs.slides.add_slide(layout)
        return Canvas(slide, layout, roles, language, where, warnings)

    canvases = KINDS[spec.kind].render(spec, new_slide, ctx)
    main_key = next(iter(KINDS[spec.kind].needs(spec)))
    common.apply(spec, canvases[0], main_key in PHOTO_LAYOUTS)
    return canvases


def _set_properties(prs: Presentation, deck: Deck) -> None:
    props = prs.core_properties
    props.title = deck.title
    props.author = deck.author or ""
    props.last_modified_by = deck.author or "slidegen"
    props.language = deck.language
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    when = (dt.datetime.combine(deck.date, dt.time(), tzinfo=dt.UTC) if deck.date
            else DEFAULT_DATE)
    props.created = props.modified = when.replace(tzinfo=None)


def _localise_notes_master(prs: Presentation, language: str) -> None:
    """python-pptx makes the notes master from its own en-US default; notes typed later in
    PowerPoint would be spell-checked as English."""
    for element in prs.notes_master._element.iter():
        if element.get("lang") is not None:
            element.set("lang", language)


def deterministic_bytes(prs: Presentation) -> bytes:
    """The saved package with fixed zip entry times, so equal inputs give equal bytes."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def write_atomically(output: Path, data: bytes) -> None:
    """Write to a temporary file beside output, then rename: a failure leaves output as it was."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
