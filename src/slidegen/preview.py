"""Slide previews without PowerPoint: LibreOffice headless → PDF → one PNG per slide (pdftoppm)
→ a contact sheet with every slide numbered. A Renderer keeps one LibreOffice and re-renders only
the slides that changed (preview --watch, serve). Also watch mode: rebuild when inputs change."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .assets import ASSETS
from .errors import BuildError
from .office import Office
from .office.digests import slide_digests
from .office.thin import thin_copy

INSTALL_HINT = ("apt-get install libreoffice-impress poppler-utils fonts-crosextra-carlito "
                "(Debian/Ubuntu)")
SHEET_COLUMNS = 4
THUMB_WIDTH = 480
SLIDE_PX = 1280  # one PNG per slide, this wide: 1280 × 720 for 16:9
PAGES_PER_RUN = 8  # raw pages (2.7 MB each) one pdftoppm run leaves before they are PNGs


@dataclass
class Preview:
    """What a preview wrote."""

    pdf: Path | None  # None when not asked for (serve shows PNGs only)
    slides: list[Path]
    sheet: Path | None  # None when not asked for (serve makes it when it is opened)
    warnings: list[str] = field(default_factory=list)  # the build's, for a .yaml deck
    digests: list[str] = field(default_factory=list)  # of the slides shown (office/digests.py)


def tools_missing() -> list[str]:
    """The programs a preview needs that are not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    return [name for name, found in (("LibreOffice (soffice)", soffice),
                                     ("pdftoppm", shutil.which("pdftoppm"))) if not found]


class Renderer:
    """Renders decks to PNGs with one LibreOffice for its lifetime (a preview, a --watch, a
    serve), re-rendering only the slides whose digest changed since it last rendered into the
    same folder. A context manager: leaving it stops LibreOffice."""

    def __init__(self, office: Office | None = None):
        self.office = office or Office()
        self._shown: dict[Path, list[str]] = {}  # out_dir → digests of the PNGs in it

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.office.close()

    def render(self, pptx: Path, out_dir: Path, sheet: bool = True, pdf: bool = True) -> Preview:
        """pptx as one PNG per slide in out_dir, and the contact sheet and the whole deck as a
        PDF unless sheet or pdf is False; slides unchanged since the last render into out_dir
        are kept as they are. Without the PDF, LibreOffice converts only the changed slides
        (~0.7 s for one); with it the whole deck (~3 s for the example deck, warm), since
        splicing a 30 MB PDF's pages costs more than that."""
        missing = tools_missing()
        if missing:
            raise BuildError(f"preview needs {' and '.join(missing)}: {INSTALL_HINT}")
        digests = slide_digests(pptx)
        if not digests:
            raise BuildError("the deck has no slides to preview")
        existed = out_dir.exists()
        try:
            slides = self._render(pptx, out_dir, digests, pdf)
        except BaseException:  # Ctrl-C too: a failed first preview leaves no empty folder
            if not existed and out_dir.is_dir() and not any(out_dir.iterdir()):
                out_dir.rmdir()
            raise
        made = contact_sheet(slides, out_dir / "contact-sheet.png") if sheet else None
        return Preview(out_dir / (pptx.stem + ".pdf") if pdf else None, slides, made,
                       digests=digests)

    def _render(self, pptx: Path, out_dir: Path, digests: list[str], whole: bool) -> list[Path]:
        key, width = out_dir.resolve(), max(2, len(str(len(digests))))
        pdf = out_dir / (pptx.stem + ".pdf")
        old = self._shown.pop(key, None)
        names = [out_dir / f"slide-{n:0{width}d}.png" for n in range(1, len(digests) + 1)]
        if old is None or len(str(len(old))) != len(str(len(digests))):
            old = []
        changed = [n for n, (name, digest) in enumerate(zip(names, digests, strict=True), 1)
                   if n > len(old) or old[n - 1] != digest or not name.is_file()]
        with tempfile.TemporaryDirectory(prefix="slidegen-render-") as tmp:
            part = Path(tmp) / "part.pdf"
            if changed:
                asked = None if whole or len(changed) == len(digests) else changed
                source = thin_copy(pptx, set(changed), Path(tmp) / pptx.name) if asked else pptx
                held = (self.office.convert(source, part, asked)
                        or list(range(1, len(digests) + 1)))
                pages = [held.index(number) + 1 for number in changed]  # in part.pdf
                pngs = _rasterize(part, Path(tmp), pages)
                out_dir.mkdir(parents=True, exist_ok=True)
                for number, page in zip(changed, pages, strict=True):
                    pngs[page].replace(names[number - 1])
                if whole:
                    part.replace(pdf)
            if not whole:  # an older PDF would show what the slides no longer say
                pdf.unlink(missing_ok=True)
            for stale in out_dir.glob("slide-*.png"):
                if stale not in names:
                    stale.unlink()
        self._shown[key] = digests
        return names


