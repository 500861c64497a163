"""Fuzzing: generated deck specs and data rows, sensible and not, through validate and build.
Whatever comes in, slidegen answers with exit 0, 1 or 2 and a message — never a traceback —
writes nothing outside its output folder, and leaves the deck it built before intact when it
refuses. The made-up rows here are test-only; they never reach the repository's data/."""

from __future__ import annotations

import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from slidegen.cli import main

KINDS = ["title", "section", "bullets", "statement", "quote", "key_figure", "table", "chart",
         "image", "closing", "question", "nonsense"]
KEYS = ["kind", "title", "subtitle", "heading", "text", "items", "notes", "who", "data",
        "figures", "chart", "image", "rows", "columns", "total_row", "skip_when_missing",
        "render", "x", "series", "source", "hidden", "titel", "include", "for_each", "slides"]
MEASURES = ["befolkning", "innflytting", "utflytting", "innvandrerandel", "folketall", ""]
KOMMUNER = ["Tinn", "Seljord", "4026", "Seljor", "distriktskommuner-telemark", "all", "Oslo",
            "0000", "fylke-telemark", "sentralitet-6"]
PERIODS = ["siste år", "siste 10 år", "siste 20 år", "2014–2023", "2014-2023", "1900", "2024",
           "siste -1 år", "siste 0 år", "alle"]
CHARTS = ["line", "bar", "ranked_bar", "donut", "waterfall", "pyramid", "grouped_bar",
          "stacked_bar", "development", "pie"]
PICTURES = ["assets/images/placeholders/froya.png", "/etc/passwd", "../../../etc/hosts",
            "mangler.png", "decks", "{{ kommune.slug }}.png", ""]

# Mostly sensible values, sometimes words that mean something to slidegen or the odd
# characters that have broken parsers before.
SPECIAL = ["{{ kommune.name }}", "{{ kommune.navn }}", "{{ figure('befolkning') }}",
           "{{ [].append(1) }}", "{% for i in range(10**9) %}x{% endfor %}",
           "{{ 'x' * 300000000 }}", "{{", "}}", "{% if %}", "\x01", "\uffff", "Tema: dette",
           "«(forts.)»", "ÆØÅ æøå", "a" * 300, "ord " * 400, ""]
plain = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
texts = st.one_of(plain, plain, plain, st.sampled_from(SPECIAL), st.text(max_size=20))
scalars = st.one_of(texts, st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS),
                                                                       inner, max_size=4)),
                      max_leaves=12)
one_or_more = lambda names: st.one_of(st.sampled_from(names),  # noqa: E731
                                      st.lists(st.sampled_from(names), min_size=1, max_size=3))
selections = st.fixed_dictionaries(
    {"kommuner": one_or_more(KOMMUNER), "measures": one_or_more(MEASURES),
     "periods": st.sampled_from(PERIODS)},
    optional={"decimals": st.integers(-2, 12)})
pictures = st.fixed_dictionaries({"file": st.sampled_from(PICTURES), "alt": texts},
                                 optional={"fallback": st.sampled_from(PICTURES)})
AXES = st.sampled_from(["kommune", "period", "measure", "region", "nonsense"])
SLIDES = {
    "title": {"title": texts, "subtitle": texts},
    "section": {"title": texts},
    "bullets": {"title": texts, "items": st.lists(texts, min_size=1, max_size=8)},
    "statement": {"text": texts},
    "quote": {"text": texts, "who": texts},
    "question": {"text": texts},
    "key_figure": {"title": texts, "figures": st.lists(st.fixed_dictionaries(
        {"data": selections, "label": texts}), min_size=1, max_size=4)},
    "table": {"title": texts, "data": selections, "rows": AXES, "columns": AXES},
    "chart": {"title": texts, "chart": st.sampled_from(CHARTS), "data": selections},
    "image": {"title": texts, "image": pictures},
    "closing": {},
}


@st.composite
def slides(draw):
    """A slide of a real kind with its usual fields, then sometimes a slip: a key dropped,
    misspelt or added, a value of the wrong sort."""
    kind = draw(st.sampled_from(sorted(SLIDES) + ["nonsense"]))
    slide = {"kind": kind, **draw(st.fixed_dictionaries(SLIDES.get(kind, {})))}
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        if not slide:
            break
        slip = draw(st.sampled_from(["drop", "add", "wrong"]))
        key = draw(st.sampled_from(sorted(slide)))
        if slip == "drop":
            slide.pop(key, None)
        elif slip == "add":
            slide[draw(st.sampled_from(KEYS))] = draw(values)
        else:
            slide[key] = draw(values)
    if draw(st.booleans()):
        slide["notes"] = draw(texts)
    if kind in ("table", "chart", "key_figure") and draw(st.booleans()):
        slide["skip_when_missing"] = True
    return slide


blocks = st.one_of(slides(), slides(), slides(), st.fixed_dictionaries(
    {"include": st.sampled_from(["felles/distriktssenteret.yaml", "/etc/passwd",
                                 "mangler.yaml", "../../etc/hosts", "fuzz.yaml"])}),
    st.fixed_dictionaries({"for_each": st.sampled_from(KOMMUNER),
                           "slides": st.lists(slides(), min_size=1, max_size=2)}))
decks = st.fixed_dictionaries(
    {"title": texts, "slides": st.lists(blocks, min_size=1, max_size=6)},
    optional={"language": st.sampled_from(["nb-NO", "nn-NO", "en", "sv", "", 7]),
              "kommune": st.sampled_from(KOMMUNER),
              "parameter": st.sampled_from(["kommune", "fylke"]),
              "template": st.sampled_from(["mal.pptx", "/etc/passwd", "decks"]),
              "data": st.sampled_from(["../data", "/etc", "../.."])})

