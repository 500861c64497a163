"""«Ready to present»: the rules that find what an adviser must finish before the talk, read from
the finished .pptx by the marks slidegen leaves: a «Data mangler» placeholder slide, a slide on
which every figure is «Tall mangler», a stand-in picture, a hidden slide, a TODO in the notes.

They are warnings (the deck can be shown); `check --strict` makes them errors, the gate before a
talk. Other warnings (small text, bare links) are advice and stay warnings."""

from __future__ import annotations

import re

from ..assets import PLACEHOLDER_MARK
from ..fmt import MISSING_TEXT
from ..i18n import variants
from ..slides.kinds.placeholder import MARK as PLACEHOLDER_TEXT
from .rules import Finding, title_of

RULES = ("placeholder-slide", "missing-figures", "placeholder-picture", "hidden", "todo")
TODO = re.compile(r"\btodo\b", re.IGNORECASE)
FIGURE_BOX = "Nøkkeltall"  # key_figure.figure_box names each figure's box so
MISSING_BOX = "Tall mangler"  # chart._missing_box names the box drawn instead of a chart so
# what slidegen writes in place of figures, in whichever language the deck is in
MISSING_TEXTS, PLACEHOLDER_TEXTS = variants(MISSING_TEXT), variants(PLACEHOLDER_TEXT)


def check_ready(number: int, slide) -> list[Finding]:
    """What keeps one slide from being presented as it is."""
    title = title_of(slide)
    named = f"«{title}»" if title else "the slide"
    if slide._element.get("show") == "0":  # not shown: what is on it does not matter yet
        return [Finding("warning", number, "", "hidden", f"{named} is hidden",
                        "show it (remove 'hidden: true') or take it out of the deck")]
    out = []
    for shape in slide.shapes:
        if _first_line(shape) in PLACEHOLDER_TEXTS:
            out.append(Finding("warning", number, shape.name, "placeholder-slide",
                               f"{named} is a «{PLACEHOLDER_TEXT}» slide",
                               "make the slide from data, or leave it out"))
        elif _is_placeholder_picture(shape):
            out.append(Finding("warning", number, shape.name, "placeholder-picture",
                               f"{named} shows a stand-in picture",
                               "replace it with the real picture under the same file name"))
    figures = [s for s in slide.shapes if s.name.startswith((FIGURE_BOX, MISSING_BOX))]
    if figures and all(_first_line(s) in MISSING_TEXTS for s in figures):
        out.append(Finding("warning", number, "", "missing-figures",
                           f"every figure on {named} is «{MISSING_TEXT}»",
                           "leave the slide out for this kommune (skip_when_missing: true) "
                           "or choose figures the data has"))
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None and TODO.search(notes.text):
            out.append(Finding("warning", number, "", "todo",
                               f"the speaker notes of {named} still hold a TODO",
                               "finish the notes and remove the TODO"))
    return out


def _first_line(shape) -> str:
    if not shape.has_text_frame:
        return ""
    return shape.text_frame.paragraphs[0].text.strip()


def _is_placeholder_picture(shape) -> bool:
    """A picture whose file carries the mark of slidegen's stand-ins (the mark is kept in the
    .pptx: the PNG goes in as it is)."""
    try:
        blob = shape.image.blob
    except (AttributeError, ValueError, KeyError):  # not a picture, or a picture of nothing
        return False
    return PLACEHOLDER_MARK in blob[:4096]
