"""`slidegen check` flags each rule on a deck built to break it, with exact messages, and finds
nothing wrong with the example deck."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from conftest import PLACEHOLDER_PNG, ROOT
from slidegen.check import check_pptx
from slidegen.cli import main

TEMPLATE = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
LONG = ("Dette er et langt kulepunkt som fortsetter og fortsetter langt forbi det som får plass "
        "i boksen på et lysbilde, ")


def layout(prs, name):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def broken_deck(path):
    """A deck as someone might make it by hand, breaking one rule per slide."""
    prs = Presentation(str(TEMPLATE))
    prs.core_properties.title = "Brudd"
    prs.core_properties.language = "nb-NO"

    def slide(title=None, layout_name="Punktliste", body=None):
        s = prs.slides.add_slide(layout(prs, layout_name))
        if title is not None:
            s.shapes.title.text_frame.text = title
            s.shapes.title.text_frame.paragraphs[0].runs[0].font._rPr.set("lang", "nb-NO")
        for ph in list(s.placeholders):
            if ph.placeholder_format.idx != 0 and not (body and ph.placeholder_format.idx == 1):
                ph._element.getparent().remove(ph._element)
        if body:
            s.placeholders[1].text_frame.text = body
            s.placeholders[1].text_frame.paragraphs[0].runs[0].font._rPr.set("lang", "nb-NO")
        return s

    slide(None, body="Uten tittel")                                          # 1
    slide("Samme tittel")                                                    # 2
    slide("Samme tittel")                                                    # 3
    s = slide("Bilde med filnavn")                                           # 4
    pic = s.shapes.add_picture(str(PLACEHOLDER_PNG), Inches(1), Inches(2), Inches(2))
    pic._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr") \
        .set("descr", "IMG_0042.jpg")
    slide("For mye tekst", body=LONG * 12)                                   # 5
    s = slide("Liten tekst")                                                 # 6
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.name = "Fotnote"
    box.text_frame.text = "Bittesmå bokstaver"
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(12)
    run.font._rPr.set("lang", "nb-NO")
    s = slide("Lys tekst")                                                   # 7
    box = s.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.name = "Lys"
    box.text_frame.text = "Lysegrå på hvitt"
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(24)
    run.font.color.rgb = RGBColor(0xCC, 0xCC, 0xCC)
    run.font._rPr.set("lang", "nb-NO")
    s = slide("Tabell uten overskrift", layout_name="Tabell")                # 8
    frame = s.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
    frame.name = "Tabell"
    frame.table.first_row = False
    for cell in (frame.table.cell(r, c) for r in range(2) for c in range(2)):
        cell.text_frame.text = "1"
        cell.text_frame.paragraphs[0].runs[0].font._rPr.set("lang", "nb-NO")
    s = slide("Engelsk og nett", body="https://www.ssb.no/")                 # 9
    s.placeholders[1].text_frame.paragraphs[0].runs[0].hyperlink.address = "https://www.ssb.no/"
    s.placeholders[1].text_frame.paragraphs[0].runs[0].font._rPr.set("lang", "en-US")
    prs.save(str(path))
    return path


def test_each_rule_is_flagged_with_an_exact_message(tmp_path):
    report = check_pptx(broken_deck(tmp_path / "brudd.pptx"))
    found = [str(f).split(" — ")[0] for f in report.findings]
    assert found == [
        "slide 1: error: title: the slide has no title",
        "slide 3: error: unique-title: same title as slide 2: 'Samme tittel'",
        "slide 4 'Picture 3': error: alt-text: the alternative text is a file name: "
        "'IMG_0042.jpg'",
        "slide 4 'Picture 3': warning: placeholder-picture: «Bilde med filnavn» shows a "
        "stand-in picture",
        "slide 5 'Text Placeholder 3': error: overflow: the text needs 16.5 cm but the box "
        "is 10.2 cm high",
        "slide 6 'Fotnote': warning: text-size: text at 12 pt",
        "slide 7 'Lys': error: contrast: text #CCCCCC on #FFFFFF has contrast 1.6:1, needs 3:1",
        "slide 8: error: source: a data slide without a 'Kilde:' line",
        "slide 8 'Tabell': error: table-header: the table has no header row",
        "slide 9: error: language: text not marked nb-NO: en-US (1)",
        "slide 9 'Text Placeholder 3': warning: link-text: the link shows a bare address: "
        "'https://www.ssb.no/'",
    ]
    assert len(report.errors) == 8 and len(report.warnings) == 3
    assert str(report.findings[0]).endswith("— give every slide a title: screen readers and "
                                            "the outline use it")


def test_cli_check_exit_code_and_json(tmp_path, capsys):
    path = broken_deck(tmp_path / "brudd.pptx")
    with pytest.raises(SystemExit) as done:
        main(["check", str(path), "--json"])
    assert done.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["errors"], report["warnings"]) == (8, 3)
    assert report["findings"][0] == {
        "level": "error", "slide": 1, "shape": "", "rule": "title",
        "message": "the slide has no title",
        "hint": "give every slide a title: screen readers and the outline use it"}


def test_example_deck_is_clean(example_pptx):
    """No errors; the only warnings say what is not ready to present (see test_ready.py)."""
    report = check_pptx(example_pptx)
    assert report.errors == []
    assert {f.rule for f in report.warnings} == {"placeholder-slide", "placeholder-picture"}


def test_build_with_check(write, tmp_path, capsys):
    deck = write("d.yaml", "title: T\nslides:\n  - {kind: section, title: Del}\n")
    main(["build", str(deck), "--check"])
    out = capsys.readouterr().out
    assert out.splitlines() == ["wrote build/d.pptx (1 slides)",
                                "build/d.pptx: 0 error(s), 0 warning(s)"]


def test_build_with_check_exits_1_when_the_check_finds_errors(write, tmp_path, capsys):
    deck = write("d.yaml", "title: T\nslides:\n  - {kind: section, title: Del}\n"
                           "  - {kind: section, title: Del}\n")
    with pytest.raises(SystemExit) as exc:
        main(["build", str(deck), "--check"])
    assert exc.value.code == 1  # as `slidegen check` exits: the deck is built, but not right
    out = capsys.readouterr().out
    assert "build/d.pptx: 1 error(s), 0 warning(s)" in out and "unique-title" in out
    assert (tmp_path / "build" / "d.pptx").is_file()


def test_contrast_ratio_known_values():
    from slidegen.check.colours import contrast

    assert round(contrast("000000", "FFFFFF"), 2) == 21.0
    assert contrast("FFFFFF", "FFFFFF") == 1.0
    assert round(contrast("767676", "FFFFFF"), 2) == 4.54  # the usual 4.5:1 grey


def test_a_cancelled_check_stops_at_the_next_slide(example_pptx):
    """serve drops the check of a deck it has rebuilt since: the check is asked before each
    slide and stops there, instead of reading the rest of the deck."""
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # two slides read, then the deck is rebuilt

    assert check_pptx(example_pptx, cancelled=cancelled) is None
    assert len(asked) == 3
    assert check_pptx(example_pptx, cancelled=lambda: False).findings == \
        check_pptx(example_pptx).findings
