"""What every slide kind shares: notes, source, photo credit, link, hidden. The fields are
written by fields.py; here, which roles they need and which kinds always have a source."""

from __future__ import annotations

from ..spec.model import SlideBase
from .fields import apply, label, link_text
from .kinds import DATA_KINDS


def needs(spec: SlideBase, layout_key: str, roles: set[str], photo_roles: bool) -> set[str]:
    """Roles the main slide needs beyond the kind's own: footnote and credit, when used."""
    extra = set()
    if spec.source or spec.link or (spec.credit and not photo_roles) or spec.kind in DATA_KINDS:
        extra.add("footnote")
    if spec.credit and photo_roles:
        extra.add("credit")
    return roles | extra


__all__ = ["DATA_KINDS", "apply", "label", "link_text", "needs"]
