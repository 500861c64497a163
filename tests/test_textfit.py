"""Text is measured with the real font: long text shrinks to fit, and too much text is reported."""

from __future__ import annotations

from pptx import Presentation

from slidegen import build_deck
from slidegen.slides import textfit

LONG = "Dette er en lang setning som fyller en god del av bredden på et lysbilde i møterommet."


def test_line_count_wraps_at_spaces():
    assert textfit.line_count("kort", 24, 500) == 1
    assert textfit.line_count(LONG, 24, 300) > 2
    assert textfit.line_count("a\nb", 24, 500) == 2


def test_a_line_never_ends_on_i_or_a_nor_starts_with_a_dash():
    title = "Vedlegg – tall for hver distriktskommune i Telemark"
    width = textfit.text_width("Vedlegg – tall for hver distriktskommune i", 40, True) + 1
    # at this width «i» would end the first line: it goes to the second, with «Telemark»
    assert textfit.without_widows(title, 40, width, True) == title.replace(" i ", " i\u00a0")
    assert textfit.line_count(title.replace(" i ", " i\u00a0"), 40, width, True) == 2
    # wide enough for one line: left as written
    assert textfit.without_widows(title, 40, 2 * width, True) == title
    # a dash stays on the line of the word before it
    width = textfit.text_width("Tall og statistikk for Tinn", 40, True) + 1
    assert textfit.without_widows("Tall og statistikk for Tinn – tall", 40, width, True) == (
        "Tall og statistikk for Tinn\u00a0– tall")
    # each hard line on its own; «å» as «i»
    width = textfit.text_width("godt å", 40) + 1
    assert textfit.without_widows("kort\ngodt å lese", 40, width) == "kort\ngodt å\u00a0lese"
    # never a joined word wider than the box: then the line may end on «i»
    width = textfit.text_width("ord i", 40) + 1
    assert textfit.without_widows("ord i lesebrettene", 40, width) == "ord i lesebrettene"
    # two spaces in a row are the author's: left alone
    assert textfit.without_widows("Vekst og  – mer", 40, textfit.text_width("Vekst og", 40) + 1
                                  ) == "Vekst og  – mer"


def test_a_widow_is_better_than_shrunk_text():
    # Two lines fit the box; moving «i» to the second line would take a third, so a smaller
    # size: the text keeps its size and its line break after «i».
    first, second = "Vedlegg – tall for hver distriktskommune i", "Telemark og Vestfold med Agder"

    def width_of(text: str) -> float:
        return textfit.text_width(text, 40, True)

    width = width_of(f"i {second} samt Viken") - 0.5  # no room for «i» on the second line
    assert width_of(first) <= width < width_of(f"{first} Telemark")
    block = textfit.Block(f"{first} {second} samt Viken", 40, bold=True)
    height = 2 * 40 * textfit.LINE_HEIGHT + 1
    assert textfit.fit_keeping_together([block], width, height) == ([block], 1.0, True)
    # with room for a third line it is kept together, at the same size
    kept, scale, fits = textfit.fit_keeping_together([block], width, height * 1.5)
    assert (kept[0].text, scale, fits) == (block.text.replace(" i ", " i\u00a0"), 1.0, True)


def test_text_that_fits_keeps_the_template_size(write, tmp_path):
    deck = write("d.yaml", "title: T\nslides:\n  - {kind: bullets, title: Kort, items: [a, b]}\n")
    build_deck(deck, tmp_path / "o.pptx")
    body = Presentation(str(tmp_path / "o.pptx")).slides[0].placeholders[1]
    assert {r.font.size for p in body.text_frame.paragraphs for r in p.runs} == {None}


def test_long_bullets_shrink_but_not_below_18_pt(write, tmp_path):
    items = "\n".join(f"      - {LONG}" for _ in range(6))
    deck = write("d.yaml", f"title: T\nslides:\n  - kind: bullets\n    title: Lang\n"
                           f"    items:\n{items}\n")
    result = build_deck(deck, tmp_path / "o.pptx")
    assert result.warnings == []
    body = Presentation(str(tmp_path / "o.pptx")).slides[0].placeholders[1]
    sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and 18 <= sizes.pop() < 24


def test_too_much_text_is_reported_with_file_and_line(write, tmp_path):
    items = "\n".join(f"      - {LONG} {LONG}" for _ in range(12))
    deck = write("d.yaml", f"title: T\nslides:\n  - kind: bullets\n    title: Alt for mye\n"
                           f"    items:\n{items}\n")
    result = build_deck(deck, tmp_path / "o.pptx")
    assert result.warnings == [
        "d.yaml:3: text in 'body' does not fit its box even at 18 pt; shorten it or split the "
        "slide"]


def test_example_deck_fits_without_warnings(tmp_path):
    from conftest import EXAMPLE
    warnings = build_deck(EXAMPLE, tmp_path / "o.pptx").warnings
    # its one warning: the stand-in pictures (see test_build); nothing about fitting text
    assert len(warnings) == 1 and "are still placeholders" in warnings[0]
