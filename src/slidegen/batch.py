"""Building what a build command asks for: one deck, one kommune's deck, or a batch of one per
kommune of a group (or all). Each deck is a job with an outcome; one deck's failure stops no
other. With accelerators plugged into the session (slidegen.api does), a deck whose inputs are
unchanged is skipped, and a batch's decks are made in worker processes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .build import build_deck
from .data import open_data
from .data.registry import GroupNotKommune, Registry, deck_kommune
from .errors import BuildError, HandEditError, SlidegenError, UsageError, display_path
from .inputs import placeholder_warning, used_data_folder
from .jobs import Job, Outcome, asks_for_batch
from .session import Session
from .spec.boundary import Boundary
from .spec.deck import Deck
from .spec.loader import load_deck
from .texts import kommune_slug


@dataclass(frozen=True)
class BatchResult:
    """What a build command did: one outcome per deck, in order."""

    outcomes: list[Outcome]
    is_batch: bool  # built under a batch's rules (--group, --kommune all): see build_batch
    # With a batch's rules: bad rows in data/ that failed none of these decks (none read them)
    unread_problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def refused(self) -> list[Outcome]:
        """Decks not built because their file was changed by hand since slidegen wrote it."""
        return [o for o in self.outcomes if o.status == "refused"]


def build_batch(deck: str | Path, *, kommune: str | None = None, group: str | None = None,
                output: str | Path | None = None, data_folder: str | Path | None = None,
                force: bool = False, session: Session | None = None,
                progress: Callable[[int, int], None] | None = None,
                language: str | None = None) -> BatchResult:
    """Build a deck: for its default kommune, for `kommune`, or one per kommune of `group`
    (or kommune 'all'); output is the file for one deck, the folder for a batch. language
    (nb, nn, en) builds it in that language instead of its own.

    A batch loads data/ isolated: a bad row in one kommune's figures fails only the decks that
    read it, and a bad row no deck read is still reported (unread_problems); any other problem
    in data/ stops it before the first deck. progress(done, total) is called once the decks
    are known, and after each."""
    session = session or Session()
    is_batch = asks_for_batch(kommune, group)
    jobs = plan(Path(deck), kommune, group, Path(output) if output else None,
                Path(data_folder) if data_folder else None, force, session.boundary(deck),
                language)
    done = _counter(len(jobs), progress)
    if not is_batch:
        return BatchResult([_run_one(jobs[0], session, done)], False)
    session = session.for_batch()
    for folder in _data_folders(jobs):
        # Read and checked here, once: a problem that is not one region's figures stops the
        # batch with one message, not one per deck; and forked workers start with it loaded.
        session.data(folder).load()
    if session.accelerators is not None:
        outcomes = session.accelerators.run_jobs(jobs, run, done)
    else:
        outcomes = [_run_one(job, session, done) for job in jobs]
    return BatchResult(outcomes, True, _unread_problems(outcomes, session))


def _counter(total: int, progress: Callable[[int, int], None] | None) -> Callable[[], None]:
    """A function to call after each deck, telling progress how many of total are done."""
    count = 0
    if progress is not None:
        progress(0, total)

    def done() -> None:
        nonlocal count
        count += 1
        if progress is not None:
            progress(count, total)

    return done


def _run_one(job: Job, session: Session, done: Callable[[], None]) -> Outcome:
    outcome = run(job, session)
    done()
    return outcome


def run(job: Job, session: Session) -> Outcome:
    """Build one deck unless it is fresh; a file changed by hand is refused (without
    job.force); a SlidegenError (or a file-system error) becomes a failed outcome."""
    try:
        deck = job.spec(session.boundary(job.deck_file))
        speed = session.accelerators
        folder = used_data_folder(deck, job.data_folder)
        if speed is not None and not job.force and speed.is_fresh(deck, job.output, folder,
                                                                  job.kommune):
            # an unchanged deck still has its stand-in pictures: say so every time
            return Outcome(job, "skipped", "unchanged", tuple(placeholder_warning(deck)),
                           left_out=tuple(speed.left_out(job.output)))
        before = (speed.fingerprint(deck, job.output, folder, job.kommune) if speed is not None
                  else None)
        result = build_deck(deck, job.output, data_folder=job.data_folder, session=session,
                            force=job.force)
        if speed is not None:
            speed.record(before, result)
        return Outcome(job, "built", f"{result.slide_count} slides", tuple(result.warnings),
                       left_out=tuple(result.left_out), backup=result.backup)
    except HandEditError as exc:
        return Outcome(job, "refused", exc.messages()[0], problems=tuple(exc.messages()))
    except SlidegenError as exc:
        return Outcome(job, "failed", "; ".join(exc.messages()), problems=tuple(exc.messages()))
    except OSError as exc:  # a folder in the way, a full disk: this deck fails, not the batch
        return Outcome(job, "failed", f"{exc.strerror or exc}: {display_path(exc.filename)}"
                       if exc.filename else str(exc))


def plan(deck_file: Path, kommune: str | None, group: str | None, out: Path | None,
         data_folder: Path | None, force: bool, boundary: Boundary | None = None,
         language: str | None = None) -> list[Job]:
    """The jobs a build command asks for: one deck, one kommune's deck, or a batch; the deck
    reads inside boundary (default: its project); language overrides the deck's own."""
    deck = load_deck(deck_file, boundary=boundary, language=language)
    if kommune is None and group is None:
        ref = deck.kommune if deck.parameter == "kommune" else None
        name = deck_kommune(deck, _registry(deck, data_folder)).name if ref else None
        return [Job(deck_file, ref, output_for(deck, name, out, False), data_folder, force,
                    deck=deck, language=language)]
    if deck.parameter != "kommune":
        raise UsageError(f"{deck_file}: --kommune and --group need a deck made per kommune "
                         f"('parameter: kommune')")
    registry = _registry(deck, data_folder)
    if asks_for_batch(kommune, group):
        if kommune is not None and group is not None:
            raise UsageError("give either --kommune or --group, not both")
        try:
            members = registry.members("all" if group is None else group)
        except LookupError as exc:
            raise UsageError(f"--group: {exc.args[0]}") from None
        batch = True
    else:
        try:
            members = [registry.find(kommune).number]
        except GroupNotKommune as exc:
            raise UsageError(f"--kommune: '{kommune}' is a group: use --group "
                             f"{exc.group.id}") from None
        except LookupError as exc:
            raise UsageError(f"--kommune: {exc.args[0]}") from None
        batch = False
    return [Job(deck_file, number, output_for(deck, registry.kommuner[number].name, out, batch),
                data_folder, force, deck=deck, language=language) for number in members]


