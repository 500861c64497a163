"""Per-kommune pictures: a picture path with variables ({{ kommune.slug }}, {{ kommune.number }})
is filled in for each kommune the deck is built for; a kommune without its own picture gets the
`fallback:`, and without a fallback the build (and validate) stops at the picture's line.

The pictures are test-only: plain squares of one colour each, so that which one went into the
deck can be told from its bytes."""

from __future__ import annotations

import pytest
from PIL import Image
from pptx import Presentation

from conftest import exit_code

DECK = """\
title: "Bilder {{ kommune.name }}"
parameter: kommune
kommune: Tinn
slides:
  - kind: image
    title: "Velkommen til {{ kommune.name }}"
    image:
      file: "bilder/{{ kommune.slug }}.png"
FALLBACK      alt: "Utsikt over {{ kommune.name }}"
"""


def run(args: list[str]) -> int:
    return exit_code(*args)


def square(path, colour) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path)
    return path.read_bytes()


def picture_blob(pptx) -> bytes:
    slide = Presentation(str(pptx)).slides[0]
    return next(s for s in slide.shapes if s.shape_type == 13).image.blob


@pytest.fixture
def deck(project):
    """The deck with a fallback, a picture for Tinn and one for Nord-Aurdal."""
    path = project / "decks" / "bilder.yaml"
    path.write_text(DECK.replace("FALLBACK", "      fallback: bilder/felles.png\n"), "utf-8")
    return path


def test_each_kommune_gets_its_own_picture_else_the_fallback(deck, capsys):
    bilder = deck.parent / "bilder"
    tinn, nord_aurdal = square(bilder / "tinn.png", "red"), square(bilder / "nord-aurdal.png",
                                                                    "blue")
    felles = square(bilder / "felles.png", "grey")
    for kommune, expected in (("Tinn", tinn), ("Nord-Aurdal", nord_aurdal), ("Loppa", felles)):
        out = deck.parent.parent / "build" / f"{kommune}.pptx"
        assert run(["build", str(deck), "--kommune", kommune, "-o", str(out)]) == 0
        assert picture_blob(out) == expected, kommune
    capsys.readouterr()


def test_a_batch_gives_each_deck_its_kommune_s_picture(deck, capsys):
    bilder = deck.parent / "bilder"
    expected = {"tinn": square(bilder / "tinn.png", "red"),
                "seljord": square(bilder / "seljord.png", "green")}
    felles = square(bilder / "felles.png", "grey")
    assert run(["build", str(deck), "--group", "distriktskommuner-telemark"]) == 0
    built = sorted((deck.parent.parent / "build").glob("bilder-*.pptx"))
    assert len(built) == 9
    for path in built:
        slug = path.stem.removeprefix("bilder-")
        assert picture_blob(path) == expected.get(slug, felles), slug
    capsys.readouterr()


def test_kommune_number_in_the_path(project, capsys):
    path = project / "decks" / "nummer.yaml"
    path.write_text(DECK.replace("FALLBACK", "").replace("{{ kommune.slug }}",
                                                         "{{ kommune.number }}"), "utf-8")
    tinn = square(path.parent / "bilder" / "4026.png", "red")  # Tinn's number since 2024
    assert run(["build", str(path)]) == 0
    assert picture_blob(project / "build" / "nummer-tinn.pptx") == tinn
    capsys.readouterr()


def test_replacing_a_kommune_s_picture_is_seen_by_the_next_build(deck, capsys):
    bilder = deck.parent / "bilder"
    square(bilder / "tinn.png", "red")
    square(bilder / "felles.png", "grey")
    out = deck.parent.parent / "build" / "bilder-tinn.pptx"
    assert run(["build", str(deck)]) == 0
    new = square(bilder / "tinn.png", "yellow")
    assert run(["build", str(deck)]) == 0
    assert picture_blob(out) == new
    capsys.readouterr()


def test_a_missing_picture_without_fallback_is_an_error_at_its_line(project, capsys):
    path = project / "decks" / "uten.yaml"
    path.write_text(DECK.replace("FALLBACK", ""), "utf-8")
    square(path.parent / "bilder" / "tinn.png", "red")
    assert run(["build", str(path)]) == 0  # Tinn has its picture
    before = (project / "build" / "uten-tinn.pptx").read_bytes()
    capsys.readouterr()
    for command in (["build", str(path), "--kommune", "Loppa", "-o", "build/uten-tinn.pptx"],
                    ["validate", str(path), "--kommune", "Loppa"]):
        assert run(command) == 1, command
        err = capsys.readouterr().err
        assert ("decks/uten.yaml:8:13: slide 1, image.file: picture file not found: "
                "'decks/bilder/loppa.png'") in err, err
        assert "give 'fallback:'" in err
    assert (project / "build" / "uten-tinn.pptx").read_bytes() == before


def test_the_fallback_itself_must_exist_and_hold_no_variables(project, capsys):
    path = project / "decks" / "feil.yaml"
    path.write_text(DECK.replace("FALLBACK", "      fallback: bilder/finnes-ikke.png\n"),
                    "utf-8")
    assert run(["validate", str(path)]) == 1
    assert ("slide 1, image.fallback: picture file not found: 'bilder/finnes-ikke.png'"
            in capsys.readouterr().err)
    path.write_text(DECK.replace("FALLBACK", "      fallback: 'bilder/{{ kommune.slug }}.png'\n"),
                    "utf-8")
    assert run(["validate", str(path)]) == 1
    assert "the fallback is the one picture for every kommune" in capsys.readouterr().err


def test_a_literal_missing_file_with_a_fallback_shows_the_fallback(project, capsys):
    path = project / "decks" / "bokstavelig.yaml"
    path.write_text(DECK.replace("{{ kommune.slug }}", "kommer-senere").replace(
        "FALLBACK", "      fallback: bilder/felles.png\n"), "utf-8")
    felles = square(path.parent / "bilder" / "felles.png", "grey")
    assert run(["build", str(path)]) == 0
    assert picture_blob(project / "build" / "bokstavelig-tinn.pptx") == felles
    capsys.readouterr()


def test_check_and_preview_of_a_deck_per_kommune_use_the_file_build_writes(deck, capsys):
    """Without --kommune, check (and preview) build a deck made per kommune for its default
    kommune to the file build writes (build/bilder-tinn.pptx), not to a third file; a hand
    edit there stops them as it stops build."""
    square(deck.parent / "bilder" / "felles.png", "grey")
    build = deck.parent.parent / "build"
    assert run(["check", str(deck)]) == 0
    assert [p.name for p in build.glob("*.pptx")] == ["bilder-tinn.pptx"]
    prs = Presentation(str(build / "bilder-tinn.pptx"))
    prs.slides[0].shapes.title.text_frame.text = "Endret for hånd"
    prs.save(str(build / "bilder-tinn.pptx"))
    capsys.readouterr()
    assert run(["check", str(deck)]) == 1
    err = capsys.readouterr().err
    assert "changed by hand" in err and "Endret for hånd" in err, err
