"""A deck changed by hand (in PowerPoint) is never overwritten without a copy: the build says
per slide what changed and stops; --force keeps the edited file as a numbered backup; a batch
builds the others. `slidegen diff` tells the same differences for any two decks."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import with_data
from helpers import NINE, slug, title_of
from slidegen import Session, build_batch
from slidegen.build import build_deck as plain_build
from slidegen.cli import main
from slidegen.errors import HandEditError

DECK = """
title: Seljord
slides:
  - kind: title
    title: Kommunebesøk
  - kind: bullets
    title: Dette snakker vi om i dag
    items: [Folketall, Arbeid]
    notes: Start med folketallet.
"""

OUT = "build/seljord.pptx"


@pytest.fixture
def deck(write):
    return write("seljord.yaml", DECK)


def edit_title(path, number: int, text: str) -> None:
    """What an adviser does in PowerPoint: change a slide's title and save."""
    prs = Presentation(path)
    prs.slides[number - 1].shapes.title.text_frame.text = text
    prs.save(path)


def build(*args: str) -> int:
    """`slidegen build seljord.yaml ARGS`; its exit code."""
    try:
        main(["build", "seljord.yaml", "--jobs", "1", *args])
    except SystemExit as done:
        return done.code
    return 0


def test_a_rebuild_keeps_a_hand_edit_and_says_what_changed(deck, tmp_path, capsys):
    assert build() == 0
    out = tmp_path / OUT
    edit_title(out, 2, "Hva vi snakker om")
    edited = out.read_bytes()
    capsys.readouterr()
    assert build() == 1  # inputs unchanged: once this printed «unchanged»
    assert capsys.readouterr().err == (
        "error: build/seljord.pptx was changed by hand since slidegen wrote it:\n"
        "  slide 2: title «Dette snakker vi om i dag» → «Hva vi snakker om»\n"
        "Carry the changes into seljord.yaml, or rebuild with --force (the edited file is "
        "kept as seljord.backup-1.pptx).\n")
    deck.write_text(DECK.replace("Start med", "Begynn med"), "utf-8")
    assert build() == 1  # a changed spec does not overwrite it either
    assert out.read_bytes() == edited
    assert not list(tmp_path.glob("build/*backup*"))


def test_force_keeps_each_edited_file_as_a_numbered_backup(deck, tmp_path, capsys):
    out = tmp_path / OUT
    build()
    edit_title(out, 2, "Hva vi snakker om")
    first = out.read_bytes()
    capsys.readouterr()
    assert build("--force") == 0
    assert capsys.readouterr().out == (
        "wrote build/seljord.pptx (2 slides); the file changed by hand is kept as "
        "build/seljord.backup-1.pptx\n")
    assert (tmp_path / "build/seljord.backup-1.pptx").read_bytes() == first
    assert title_of(Presentation(out).slides[1]) == "Dette snakker vi om i dag"
    assert build() == 0  # what --force wrote is slidegen's again
    edit_title(out, 1, "Besøk i Seljord")
    second = out.read_bytes()
    assert build("--force") == 0
    assert (tmp_path / "build/seljord.backup-1.pptx").read_bytes() == first
    assert (tmp_path / "build/seljord.backup-2.pptx").read_bytes() == second
    assert "backup-2" in capsys.readouterr().out


def test_an_unedited_file_is_rebuilt_when_the_spec_changes(deck, tmp_path, capsys):
    build()
    build()  # twice in a row: the file is what slidegen wrote
    deck.write_text(DECK.replace("Arbeid", "Arbeidsplasser"), "utf-8")
    capsys.readouterr()
    assert build() == 0
    assert capsys.readouterr().out == "wrote build/seljord.pptx (2 slides)\n"
    assert "Arbeidsplasser" in Presentation(tmp_path / OUT).slides[1].shapes[1].text_frame.text


