"""Shared fixtures: the repo's folders, a built example deck, the nine kommune decks built as a
batch, and small decks written per test."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from slidegen import Session, build_deck
from slidegen.cli import main

# Charts are cached; tests use a cache of their own, never the user's ~/.cache.
os.environ["SLIDEGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="slidegen-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
# A deck of three text slides, quick to build and to render: the previews' and serve's tests
SMALL_DECK = """\
title: Et lite foredrag
slides:
  - kind: bullets
    title: Første lysbilde
    items: [en, to]
  - kind: bullets
    title: Andre lysbilde
    items: [tre]
  - kind: bullets
    title: Tredje lysbilde
    items: [fire]
"""
# the same with a speaker note that check finds not ready, so serve has a finding to show
SMALL_DECK_WITH_TODO = SMALL_DECK.replace(
    "    items: [tre]\n", '    items: [tre]\n    notes: "TODO: si noe om tallene"\n')
DECKS = ROOT / "decks"
EXAMPLE = DECKS / "innvandrere-som-ressurs.yaml"
PLACEHOLDER_PNG = ROOT / "assets" / "images" / "placeholders" / "froya.png"


@pytest.fixture(scope="session")
def example_pptx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "innvandrere-som-ressurs.pptx"
    build_deck(EXAMPLE, out)
    return out


@pytest.fixture(scope="session")
def plain_example(tmp_path_factory):
    """The example deck built with every accelerator off (no cache read or written, no worker):
    the reference the accelerated builds must equal, byte for byte. (result, bytes)"""
    out = tmp_path_factory.mktemp("plain") / "innvandrere-som-ressurs.pptx"
    result = build_deck(EXAMPLE, out, session=Session(accelerate=False))
    return result, out.read_bytes()


@pytest.fixture(scope="session")
def example(example_pptx):
    return Presentation(str(example_pptx))


@dataclass(frozen=True)
class Batch:
    """What one run of `slidegen build decks/kommunebesok.yaml --group …` said and wrote."""

    root: Path  # the copy of data/, decks/ and assets/ it ran in
    folder: Path  # its -o folder
    cache: Path  # its chart and slide cache, empty before the run
    out: list[str]
    err: list[str]
    files: dict[str, bytes]  # each .pptx and .*.inputs.json, as the run wrote it

    def deck(self, kommune: str):
        return Presentation(io.BytesIO(self.files[f"kommunebesok-{kommune}.pptx"]))


class NineDecks:
    """The nine kommunebesok decks built by the command line, once a session for each --jobs
    asked for (nine_decks["1"], nine_decks["2"]), each run with an empty cache of its own, in
    one copy of data/, decks/ and assets/: the slowest builds of the suite, read by every test
    that needs them."""

    def __init__(self, root: Path):
        self.root = root
        self.runs: dict[str, Batch] = {}
        for folder in ("data", "decks", "assets"):
            shutil.copytree(ROOT / folder, root / folder)

    def __getitem__(self, jobs: str) -> Batch:
        if jobs not in self.runs:
            self.runs[jobs] = self._build(jobs)
        return self.runs[jobs]

    def _build(self, jobs: str) -> Batch:
        folder, cache = self.root / f"ut{jobs}", self.root / f"cache{jobs}"
        out, err = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(self.root)  # as the user runs it: messages give paths relative to here
            patch.setenv("SLIDEGEN_CACHE_DIR", str(cache))
            with redirect_stdout(out), redirect_stderr(err):
                main(["build", "decks/kommunebesok.yaml", "--group",
                      "distriktskommuner-telemark", "-o", folder.name, "--jobs", jobs])
        files = {p.name: p.read_bytes()
                 for p in [*folder.glob("*.pptx"), *folder.glob(".*.inputs.json")]}
        return Batch(self.root, folder, cache, out.getvalue().splitlines(),
                     err.getvalue().splitlines(), files)


@pytest.fixture(scope="session")
def nine_decks(tmp_path_factory) -> NineDecks:
    return NineDecks(tmp_path_factory.mktemp("nine"))


SEED_POPULATION = ROOT / "tests" / "fixtures" / "seed-population"


def copy_data(dest: Path) -> Path:
    """A copy of data/ whose population is the seed deck's nine kommuner, 2023–2024 (real
    figures, see fixtures/seed-population/README.md): for tests that edit rows by line or ask
    the recorded SSB answers for every region the query names."""
    shutil.copytree(ROOT / "data", dest)
    for name in ("befolkning.csv", "befolkning.yaml"):
        shutil.copyfile(SEED_POPULATION / name, dest / name)
    return dest


def with_data(tmp_path: Path, monkeypatch, deck_name: str, deck_text: str) -> Path:
    """A copy of data/ (seed-sized population) and one deck beside it, the test running inside:
    for decks made per kommune, whose data a test may spoil."""
    copy_data(tmp_path / "data")
    (tmp_path / deck_name).write_text(deck_text, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Many tests write a small deck in a temporary folder that reads the repository's data/
# (data: /…/data): outside that deck's project, so allowed as a user allows a folder
# ($SLIDEGEN_ALLOW_OUTSIDE). Set for the whole session, module-scoped fixtures included;
# tests/test_boundary.py takes it away to test the boundary.
os.environ["SLIDEGEN_ALLOW_OUTSIDE"] = str(ROOT / "data")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of data/, decks/ and assets/ to change; the test runs inside it."""
    for folder in ("data", "decks", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def seed_project(tmp_path, monkeypatch):
    """project with the seed-sized population (copy_data): for data updates and imports
    against the recorded SSB answers."""
    copy_data(tmp_path / "data")
    for folder in ("decks", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def slidegen_with(tmp_path: Path, files: dict[str, str]) -> dict[str, str]:
    """A copy of slidegen with files added (path inside the package → text), and the
    environment to run that copy in a subprocess: what adding a module alone does."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "slidegen", src / "slidegen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "assets").symlink_to(ROOT / "assets")  # found beside src/, as in a checkout
    for name, text in files.items():
        (src / "slidegen" / name).write_text(textwrap.dedent(text), "utf-8")
    return {"PYTHONPATH": str(src), "SLIDEGEN_CACHE_DIR": str(tmp_path / "cache"),
            "PATH": "/usr/bin:/bin", "SLIDEGEN_ALLOW_OUTSIDE": str(ROOT / "data")}


def exit_code(*args: str) -> int:
    """slidegen's exit code for a command line, run in this process."""
    try:
        main(list(args))
    except SystemExit as exc:
        return exc.code
    return 0


def snapshot(folder) -> dict[str, bytes]:
    """Every file of a folder by name, to show it is byte-identical afterwards."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def write(tmp_path, monkeypatch):
    """write('name.yaml', text) → path; texts are dedented. Runs the test inside tmp_path."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write
