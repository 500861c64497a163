"""A digest per slide of a .pptx, of everything that can change how the slide looks: its XML,
its position (slide numbers), and every part it reaches (pictures, charts and their data, its
layout, master and theme). A preview re-renders only the slides whose digest changed."""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
SLD_ID = "{http://schemas.openxmlformats.org/presentationml/2006/main}sldId"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _unseen(target: str) -> bool:
    """Parts that do not change how a slide looks: the speaker's notes, the deck itself."""
    return "notesSlides/" in target or target.endswith("presentation.xml")


def slide_digests(pptx: Path) -> list[str]:
    """One hex digest per slide, in the order shown."""
    with zipfile.ZipFile(pptx) as package:
        names = set(package.namelist())
        memo: dict[str, bytes] = {}

        def rels(part: str) -> dict[str, str]:
            folder, name = posixpath.split(part)
            rels_name = posixpath.join(folder, "_rels", name + ".rels")
            if rels_name not in names:
                return {}
            found = {}
            for rel in ElementTree.fromstring(package.read(rels_name)).iter(REL):
                if rel.get("TargetMode") != "External":
                    target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
                    found[rel.get("Id")] = target
            return found

        def digest(part: str, seen: frozenset) -> bytes:
            """The part's bytes and, recursively, the parts it refers to."""
            if part in memo:
                return memo[part]
            hashed = hashlib.sha256(package.read(part) if part in names else b"-")
            for target in sorted(rels(part).values()):
                if target not in seen and not _unseen(target):
                    hashed.update(target.encode() + digest(target, seen | {part}))
            memo[part] = hashed.digest()
            return memo[part]

        order = rels("ppt/presentation.xml")
        root = ElementTree.fromstring(package.read("ppt/presentation.xml"))
        slides = [order[sld.get(R_ID)] for sld in root.iter(SLD_ID)]
        return [hashlib.sha256(f"{n}:".encode() + digest(part, frozenset())).hexdigest()
                for n, part in enumerate(slides, start=1)]
