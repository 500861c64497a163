"""Writing the finished deck: file properties, deterministic bytes, atomic replacement."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from pptx.opc.serialized import PackageWriter
from pptx.presentation import Presentation

from .errors import BuildError, display_path

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


def write_atomically(output: Path, data: bytes) -> None:
    """Write to a temporary file beside output, then rename: a failure leaves output as it was.

    A symlink is written through (its target is replaced), and the file gets the mode it had,
    or the usual one for new files (the umask), not the temporary file's private 0600.
    """
    target = output.resolve() if output.is_symlink() else output
    if target.is_dir():
        raise BuildError(f"cannot write {display_path(output)}: it is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot write {display_path(output)}: cannot make its folder "
                         f"({exc.strerror})") from None
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BuildError(f"cannot write {display_path(output)}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BuildError(f"cannot write {display_path(output)}: {exc.strerror or exc}"
                             ) from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
