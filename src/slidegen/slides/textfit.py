"""Measure text with the real font so it fits its box: PowerPoint's auto-fit only applies on edit.

The template's font is Calibri; we measure with Carlito, its metric-compatible open twin shipped in
assets/fonts, so the result matches both PowerPoint and LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from ..assets import ASSETS

EMU_PER_PT = 12700  # python-pptx sizes boxes in EMU; text is measured in points
LINE_HEIGHT = 1.22  # Carlito's ascent + descent, in em
MIN_SIZE = 18.0  # smaller text is hard to read from the back of a meeting room
SCALE = 10  # measure at 10× size for sub-point precision


@dataclass(frozen=True)
class Block:
    """One paragraph to measure: its text, size (pt), left indent (pt) and space before (pt)."""

    text: str
    size: float
    indent: float = 0.0
    space_before: float = 0.0
    bold: bool = False
    italic: bool = False
    line_spacing: float = 1.0


@lru_cache(maxsize=64)
def _font(size10: int, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    style = "Bold" if bold else ("Italic" if italic else "Regular")
    return ImageFont.truetype(str(ASSETS / "fonts" / f"Carlito-{style}.ttf"), size10)


CHUNK = 100_000  # Pillow refuses to measure a string of a million characters or more


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """font.getlength(text), for any length: a million-character word (pasted by mistake) is
    measured in parts, so it is reported as text that does not fit, never as a traceback."""
    if len(text) < CHUNK:
        return font.getlength(text)
    return sum(font.getlength(text[i:i + CHUNK]) for i in range(0, len(text), CHUNK))


@lru_cache(maxsize=8192)
def line_count(text: str, size: float, width_pt: float, bold=False, italic=False) -> int:
    """How many lines text wraps to in width_pt at size, breaking at spaces like PowerPoint.
    Remembered: shrinking tries the same texts at each size, and a batch measures the shared
    slides of every deck."""
    font = _font(round(size * SCALE), bold, italic)
    limit = width_pt * SCALE
    lines = 0
    for hard_line in text.split("\n"):
        lines += 1
        current = ""
        for word in hard_line.split(" "):
            candidate = f"{current} {word}" if current else word
            width = _length(font, candidate)  # measured once: measuring is most of the time
            if width <= limit or not current:
                current = candidate
            else:
                lines += 1
                current = word
                width = _length(font, current)
            # a single word wider than the box breaks mid-word in PowerPoint
            while width > limit and len(current) > 1:
                lines += 1
                current = current[len(current) // 2:]
                width = _length(font, current)
    return lines


SHORT_WORDS = {"i", "I", "å", "Å"}  # never the last word of a line
DASHES = ("–", "—")  # never the first (after the first line)
NBSP = "\u00a0"


@lru_cache(maxsize=4096)  # as line_count: a batch measures the shared slides of every deck
def without_widows(text: str, size: float, width_pt: float, bold=False, italic=False) -> str:
    """text with a no-break space wherever it would wrap after a one-letter word («i», «å») or
    before a dash, as Norwegian typesetting keeps them: «… distriktskommune i / Telemark»
    becomes «… distriktskommune / i Telemark». Only there: text that does not wrap so is left
    as written (a no-break space is one an adviser editing the deck cannot see)."""
    font = _font(round(size * SCALE), bold, italic)
    lines = []
    for hard_line in text.split("\n"):
        words = hard_line.split(" ")
        limit = width_pt * SCALE
        too_wide: set[int] = set()  # breaks that joining would make a word wider than the box
        while True:
            joint = next((k for k in _line_starts(words, font, limit) if k not in too_wide
                          and words[k - 1] and words[k]  # (two spaces in a row: left alone)
                          and (words[k - 1] in SHORT_WORDS or words[k].startswith(DASHES))),
                         None)
            if joint is None:
                break
            both = words[joint - 1] + NBSP + words[joint]
            if _length(font, both) > limit:
                too_wide.add(joint)
                continue
            words[joint - 1:joint + 1] = [both]  # each pass joins two words, or marks one
            too_wide = {k - 1 if k > joint else k for k in too_wide}
        lines.append(" ".join(words))
    return "\n".join(lines)


def fit_keeping_together(blocks: list[Block], width_pt: float, height_pt: float,
                         min_size: float = MIN_SIZE) -> tuple[list[Block], float, bool]:
    """fitting_scale, then without_widows at the size found: the blocks (with their no-break
    spaces only if the text still fits at that same size: a smaller size would wrap elsewhere,
    and a widow is better than text shrunk for it), the scale, and whether it fits."""
    from dataclasses import replace

    scale, fits = fitting_scale(blocks, width_pt, height_pt, min_size)
    kept = [replace(b, text=without_widows(b.text, b.size * scale, width_pt - b.indent, b.bold,
                                           b.italic)) for b in blocks]
    if kept != blocks and fitting_scale(kept, width_pt, height_pt, min_size) == (scale, fits):
        return kept, scale, fits
    return blocks, scale, fits


def _line_starts(words: list[str], font, limit: float) -> list[int]:
    """The indices of the words that begin the second and later lines."""
    starts = []
    current = ""
    for k, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if _length(font, candidate) <= limit or not current:
            current = candidate
        else:
            starts.append(k)
            current = word
    return starts


def height(blocks: list[Block], width_pt: float, scale: float = 1.0) -> float:
    """Height in pt that blocks need at scale × their sizes."""
    total = 0.0
    for i, block in enumerate(blocks):
        size = block.size * scale
        lines = line_count(block.text, size, width_pt - block.indent, block.bold, block.italic)
        total += lines * size * LINE_HEIGHT * block.line_spacing
        if i:
            total += block.space_before * scale
    return total


def fitting_scale(blocks: list[Block], width_pt: float, height_pt: float,
                  min_size: float = MIN_SIZE) -> tuple[float, bool]:
    """The largest scale ≤ 1 at which blocks fit, and whether they fit at all above min_size."""
    largest = max(b.size for b in blocks)
    scale = 1.0
    while True:
        if height(blocks, width_pt, scale) <= height_pt:
            return scale, True
        next_scale = scale - 1.0 / largest  # one point smaller for the largest text
        if largest * next_scale < min_size - 1e-6:
            return scale, False
        scale = next_scale


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in pt of text on one line at size."""
    return _length(_font(round(size * SCALE), bold, False), text) / SCALE
