"""The command line: parse arguments, call the library, print results. Errors become messages
and exit codes here and nowhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import console
from ._version import __version__
from .cli_data import data, data_option
from .console import say
from .errors import BuildError, HandEditError, SlidegenError, display_path, excerpt
from .jobs import asks_for_batch
from .speed.chartpool import charts_probably_cached, usable_cores
from .speed.process import collecting_less_often, exit_now
from .starter import starter_names

LANGUAGE_CHOICES = ["nb", "nn", "en", "nb-NO", "nn-NO", "en-GB"]

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


def project_options(command):
    """--root and --allow-outside: where a deck may read files (spec/boundary.py), for every
    command that reads a deck spec."""
    command = click.option(
        "--allow-outside", "allow_outside", multiple=True, type=click.Path(path_type=Path),
        help="A folder outside the deck's project it may read from (pictures, includes, "
             "template, data); repeat for more. Only for decks you trust.")(command)
    return click.option(
        "--root", type=click.Path(path_type=Path, file_okay=False),
        help="The deck's project folder (default: the nearest folder above the deck with "
             "slidegen.toml, else with data/, decks/ or assets/).")(command)


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
                _report(report, as_json=False, stop=False)
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


KOMMUNE_HELP = ("For a deck made per kommune: which one (name or number), or 'all'; as on "
                "build.")
GROUP_HELP = "For a deck made per kommune: one deck for each kommune of this group; as on build."
LANGUAGE_HELP = "Build a .yaml deck in this language instead of its own; as on build."


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@data_option()
@click.option("--strict", is_flag=True,
              help="Not ready to present is an error: «Data mangler» and «Tall mangler» "
                   "slides, placeholder pictures, hidden slides, TODO in the notes.")
@click.option("--kommune", help=KOMMUNE_HELP)
@click.option("--group", help=GROUP_HELP)
@project_options
@click.option("--language", type=click.Choice(LANGUAGE_CHOICES), help=LANGUAGE_HELP)
def check(deck: Path, as_json: bool, data_folder: Path | None, strict: bool,
          kommune: str | None, group: str | None, root: Path | None,
          allow_outside: tuple[Path, ...], language: str | None) -> None:
    """Check DECK (.pptx, or .yaml built first) for readability and accessibility: titles, alt
    text, language, text that fits and is large enough, contrast, table headers, sources,
    link texts; and warn for what is not ready to present. Exits 1 if there are errors."""
    from .check import check_pptx
    from .session import Session

    session = Session(root=root, allow_outside=allow_outside)
    reports = [check_pptx(file, strict=strict)
               for file in _as_pptx_files(deck, data_folder, kommune, group, session, language)]
    if as_json and len(reports) > 1:  # one JSON document: a list of the decks' reports
        click.echo("[" + ",\n".join(r.to_json() for r in reports) + "]")
    else:
        for report in reports:
            _report(report, as_json, stop=False)
    if any(r.errors for r in reports):
        sys.exit(1)


def _as_pptx_files(deck: Path, data_folder: Path | None, kommune: str | None,
                   group: str | None, session=None, language: str | None = None) -> list[Path]:
    """DECK itself, or the .pptx files built from it, as build builds them (a deck made per
    kommune for its default kommune to build/<deck>-<kommune>.pptx, or with --kommune/--group,
    in --language), their warnings said first; a deck that fails to build, or whose file was
    changed by hand, stops here as build would."""
    if deck.suffix.lower() == ".pptx":
        if kommune is not None or group is not None:
            raise click.UsageError("--kommune and --group choose what to build from a .yaml "
                                   "deck; this is a built .pptx")
        if language is not None:
            raise click.UsageError("--language chooses the language to build a .yaml deck in; "
                                   "this is a built .pptx")
        return [deck]
    from .api import build_batch

    with console.progress_bar("deck", enabled=asks_for_batch(kommune, group)) as bar:
        def progress(done: int, total: int) -> None:
            bar.total, bar.n = total, done
            bar.refresh()

        result = build_batch(deck, kommune=kommune, group=group, data_folder=data_folder,
                             session=session, progress=progress, language=language)
    for warning in dict.fromkeys(w for o in result.outcomes for w in o.warnings):
        console.warning(warning)
    stopped = result.failed + result.refused
    if len(result.outcomes) == 1 and stopped:  # said as build says it
        lines = list(stopped[0].problems or (stopped[0].detail,))
        raise HandEditError(lines) if result.refused else BuildError("\n".join(lines))
    if stopped:  # an error, not an exit: preview --watch goes on watching
        raise BuildError("\n".join(f"{display_path(o.job.output)}: {problem}"
                                   for o in stopped for problem in o.problems or (o.detail,)))
    return [o.job.output for o in result.outcomes]


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the PDF, slide PNGs and contact sheet (default: "
                   "build/<deck>-preview).")
@data_option()
@click.option("--watch", "watching", is_flag=True,
              help="Rebuild and re-render whenever the deck, its includes or its data change.")
@click.option("--kommune", help=KOMMUNE_HELP)
@click.option("--group", help=GROUP_HELP)
@project_options
@click.option("--language", type=click.Choice(LANGUAGE_CHOICES), help=LANGUAGE_HELP)
def preview(deck: Path, out_dir: Path | None, data_folder: Path | None, watching: bool,
            kommune: str | None, group: str | None, root: Path | None,
            allow_outside: tuple[Path, ...], language: str | None) -> None:
    """Render DECK (.yaml or .pptx) to one PNG per slide and a contact sheet."""
    from .inputs import watched_files
    from .office import sigterm_as_ctrl_c
    from .preview import Renderer, watch
    from .session import Session
    from .speed.accelerators import plug_in

    # kept between rebuilds: data/ and the template read once, one LibreOffice, and the
    # slides already rendered (only changed ones are rendered again)
    session = plug_in(Session(root=root, allow_outside=allow_outside))
    renderer = Renderer()

    def once(pdf: bool = True) -> None:
        files = _as_pptx_files(deck, data_folder, kommune, group, session, language)
        with console.progress_bar("preview", total=len(files)) as bar:  # seconds per deck
            for file in files:
                # a deck previews as the file it was built to (build/kommunebesok-tinn-preview/)
                name = file.stem
                folder = (out_dir / name if len(files) > 1 and out_dir
                          else out_dir or Path("build") / f"{name}-preview")
                result = renderer.render(file, folder, pdf=pdf)
                bar.update()
                with bar.external_write_mode():  # the line above the bar, not through it
                    say(f"wrote {len(result.slides)} slide(s) and {display_path(result.sheet)}")

    try:
        with sigterm_as_ctrl_c():
            once()
            if watching:
                if deck.suffix.lower() == ".pptx":
                    raise click.UsageError("--watch needs a .yaml deck to rebuild")
                say("watching for changes (Ctrl-C to stop)")
                # after an edit only the changed slides are converted, so the PDF (the whole deck)
                # is not written again: it is removed rather than left out of date
                watch(lambda: watched_files(deck, data_folder, session.boundary(deck)),
                      lambda: once(pdf=False), say=say)
    finally:  # also on Ctrl-C: LibreOffice stopped, its profile removed
        renderer.close()
        session.close()


@cli.command()
@click.argument("deck", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 to serve on (0: any free one).")
@data_option()
@click.option("--kommune", help="For a deck made per kommune: which one to show first (the "
                                "page has a picker).")
@project_options
@click.option("--language", type=click.Choice(LANGUAGE_CHOICES), help=LANGUAGE_HELP)
def serve(deck: Path, port: int, data_folder: Path | None, kommune: str | None,
          root: Path | None, allow_outside: tuple[Path, ...], language: str | None) -> None:
    """Show DECK (.yaml) in the browser, every slide with its check findings, rebuilt and
    updated whenever the deck, an include, data, a picture or the template changes. Stops on
    Ctrl-C, or a little after the page's last tab is closed."""
    from .serve import serve as run_server
    from .session import Session
    from .speed.accelerators import plug_in

    if deck.suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter("serve shows a .yaml deck as it is written; for a built "
                                 ".pptx use slidegen preview", param_hint="DECK")
    session = plug_in(Session(root=root, allow_outside=allow_outside))
    try:
        run_server(deck, port=port, kommune=kommune, data_folder=data_folder,
                   language=language, session=session,
                   ready=lambda url: say(f"serving {deck} at {url} (Ctrl-C to stop)"))
    finally:
        session.close()


def _report(report, as_json: bool, stop: bool = True) -> None:
    if as_json:
        click.echo(report.to_json())
    else:
        for line in report.lines():
            click.echo(line)
    if report.errors and stop:
        sys.exit(1)


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
