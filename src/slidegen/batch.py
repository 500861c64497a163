"""Building many decks: one per kommune of a group (or all), in parallel worker processes, each
skipped when nothing it was built from has changed. One deck's failure stops no other."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import chartpool
from .build import build_deck
from .data import open_data
from .data.registry import GroupNotKommune, Registry, deck_kommune
from .errors import BuildError, SlidegenError, display_path
from .incremental import fingerprint, is_fresh, record
from .inputs import (
    data_source,
    load_deck_data,
    placeholder_warning,
    shared_data,
    used_data_folder,
)
from .prefetch import Planned, chart_size, compute_charts, paint, pool
from .spec.deck import Deck
from .spec.loader import load_deck

WORKER_DIED = ("a worker process ended before its decks were made (out of memory?): they "
               "were made one by one in the main process")


@dataclass(frozen=True)
class Job:
    """One deck to build: which spec, for which kommune (number), to which file."""

    deck_file: Path
    kommune: str | None
    output: Path
    data_folder: Path | None
    force: bool
    jobs: int = 1  # worker processes for this deck's charts (a single-deck build)
    isolate: bool = False  # part of a batch: only bad rows this deck reads fail it (data.Data)
    # a batch: the deck's charts, computed (and sent to be drawn) by the batch's process
    computed: Planned | None = field(default=None, compare=False, repr=False)
    # the spec as plan() loaded it, so a single build does not read and validate it twice
    deck: Deck | None = field(default=None, compare=False, repr=False)

    def spec(self) -> Deck:
        """The deck, made for this job's kommune."""
        deck = self.deck or load_deck(self.deck_file)
        return deck if self.kommune is None else deck.model_copy(update={"kommune": self.kommune})


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # built, skipped or failed
    detail: str  # slide count, or why it failed
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # failed: each message of the error, as it was raised


def output_for(deck: Deck, kommune_name: str | None, out: Path | None, batch: bool) -> Path:
    """build/<deck>.pptx, or build/<deck>-<kommune>.pptx for a per-kommune deck; out is the
    file for one deck (or a folder that exists, to put it in) and the folder for a batch."""
    name = deck.file.stem + (f"-{_slug(kommune_name)}" if kommune_name else "") + ".pptx"
    if out is None:
        return Path("build") / name
    if batch and (out.suffix.lower() == ".pptx" or out.is_file()):
        raise BuildError(f"-o: a batch writes one file per kommune into a folder; found "
                         f"'{out}', {'a file' if out.is_file() else 'a .pptx name'}")
    return out / name if batch or out.is_dir() else out


def plan(deck_file: Path, kommune: str | None, group: str | None, out: Path | None,
         data_folder: Path | None, force: bool) -> list[Job]:
    """The jobs a build command asks for: one deck, one kommune's deck, or a batch."""
    deck = load_deck(deck_file)
    if kommune is None and group is None:
        ref = deck.kommune if deck.parameter == "kommune" else None
        name = deck_kommune(deck, _registry(deck, data_folder)).name if ref else None
        return [Job(deck_file, ref, output_for(deck, name, out, False), data_folder, force,
                    deck=deck)]
    if deck.parameter != "kommune":
        raise BuildError(f"{deck_file}: --kommune and --group need a deck made per kommune "
                         f"('parameter: kommune')")
    registry = _registry(deck, data_folder)
    every = kommune is not None and kommune.strip().casefold() == "all"  # as the CLI tells it
    if group is not None or every:
        if kommune is not None and not every:
            raise BuildError("give either --kommune or --group, not both")
        try:
            members = registry.members("all" if group is None else group)
        except LookupError as exc:
            raise BuildError(f"--group: {exc.args[0]}") from None
        batch = True
    else:
        try:
            members = [registry.find(kommune).number]
        except GroupNotKommune as exc:
            raise BuildError(f"--kommune: '{kommune}' is a group: use --group "
                             f"{exc.group.id}") from None
        except LookupError as exc:
            raise BuildError(f"--kommune: {exc.args[0]}") from None
        batch = False
    return [Job(deck_file, number, output_for(deck, registry.kommuner[number].name, out, batch),
                data_folder, force, deck=deck) for number in members]


def _registry(deck: Deck, data_folder: Path | None) -> Registry:
    folder = used_data_folder(deck.model_copy(update={"parameter": "kommune"}), data_folder)
    return open_data(folder).registry


def run(job: Job, raise_errors: bool = False) -> Outcome:
    """Build one deck unless it is fresh; a SlidegenError becomes a failed outcome (or is
    raised, for a single deck, so every message keeps its own line)."""
    try:
        deck = job.spec()
        if not job.force:
            folder = used_data_folder(deck, job.data_folder)
            if is_fresh(job.output, deck, folder, job.kommune,
                        lambda: load_deck_data(deck, job.data_folder, job.isolate)):
                # an unchanged deck still has its stand-in pictures: say so every time
                return Outcome(job, "skipped", "unchanged", tuple(placeholder_warning(deck)))
        # The files' digests are taken before the build: a file saved while it runs is then
        # seen as changed next time, not recorded as built.
        before = fingerprint(deck, used_data_folder(deck, job.data_folder), job.kommune, None)
        result = build_deck(deck, job.output, job.data_folder, jobs=job.jobs,
                            isolate=job.isolate, computed=job.computed)
        if result.data is None or not result.data.has_broken_rows:  # see Data.has_broken_rows
            record(job.output, {**before, **({"rows": dict(result.rows or {})}
                                             if "rows" in before else {})})
        return Outcome(job, "built", f"{result.slide_count} slides", tuple(result.warnings))
    except SlidegenError as exc:
        if raise_errors:
            raise
        return Outcome(job, "failed", "; ".join(exc.messages()), problems=tuple(exc.messages()))
    except OSError as exc:  # a folder in the way, a full disk: this deck fails, not the batch
        if raise_errors:
            raise
        return Outcome(job, "failed", f"{exc.strerror or exc}: {display_path(exc.filename)}"
                       if exc.filename else str(exc))


