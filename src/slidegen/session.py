"""What a process keeps between decks, in one object its caller makes: the data folders and
templates already read (while their files are unchanged), what draws its charts, and the
accelerators plugged into it. The command line makes one per command; a test or a notebook makes
a fresh one whenever it wants to start clean.

The session is the one seam where the accelerators meet the pipeline: the pipeline asks it for
each build's slide source, and it answers with the accelerators' chain when some are plugged in
(slidegen.api and the command line plug in slidegen.speed unless accelerate is False), or the
pipeline's own maker. It knows nothing of either beyond that, so it sits below both."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .files import file_digest

if TYPE_CHECKING:  # imported when used: a session is made before the heavy libraries load
    from .data import Data
    from .template import Template


@dataclass
class Session:
    """One command's (or one notebook's) state; accelerate=False: no speed-up is plugged in."""

    accelerate: bool = True
    # Processes at once: a batch's decks, or for one deck, this one and its chart workers.
    # One by default: a notebook that forks workers needs no surprise; the command line gives
    # one per usable core.
    jobs: int = 1
    # Under a batch's rules: a bad row in one region fails only the decks that read that region
    # (data.Data's isolate), and the decks share the cores among themselves: none starts chart
    # workers of its own.
    batch: bool = False
    # The speed-ups plugged in (slidegen.speed.Accelerators), or None: the pipeline then makes
    # every slide, every time.
    accelerators: object = field(default=None, repr=False)
    # What a deck may read besides its project (spec/boundary.py): the user's --root and
    # --allow-outside, never the deck's own say
    root: Path | None = None
    allow_outside: tuple[Path, ...] = ()
    _data: dict = field(default_factory=dict, repr=False)
    _templates: dict = field(default_factory=dict, repr=False)
    _painter: object = field(default=None, repr=False)

    @property
    def painter(self):
        """What draws this session's charts (charts.Painter), keeping its canvases between
        decks; it uses the chart cache, an accelerator, only while accelerators are plugged in."""
        cache = self.accelerators is not None
        if self._painter is None or self._painter.uses_cache != cache:
            from .charts import Painter

            self._painter = Painter(cache=cache)
        return self._painter

    @painter.setter
    def painter(self, painter) -> None:
        self._painter = painter

    def for_batch(self) -> Session:
        """This session under a batch's rules, sharing what it has read, with the same kind
        of accelerators."""
        batch = Session(self.accelerate, self.jobs, True, None, self.root, self.allow_outside,
                        self._data, self._templates)
        if self.accelerators is not None:
            batch.accelerators = self.accelerators.for_session(batch)
        return batch

    def boundary(self, deck_file: str | Path):
        """Where deck_file may read files (spec.boundary.Boundary)."""
        from .spec.boundary import Boundary

        return Boundary.for_deck(deck_file, self.root, self.allow_outside)

    def data(self, folder: Path) -> Data:
        """The data folder, read once while its files stay the same: a batch builds many decks
        from it (a forked worker starts with its parent's); its datasets load when first used."""
        from .data import open_data
        from .inputs import data_files

        key, files = (str(folder.resolve()), self.batch), data_files(folder)
        if key not in self._data or self._data[key][0] != files:
            self._data[key] = (files, open_data(folder, isolate=self.batch))
        return self._data[key][1]

    def data_digest(self, data: Data) -> dict | None:
        """The file digests a Data from data() was read from (None for another Data): what was
        computed from it holds while data() gives the same one."""
        return next((files for files, opened in self._data.values() if opened.shares_load(data)),
                    None)

    def template(self, file: Path | None) -> Template:
        """A template and its mapping, read and checked once while neither file changes."""
        from .template import DEFAULT_TEMPLATE, load_template

        file = file or DEFAULT_TEMPLATE
        # as given and as resolved: a relative path read again from another folder is another
        # file; the digests catch an edit within the file system's time resolution
        key = (str(file), str(file.resolve()), file_digest(file),
               file_digest(file.with_suffix(".yaml")))
        if key not in self._templates:
            self._templates[key] = load_template(file)
        return self._templates[key]

    def slide_source(self, build, maker):
        """Where the build's slides come from: the accelerators' chain (slide cache, charts
        computed or drawn ahead) ending in the pipeline's maker, or the maker alone."""
        return maker if self.accelerators is None else self.accelerators.chain(build, maker)

    def close(self) -> None:
        """Stop whatever the accelerators keep running (chart workers on standby)."""
        if self.accelerators is not None:
            self.accelerators.close()
