"""Options several commands share, with the same names, meanings and help everywhere."""

from __future__ import annotations

from pathlib import Path

import click

LANGUAGE_CHOICES = ["nb", "nn", "en", "nb-NO", "nn-NO", "en-GB"]
KOMMUNE_HELP = ("For a deck made per kommune: which one (name or number), or 'all'; as on "
                "build.")
GROUP_HELP = "For a deck made per kommune: one deck for each kommune of this group; as on build."
LANGUAGE_HELP = "Build a .yaml deck in this language instead of its own; as on build."


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
