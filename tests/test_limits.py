"""Limits on what a deck may ask for, each refused with a clear message, and work that grows
linearly with the deck: a small hostile or careless file never hangs slidegen."""

from __future__ import annotations

import socket
import sys
import threading
import time

import pytest
from pptx import Presentation

from conftest import ROOT, snapshot
from slidegen import build_deck
from slidegen.cli import main
from slidegen.errors import DataError, SpecError
from slidegen.spec import deck as deck_module
from slidegen.spec.loader import load_deck
from slidegen.ssb import client as client_module
from slidegen.ssb.client import PxWebClient
from slidegen.validate import validate_deck
from slidegen.yamlfile import positions

SLIDES = """\
  - kind: bullets
    title: Tema {n}
    lead: I {{{{ kommune.name }}}} bor det {{{{ figure('befolkning') }}}} personer
    items: [Digitale verktøy, {{text: Merkur, items: [butikker]}}]
  - kind: key_figure
    title: Befolkning {n}
    figures:
      - {{data: {{measures: befolkning, periods: siste år}}, label: innbyggere}}
"""


def messages(kind, fn, *args):
    with pytest.raises(kind) as caught:
        fn(*args)
    return caught.value.messages()


def lines_run(fn) -> int:
    """How many lines of Python fn ran: work, counted rather than timed (a busy machine makes
    times say nothing), including each turn of a loop or comprehension."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_validating_grows_linearly_with_the_slides(write):
    decks = {}
    for rounds in (5, 50, 200):
        decks[rounds] = write(f"d{rounds}.yaml", f"title: T\nkommune: Tinn\ndata: {ROOT / 'data'}"
                              "\nslides:\n" + "".join(SLIDES.format(n=n) for n in range(rounds)))
    validate_deck(decks[5])  # imports done once, outside the count
    lines = {r: lines_run(lambda r=r: validate_deck(decks[r])) for r in decks}
    # what each further slide costs, from 5 to 50 slides and from 50 to 200: the same when
    # the work is linear (a position lookup that scanned the whole spec per slide made the
    # second four times the first)
    first = (lines[50] - lines[5]) / 45
    second = (lines[200] - lines[50]) / 150
    assert 0.8 < second / first < 1.25, (lines, first, second)


def alias_bomb(depth: int) -> str:
    """A list of nine aliases of a list of nine aliases …: a few lines, 9**depth values."""
    lines = ["title: T", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, depth + 1)]
    return "\n".join(lines + ["slides: [{kind: section, title: x}]"]) + "\n"


@pytest.mark.parametrize("depth", [6, 9])
def test_an_alias_bomb_is_refused_at_its_line_without_expanding_it(write, depth):
    deck = write("d.yaml", alias_bomb(depth))
    # refused by measuring the file, not by expanding it (depth 6 took 35 s and 1.6 GB, depth
    # 9 never ended): expanding is counted as lines run, and there are few
    assert lines_run(lambda: messages(SpecError, load_deck, deck)) < 200_000
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:8:5: this expands to more than 1 000 000 values through its aliases (*name); "
        "a YAML file may hold at most 1 000 000"]


def test_aliases_within_the_limits_are_read_and_too_many_are_refused(write, monkeypatch):
    text = ("title: T\nslides:\n  - {kind: section, title: &s Hei}\n"
            + "  - {kind: section, title: *s}\n" * 4)
    deck = write("d.yaml", text)
    assert [s.title for s in load_deck(deck).slides] == ["Hei"] * 5
    monkeypatch.setattr(positions, "MAX_ALIASES", 3)
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:3:28: more than 3 uses of aliases (*name) in one file; write the values out"]
    deck.write_text("title: T\nslides: &a [{kind: section, title: x}, *a]\n", "utf-8")
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:2:9: an alias inside the value it names (&name … *name); write the values out"]


def test_a_spec_file_too_big_is_refused_before_it_is_read(write, monkeypatch):
    deck = write("d.yaml", "title: T\nslides: [{kind: section, title: x}]\n" + "#" * 5000)
    monkeypatch.setattr(positions, "MAX_YAML_BYTES", 4096)
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:1:1: the file is 5 045 bytes; a YAML file may be at most 4 096 bytes"]


def test_too_many_slides_are_refused_in_the_spec_and_in_a_for_each(write, monkeypatch):
    monkeypatch.setattr(deck_module, "MAX_SLIDES", 3)
    deck = write("d.yaml", "title: T\nslides:\n" + "  - {kind: section, title: x}\n" * 4)
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:3:3: slides: 4 slides; a deck may have at most 3 (split it into several decks)"]
    deck = write("e.yaml", f"""
        title: T
        data: {ROOT / 'data'}
        slides:
          - {{kind: section, title: x}}
          - for_each: distriktskommuner-telemark
            slides: [{{kind: section, title: "{{{{ kommune.name }}}}"}}]
    """)
    expected = ["e.yaml:5:1: slide 2, for_each: 1 slides for each of 9 kommuner, with 1 before "
                "them: more than the 3 slides a deck may have (split it into several decks, or "
                "repeat it for a smaller group)"]
    assert messages(DataError, validate_deck, deck) == expected
    assert messages(DataError, build_deck, deck, deck.with_suffix(".pptx")) == expected
    assert not deck.with_suffix(".pptx").exists()


@pytest.mark.parametrize("text, message", [
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
     "the text template ran more than 100 000 steps: a loop too long, or one that never ends"),
    ("{{ 'x' * 300000000 }}",
     "'*' would make 300 000 000 characters or items; a text may have at most 10 000"),
    ("{{ range(300000000) | length }}",
     "range() of 300 000 000 numbers; a text template may count at most 10 000"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s | length }}",
     "'~' would make 16 384 characters or items; a text may have at most 10 000"),
    ("{{ 7 ** 100000 }}", "'**' would make a number of more than 1 000 digits"),
    ("{% for i in range(9000) %}xx{% endfor %}",
     "the text template makes more than 10 000 characters; a text may have at most 10 000"),
])
def test_a_text_template_that_would_run_forever_or_fill_memory_is_stopped(write, tmp_path,
                                                                         text, message):
    deck = write("d.yaml", f"title: T\ndata: {ROOT / 'data'}\nslides:\n  - kind: bullets\n"
                           f"    title: Hei\n    items: [Først, \"{text}\"]\n")
    assert lines_run(lambda: messages(DataError, build_deck, deck, tmp_path / "o.pptx")) \
        < 2_000_000
    assert messages(DataError, build_deck, deck, tmp_path / "o.pptx") == [
        f"d.yaml:6:20: slide 1, items[1].text: {message}"]
    assert not (tmp_path / "o.pptx").exists()


def test_text_templates_within_the_limits_render(write, tmp_path):
    deck = write("d.yaml", """
        title: T
        data: DATA
        slides:
          - kind: bullets
            title: Hei
            items: ["{% for i in range(1, 4) %}{{ i * 2 }} {% endfor %}", "{{ 'ab' * 3 }}"]
    """.replace("DATA", str(ROOT / "data")))
    build_deck(deck, tmp_path / "o.pptx")
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    assert slide.placeholders[1].text_frame.text == "2 4 6 \nababab"


def test_a_text_longer_than_a_box_can_show_is_refused_naming_the_field(write):
    deck = write("d.yaml", "title: T\nslides:\n  - kind: statement\n    text: Hei\n"
                           f"    notes: {'x' * 1_000_000}\n")
    assert messages(SpecError, load_deck, deck) == [
        "d.yaml:5:12: slide 1, notes: a text may have at most 10 000 characters; found "
        "1 000 000"]


@pytest.fixture
def silent_server():
    """A local server that accepts connections and never answers (offline: 127.0.0.1)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_server_that_never_answers_is_given_up_on_at_the_deadline(silent_server, seed_project,
                                                                   monkeypatch, capsys):
    monkeypatch.setattr(client_module, "NOTICE_EVERY", 0.3)
    monkeypatch.setattr("slidegen.ssb.PxWebClient", lambda: PxWebClient(
        silent_server, timeout=1.0, connect_timeout=1.0, deadline=2.5))
    before = snapshot(seed_project / "data")
    start = time.monotonic()
    with pytest.raises(SystemExit) as exited:
        main(["data", "update", "befolkning"])
    waited = time.monotonic() - start
    assert exited.value.code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == ("error: SSB: table 07459: no answer in time (gave up after 2 s, the "
                       "most a data update waits for SSB)"), err
    # while it waits, it says so: a line every NOTICE_EVERY seconds, and one per retry
    assert any(line.startswith("waiting for SSB: ") and "so far (an update gives up after 2 s)"
               in line for line in err), err
    assert any("no answer in time; trying again in" in line for line in err), err
    assert 2.0 < waited < 8.0  # the deadline, not five tries of a minute each
    assert snapshot(seed_project / "data") == before


