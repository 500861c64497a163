"""Every word slidegen writes, in the deck's language: the catalogues hold every message the code
uses, the Kommunebesøk deck in nb, nn and en has no word of another language, and a nynorsk deck
differs from a bokmål one only in words."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import DECKS, ROOT
from slidegen import check_pptx
from slidegen.build import build_deck
from slidegen.errors import SpecError
from slidegen.i18n import LANGUAGES, LOCALE_DIR, SOURCE, translator
from slidegen.spec.loader import load_deck

SRC = ROOT / "src" / "slidegen"
KEYWORDS = {**DEFAULT_KEYWORDS, "tr": None}  # tr("…"): a Translator called; N_("…"): marked


def used_messages() -> dict[str, str]:
    """msgid → where the code uses it, found by Babel's own extractor."""
    found: dict[str, str] = {}
    for file, line, message, _, _ in extract_from_dir(SRC, [("**.py", "python")],
                                                      keywords=KEYWORDS):
        found.setdefault(message, f"{file}:{line}")
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extractor_finds_the_messages():
    """The completeness test below can fail: it sees calls, constants and derived names."""
    used = used_messages()
    assert {"Kilde", "Tall mangler", "Takk for oppmerksomheten", "Stolpediagram",
            "Kommuner i {fylke}", ", hentet {date}"} <= set(used)
    assert len(used) > 30


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE])
def test_each_catalogue_translates_every_message_the_code_uses(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "slidegen.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    given = {m.id: m for m in catalog if m.id}
    used = used_messages()
    missing = [f"{where}: {message!r}" for message, where in used.items()
               if message not in given or not given[message].string or given[message].fuzzy]
    assert not missing, f"{language}: untranslated:\n" + "\n".join(missing)
    unused = sorted(set(given) - set(used))
    assert not unused, f"{language}: no longer used by the code: {unused}"
    broken = [m.id for m in given.values() if fields(m.id) != fields(m.string)]
    assert not broken, f"{language}: placeholders differ from the message's: {broken}"


def test_a_translator_falls_back_to_bokmal_and_fills_placeholders():
    nn, en, nb = translator("nn-NO"), translator("en"), translator("nb-NO")
    assert nn("Kilde: {source}", source="SSB") == "Kjelde: SSB"
    assert en("Kilde: {source}", source="SSB") == "Source: SSB"
    assert nb("Tall mangler") == "Tall mangler"
    assert nn("Ingen slik melding") == "Ingen slik melding"
    assert nn.pick({"nb": "Befolkning", "nn": "Folketal"}) == "Folketal"
    assert en.pick({"nb": "Befolkning", "nn": "Folketal"}) == "Befolkning"


# Words only one language writes (a Bokmål form, its nynorsk twin, plain English); a deck in one
# language must hold none of the others'.
BOKMAL = {"ikke", "hvor", "hva", "fra", "mangler", "høyest", "lavest", "innbyggere", "kommuner",
          "kommunene", "kilde", "tall", "tallene", "hentet", "beregnet", "siden", "hver", "jeg",
          "mye", "uten", "være", "befolkningen"}
NYNORSK = {"ikkje", "kvar", "kva", "frå", "manglar", "høgast", "lågast", "innbyggjarar",
           "kommunar", "kommunane", "kjelde", "tal", "tala", "henta", "berekna", "sidan", "eg",
           "mykje", "utan", "vere", "dei", "ein", "eit", "folketalet"}
ENGLISH = {"the", "and", "of", "is", "are", "from", "missing", "highest", "lowest",
           "municipalities", "source", "figures", "not", "with", "population"}
NORWEGIAN = {"og", "av", "med", "som", "er", "til", "på", "år", "endring", "samlet", "samla"}
FOREIGN = {"nb": NYNORSK | ENGLISH, "nn": BOKMAL | ENGLISH, "en": BOKMAL | NYNORSK | NORWEGIAN}
URL = re.compile(r"\S+\.(?:no|com|org)/\S*")  # a link's address is not words


@pytest.fixture(scope="module")
def vinje(tmp_path_factory) -> dict[str, Path]:
    """decks/kommunebesok.yaml for Vinje (a nynorsk kommune), built in each language."""
    out = tmp_path_factory.mktemp("languages")
    built = {}
    for language in LANGUAGES:
        deck = load_deck(DECKS / "kommunebesok.yaml", language=language)
        built[language] = build_deck(deck, out / f"vinje-{language}.pptx", kommune="Vinje").output
    return built


def texts(path: Path) -> list[tuple[int, str, str]]:
    """(slide number, where, text) for every text the audience or the speaker reads: shapes,
    alt text and speaker notes."""
    out = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        out += [(number, "text", s.text_frame.text) for s in slide.shapes if s.has_text_frame]
        out += [(number, "alt", e.get("descr")) for e in slide._element.iter(qn("p:cNvPr"))
                if e.get("descr")]
        if slide.has_notes_slide:
            # the notes quote the title of the Bokmål talk figures were copied from: «…»
            notes = re.sub(r"«[^»]*»", "", slide.notes_slide.notes_text_frame.text)
            out.append((number, "notes", notes))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kommunebesok_deck_has_no_word_of_another_language(vinje, language):
    found = []
    for number, where, text in texts(vinje[language]):
        words = set(re.findall(r"[^\W\d_]+", URL.sub("", text).lower()))
        found += [f"slide {number} {where}: «{w}» in {text[:80]!r}"
                  for w in sorted(words & FOREIGN[language])]
    assert not found, "\n".join(found)


def test_the_words_slidegen_writes_follow_the_language(vinje):
    nn = "\n".join(t for _, _, t in texts(vinje["nn"]))
    en = "\n".join(t for _, _, t in texts(vinje["en"]))
    for word in ("Kjelde: SSB", "Takk for merksemda", "Liggjande stolpediagram", "høgast i",
                 "lågast i", "Kommunar i Telemark samla", "folketal 1. januar", "Tala kom via"):
        assert word in nn
    for word in ("Source: Statistics Norway, table 07459", "Thank you for your attention",
                 "Horizontal bar chart", "highest in", "Municipalities in Telemark combined",
                 "The figures came via"):
        assert word in en


NUMBER = re.compile(r"[−+]?\d[\d\u00a0]*(?:,\d+)?")


def layout_and_figures(path: Path) -> list[tuple]:
    """Per slide: each shape's place and size, and every number on it, in order."""
    out = []
    for slide in Presentation(str(path)).slides:
        shapes = [(s.shape_type, s.left, s.top, s.width, s.height) for s in slide.shapes]
        numbers = [n for s in slide.shapes if s.has_text_frame
                   for n in NUMBER.findall(s.text_frame.text)]
        alt = [n for e in slide._element.iter(qn("p:cNvPr"))
               for n in NUMBER.findall(e.get("descr") or "")]
        notes = NUMBER.findall(re.sub(r"«[^»]*»", "", slide.notes_slide.notes_text_frame.text)
                               if slide.has_notes_slide else "")  # a quoted title is words
        out.append((shapes, numbers, alt, notes))
    return out


def test_nynorsk_and_bokmal_decks_differ_only_in_words(vinje):
    nb, nn = layout_and_figures(vinje["nb"]), layout_and_figures(vinje["nn"])
    assert len(nb) == len(nn) == 27
    for number, (a, b) in enumerate(zip(nb, nn, strict=True), start=1):
        assert a[0] == b[0], f"slide {number}: shapes moved or resized"
        assert a[1] == b[1], f"slide {number}: figures differ"
        assert a[2] == b[2], f"slide {number}: figures in the alt text differ"
        assert a[3] == b[3], f"slide {number}: figures in the notes differ"
    assert any(a[1] for a in nb)  # the comparison saw figures


def test_check_accepts_nynorsk_and_english_decks(vinje):
    for language, tag in (("nn", "nn-NO"), ("en", "en-GB")):
        report = check_pptx(vinje[language])
        assert Presentation(str(vinje[language])).core_properties.language == tag
        assert not [f for f in report.errors if f.rule == "language"], report.errors
        assert not report.errors, report.errors


def test_a_text_lacking_the_deck_language_is_an_error_at_its_line(write):
    deck = write("d.yaml", """
        title: {nb: Tittel, nn: Tittel}
        language: nn-NO
        slides:
          - kind: bullets
            title:
              nb: Hva er Distriktssenteret?
              en: What is Distriktssenteret?
            items: [a]
        """)
    assert load_deck(deck, language="nb").slides[0].title == "Hva er Distriktssenteret?"
    with pytest.raises(SpecError) as caught:
        load_deck(deck)
    assert caught.value.messages() == [
        "d.yaml:6:7: slide 1, title: this text has no nn (nynorsk) version, the deck's "
        "language: it gives nb (bokmål), en (English); add 'nn: …'"]
    with pytest.raises(SpecError) as caught:
        load_deck(deck, language="en")  # the deck's title lacks en, its slide has it
    assert caught.value.messages() == [
        "d.yaml:1:8: title: this text has no en (English) version, the deck's language: it "
        "gives nb (bokmål), nn (nynorsk); add 'en: …'"]


def test_the_deck_language_picks_and_plain_text_is_the_decks(write):
    deck = write("d.yaml", """
        title: T
        language: nn-NO
        slides:
          - kind: closing
          - kind: statement
            text: {nb: Hvorfor?, nn: Kvifor?, en: Why?}
            heading: Berre nynorsk
        """)
    loaded = load_deck(deck)
    assert loaded.language == "nn-NO"
    assert (loaded.slides[1].text, loaded.slides[1].heading) == ("Kvifor?", "Berre nynorsk")
    english = load_deck(deck, language="en")
    assert (english.language, english.slides[1].text) == ("en-GB", "Why?")
    write("e.yaml", "title: T\nlanguage: en\nslides:\n  - kind: closing\n")
    assert load_deck(Path("e.yaml")).language == "en-GB"


def test_build_language_builds_the_same_spec_in_another_language(write, capsys):
    """--language picks the texts and the words slidegen writes; a build in another language
    to the same file is a new deck, never skipped as unchanged."""
    from slidegen.cli import main

    write("d.yaml", """
        title: {nb: Hvorfor, nn: Kvifor, en: Why}
        slides:
          - kind: statement
            text: {nb: Hvorfor bo her?, nn: Kvifor bu her?, en: Why live here?}
          - kind: closing
        """)
    seen = {}
    for language in ("nn", "en", "nb"):
        main(["build", "d.yaml", "--language", language, "-o", "out.pptx", "--jobs", "1"])
        assert "unchanged" not in capsys.readouterr().out
        prs = Presentation("out.pptx")
        seen[language] = (prs.core_properties.language, prs.core_properties.title,
                          [s.shapes.title.text_frame.text for s in prs.slides])
    assert seen == {
        "nn": ("nn-NO", "Kvifor", ["Kvifor bu her?", "Takk for merksemda"]),
        "en": ("en-GB", "Why", ["Why live here?", "Thank you for your attention"]),
        "nb": ("nb-NO", "Hvorfor", ["Hvorfor bo her?", "Takk for oppmerksomheten"])}
    main(["build", "d.yaml", "--language", "nb", "-o", "out.pptx", "--jobs", "1"])
    assert "unchanged" in capsys.readouterr().out
