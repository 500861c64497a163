"""The project a deck may read from: decks are shared by e-mail and copied from colleagues, so a
deck reads only files inside its own project (includes, pictures, template, data), as a
document opened from someone else cannot reach into the reader's files.

The project is the folder of the nearest slidegen.toml above the deck, else the nearest folder
above it holding data/, decks/ or assets/, else the deck's own folder; --root names it instead.
Paths are compared resolved, symlinks followed: a link inside the project to a file outside it
is outside. slidegen's own files (default template, fonts) are always readable, and the user
may name more folders with --allow-outside, or for good in $SLIDEGEN_ALLOW_OUTSIDE (folders
separated as in PATH, e.g. a shared photo folder): the user's choice, never the deck's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..assets import ASSETS
from ..errors import display_path

CONFIG_FILE = "slidegen.toml"
ALLOW_VARIABLE = "SLIDEGEN_ALLOW_OUTSIDE"
PROJECT_FOLDERS = ("data", "decks", "assets")


def project_root(start: Path) -> Path:
    """The project of a deck in folder start (see the module's docstring)."""
    start = start.resolve()
    folders = [start, *start.parents]
    for folder in folders:
        if (folder / CONFIG_FILE).is_file():
            return folder
    for folder in folders:
        if any((folder / name).is_dir() for name in PROJECT_FOLDERS):
            return folder
    return start


@dataclass(frozen=True)
class Boundary:
    """Where a deck may read files: its project, slidegen's own assets, and the folders the
    user allowed."""

    root: Path
    allowed: tuple[Path, ...] = ()

    @classmethod
    def for_deck(cls, deck_file: str | Path, root: str | Path | None = None,
                 allow_outside: tuple[str | Path, ...] | list = ()) -> Boundary:
        """The deck's project (root when given) and the user's allowed folders (allow_outside
        and those in $SLIDEGEN_ALLOW_OUTSIDE)."""
        found = Path(root).resolve() if root else project_root(Path(deck_file).parent)
        standing = [p for p in os.environ.get(ALLOW_VARIABLE, "").split(os.pathsep) if p]
        return cls(found, tuple(Path(p).resolve() for p in [*allow_outside, *standing]))

    def check(self, path: Path, shown: object) -> Path:
        """path resolved, when inside; ValueError naming it as the spec gives it (shown) and
        saying what to do, without reading it, when outside."""
        resolved = path.resolve()
        if any(resolved.is_relative_to(inside)
               for inside in (self.root, ASSETS.resolve(), *self.allowed)):
            return resolved
        via = (f", through a link to {resolved}"
               if path.absolute() != resolved and _is_link_on_the_way(path) else "")
        project = display_path(self.root)
        project = str(self.root) if project == "." else project
        raise ValueError(
            f"'{_short(shown)}' is outside the deck's project ({project}){via}: "
            f"a deck reads only files inside its project. Copy the file into the project, or, "
            f"if you trust this deck, give --allow-outside {resolved.parent}")


def _is_link_on_the_way(path: Path) -> bool:
    path = path.absolute()
    return any(p.is_symlink() for p in [path, *path.parents])


def _short(text: object, limit: int = 80) -> str:
    """At most limit characters of what the spec gave, its start and its end (a path's file
    name): a message never quotes much input."""
    text = str(text)
    if len(text) <= limit:
        return text
    head = limit // 3
    return text[:head] + "…" + text[-(limit - head - 1):]


def boundary_of(context: dict | None) -> Boundary | None:
    """The boundary in a validation context (None: a model validated outside a deck)."""
    return (context or {}).get("boundary")