def test_without_accelerators_too(deck, tmp_path):
    out = tmp_path / OUT
    session = Session(accelerate=False)
    plain_build(deck, out, session=session)
    plain_build(deck, out, session=session)  # the same file again: fine
    edit_title(out, 2, "Hva vi snakker om")
    edited = out.read_bytes()
    with pytest.raises(HandEditError) as refused:
        plain_build(deck, out, session=session)
    assert refused.value.messages()[1] == (
        "  slide 2: title «Dette snakker vi om i dag» → «Hva vi snakker om»")
    assert out.read_bytes() == edited
    result = plain_build(deck, out, session=session, force=True)
    assert result.backup == tmp_path / "build/seljord.backup-1.pptx"
    assert result.backup.read_bytes() == edited


def test_a_file_slidegen_did_not_write_is_kept_unless_it_is_the_same(deck, tmp_path):
    out = tmp_path / OUT
    plain_build(deck, out)
    ours = out.read_bytes()
    record = tmp_path / "build/.seljord.pptx.written.json"
    record.unlink()  # as for a file made before slidegen kept records
    plain_build(deck, out)  # byte-identical to what it would write: slidegen's
    assert record.is_file()
    record.unlink()
    edit_title(out, 1, "Et annet kommunebesøk")
    with pytest.raises(HandEditError) as refused:
        plain_build(deck, out)
    assert refused.value.messages()[:2] == [
        "build/seljord.pptx was not written by slidegen (no record of it beside the file) and "
        "differs from what this build would write:",
        "  slide 1: title «Kommunebesøk» → «Et annet kommunebesøk»"]
    assert out.read_bytes() != ours


PER_KOMMUNE = """
title: "Besøk i {{ kommune.name }}"
parameter: kommune
data: data
slides:
  - kind: title
    title: "Besøk i {{ kommune.name }}"
  - kind: statement
    text: Vi snakker om folketallet
"""


def test_a_batch_builds_the_others_and_lists_the_edited_deck(tmp_path, monkeypatch, capsys):
    with_data(tmp_path, monkeypatch, "besok.yaml", PER_KOMMUNE)
    group = ("--group", "distriktskommuner-telemark", "--jobs", "1")
    main(["build", "besok.yaml", *group])
    tinn = tmp_path / "build/besok-tinn.pptx"
    edit_title(tinn, 1, "Velkommen til Tinn")
    edited = tinn.read_bytes()
    (tmp_path / "besok.yaml").write_text(PER_KOMMUNE.replace("folketallet", "arbeid"), "utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(["build", "besok.yaml", *group])
    assert done.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "error: build/besok-tinn.pptx was changed by hand since slidegen wrote it:\n"
        "  slide 1: title «Besøk i Tinn» → «Velkommen til Tinn»\n"
        "Carry the changes into besok.yaml, or rebuild with --force (the edited file is kept "
        "as besok-tinn.backup-1.pptx).\n")
    assert captured.out.splitlines()[-1] == (
        "8 built, 0 unchanged, 0 failed; 1 refused (changed by hand): besok-tinn.pptx")
    assert tinn.read_bytes() == edited
    for name in NINE:
        if name != "Tinn":
            deck = Presentation(tmp_path / f"build/besok-{slug(name)}.pptx")
            assert deck.slides[1].shapes.title.text_frame.text == "Vi snakker om arbeid"
    result = build_batch("besok.yaml", group="distriktskommuner-telemark",
                         session=Session(jobs=1))
    assert [o.status for o in result.outcomes].count("refused") == 1
    assert [o.status for o in result.outcomes].count("skipped") == 8


def diff(a, b) -> int:
    try:
        main(["diff", str(a), str(b)])
    except SystemExit as done:
        return done.code
    return 0


