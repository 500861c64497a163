"""Writing the finished deck: file properties, deterministic bytes, atomic replacement."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from pptx.presentation import Presentation

# Fixed so that the same inputs give byte-identical files; a deck may set its own `date`.
DEFAULT_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def set_properties(prs: Presentation, title: str, author: str | None, language: str,
                   date: dt.date | None) -> None:
    props = prs.core_properties
    props.title = title
    props.author = author or ""
    props.last_modified_by = author or "slidegen"
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


def _localise_notes_master(prs: Presentation, language: str) -> None:
    """python-pptx makes the notes master from its own en-US default; notes typed later in
    PowerPoint would be spell-checked as English."""
    for element in prs.notes_master._element.iter():
        if element.get("lang") is not None:
            element.set("lang", language)


def deterministic_bytes(prs: Presentation) -> bytes:
    """The saved package with fixed zip entry times, so equal inputs give equal bytes."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def write_atomically(output: Path, data: bytes) -> None:
    """Write to a temporary file beside output, then rename: a failure leaves output as it was."""
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
