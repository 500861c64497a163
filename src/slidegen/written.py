"""The record of what slidegen wrote, kept beside each output (build/.x.pptx.written.json): the
file's digest and each slide's texts. A build checks the file on disk against it before
replacing it, so an adviser's edits in PowerPoint are never overwritten without a copy."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .deckdiff import differences, read_slides
from .errors import HandEditError, display_path
from .files import file_digest, write_atomically


def record_file(output: Path) -> Path:
    """Beside the output, hidden: build/.seljord.pptx.written.json."""
    return output.with_name(f".{output.name}.written.json")


def recorded(output: Path) -> dict | None:
    """What slidegen last wrote to output ({'digest', 'slides'}), or None."""
    try:
        record = json.loads(record_file(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and "digest" in record else None


def remember(output: Path, digest: str, slides: list[dict], before: str | None = None) -> None:
    """Record that output holds (or is about to hold) the bytes of digest, with these slides'
    texts. It is recorded before the file is written, with the digest of the file it replaces
    (before): a build stopped between the two then finds either file to be slidegen's, never
    an adviser's edit."""
    record = {"digest": digest, "slides": slides} | ({"before": before} if before else {})
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    write_atomically(record_file(output), text.encode("utf-8"))


def content_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Edits:
    """A file at output that slidegen did not write as it stands: what differs, per slide."""

    output: Path
    changes: list[str]  # 'slide 2: title «…» → «…»'
    recorded: bool  # False: no record, a file slidegen did not write (or lost track of)


def edits(output: Path, content: bytes | None = None,
          slides: list[dict] | None = None) -> Edits | None:
    """How the file at output differs from what slidegen last wrote there; None when it is
    what slidegen wrote (or there is no file). With no record, a file byte-identical to
    content (what the build would write now) is slidegen's; without content, such a file
    counts as not yet known and None is returned (the build will ask again with content)."""
    if not output.is_file():
        return None
    record = recorded(output)
    if record is not None:
        if file_digest(output) in (record["digest"], record.get("before")):
            return None
        return Edits(output, differences(record.get("slides", []), _read(output)), True)
    if content is None:
        return None
    if output.read_bytes() == content:
        return None
    return Edits(output, differences(slides or [], _read(output)), False)


def _read(output: Path) -> list[dict]:
    try:
        return read_slides(output)
    except Exception:  # not a deck python-pptx can open: every slide differs, say so below
        return [{"title": "(a file python-pptx cannot read)"}]


def refusal(found: Edits, deck_file: Path | None) -> HandEditError:
    """The error that keeps the edited file: per slide what changed, and what to do next."""
    where = display_path(found.output)
    head = (f"{where} was changed by hand since slidegen wrote it:" if found.recorded else
            f"{where} was not written by slidegen (no record of it beside the file) and "
            f"differs from what this build would write:")
    changes = found.changes or ["no text differs: the change is in layout, formatting or "
                                "pictures"]
    into = f"into {display_path(deck_file)}" if deck_file else "into the deck's YAML"
    tail = (f"Carry the changes {into}, or rebuild with --force (the edited file is kept as "
            f"{backup_name(found.output).name}).")
    return HandEditError([head] + [f"  {c}" for c in changes] + [tail])


def backup_name(output: Path) -> Path:
    """The first free numbered backup beside output: seljord.backup-1.pptx, -2, …"""
    n = 1
    while True:
        candidate = output.with_name(f"{output.stem}.backup-{n}{output.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


def back_up(output: Path) -> Path:
    """Move output to its next numbered backup, never replacing one; the backup's path."""
    while True:
        backup = backup_name(output)
        try:
            os.link(output, backup)  # fails if the name was taken meanwhile: never overwrites
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if backup.exists():
                continue
            os.rename(output, backup)
            return backup
        output.unlink()
        return backup
