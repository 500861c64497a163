"""Slide previews without PowerPoint: LibreOffice headless → PDF → one PNG per slide (pdftoppm)
→ a contact sheet with every slide numbered. Also watch mode: rebuild when inputs change."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .assets import ASSETS
from .errors import BuildError, display_path

INSTALL_HINT = ("apt-get install libreoffice-impress poppler-utils fonts-crosextra-carlito "
                "(Debian/Ubuntu)")
SHEET_COLUMNS = 4
THUMB_WIDTH = 480
SLIDE_PX = 1280  # one PNG per slide, this wide: 1280 × 720 for 16:9


@dataclass
class Preview:
    """What a preview wrote."""

    pdf: Path
    slides: list[Path]
    sheet: Path
    warnings: list[str] = field(default_factory=list)  # the build's, for a .yaml deck


def tools_missing() -> list[str]:
    """The programs a preview needs that are not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    return [name for name, found in (("LibreOffice (soffice)", soffice),
                                     ("pdftoppm", shutil.which("pdftoppm"))) if not found]


def render_preview(pptx: Path, out_dir: Path) -> Preview:
    """Convert a .pptx to PDF, PNGs and a contact sheet in out_dir (replacing older ones)."""
    missing = tools_missing()
    if missing:
        raise BuildError(f"preview needs {' and '.join(missing)}: {INSTALL_HINT}")
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="slidegen-preview-") as tmp:
        # A profile of its own per conversion, so previews can run side by side.
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(pptx)],
            capture_output=True, text=True, timeout=600, check=False)
        pdf_tmp = Path(tmp) / (pptx.stem + ".pdf")
        if done.returncode != 0 or not pdf_tmp.is_file():
            raise BuildError(f"LibreOffice could not convert {display_path(pptx)}: "
                             f"{(done.stderr or done.stdout).strip()[:300]}")
        for old in out_dir.glob("slide-*.png"):
            old.unlink()
        pdf = out_dir / pdf_tmp.name
        shutil.move(str(pdf_tmp), pdf)
    subprocess.run(["pdftoppm", "-scale-to", str(SLIDE_PX), "-png", str(pdf),
                    str(out_dir / "slide")],
                   check=True, capture_output=True, timeout=600)
    slides = _renumber(sorted(out_dir.glob("slide-*.png")))
    sheet = contact_sheet(slides, out_dir / "contact-sheet.png")
    return Preview(pdf, slides, sheet)


def _renumber(pngs: list[Path]) -> list[Path]:
    """pdftoppm pads to the page count's width; we always use two or three digits."""
    width = max(2, len(str(len(pngs))))
    out = []
    for png in pngs:
        number = int(png.stem.rsplit("-", 1)[1])
        target = png.with_name(f"slide-{number:0{width}d}.png")
        png.rename(target)
        out.append(target)
    return sorted(out)


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
