"""Slides as they were made, kept between builds of one output: a rebuild after a text edit
re-makes only the slides whose spec changed and copies the rest, so it needs no pandas, no text
measuring and no chart drawing for them.

An entry is keyed by everything a slide is made from: its spec (with the kommune it is for and the
number it starts at), the pictures it shows, and what the whole build shares — slidegen's code,
template, style, fonts, language and every file in data/. A restored slide is added through the
same python-pptx calls in the same order as a made one, so the file is byte-identical to a build
without the cache. Slides with native charts (parts of their own) are always made.

The cache lives beside the chart cache (`slides/`, one file per output; the pictures, once
each however many decks show them, in `slides/pictures/`) and is safe to delete.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.parts.slide import NotesSlidePart

from ..charts import cache as chart_cache
from ..files import write_atomically

FORMAT = 3  # bump when what an entry holds changes
_TEXT = etree._Element.text  # lxml's own: python-pptx's element classes redefine .text


@dataclass
class MadeSlide:
    """One slide as made: its XML, its notes' XML, and its relationships in rId order."""

    layout_key: str  # the mapping's key of its layout: chart, bullets_photo, …
    xml: tuple[bytes, list[int]]  # see _serialise
    notes: tuple[bytes, list[int]] | None
    # (rId, "image" | "link" | "notes", picture's sha256 | address | "", number of its part)
    rels: list[tuple[str, str, str, int]]


@dataclass
class Entry:
    """What one slide spec made: its slides, warnings (without their file:line), the data rows
    it read (dataset, region) and the cached charts it shows."""

    slides: list[MadeSlide]
    warnings: list[str]
    regions: list[tuple[str, str]]
    charts: list[str] = field(default_factory=list)


