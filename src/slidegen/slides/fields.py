"""The fields every slide kind shares, written onto a slide: source, photo credit, link and
speaker notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..spec.model import Link, SlideBase
from .para import Para

if TYPE_CHECKING:  # python-pptx, which the slide kinds importing this load only to render
    from .canvas import Canvas

_LABELLED = re.compile(r"^[^\s:]{2,20}:\s")  # 'Faksimile: …' keeps its own label


def apply(spec: SlideBase, canvas: Canvas, photo_roles: bool) -> None:
    """Write the shared fields onto the kind's main slide."""
    lines: list[Para] = []
    source = spec.source or canvas.default_source
    if source:
        lines.append(Para(label(source, canvas.tr("Kilde"))))
    if spec.credit:
        credit = label(spec.credit, canvas.tr("Foto"))
        if photo_roles:
            canvas.text("credit", credit)
        else:
            lines.append(Para(credit))
    if spec.link:
        lines.append(Para(link_text(spec.link), link=spec.link.url))
    if lines:
        canvas.text("footnote", lines)
    notes = ([spec.notes] if spec.notes else []) + canvas.data_notes
    if notes:
        canvas.notes("\n\n".join(notes))


def label(text: str, word: str) -> str:
    """'Kilde: SSB' from 'SSB'; text that already has a label ('Faksimile: X') is kept."""
    return text if _LABELLED.match(text) else f"{word}: {text}"


def link_text(link: Link) -> str:
    """What the reader sees: the given text, or the address without its scheme."""
    if link.text:
        return link.text
    return re.sub(r"^(https?://(www\.)?|mailto:)", "", link.url).rstrip("/")
