"""Where slidegen finds files: its own (template, fonts, chart style, placeholder pictures) and
a deck's data folder. A module of its own, so the chart workers find the fonts, and the command
line the data, without importing python-pptx or pandas."""

from __future__ import annotations

from pathlib import Path


def _assets_dir() -> Path:
    """The assets/ folder: inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent / "assets"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "assets"


ASSETS = _assets_dir()


def find_data_folder(start: Path) -> Path | None:
    """The nearest data/ folder with a kommune registry, from start upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / "data"
        if (candidate / "kommuner.csv").is_file():
            return candidate
    return None


PLACEHOLDER_MARK = b"tEXtslidegen\x00placeholder"  # tools/make_placeholder_images.py writes it


def is_placeholder(picture: Path) -> bool:
    """Whether a picture is one of slidegen's stand-ins (a PNG marked by the tool that makes
    them), not a photo: a real photo saved under the same name is not."""
    try:
        with picture.open("rb") as handle:
            return PLACEHOLDER_MARK in handle.read(4096)  # the mark comes before the pixels
    except OSError:
        return False


def default_output(deck_file: Path) -> Path:
    """Where a deck is written without -o: build/<deck>.pptx, beside the working directory."""
    return Path("build") / f"{deck_file.stem}.pptx"