def output_for(deck: Deck, kommune_name: str | None, out: Path | None, batch: bool) -> Path:
    """build/<deck>.pptx, or build/<deck>-<kommune>.pptx for a per-kommune deck. -o means the
    same everywhere: a path ending in .pptx is the file, anything else a folder to put the
    deck (or a batch's decks) in, made if it is not there."""
    name = deck.file.stem + (f"-{kommune_slug(kommune_name)}" if kommune_name else "") + ".pptx"
    if out is None:
        return Path("build") / name
    is_file_name = out.suffix.lower() == ".pptx"
    if batch and (is_file_name or out.is_file()):
        raise BuildError(f"-o: a batch writes one file per kommune into a folder; found "
                         f"'{out}', {'a file' if out.is_file() else 'a .pptx name'}")
    if is_file_name:
        return out
    if out.is_file() or (out.suffix and not out.is_dir()):
        raise BuildError(f"-o: a deck is written as a .pptx file: give a name ending in .pptx, "
                         f"or a folder to put it in; found '{out}'"
                         + (", a file" if out.is_file() else ""))
    return out / name


def _registry(deck: Deck, data_folder: Path | None) -> Registry:
    folder = used_data_folder(deck.model_copy(update={"parameter": "kommune"}), data_folder)
    return open_data(folder).registry


def _data_folders(jobs: list[Job]) -> list[Path]:
    """The data folders the jobs' decks read (a deck that cannot be read reports it itself)."""
    folders = set()
    for job in jobs:
        try:
            folder = used_data_folder(job.spec(), job.data_folder)  # plan() loaded it
        except SlidegenError:
            continue
        if folder is not None:
            folders.add(folder.resolve())
    return sorted(folders)


def _unread_problems(outcomes: list[Outcome], session: Session) -> list[str]:
    """The problems in regions' figures (see Data.isolate) that failed none of these decks:
    no deck read those rows, but they are bad input all the same."""
    failed = {m for o in outcomes for m in o.problems}
    problems = []
    for folder in _data_folders([o.job for o in outcomes]):
        problems += [m for m in session.data(folder).broken if m not in failed]
    return problems
