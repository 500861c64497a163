"""The library's front door: what the command line calls, each with its session's
accelerators plugged in (unless it switches them off). The pipeline underneath (build.py,
batch.py) runs without them; here is where the two meet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import batch, build
from .batch import BatchResult
from .build import BuildResult
from .check import check_pptx
from .preview import Preview, render_preview
from .session import Session
from .speed.accelerators import plug_in
from .validate import validate_deck

__all__ = ["build_batch", "build_deck", "check_pptx", "preview", "validate_deck"]


def build_deck(deck, output: str | Path | None = None, *, kommune: str | None = None,
               data_folder: str | Path | None = None, session: Session | None = None,
               force: bool = False) -> BuildResult:
    """Build one deck (a Deck or the path of its YAML) into a .pptx, atomically; see
    build.build_deck (force: replace a file changed by hand, kept as a backup). A fresh
    session by default, with the accelerators plugged in."""
    return build.build_deck(deck, output, kommune=kommune, data_folder=data_folder,
                            session=plug_in(session), force=force)


def build_batch(deck: str | Path, *, kommune: str | None = None, group: str | None = None,
                output: str | Path | None = None, data_folder: str | Path | None = None,
                force: bool = False, session: Session | None = None,
                progress: Callable[[int, int], None] | None = None,
                language: str | None = None) -> BatchResult:
    """What `slidegen build` does: a deck for its default kommune, for `kommune`, or one per
    kommune of `group` (or kommune 'all'), unchanged decks skipped; see batch.build_batch."""
    return batch.build_batch(deck, kommune=kommune, group=group, output=output,
                             data_folder=data_folder, force=force, session=plug_in(session),
                             progress=progress, language=language)


def preview(deck: str | Path, out_dir: str | Path | None = None, *, kommune: str | None = None,
            data_folder: str | Path | None = None, session: Session | None = None) -> Preview:
    """A deck (.yaml, built first, or .pptx) as PDF, one PNG per slide and a contact sheet, in
    out_dir (default: build/<deck>-preview)."""
    deck = Path(deck)
    out_dir = Path(out_dir) if out_dir else Path("build") / f"{deck.stem}-preview"
    if deck.suffix.lower() == ".pptx":
        return render_preview(deck, out_dir)
    built = build_deck(deck, kommune=kommune, data_folder=data_folder, session=session)
    result = render_preview(built.output, out_dir)
    result.warnings[:] = built.warnings
    return result