class SlideCache:
    """The entries of one output: those of its last build are read, this build's are written."""

    def __init__(self, output: Path, context: str):
        self.context = context
        self.file = chart_cache.slide_cache_file(output)
        self.pictures = self.file.parent / "pictures"
        self.old: dict[str, object] = {}
        self.new: dict[str, object] = {}
        self.blobs: dict[str, bytes] = {}  # sha256 → picture, read or made in this build
        self.made: set[str] = set()  # pictures of this build's new entries, to store
        try:
            raw = self.file.read_bytes()
            check, payload = raw[:32], raw[32:]
            if hashlib.sha256(payload).digest() != check:  # damaged on disk: a miss, not text
                raise ValueError("damaged")
            stored = pickle.loads(payload)
            if stored.get("format") == FORMAT and stored.get("context") == context:
                self.old = stored["entries"]
        except Exception:  # missing, damaged or from another version: only slower
            self.old = {}

    def get(self, key: str):
        value = self.old.get(key)
        if isinstance(value, Entry) and (
                any(chart_cache.get(c) is None for c in value.charts)  # removed: draw it again
                or not all(self._read(sha) for one in value.slides
                           for _, kind, sha, _ in one.rels if kind == "image")):
            return None
        if value is not None:
            self.new[key] = value
        return value

    def _read(self, sha: str) -> bool:
        """Whether the picture is there, whole (it is then kept for restore)."""
        if sha not in self.blobs:
            try:
                data = (self.pictures / f"{sha}.bin").read_bytes()
            except OSError:
                return False
            if hashlib.sha256(data).hexdigest() != sha:
                return False
            self.blobs[sha] = data
        return True

    def put(self, key: str, value) -> None:
        self.new[key] = value
        if isinstance(value, Entry):
            self.made |= {sha for one in value.slides for _, kind, sha, _ in one.rels
                          if kind == "image"}

    def save(self) -> None:
        """Store this build's entries (only those: the file never grows) and any picture not
        stored yet; never an error."""
        try:
            self.pictures.mkdir(parents=True, exist_ok=True)
            for sha in sorted(self.made):
                target = self.pictures / f"{sha}.bin"
                if not target.is_file():
                    write_atomically(target, self.blobs[sha], durable=False)
            payload = pickle.dumps({"format": FORMAT, "context": self.context,
                                    "entries": self.new}, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomically(self.file, hashlib.sha256(payload).digest() + payload,
                             durable=False)
        except OSError:
            pass


def capture(slide, layout_key: str, blobs: dict[str, bytes]) -> MadeSlide | None:
    """The slide as made, or None if it holds parts a restore cannot re-create (charts); its
    pictures go into blobs by sha256."""
    part = slide.part
    rels = []
    notes = None
    for rId, rel in sorted(part.rels.items(), key=lambda item: _number(item[0])):
        if rel.reltype == RT.SLIDE_LAYOUT and rId == "rId1":
            continue
        if rel.reltype == RT.IMAGE:
            blob = rel.target_part.blob
            sha = hashlib.sha256(blob).hexdigest()
            blobs[sha] = blob
            rels.append((rId, "image", sha, _part_number(rel.target_part)))
        elif rel.reltype == RT.HYPERLINK and rel.is_external:
            rels.append((rId, "link", rel.target_ref, -1))
        elif rel.reltype == RT.NOTES_SLIDE:
            rels.append((rId, "notes", b"", _part_number(rel.target_part)))
            notes = _serialise(rel.target_part._element)
        else:
            return None
    if [r[0] for r in rels] != [f"rId{n}" for n in range(2, len(rels) + 2)]:
        return None
    return MadeSlide(layout_key, _serialise(part._element), notes, rels)


def restore(prs, layouts, made: list[MadeSlide], blobs: dict[str, bytes]) -> None:
    """Add one spec's slides to prs as they were made, creating the same parts in the same
    order: first every slide (a kind adds all its slides before the shared fields and notes are
    written), then each slide's pictures, links and notes in the order of their rIds."""
    parts = []
    for one in made:
        rId, slide = prs.part.add_slide(layouts(one.layout_key))
        prs.slides._sldIdLst.add_sldId(rId)
        parts.append(slide.part)
    # Pictures and notes are numbered in the order they were made (image3.png, notesSlide2.xml),
    # which is not always slide by slide (a question's answer gets its notes first): take each
    # slide's relationships in rId order, and between slides the one whose part came first.
    queues = [list(one.rels) for one in made]
    while any(queues):
        i = min((i for i, q in enumerate(queues) if q), key=lambda i: queues[i][0][3])
        part, one = parts[i], made[i]
        expected, kind, value, _ = queues[i].pop(0)
        if kind == "image":
            _, got = part.get_or_add_image_part(io.BytesIO(blobs[value]))
        elif kind == "link":
            got = part.relate_to(value, RT.HYPERLINK, is_external=True)
        else:
            # the notes slide as python-pptx makes it; the stored XML replaces its content
            notes_part = NotesSlidePart.new(part.package, part)
            _replace(notes_part._element, one.notes)
            got = part.relate_to(notes_part, RT.NOTES_SLIDE)
        if got != expected:
            raise RuntimeError(f"slide cache: {got} where {expected} was made")
    for part, one in zip(parts, made, strict=True):
        _replace(part._element, one.xml)


def _serialise(element) -> tuple[bytes, list[int]]:
    """The XML, and which elements hold empty text: lxml writes <a:t></a:t> for those, but
    reads them back as <a:t/>, and the restored file must be the same bytes."""
    empty = [i for i, e in enumerate(element.iter()) if _TEXT.__get__(e) == ""]
    return etree.tostring(element), empty


def _replace(element, serialised: tuple[bytes, list[int]]) -> None:
    """Give element the children and attributes of the stored XML (it stays the same object,
    so python-pptx's proxies of it stay valid)."""
    xml, empty = serialised
    stored = parse_xml(xml)
    if empty:
        elements = list(stored.iter())
        for i in empty:
            _TEXT.__set__(elements[i], "")
    for child in list(element):
        element.remove(child)
    element.attrib.clear()
    element.attrib.update(stored.attrib)
    for child in list(stored):
        element.append(child)


def _part_number(part) -> int:
    """7 for /ppt/media/image7.png."""
    digits = "".join(c for c in part.partname.filename if c.isdigit())
    return int(digits) if digits else 0


def _number(rId: str) -> int:
    return int(rId[3:]) if rId[3:].isdigit() else 1 << 30
