"""Adding slides in constant time. python-pptx names each new part (slide, notes slide, chart)
by walking every part of the package, and finds or numbers each relationship of the
presentation part by scanning all of them: adding n slides cost O(n²), and 10 000 slides took
tens of minutes. build keeps the names in use, and an index of the presentation's
relationships, beside the package, with the same results python-pptx gives.

Both are bookkeeping of the pipeline itself, not a cache: nothing is kept between builds."""

from __future__ import annotations

from pptx.opc.package import _Relationships
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation


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
    rels = prs.part.rels
    rels.__class__ = _IndexedRelationships
    rels._reindex()


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