def test_every_limit_is_in_the_readme_as_the_code_has_it():
    from slidegen import sandbox
    from slidegen.spec.model import MAX_TEXT, PICTURE_MAX_PIXELS, PICTURE_WARN_PIXELS

    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme[readme.index("## Limits"):readme.index("## Commands")]

    def spaced(n):
        return f"{n:,}".replace(",", " ")

    for row, value in [("size of a YAML file", f"{spaced(positions.MAX_YAML_BYTES)} bytes"),
                       ("aliases", f"{spaced(positions.MAX_ALIASES)} uses"),
                       ("values in one YAML file", spaced(positions.MAX_VALUES)),
                       ("slides in a deck", spaced(deck_module.MAX_SLIDES)),
                       ("characters in one text", spaced(MAX_TEXT)),
                       ("characters a text template makes", spaced(MAX_TEXT)),
                       ("numbers in one `range()`", spaced(sandbox.MAX_RANGE)),
                       ("steps a text template runs", spaced(sandbox.MAX_STEPS)),
                       ("digits of a number", spaced(sandbox.MAX_DIGITS)),
                       ("pixels in a picture", f"{spaced(PICTURE_MAX_PIXELS)} (a warning above "
                                               f"{spaced(PICTURE_WARN_PIXELS)})"),
                       ("connecting to SSB", f"{client_module.CONNECT_TIMEOUT:.0f} s / "
                                             f"{client_module.READ_TIMEOUT:.0f} s"),
                       ("all of one `data update`", f"{client_module.DEADLINE:.0f} s")]:
        line = next(x for x in table.splitlines() if x.startswith(f"| {row}"))
        assert line.split(" | ")[1] == value, line