def test_diff_tells_two_decks_apart_slide_by_slide(deck, tmp_path, capsys):
    one, two = tmp_path / "one.pptx", tmp_path / "two.pptx"
    plain_build(deck, one)
    assert diff(one, one) == 0
    assert capsys.readouterr().out == "one.pptx and one.pptx: the same on every slide\n"
    deck.write_text(DECK.replace("Arbeid", "Arbeidsplasser").replace("Start med", "Begynn med")
                    + "  - kind: section\n    title: Tall for Seljord\n", "utf-8")
    plain_build(deck, two)
    edit_title(two, 1, "Besøk")
    assert diff(one, two) == 1
    assert capsys.readouterr().out.splitlines() == [
        "slide 1: title «Kommunebesøk» → «Besøk»",
        "slide 2: text «Arbeid» → «Arbeidsplasser»",
        "slide 2: notes «Start med folketallet.» → «Begynn med folketallet.»",
        "slide 3 added: «Tall for Seljord»"]
    assert diff(two, one) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "slide 3 removed: «Tall for Seljord»"


def test_a_deck_built_before_records_were_kept_is_slidegens(deck, tmp_path, capsys):
    """Its incremental record (.seljord.pptx.inputs.json) still matches the file: it is what
    slidegen wrote, so a changed spec rebuilds it, with no refusal."""
    build()
    (tmp_path / "build/.seljord.pptx.written.json").unlink()
    deck.write_text(DECK.replace("Arbeid", "Arbeidsplasser"), "utf-8")
    capsys.readouterr()
    assert build() == 0
    assert capsys.readouterr().out == "wrote build/seljord.pptx (2 slides)\n"


def test_commands_that_build_first_keep_the_edit_too(deck, tmp_path, capsys):
    build()
    edit_title(tmp_path / OUT, 2, "Hva vi snakker om")
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(["check", "seljord.yaml"])
    assert done.value.code == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "error: build/seljord.pptx was changed by hand since slidegen wrote it:",
        "  slide 2: title «Dette snakker vi om i dag» → «Hva vi snakker om»"]


def test_diff_names_table_cells_and_alt_text(example_pptx, tmp_path, capsys):
    """After a data update, or in a hand-edited deck: a figure in a table, a picture's alt
    text."""
    edited = tmp_path / "edited.pptx"
    prs = Presentation(example_pptx)
    table_slide = next(i for i, slide in enumerate(prs.slides, 1) if any(
        shape.has_table and shape.table.cell(1, 0).text == "Drangedal" for shape in slide.shapes))
    table = next(s for s in prs.slides[table_slide - 1].shapes if s.has_table).table
    old_figure = table.cell(1, 1).text
    table.cell(1, 1).text = "4 100"
    picture_slide, picture = next(
        (i, shape) for i, slide in enumerate(prs.slides, 1) for shape in slide.shapes
        if shape.shape_type == 13 and shape._element.find(".//" + qn("p:cNvPr")).get("descr"))
    old_alt = picture._element.find(".//" + qn("p:cNvPr")).get("descr")
    picture._element.find(".//" + qn("p:cNvPr")).set("descr", "Et bilde")
    prs.save(edited)
    assert diff(example_pptx, edited) == 1
    assert sorted(capsys.readouterr().out.splitlines()) == sorted([
        f"slide {table_slide}: table row «Drangedal», column 2: «{old_figure}» → «4 100»",
        f"slide {picture_slide}: alt text «{old_alt}» → «Et bilde»"])


@pytest.mark.parametrize("stop_at", ["slidegen.build.write_atomically",
                                     "slidegen.written.remember"])
def test_a_build_stopped_while_writing_leaves_no_false_hand_edit(deck, tmp_path, monkeypatch,
                                                                 capsys, stop_at):
    """Stopped (Ctrl-C, power cut) while writing the file or its record: the next build finds
    the file on disk still slidegen's, rebuilds it, and refuses nothing."""
    assert build() == 0
    out = tmp_path / OUT
    deck.write_text(DECK.replace("Arbeid", "Arbeidsplasser"), "utf-8")

    def stopped(*args):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(stop_at, stopped)
        with pytest.raises(KeyboardInterrupt):
            plain_build(deck, out, session=Session(accelerate=False))
    capsys.readouterr()
    assert build() == 0, capsys.readouterr().err
    assert "Arbeidsplasser" in Presentation(out).slides[1].shapes[1].text_frame.text
    edit_title(out, 2, "Hva vi snakker om")  # and an edit after that is still seen
    assert build() == 1