def _with_charts(jobs: list[Job]) -> Iterator[Job]:
    """The jobs, each with the picture charts of its deck computed (none for a deck that is
    fresh, or cannot be planned here: its build reports why). Done here, once, and not also by
    the worker that draws a chart and the one that makes its slide."""
    from .build import _expanded, _text_renderer
    from .template import load_template

    sizes: dict = {}
    for job in jobs:
        computed = None
        try:
            deck = job.spec()
            folder = used_data_folder(deck, job.data_folder)
            if folder is not None and (job.force or not is_fresh(
                    job.output, deck, folder, job.kommune,
                    lambda d=deck, j=job: load_deck_data(d, j.data_folder, True))):
                if deck.template not in sizes:
                    template = load_template(deck.template)
                    sizes[deck.template] = (chart_size(template, template.new_presentation())
                                            if "chart" in template.mapping.layouts else None)
                if sizes[deck.template] is not None:
                    data = shared_data(folder, True)
                    slides = _expanded(deck, data, _text_renderer(deck, data, deck.kommune))
                    computed = Planned({index: (drawing, read) for index, drawing, read
                                        in compute_charts(slides, data, sizes[deck.template])},
                                       data_source(data))
                    data.take_reads()  # the deck's own build records what it reads
        except SlidegenError:
            pass
        yield replace(job, computed=computed) if computed and computed.charts else job


def _data_folders(jobs: list[Job]) -> list[Path]:
    """The data folders the jobs' decks read (a deck that cannot be read reports it itself)."""
    folders = set()
    for job in jobs:
        try:
            folder = used_data_folder(job.deck or load_deck(job.deck_file), job.data_folder)
        except SlidegenError:
            continue
        if folder is not None:
            folders.add(folder.resolve())
    return sorted(folders)


def broken_rows(outcomes: list[Outcome]) -> list[str]:
    """The problems in regions' figures (see Data.isolate) that failed none of these decks:
    no deck read those rows, but they are bad input all the same."""
    failed = {m for o in outcomes for m in o.problems}
    problems = []
    for folder in _data_folders([o.job for o in outcomes]):
        problems += [m for m in shared_data(folder, True).broken if m not in failed]
    return problems


def _slug(name: str) -> str:
    """'Nome' → 'nome', 'Hjartdal' → 'hjartdal', 'Våler (Innlandet)' → 'valer-innlandet'."""
    from slugify import slugify  # imported for per-kommune decks only

    return slugify(name)


def _run_parallel(jobs: list[Job], workers: int, executor, outcomes: dict, bar) -> None:
    """Decks are about equal, so nine on two workers would end with one worker idle while the
    other makes the ninth. So the charts of most decks are drawn first, one task each, and the
    decks then take them from the cache; the decks left over (len % workers) draw their own and
    go first, and the rest pair up evenly behind them. The charts' data is computed here,
    while the workers import matplotlib."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    split = len(jobs) - len(jobs) % workers
    planned = []
    drawings = []
    for job in _with_charts(jobs[:split]):
        planned.append(job)
        drawings += [executor.submit(paint, drawing)
                     for drawing, _ in (job.computed.charts if job.computed else {}).values()]
    futures = {executor.submit(run, job): job for job in jobs[split:] + planned}
    for future in as_completed(futures):
        try:
            outcomes[futures[future]] = future.result()
        except BrokenProcessPool:  # a worker was killed (the OOM killer, a kill): see below
            continue
        bar.update()
    for future in drawings:
        future.exception()  # a chart not drawn was drawn by its slide, which says why
    # A dead worker fails every deck not yet done at once: those are made here, one by one.
    for job in jobs[split:] + planned:
        if job not in outcomes:
            outcome = run(job)
            outcomes[job] = replace(outcome, warnings=(*outcome.warnings, WORKER_DIED))
            bar.update()


def run_all(jobs: list[Job], workers: int | None = None, progress: bool = True
            ) -> list[Outcome]:
    """Run jobs in worker processes (default: one per core), with a progress bar of decks."""
    import gc
    import os

    from tqdm import tqdm  # here: one deck has no progress bar, and tqdm takes ~20 ms to import

    jobs = [replace(job, isolate=True) for job in jobs]
    for folder in _data_folders(jobs):
        # Read and checked here, once: a problem that is not one region's figures stops the
        # batch with one message, not one per deck; and forked workers start with it loaded.
        shared_data(folder, True).load()
    workers = max(1, min(workers or chartpool.usable_cores(), len(jobs)))
    bar = tqdm(total=len(jobs), unit="deck", desc="decks", disable=not progress or None,
               leave=False)
    outcomes: dict[Job, Outcome] = {}
    try:
        if workers == 1:
            for job in jobs:
                outcomes[job] = run(job)
                bar.update()
        else:
            gc.freeze()  # the data just read: a forked worker's collector then leaves it be
            try:
                with pool(workers) as executor:
                    executor.submit(os.getpid)  # the workers start, importing matplotlib
                    _run_parallel(jobs, workers, executor, outcomes, bar)
            finally:
                gc.unfreeze()
    finally:
        bar.close()
    return [outcomes[job] for job in jobs]
