"""The finished deck as bytes: its file properties, and a package that is the same bytes for
the same inputs (files.write_atomically puts it in place)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.opc.serialized import PackageWriter
from pptx.presentation import Presentation

# Fixed so that the same inputs give byte-identical files; a deck may set its own `date`.
DEFAULT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def set_properties(prs: Presentation, title: str, author: str | None, language: str,
                   date: dt.date | None) -> None:
    props = prs.core_properties
    props.title = _at_most_255(title)
    props.author = _at_most_255(author or "")
    props.last_modified_by = _at_most_255(author or "slidegen")
    props.language = language
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    when = (dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC) if date else DEFAULT_DATE)
    props.created = props.modified = when.replace(tzinfo=None)
    if any(slide.has_notes_slide for slide in prs.slides):
        _localise_notes_master(prs, language)


def _at_most_255(text: str) -> str:
    """A file property holds at most 255 characters (python-pptx refuses more); a deck's
    title may be longer on its slide, and is cut here with an ellipsis."""
    return text if len(text) <= 255 else text[:254] + "…"


def _localise_notes_master(prs: Presentation, language: str) -> None:
    """python-pptx makes the notes master from its own en-US default; notes typed later in
    PowerPoint would be spell-checked as English."""
    for element in prs.notes_master._element.iter():
        if element.get("lang") is not None:
            element.set("lang", language)


def deterministic_bytes(prs: Presentation) -> bytes:
    """The saved package with fixed zip entry times, so equal inputs give equal bytes."""
    out = io.BytesIO()
    package = prs.part.package
    # python-pptx's own writer, in its order, but each entry written once with a fixed time
    # (saving and then re-zipping compressed everything twice).
    _FixedTimeWriter(out, package._rels, tuple(package.iter_parts()))._write()
    return out.getvalue()


class _FixedTimeWriter(PackageWriter):
    def _write(self) -> None:
        with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as zf:
            writer = _Entries(zf)
            self._write_content_types_stream(writer)
            self._write_pkg_rels(writer)
            self._write_parts(writer)


class _Entries:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zf.writestr(info, blob)