def test_building_grows_linearly_with_the_slides(write, tmp_path):
    """python-pptx named each new slide and notes slide by walking every part of the deck, and
    matched each slide's relationship by scanning all of the presentation's: O(n²) work, 10 000
    slides took tens of minutes (slides/package.py)."""
    from slidegen import Session

    slide = "  - {{kind: bullets, title: Tema {n}, items: [Punkt {n}], notes: Notat {n}.}}\n"
    decks = {n: write(f"b{n}.yaml", "title: T\nslides:\n"
                      + "".join(slide.format(n=i) for i in range(n))) for n in (5, 30, 90)}
    plain = Session(accelerate=False)  # every slide made, none taken from a cache

    def build(n):
        return build_deck(decks[n], tmp_path / f"b{n}.pptx", session=plain)

    build(5)  # imports done once, outside the count
    lines = {n: lines_run(lambda n=n: build(n)) for n in decks}
    first = (lines[30] - lines[5]) / 25
    second = (lines[90] - lines[30]) / 60
    assert 0.8 < second / first < 1.25, (lines, first, second)
    assert len(Presentation(str(tmp_path / "b90.pptx")).slides) == 90


def test_adding_pictures_grows_linearly_with_the_pictures(write, tmp_path):
    """python-pptx found a picture already in the deck, and named a new one, by walking every
    relationship and every part of the package: O(n²) for a deck of many pictures."""
    from PIL import Image

    from slidegen import Session

    for i in range(90):  # test-only pictures: a different colour each, so none is shared
        Image.new("RGB", (8, 6), (i, 255 - i, 100)).save(tmp_path / f"p{i}.png")
    slide = "  - {{kind: image, title: Bilde {n}, image: {{file: p{n}.png, alt: Bilde {n}}}}}\n"
    decks = {n: write(f"p{n}.yaml", "title: T\nslides:\n"
                      + "".join(slide.format(n=i) for i in range(n))) for n in (5, 30, 90)}
    plain = Session(accelerate=False)

    def build(n):
        return build_deck(decks[n], tmp_path / f"p{n}.pptx", session=plain)

    build(5)
    lines = {n: lines_run(lambda n=n: build(n)) for n in decks}
    first = (lines[30] - lines[5]) / 25
    second = (lines[90] - lines[30]) / 60
    assert 0.8 < second / first < 1.25, (lines, first, second)
    pictures = [shape.image for slide in Presentation(str(tmp_path / "p90.pptx")).slides
                for shape in slide.shapes if shape.shape_type == 13]
    assert len({picture.sha1 for picture in pictures}) == 90