VALID = """title: Fuzz
slides:
  - kind: table
    title: Befolkning
    data: {kommuner: [Tinn, Seljord], measures: befolkning, periods: siste 2 år}
    rows: kommune
    columns: period
  - kind: closing
"""


class Project:
    """A project (decks/, data/, assets/) in a folder of its own, with a deck built once: each
    example writes its spec or rows, runs the command line, and is held to the rules."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "decks" / "felles", root / "decks" / "felles")
        shutil.copytree(ROOT / "assets" / "images", root / "assets" / "images")
        self.good = root / "decks" / "good.yaml"
        self.good.write_text(VALID, "utf-8")
        self.out = root / "build"
        self.csv = root / "data" / "befolkning.csv"
        self.rows = self.csv.read_bytes()
        code, _ = self.run("build", "decks/good.yaml", "-o", "build/d.pptx", "--jobs", "1")
        assert code == 0
        self.last = (self.out / "d.pptx").read_bytes()

    def run(self, *args: str) -> tuple[int, str]:
        err = io.StringIO()
        cwd = Path.cwd()
        os.chdir(self.root)
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(err):
                main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os.chdir(cwd)
        text = err.getvalue()
        assert code in (0, 1, 2), (code, text)
        assert "Traceback" not in text, text
        return code, text

    def files(self) -> dict[str, tuple[int, int]]:
        """Every file of the project outside build/, by path: size and modification time."""
        return {str(p.relative_to(self.root)): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in self.root.rglob("*") if p.is_file()
                and p.relative_to(self.root).parts[0] != "build"}

    def build(self, deck: str) -> None:
        """Build deck to build/d.pptx: refused, the deck built before stays as it was."""
        before = self.files()
        code, err = self.run("build", deck, "-o", "build/d.pptx", "--jobs", "1", "--force")
        deck_file = self.root / deck
        after = self.files()
        after.pop(str(deck_file.relative_to(self.root)), None)
        before.pop(str(deck_file.relative_to(self.root)), None)
        assert after == before, "a file outside build/ was written"
        written = (self.out / "d.pptx").read_bytes()
        if code == 0:
            self.last = written
        else:
            assert err.strip(), "refused without a word"
            assert written == self.last, "the deck built before was changed by a failed build"
        stray = [p.name for p in self.out.iterdir()
                 if not p.name.startswith((".d.", "d.", "long.", ".long."))]
        assert not stray, f"left in build/: {stray}"


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    return Project(tmp_path_factory.mktemp("fuzz"))


FUZZ = settings(max_examples=int(os.environ.get("SLIDEGEN_FUZZ_EXAMPLES", "40")),
                deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.function_scoped_fixture])


@FUZZ
@given(spec=decks)
def test_generated_specs_are_validated_and_built_or_refused_cleanly(fuzz_project, spec):
    deck = fuzz_project.root / "decks" / "fuzz.yaml"
    deck.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
    fuzz_project.run("validate", "decks/fuzz.yaml")
    fuzz_project.build("decks/fuzz.yaml")


@FUZZ
@given(text=st.lists(st.sampled_from(list("-:'\"{}[]#&*!|>%@`\t\n ,?") + ["  ", "\n  - "]),
                    min_size=1, max_size=6).map("".join),
       at=st.floats(0, 1))
def test_a_real_deck_with_characters_slipped_in_is_built_or_refused_cleanly(fuzz_project,
                                                                           text, at):
    """Typing slips in a real deck (the example's opening and a data table)."""
    position = int(at * len(VALID))
    deck = fuzz_project.root / "decks" / "slip.yaml"
    deck.write_text(VALID[:position] + text + VALID[position:], "utf-8")
    fuzz_project.run("validate", "decks/slip.yaml")
    fuzz_project.build("decks/slip.yaml")


cells = st.one_of(st.text(max_size=12), st.sampled_from(
    ["3818", "Tinn", "4026", "", "..", ":", "-1", "1e309", "nan", "2024", "2024-2025", "9999",
     "befolkning", "12 345", "12,5", "0x10", '"', "\ufeff"]))


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=6), min_size=1, max_size=4),
       encoding=st.sampled_from(["utf-8", "latin-1"]))
def test_generated_data_rows_are_read_or_refused_cleanly(fuzz_project, rows, encoding):
    """Rows added to data/befolkning.csv as an Excel user might: the deck that reads it is
    validated and built, or refused with its dataset and row."""
    lines = "".join(",".join(row) + "\n" for row in rows)
    try:
        added = lines.encode(encoding)
    except UnicodeEncodeError:
        added = lines.encode("utf-8")
    fuzz_project.csv.write_bytes(fuzz_project.rows + added)
    try:
        fuzz_project.run("validate", "decks/good.yaml")
        fuzz_project.build("decks/good.yaml")
        fuzz_project.run("data", "list")
    finally:
        fuzz_project.csv.write_bytes(fuzz_project.rows)


def test_found_by_fuzzing_a_title_longer_than_a_file_property_holds(fuzz_project):
    """python-pptx refuses a core property above 255 characters: was a traceback."""
    from pptx import Presentation

    deck = fuzz_project.root / "decks" / "long.yaml"
    deck.write_text(f"title: {'a' * 300}\nslides:\n  - {{kind: section, title: S}}\n", "utf-8")
    assert fuzz_project.run("build", "decks/long.yaml", "-o", "build/long.pptx")[0] == 0
    title = Presentation(str(fuzz_project.out / "long.pptx")).core_properties.title
    assert title == "a" * 254 + "…"
