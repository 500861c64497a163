"""How the command line talks: how much (-q, -v), in colour or not, and progress bars. Part of
the command line; the library never prints."""

from __future__ import annotations

import os
import sys
import time

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


def level() -> int:
    """The level -q/-v chose for this run (NORMAL outside a command, e.g. from Python)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().meta.get("slidegen.level") if ctx else None
    return NORMAL if found is None else found


def _chosen(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """-q or -v, given before the command or after it (`slidegen -q build`, `slidegen build
    -q`), as git and mkdocs take them; both at once is a usage error."""
    if not value:
        return
    root = ctx.find_root()
    wanted = QUIET if param.name == "quiet" else VERBOSE
    if root.meta.get("slidegen.level", wanted) != wanted:
        raise click.UsageError("-q/--quiet and -v/--verbose ask for opposite things; give one")
    root.meta["slidegen.level"] = wanted
    if wanted == VERBOSE and not root.meta.get("slidegen.timed"):
        root.meta["slidegen.timed"] = started = time.perf_counter()
        root.call_on_close(lambda: click.echo(f"took {time.perf_counter() - started:.1f} s",
                                              err=True))


def verbosity_options() -> list[click.Option]:
    """-q/--quiet and -v/--verbose, new objects for each command that takes them."""
    return [click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, is_eager=True,
                         callback=_chosen,
                         help="Say only warnings and errors: no progress bar, no 'wrote …' "
                              "lines."),
            click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, is_eager=True,
                         callback=_chosen,
                         help="Say everything: every deck and change in full, and the time "
                              "taken.")]


def give_everywhere(command: click.Command) -> None:
    """Add -q and -v to a command and every command under it (before -h/--help in its help)."""
    command.params.extend(verbosity_options())
    for sub in getattr(command, "commands", {}).values():
        give_everywhere(sub)


def _colour() -> bool | None:
    """False when NO_COLOR is set (no-color.org: any non-empty value); otherwise None, which
    lets click colour a terminal and strip the codes when the output is piped or a file."""
    return False if os.environ.get("NO_COLOR") else None


def say(text: str) -> None:
    """What was done (wrote, unchanged, left out, a batch's summary): not with -q."""
    if level() > QUIET:
        click.echo(text)


def warning(text: str) -> None:
    """A warning, always said (also with -q): the deck was made, but something in it is off."""
    click.echo(click.style("warning:", fg="yellow", bold=True) + f" {text}", err=True,
               color=_colour())


def error(text: str) -> None:
    click.echo(click.style("error:", fg="red", bold=True) + f" {text}", err=True,
               color=_colour())


def progress_bar(unit: str, enabled: bool = True, total: int | None = None):
    """A tqdm bar on stderr, drawn only on a terminal and never with -q: piped or redirected
    output stays free of carriage returns. Left off the screen once done."""
    from tqdm import tqdm

    shown = enabled and level() > QUIET and sys.stderr.isatty()
    return tqdm(unit=unit, desc=f"{unit}s", total=total, disable=not shown, leave=False,
                file=sys.stderr)
