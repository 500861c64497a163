"""What `slidegen serve` shows, kept up to date: the deck rebuilt (incrementally) whenever a file
it reads changes, its changed slides rendered, its check findings, or the error that stopped the
last rebuild above the last good slides. The page learns each new state through wait()."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from pathlib import Path

from ..errors import BuildError, SlidegenError, display_path, excerpt
from ..preview import INSTALL_HINT, Renderer, contact_sheet

# 'decks/x.yaml:14:5: …' or 'decks/x.yaml:14: …': where a message points
WHERE = re.compile(r"^(?P<file>[^\n:]+?):(?P<line>\d+)(?::\d+)?:")


class Live:
    """One deck on show: its state (a dict the page reads as JSON) and the rebuilds."""

    def __init__(self, deck: Path, out_dir: Path, session, renderer: Renderer | None, *,
                 kommune: str | None = None, data_folder: Path | None = None,
                 language: str | None = None):
        self.deck, self.out_dir, self.session, self.renderer = deck, out_dir, session, renderer
        self.kommune, self.data_folder, self.language = kommune, data_folder, language
        self.pptx: Path | None = None
        self._changed = threading.Condition()
        self._wanted = threading.Event()  # a rebuild asked for (another kommune)
        self._clients = 0
        self._generation = 0  # of the builds on show: a check of an older one is dropped
        self._last_left: float | None = None  # when the last open page closed
        self.state: dict = {
            "version": 0, "deck": display_path(deck), "kommune": kommune, "kommuner": [],
            "building": True, "slides": [], "error": None, "warnings": [],
            "note": None if renderer else (f"LibreOffice is not installed, so the slides show "
                                           f"as their titles only. To see them: {INSTALL_HINT}"),
            "pptx": None}

    # the page's side
    def wait(self, version: int, timeout: float) -> dict:
        """The state once it is newer than version, or as it is after timeout seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.state["version"] > version, timeout)
            return dict(self.state)

    def connected(self, change: int) -> None:
        """A page opened (+1) or closed (-1) its live connection."""
        with self._changed:
            self._clients += change
            if self._clients == 0:
                self._last_left = time.monotonic()

    def alone_for(self) -> float:
        """Seconds since the last open page closed (0 while one is open, or before any)."""
        with self._changed:
            if self._clients or self._last_left is None:
                return 0.0
            return time.monotonic() - self._last_left

    def ask_for(self, kommune: str) -> None:
        """Show the deck for another kommune."""
        self.kommune = kommune.strip() or None
        self._wanted.set()

    def _publish(self, generation: int | None = None, **changes) -> None:
        """A new state, with changes; from a check, only while its build is the latest."""
        with self._changed:
            if generation is not None and generation != self._generation:
                return
            self.state = {**self.state, **changes, "version": self.state["version"] + 1}
            self._changed.notify_all()

    # the rebuilds
    def run(self, stop: threading.Event, interval: float = 0.1) -> None:
        """Rebuild now, then whenever a file the deck reads changes, until stop is set."""
        from ..inputs import watched_files

        def listed() -> list[Path]:
            return watched_files(self.deck, self.data_folder, self.session.boundary(self.deck))

        def stamp(files: list[Path]) -> dict[Path, int]:
            found = {}
            for file in files:
                # gone between listing and looking: an editor saving it
                with contextlib.suppress(OSError):
                    found[file] = file.stat().st_mtime_ns
            return found

        # the list is read again after each rebuild only (it loads the deck): a deck may add
        # an include; polling stats the files, which costs next to nothing
        files, seen = listed(), None
        while not stop.is_set():
            now = stamp(files)
            if now != seen or self._wanted.is_set():
                self._wanted.clear()
                try:
                    self.rebuild()
                except OSError as exc:  # a full disk, a file not readable: said on the page
                    where = f": {display_path(exc.filename)}" if exc.filename else ""
                    self._publish(building=False,
                                  error=describe([f"{exc.strerror or exc}{where}"]))
                except Exception as exc:  # a bug: said on the page, never a page left waiting
                    self._publish(building=False, error=describe(
                        [f"slidegen failed: {type(exc).__name__}: {excerpt(exc, 300)}"]))
                files = listed()
                # stamped before the rebuild: a save during it is seen next time round
                seen = {file: now.get(file, mtime) for file, mtime in stamp(files).items()}
            self._wanted.wait(interval)

    def rebuild(self) -> None:
        """Build, render the changed slides, then check; each step's result is shown as soon
        as it is there, so a changed slide shows before the check has read every slide."""
        with self._changed:
            self._generation += 1  # a check still running belongs to an older build
        self._publish(building=True, kommune=self.kommune)
        try:
            self.pptx = self._build()
            slides = self._slides(self.pptx)
        except SlidegenError as exc:
            self._publish(building=False, error=describe(exc.messages()))
            return
        # until the check has read them, a slide that looks as before keeps its findings
        before = {(s["number"], s["title"], s["image"]): s["findings"]
                  for s in self.state["slides"]}
        for slide in slides:
            slide["findings"] = before.get((slide["number"], slide["title"], slide["image"]), [])
        self._publish(building=False, error=None, slides=slides,
                      pptx=self.pptx.name if self.pptx else None)
        # checked beside the next rebuild, not before it: a save right after this one is
        # built at once, and this check's findings are dropped as out of date
        with self._changed:
            self._generation += 1
            generation = self._generation
        threading.Thread(target=self._check, args=(self.pptx, slides, generation),
                         daemon=True).start()

    def _check(self, pptx: Path, slides: list[dict], generation: int) -> None:
        """The check's findings, each beside its slide, unless a newer build is on show."""
        from ..check import check_pptx

        try:
            report = check_pptx(pptx, cancelled=lambda: generation != self._generation)
        except SlidegenError as exc:
            self._publish(generation, error=describe(exc.messages()))
            return
        if report is None:  # a newer build is on show, or being made
            return
        findings = report.findings
        slides = [{**slide, "findings": [
            {"level": f.level, "rule": f.rule, "shape": f.shape, "message": f.message,
             "hint": f.hint} for f in findings if f.slide == slide["number"]]}
            for slide in slides]
        whole = [f"{f.level}: {f.rule}: {f.message}" for f in findings if f.slide == 0]
        self._publish(generation, slides=slides, file_findings=whole)

    def _build(self) -> Path:
        from ..api import build_batch

        result = build_batch(self.deck, kommune=self.kommune, data_folder=self.data_folder,
                             session=self.session, language=self.language)
        stopped = result.failed + result.refused
        if stopped:
            raise BuildError("\n".join(p for o in stopped for p in o.problems or (o.detail,)))
        outcome = result.outcomes[0]
        self._publish(warnings=list(outcome.warnings), kommuner=self._kommuner())
        return outcome.job.output

    def _kommuner(self) -> list[str]:
        """Every kommune's name, for the picker of a deck made per kommune; else none."""
        if self.state["kommuner"]:
            return self.state["kommuner"]
        from ..inputs import deck_data_folder
        from ..spec.loader import load_deck

        deck = load_deck(self.deck, boundary=self.session.boundary(self.deck))
        folder = deck_data_folder(deck, self.data_folder)
        if deck.parameter is None or folder is None:
            return []
        return sorted(k.name for k in self.session.data(folder).registry.kommuner.values())

    def _slides(self, pptx: Path) -> list[dict]:
        """Each slide's number, title and picture (None without LibreOffice)."""
        from ..deckdiff import read_slides
        from ..files import file_digest
        from ..written import recorded

        # the texts the build recorded beside the deck, unless the file is not what it wrote
        record = recorded(pptx)
        slides = (record["slides"] if record and record["digest"] == file_digest(pptx)
                  else read_slides(pptx))
        titles = [slide.get("title", "") for slide in slides]
        images: list[str | None] = [None] * len(titles)
        if self.renderer is not None:
            shown = self.renderer.render(pptx, self.out_dir, sheet=False, pdf=False)
            # the digest in the address: a changed slide is fetched anew
            images = [f"/slides/{png.name}?v={digest[:12]}"
                      for png, digest in zip(shown.slides, shown.digests, strict=True)]
        return [{"number": n, "title": title, "image": image, "findings": []}
                for n, (title, image) in enumerate(zip(titles, images, strict=True), 1)]

    def sheet(self) -> Path | None:
        """The contact sheet of the slides on show, made when asked for."""
        pngs = sorted(self.out_dir.glob("slide-*.png"))
        return contact_sheet(pngs, self.out_dir / "contact-sheet.png") if pngs else None


def describe(messages: list[str]) -> dict:
    """An error for the page: its messages, and where the first points, with that line of the
    file as it is now."""
    found = WHERE.match(messages[0]) if messages else None
    where, text = None, None
    if found:
        where = f"{found['file']}:{found['line']}"
        try:
            lines = Path(found["file"]).read_text("utf-8", errors="replace").splitlines()
            number = int(found["line"])
            text = lines[number - 1][:300] if 0 < number <= len(lines) else None
        except OSError:
            pass
    return {"messages": messages[:30], "where": where, "line": text}
