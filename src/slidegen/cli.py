"""The command line: parse arguments, call the library, print results. Errors become messages
and exit codes here and nowhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import console
from ._version import __version__
from .cli_data import data, data_option
from .cli_look import check, preview, print_report, serve
from .cli_options import (
    GROUP_HELP,
    KOMMUNE_HELP,
    LANGUAGE_CHOICES,
    project_options,
)
from .console import say
from .errors import HandEditError, SlidegenError, display_path, excerpt
from .jobs import asks_for_batch
from .speed.chartpool import charts_probably_cached, usable_cores
from .speed.process import collecting_less_often, exit_now
from .starter import starter_names

# Each command imports what it needs when it runs: `build` starts its chart worker before
# python-pptx, pandas and the rest are imported, and --help answers at once.


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slidegen")
def cli() -> None:
    """Build presentation decks from YAML specs and statistics.

    Start with `slidegen new my-deck.yaml`, then `slidegen build my-deck.yaml`."""


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--from", "starter", type=click.Choice(starter_names()),
              default="blank", show_default=True,
              help="blank: a talk without figures; kommunebesok: a deck made per kommune, "
                   "with figures from data/.")
def new(deck: Path, starter: str) -> None:
    """Write a starter DECK (.yaml) that builds as it stands, each field explained in a
    comment. An existing file is never replaced."""
    from .starter import data_missing, new_deck

    if deck.suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter(f"a deck is a .yaml file, e.g. {deck.stem}.yaml",
                                 param_hint="DECK")
    new_deck(deck, starter)
    where = display_path(deck)
    say(f"wrote {where}; build it with: slidegen build {where}")
    if data_missing(deck, starter):
        console.warning(f"no data/ folder with kommuner.csv above {where}: its figures need "
                        f"one; build with --data FOLDER, or write data: FOLDER in the deck")


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the .pptx (default: build/<deck name>.pptx).")
@data_option()
@click.option("--check", "run_check", is_flag=True,
              help="Check the built deck for readability and accessibility afterwards.")
@click.option("--kommune", help="For a deck made per kommune: which one (name or number), or "
                                "'all'.")
@click.option("--group", help="For a deck made per kommune: one deck for each kommune of this "
                              "group, e.g. distriktskommuner-telemark.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="Processes at once: decks in a batch; for one deck, this one and chart "
                   "workers (default: one per core).")
@project_options
@click.option("--force", is_flag=True,
              help="Rebuild even decks whose inputs are unchanged, and replace a deck changed "
                   "by hand since slidegen wrote it (moved to a numbered backup beside it).")
@click.option("--language", type=click.Choice(LANGUAGE_CHOICES),
              help="Build the deck in this language instead of its own 'language:' (its texts "
                   "given per language, and every word slidegen writes).")
def build(deck: Path, output: Path | None, data_folder: Path | None, run_check: bool,
          kommune: str | None, group: str | None, jobs: int | None, root: Path | None,
          allow_outside: tuple[Path, ...], force: bool, language: str | None) -> None:
    """Build DECK (a .yaml spec) into a .pptx; with --kommune all or --group, one per kommune
    (-o is then a folder). Decks whose inputs have not changed are skipped."""
    from .session import Session
    from .speed.accelerators import plug_in

    cores = jobs or usable_cores()
    session = plug_in(Session(jobs=cores, root=root, allow_outside=allow_outside))
    if not asks_for_batch(kommune, group) and cores > 1 and (
            kommune is not None or not charts_probably_cached(deck, output, data_folder)):
        # Probably one deck, whose charts are drawn by cores - 1 workers: they start importing
        # matplotlib now, while this process imports the rest and reads the deck and data.
        session.accelerators.start_standby(cores - 1)
    try:
        _build(session, deck, output, data_folder, run_check, kommune, group, force, language)
    finally:
        session.close()


def _build(session, deck, output, data_folder, run_check, kommune, group, force,
           language=None) -> None:
    from .api import build_batch
    from .speed.process import freeze_what_is_loaded

    freeze_what_is_loaded()
    batch = asks_for_batch(kommune, group)
    with console.progress_bar("deck", enabled=batch) as bar:
        def progress(done: int, total: int) -> None:
            bar.total, bar.n = total, done
            bar.refresh()

        result = build_batch(deck, kommune=kommune, group=group, output=output,
                             data_folder=data_folder, force=force, session=session,
                             progress=progress, language=language)
    outcomes = result.outcomes
    for warning, decks in _shared_warnings(outcomes).items():
        # the same for many decks of a batch (a placeholder picture): said once
        which = ("" if len(decks) == 1 else f" (in all {len(decks)} decks)"
                 if len(decks) == len(outcomes) else f" (in {len(decks)} decks: {_some(decks)})")
        first, _, more = warning.partition("\n")  # a list under it: the decks on its first line
        console.warning(f"{first}{which}" + (f"\n{more}" if more else ""))
    for outcome in outcomes:
        where = display_path(outcome.job.output)
        if outcome.status == "built":
            kept = (f"; the file changed by hand is kept as {display_path(outcome.backup)}"
                    if outcome.backup else "")
            say(f"wrote {where} ({outcome.detail}){kept}")
        elif outcome.status == "skipped":
            say(f"unchanged: {where} (--force rebuilds it)")
    for line in _left_out(outcomes):
        say(line)
    failed, refused = result.failed, result.refused
    for outcome in refused:  # the file is kept: say what changed in it, and what to do
        first, *rest = outcome.problems
        # a batch of 357: a deck's first changes (-v: all of them)
        if result.is_batch and len(rest) > 12 and console.level() < console.VERBOSE:
            rest = rest[:10] + [f"  … and {len(rest) - 11} more changes", rest[-1]]
        console.error("\n".join([first, *rest]))
    if not result.is_batch:  # one deck: each message of its error on a line of its own
        for outcome in failed:
            for problem in outcome.problems or (outcome.detail,):
                console.error(problem)
    for reason, stopped in ({} if not result.is_batch else _by_reason(failed)).items():
        names = [display_path(o.job.output) for o in stopped]
        if len(names) == 1:
            console.error(f"{names[0]}: {reason}")
        else:  # one bad row read by every deck: said once, not once per deck
            console.error(f"{reason}\n  (in {len(names)} decks: {_some(names)})")
    unread = result.unread_problems
    for problem in unread:
        console.error(f"{problem} (no deck that was built read this row)")
    if result.is_batch:  # a batch, even of one
        counts = {s: sum(o.status == s for o in outcomes) for s in ("built", "skipped",
                                                                    "failed")}
        which = f": {_some([o.job.output.name for o in failed])}" if failed else ""
        bad = (f"; {len(unread)} bad row{'s' if len(unread) > 1 else ''} in data/"
               if unread else "")
        kept = (f"; {len(refused)} refused (changed by hand): "
                f"{_some([o.job.output.name for o in refused])}" if refused else "")
        say(f"{counts['built']} built, {counts['skipped']} unchanged, "
            f"{counts['failed']} failed{which}{kept}{bad}")
    check_failed = False
    if run_check:
        from .check import check_pptx

        for outcome in outcomes:
            if outcome.status != "failed":
                report = check_pptx(outcome.job.output)
                print_report(report, as_json=False)
                check_failed = check_failed or bool(report.errors)  # as `check` itself exits
    if failed or unread or refused or check_failed:
        sys.exit(1)


def _left_out(outcomes: list) -> list[str]:
    """One line per slide spec that skip_when_missing left out, with the kommuner it was left
    out for: what the spec asked for, so said as news, not as a warning."""
    by_spec: dict[str, list] = {}
    for outcome in outcomes:
        for left in outcome.left_out:
            by_spec.setdefault(left.where, []).append(left)
    lines = []
    for where, lefts in by_spec.items():
        if len(lefts) == 1:
            lines.append(f"left out: {lefts[0]}")
        else:
            names = [left.kommune for left in lefts if left.kommune]
            lines.append(f"left out: {where}: no figures for {_some(names)} "
                         f"({len(lefts)} decks)")
    return lines


def _shared_warnings(outcomes: list) -> dict[str, list[str]]:
    """Each warning, in the order first given, with the files of the decks that gave it."""
    decks: dict[str, list[str]] = {}
    for outcome in outcomes:
        for warning in dict.fromkeys(outcome.warnings):
            decks.setdefault(warning, []).append(outcome.job.output.name)
    return decks


def _by_reason(failed: list) -> dict[str, list]:
    reasons: dict[str, list] = {}
    for outcome in failed:
        reasons.setdefault(outcome.detail, []).append(outcome)
    return reasons


def _some(names: list[str], shown: int = 10) -> str:
    """'a, b, c', or the first ten and how many more (a batch may have 357 decks); all of
    them with -v."""
    shown = len(names) if console.level() >= console.VERBOSE else shown
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


@cli.command()
@click.argument("old", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def diff(old: Path, new: Path) -> None:
    """Print what differs, slide by slide, between two decks (.pptx): titles, text, table
    cells, chart figures, notes and alt text; slides added or removed. Exits 1 if they
    differ."""
    from .deckdiff import differences, read_slides

    changes = differences(read_slides(old), read_slides(new))
    for line in changes:
        click.echo(line)
    if changes:
        sys.exit(1)
    click.echo(f"{display_path(old)} and {display_path(new)}: the same on every slide")


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path))
@data_option()
@click.option("--kommune", help=KOMMUNE_HELP)
@click.option("--group", help=GROUP_HELP)
@project_options
def validate(deck: Path, data_folder: Path | None, kommune: str | None,
             group: str | None, root: Path | None, allow_outside: tuple[Path, ...]) -> None:
    """Check DECK without building it: every problem, with file:line:col."""
    from .batch import plan
    from .spec.boundary import Boundary
    from .validate import validate_deck

    boundary = Boundary.for_deck(deck, root, allow_outside)
    made_for, kommuner = "", None
    if kommune is not None or group is not None:  # resolved as build resolves them
        jobs = plan(deck, kommune, group, None, data_folder, False, boundary)
        made_for = f"; {len(jobs)} kommune{'r' if len(jobs) > 1 else ''}"
        kommuner = [job.kommune for job in jobs]
    spec = validate_deck(deck, data_folder, kommuner, boundary)
    say(f"{display_path(deck)}: ok ({len(spec.slides)} slide specs, "
        f"{len(spec.sources)} file(s){made_for})")


cli.add_command(data)  # `slidegen data …` lives in cli_data.py
for command in (check, preview, serve):  # in cli_look.py
    cli.add_command(command)


@cli.group()
def template() -> None:
    """Work with .pptx templates."""


@template.command("inspect")
@click.argument("file", type=click.Path(path_type=Path))
def template_inspect(file: Path) -> None:
    """List FILE's layouts and placeholders (name, idx, type, position), to write a mapping."""
    from .template import inspect_template

    for line in inspect_template(file):
        click.echo(line)


console.give_everywhere(cli)  # -q and -v before or after the command name


def main(argv: list[str] | None = None) -> None:
    try:
        with collecting_less_often():
            cli.main(args=argv, prog_name="slidegen", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except HandEditError as exc:  # one error over several lines: what changed, what to do
        console.error("\n".join(exc.messages()))
        sys.exit(exc.exit_code)
    except SlidegenError as exc:
        for message in exc.messages():
            console.error(message)
        sys.exit(exc.exit_code)
    except OSError as exc:  # disk full, permission denied: say what, never a traceback
        where = f": {display_path(exc.filename)}" if exc.filename else ""
        console.error(f"{exc.strerror or excerpt(exc)}{where}")
        sys.exit(1)


def run() -> None:
    """The installed `slidegen` command: main(), then exit at once (speed.process.exit_now).
    An unexpected exception still goes the usual way, traceback and all; so does `python -m
    slidegen` (see __main__)."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    exit_now(code)
