"""What a build command asks for, deck by deck: a job (which spec, for which kommune, to which
file) and its outcome. Plain data, shared by the batch and the worker processes that run it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line asks asks_for_batch before it loads the spec's libraries
    from .spec.deck import Deck


def asks_for_batch(kommune: str | None, group: str | None) -> bool:
    """--group, or --kommune all (any case): one deck per kommune, under a batch's rules."""
    return group is not None or (kommune or "").strip().casefold() == "all"


@dataclass(frozen=True)
class Job:
    """One deck to build: which spec, for which kommune (number), to which file."""

    deck_file: Path
    kommune: str | None
    output: Path
    data_folder: Path | None
    force: bool
    # the spec as plan() loaded it, so a build does not read and validate it again
    deck: Deck | None = field(default=None, compare=False, repr=False)
    language: str | None = None  # --language: built in this language instead of the deck's

    def spec(self, boundary=None) -> Deck:
        """The deck, made for this job's kommune; read inside boundary (spec.boundary) unless
        plan() loaded it already."""
        from .spec.loader import load_deck

        deck = self.deck or load_deck(self.deck_file, boundary=boundary, language=self.language)
        return deck if self.kommune is None else deck.model_copy(update={"kommune": self.kommune})


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # built, skipped, refused (the file was changed by hand) or failed
    detail: str  # slide count, or why it failed
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # failed, refused: each line of the error, as raised
    left_out: tuple = ()  # built: the slides skip_when_missing left out (build.LeftOut)
    backup: Path | None = None  # built with --force: where the file changed by hand went
