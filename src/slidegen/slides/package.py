"""Adding slides and pictures in constant time. python-pptx names each new part (slide, notes
slide, chart, picture) by walking every part of the package, finds a picture already in the deck
by walking every relationship, and finds or numbers each relationship of the presentation part
by scanning all of them: adding n slides cost O(n²), and 10 000 slides took tens of minutes.
build keeps the names in use, the pictures by their SHA-1, and an index of the presentation's
relationships, beside the package, with the same results python-pptx gives.

Both are bookkeeping of the pipeline itself, not a cache: nothing is kept between builds."""

from __future__ import annotations

from pptx.opc.package import _Relationships
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.presentation import Presentation

IMAGE_NAME = "/ppt/media/image%d.%s"  # python-pptx's: one numbering for every extension


def keep_track_of_parts(prs: Presentation) -> None:
    """From now on, prs's package names new parts, and its presentation part finds and adds
    relationships, without walking all of them."""
    package = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}
    following: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        # the lowest free number from the last one given: as python-pptx's own choice when the
        # names are 1…n without gaps, which is how a template's parts and ours are numbered
        n = following.get(tmpl, 1)
        while tmpl % n in used:
            n += 1
        following[tmpl] = n + 1
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname
    _keep_track_of_pictures(package)
    rels = prs.part.rels
    rels.__class__ = _IndexedRelationships
    rels._reindex()


def _keep_track_of_pictures(package) -> None:
    """package finds a picture it holds by its SHA-1, and names a new one, in constant time."""
    pictures = {}  # SHA-1 → the ImagePart, the first found as python-pptx finds it
    numbers = set()
    for part in package.iter_parts():
        if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None:
            numbers.add(part.partname.idx)
        if isinstance(part, ImagePart):
            pictures.setdefault(part.sha1, part)
    lowest = [1]

    def next_image_partname(ext: str) -> PackURI:
        while lowest[0] in numbers:
            lowest[0] += 1
        numbers.add(lowest[0])
        return PackURI(IMAGE_NAME % (lowest[0], ext))

    def get_or_add_image_part(image_file) -> ImagePart:
        image = Image.from_file(image_file)
        if image.sha1 not in pictures:
            pictures[image.sha1] = ImagePart.new(package, image)
        return pictures[image.sha1]

    package.next_image_partname = next_image_partname
    package.get_or_add_image_part = get_or_add_image_part


class _IndexedRelationships(_Relationships):
    """_Relationships with its relationships grouped by type and target, kept current as they
    are added and removed (the only two ways python-pptx changes them after loading)."""

    _by_type: dict[str, list]
    _by_target: dict[tuple[str, int], str]

    def _reindex(self) -> None:
        self._by_type, self._by_target = {}, {}
        for rel in self._rels.values():
            self._index(rel)

    def _index(self, rel) -> None:
        self._by_type.setdefault(rel.reltype, []).append(rel)
        if not rel.is_external:
            self._by_target.setdefault((rel.reltype, id(rel.target_part)), rel.rId)

    @property
    def _rels_by_reltype(self) -> dict[str, list]:
        return _Grouped(self._by_type)

    def _get_matching(self, reltype: str, target, is_external: bool = False) -> str | None:
        if is_external:  # links: few, and matched by address
            return super()._get_matching(reltype, target, is_external)
        rId = self._by_target.get((reltype, id(target)))
        return rId if rId in self._rels and self._rels[rId].target_part is target else None

    def _add_relationship(self, reltype: str, target, is_external: bool = False) -> str:
        rId = super()._add_relationship(reltype, target, is_external)
        self._index(self._rels[rId])
        return rId

    def pop(self, rId: str):
        rel = super().pop(rId)
        self._reindex()
        return rel


class _Grouped(dict):
    """The relationships of one type, or none: as the defaultdict python-pptx builds."""

    def __missing__(self, reltype: str) -> list:
        return []
