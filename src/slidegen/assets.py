"""Where slidegen's own files are (template, fonts, chart style, placeholder pictures): a module
of its own, so the chart workers can find the fonts without importing python-pptx."""

from __future__ import annotations

from pathlib import Path


def _assets_dir() -> Path:
    """The assets/ folder: inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent / "assets"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "assets"


ASSETS = _assets_dir()
