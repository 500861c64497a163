"""A paragraph as slides hand it to the canvas: kept apart from canvas.py (python-pptx), so the
slide kinds, whose modules the spec imports for their models, can name it at module level."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    """A paragraph to write: text, bullet level (None = no bullet), emphasis, hyperlink."""

    text: str
    level: int | None = None
    bold: bool | None = None
    link: str | None = None