def render_preview(pptx: Path, out_dir: Path, renderer: Renderer | None = None,
                   sheet: bool = True) -> Preview:
    """Convert a .pptx to PDF, PNGs and a contact sheet in out_dir (replacing older ones),
    with renderer's LibreOffice, or one started for this preview."""
    if renderer is not None:
        return renderer.render(pptx, out_dir, sheet)
    with Renderer() as once:
        return once.render(pptx, out_dir, sheet)


def _rasterize(pdf: Path, folder: Path, pages: list[int]) -> dict[int, Path]:
    """The pages of pdf (numbered from 1) as PNGs SLIDE_PX wide, two pdftoppm runs at a time,
    each of at most PAGES_PER_RUN contiguous pages."""
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and runs[-1][1] == page - 1 and runs[-1][1] - runs[-1][0] < PAGES_PER_RUN - 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="slidegen-pdftoppm")
    try:
        made = list(pool.map(lambda run: _rasterize_run(pdf, folder, *run), runs))
    finally:  # Ctrl-C or a failure: the runs not yet started never start
        pool.shutdown(wait=True, cancel_futures=True)
    return {page: png for found in made for page, png in found.items()}


def _rasterize_run(pdf: Path, folder: Path, first: int, last: int) -> dict[int, Path]:
    """Pages first…last as PNGs. pdftoppm writes raw pixels and Pillow compresses them at its
    fastest level: pdftoppm's own PNGs are compressed hard, which took two thirds of the time
    (the example deck's 62 pages: 6.2 s → 2.9 s, the files a quarter larger)."""
    root = folder / f"run{first}"
    try:
        done = subprocess.run(["pdftoppm", "-scale-to", str(SLIDE_PX), "-f", str(first), "-l",
                               str(last), str(pdf), str(root)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise BuildError("pdftoppm could not render the preview: no answer in 600 s") from None
    if done.returncode:
        raise BuildError(f"pdftoppm could not render the preview: "
                         f"{done.stderr.decode(errors='replace').strip()[:300]}")
    found = {}
    # pdftoppm pads the page number to the width of the PDF's page count
    for raw in folder.glob(f"run{first}-*.ppm"):
        png = raw.with_suffix(".png")
        with Image.open(raw) as image:
            image.save(png, compress_level=1)
        raw.unlink()  # at most PAGES_PER_RUN raw pages per run on disk at a time
        found[int(raw.stem.rsplit("-", 1)[1])] = png
    return found


def contact_sheet(pngs: list[Path], target: Path) -> Path:
    """All slides as thumbnails in a grid, each with its number under it."""
    thumbs = []
    for png in pngs:
        with Image.open(png) as image:
            height = round(image.height * THUMB_WIDTH / image.width)
            thumbs.append(image.convert("RGB").resize((THUMB_WIDTH, height)))
    if not thumbs:
        raise BuildError("the deck has no slides to preview")
    font = ImageFont.truetype(str(ASSETS / "fonts" / "Carlito-Bold.ttf"), 22)
    label_h, gap = 34, 16
    cols = min(SHEET_COLUMNS, len(thumbs))
    rows = (len(thumbs) + cols - 1) // cols
    cell_w, cell_h = THUMB_WIDTH + gap, thumbs[0].height + label_h + gap
    sheet = Image.new("RGB", (cols * cell_w + gap, rows * cell_h + gap), (238, 242, 241))
    draw = ImageDraw.Draw(sheet)
    for i, thumb in enumerate(thumbs):
        x, y = gap + (i % cols) * cell_w, gap + (i // cols) * cell_h
        sheet.paste(thumb, (x, y))
        draw.rectangle([x - 1, y - 1, x + thumb.width, y + thumb.height], outline=(160, 170, 170))
        label = str(i + 1)
        draw.text((x + (THUMB_WIDTH - draw.textlength(label, font=font)) / 2,
                   y + thumb.height + 4), label, fill=(20, 64, 90), font=font)
    sheet.save(target)
    return target


def watch(inputs: Callable[[], list[Path]], rebuild: Callable[[], None], interval: float = 1.0,
          cycles: int | None = None, say: Callable[[str], None] = print) -> int:
    """Call rebuild whenever a file in inputs() changes; returns the number of rebuilds.

    inputs is asked again after each rebuild, since a deck may add an include. cycles bounds
    the loop (tests); None runs until interrupted.
    """
    def stamp() -> dict[Path, float]:
        return {p: p.stat().st_mtime_ns for p in inputs() if p.exists()}

    seen = stamp()
    rebuilds = 0
    n = 0
    while cycles is None or n < cycles:
        n += 1
        time.sleep(interval)
        now = stamp()
        if now != seen:
            changed = sorted(p.name for p in set(now) | set(seen) if now.get(p) != seen.get(p))
            say(f"changed: {', '.join(changed)}; rebuilding")
            try:
                rebuild()
            except Exception as exc:  # keep watching: the adviser fixes the YAML and saves
                say(f"error: {exc}")
            rebuilds += 1
            seen = stamp()
    return rebuilds
