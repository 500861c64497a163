"""`slidegen data …`: list, group and refresh the figures in data/. Part of the command line
(cli.py adds this group): errors become messages there, in main()."""

from __future__ import annotations

from pathlib import Path

import click

DECK_DEFAULT = "the deck's 'data:', or the nearest data/ above the deck"
HERE_DEFAULT = "the nearest data/ from the working directory upwards"


def data_option(default: str = DECK_DEFAULT, name: str = "data_folder"):
    """--data FOLDER, given the same way to every command that reads data/. A deck's commands
    leave it None (the deck says where its data is); the data commands, which have no deck,
    start from the working directory."""
    def nearest(ctx, param, value: Path | None) -> Path | None:
        if value is not None or default == DECK_DEFAULT:
            return value
        from .assets import find_data_folder

        return find_data_folder(Path.cwd()) or Path("data")

    return click.option("--data", name, type=click.Path(path_type=Path, file_okay=False),
                        metavar="FOLDER", callback=nearest, help=f"The data folder (default: "
                                                                  f"{default}).")


@click.group()
def data() -> None:
    """Look at, fetch and import the statistics in a data folder."""


@data.command("list")
@click.argument("given", metavar="[FOLDER]", required=False, type=click.Path(path_type=Path))
@data_option(HERE_DEFAULT, "folder")
def data_list(given: Path | None, folder: Path) -> None:
    """List the data folder's datasets: period covered, source, retrieval, variables. (FOLDER
    is the older way to say --data FOLDER.)"""
    from .data import describe_data, load_data

    folder = given or folder
    for line in describe_data(load_data(folder)):
        click.echo(line)


@data.command("groups")
@data_option(HERE_DEFAULT, "folder")
def data_groups(folder: Path) -> None:
    """List the groups of kommuner: id, name and how many kommuner each has."""
    from .data.groups import describe_groups
    from .data.registry import load_registry

    for line in describe_groups(load_registry(folder)):
        click.echo(line)


@data.command("kommuner")
@click.argument("group", default="all")
@data_option(HERE_DEFAULT, "folder")
def data_kommuner(group: str, folder: Path) -> None:
    """List the kommuner of GROUP (default: all): number, name, fylke, centrality class."""
    from .data.groups import describe_kommuner
    from .data.registry import load_registry

    try:
        lines = describe_kommuner(load_registry(folder), folder, group)
    except LookupError as exc:
        raise click.UsageError(exc.args[0]) from None
    for line in lines:
        click.echo(line)


@data.command("update")
@click.argument("datasets", nargs=-1)
@data_option(HERE_DEFAULT, "folder")
@click.option("--decks", "decks_folder", type=click.Path(path_type=Path),
              help="Where the decks are, to say which use the changed figures (default: "
                   "decks/ beside the data folder).")
@click.option("--dry-run", is_flag=True, help="Fetch and report, but write nothing.")
def data_update(datasets: tuple[str, ...], folder: Path, decks_folder: Path | None,
                dry_run: bool) -> None:
    """Fetch DATASETS (default: every one with a 'query:') from SSB's PxWebApi v2 and merge
    them into the data folder: all or nothing, with a report of what changed. 'kommuner'
    refreshes the kommune registry from SSB's KLASS."""
    from .ssb import update_data, update_registry

    names = list(datasets)
    if "kommuner" in names:
        if len(names) > 1:  # two swaps of data/ could leave the first done and the second not
            raise click.UsageError("update 'kommuner' on its own, then the datasets")
        for line in update_registry(folder, dry_run=dry_run, progress=_waiting).lines():
            click.echo(line)
        return
    report = update_data(folder, names or None, dry_run=dry_run, decks_folder=decks_folder,
                         progress=_waiting)
    for line in report.lines(_names(folder)):
        click.echo(line)


def _waiting(line: str) -> None:
    """A call to SSB is taking long, or is tried again: said on stderr, beside the report."""
    click.echo(line, err=True)


@data.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--dataset", help="The dataset the file belongs to (default: the one whose "
                                "query names the file's SSB table).")
@data_option(HERE_DEFAULT, "folder")
@click.option("--decks", "decks_folder", type=click.Path(path_type=Path),
              help="Where the decks are (default: decks/ beside the data folder).")
@click.option("--sum", "sums", multiple=True, metavar="DIM",
              help="Sum the figures over a dimension the dataset does not have (alder/age, "
                   "kjønn/sex), from its parts; stocks and flows only. Repeatable.")
@click.option("--dry-run", is_flag=True, help="Read and report, but write nothing.")
def data_import(file: Path, dataset: str | None, folder: Path, decks_folder: Path | None,
                sums: tuple[str, ...], dry_run: bool) -> None:
    """Merge FILE, downloaded from SSB's statistikkbanken as JSON-stat 2.0 or CSV (Norwegian
    or English texts), into the data folder: new years are added, revised figures replaced,
    with a report."""
    from .ssb import import_file

    report = import_file(file, folder, dataset, dry_run=dry_run, decks_folder=decks_folder,
                         sums=sums)
    for line in report.lines(_names(folder)):
        click.echo(line)


def _names(folder: Path) -> dict[str, str]:
    """Kommune names for the change report; the registry was checked by the update."""
    from .data.registry import load_registry

    return {number: k.name for number, k in load_registry(folder).kommuner.items()}
