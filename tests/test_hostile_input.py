"""Broken or hostile input gives a clear message and exit 1 (2 for usage), never a traceback,
and leaves nothing behind: files saved by Excel as Latin-1, characters XML cannot hold, unknown
YAML tags, failing disks and Ctrl-C (issue 18)."""

from __future__ import annotations

import pytest

from slidegen.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the command line."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def as_latin1(path) -> None:
    """Save a file as Excel on Windows does (cp1252)."""
    path.write_bytes(path.read_text("utf-8").encode("cp1252", errors="replace"))


LATIN1_HINT = "save it as UTF-8 (in Excel: CSV UTF-8)"


@pytest.mark.parametrize("command", [
    ["validate", "decks/kommunebesok.yaml"],
    ["build", "decks/kommunebesok.yaml", "--kommune", "Tinn"],
    ["data", "groups"],
    ["data", "kommuner"],
    ["data", "list"],
])
def test_a_latin1_registry_is_named_at_its_line(project, capsys, command):
    registry = project / "data" / "kommuner.csv"
    lines = registry.read_text("utf-8").splitlines()
    bad = next(n for n, line in enumerate(lines, start=1) if not line.isascii())
    column = next(i for i, c in enumerate(lines[bad - 1], start=1) if not c.isascii())
    as_latin1(registry)
    code, _, err = run(capsys, *command)
    assert code == 1
    assert err.startswith(f"error: data/kommuner.csv:{bad}:{column}: expected UTF-8 text, "
                          f"found byte 0x")
    assert LATIN1_HINT in err


def test_a_latin1_dataset_and_deck_are_named_at_the_bad_line(project, capsys):
    dataset = project / "data" / "utdanning.csv"
    lines = dataset.read_text("utf-8").splitlines()
    bad = next(n for n, line in enumerate(lines, start=1) if not line.isascii())
    as_latin1(dataset)
    code, _, err = run(capsys, "data", "list")
    assert code == 1 and f"error: data/utdanning.csv:{bad}:" in err and LATIN1_HINT in err

    deck = project / "decks" / "latin.yaml"
    deck.write_bytes("title: T\n# en kommentar\nslides:\n  - kind: section\n    title: Bø\n"
                     .encode("latin-1"))
    code, _, err = run(capsys, "validate", "decks/latin.yaml")
    assert (code, err) == (1, "error: decks/latin.yaml:5:13: expected UTF-8 text, found byte "
                              "0xf8 («ø» in Latin-1 or Windows text): save it as UTF-8\n")
