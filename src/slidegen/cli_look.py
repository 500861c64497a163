"""`slidegen check`, `preview` and `serve`: the commands that show a deck, its findings or its
slides, building a .yaml deck first as build would. Part of the command line (cli.py adds them):
errors become messages there, in main()."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import console
from .cli_data import data_option
from .cli_options import GROUP_HELP, KOMMUNE_HELP, LANGUAGE_CHOICES, LANGUAGE_HELP, project_options
from .console import say
from .errors import BuildError, HandEditError, display_path
from .jobs import asks_for_batch


@click.command()
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
            print_report(report, as_json)
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


@click.command()
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


@click.command()
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


def print_report(report, as_json: bool) -> None:
    """A check's findings, as lines or as JSON."""
    if as_json:
        click.echo(report.to_json())
    else:
        for line in report.lines():
            click.echo(line)
