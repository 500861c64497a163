"""Bad specs give every problem at once, each with file:line:col, key path, expected and found."""

from __future__ import annotations

import pytest

from conftest import PLACEHOLDER_PNG, ROOT
from slidegen import load_deck
from slidegen.errors import SpecError


def errors_of(path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_deck(path)
    return caught.value.messages()


def test_unknown_kind_suggests_the_nearest(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: bulets
            title: X
    """)
    assert errors_of(deck) == [
        "d.yaml:3:11: slide 1, kind: unknown slide kind 'bulets' — did you mean 'bullets'?"]


def test_unknown_kind_without_near_match_lists_the_kinds(write):
    deck = write("d.yaml", "title: T\nslides:\n  - kind: diagram\n")
    assert errors_of(deck) == [
        "d.yaml:3:11: slide 1, kind: unknown slide kind 'diagram'; expected one of: bullets, "
        "chart, closing, image, key_figure, placeholder, question, quote, section, statement, "
        "table, title"]


def test_misspelt_key_points_at_the_key(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: bullets
            title: Hei
            itmes: [a, b]
    """)
    assert errors_of(deck) == [
        "d.yaml:3:5: slide 1: missing required key 'items'",
        "d.yaml:5:5: slide 1, itmes: unknown key 'itmes' — did you mean 'items'?",
    ]


def test_wrong_type_says_expected_and_found(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: section
            title: [a, b]
            hidden: kanskje
    """)
    assert errors_of(deck) == [
        "d.yaml:4:12: slide 1, title: expected text, found a list of 2 item(s): write the text "
        "on the same line, after 'title:', without '-' in front (a text that starts with [ or "
        "- goes in quotes)",
        "d.yaml:5:13: slide 1, hidden: expected true or false, found 'kanskje'",
    ]


def test_missing_required_field_and_empty_text(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: quote
            text: ""
    """)
    assert errors_of(deck) == [
        "d.yaml:3:5: slide 1: missing required key 'who'",
        "d.yaml:4:11: slide 1, text: must not be empty",
    ]


def test_missing_image_file(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: image
            title: Bilde
            image: {file: bilder/mangler.png, alt: Et bilde av noe}
    """)
    assert errors_of(deck) == [
        "d.yaml:5:19: slide 1, image.file: picture file not found: 'bilder/mangler.png'"]


def test_file_name_refused_as_alt_text_and_alt_required(write):
    deck = write("d.yaml", f"""
        title: T
        slides:
          - kind: image
            title: Bilde
            image: {{file: {PLACEHOLDER_PNG}, alt: IMG_0042.JPG}}
          - kind: image
            title: Bilde 2
            image: {{file: {PLACEHOLDER_PNG}}}
    """)
    assert errors_of(deck) == [
        f"d.yaml:5:{26 + len(str(PLACEHOLDER_PNG))}: slide 1, image.alt: alt text must say "
        "what the picture shows, found a file name 'IMG_0042.JPG'",
        "d.yaml:8:12: slide 2, image: a picture needs 'alt' (what it shows, for screen "
        "readers) or 'decorative: true'",
    ]


def test_bad_include_path(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - include: felles/finnes-ikke.yaml
    """)
    assert errors_of(deck) == [
        "d.yaml:3:14: slide 1, include: included file not found: 'felles/finnes-ikke.yaml' "
        "(looked for felles/finnes-ikke.yaml)"]


def test_errors_in_included_files_name_that_file(write):
    write("felles/del.yaml", """
        slides:
          - kind: statement
            txt: Hei
    """)
    deck = write("d.yaml", "title: T\nslides:\n  - include: felles/del.yaml\n")
    assert errors_of(deck) == [
        "felles/del.yaml:2:5: slide 1: missing required key 'text'",
        "felles/del.yaml:3:5: slide 1, txt: unknown key 'txt' — did you mean 'text'?",
    ]


def test_include_cycle(write):
    write("a.yaml", "slides:\n  - include: b.yaml\n")
    write("b.yaml", "slides:\n  - include: a.yaml\n")
    deck = write("d.yaml", "title: T\nslides:\n  - include: a.yaml\n")
    assert errors_of(deck) == [
        "b.yaml:2:14: slide 1, include: include cycle: d.yaml → a.yaml → b.yaml → a.yaml"]


def test_yaml_syntax_error_names_the_line_where_the_quote_opened(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: section
            title: "ikke lukket
          - kind: section
    """)
    assert errors_of(deck) == [
        "d.yaml:4:12: the text that starts with \" here is never closed: end it with \" on the "
        "same line, e.g. title: \"ikke lukket\" (YAML: found unexpected end of stream)"]


def test_a_yaml_error_without_an_explanation_keeps_the_parsers_words(write):
    deck = write("d.yaml", "title: T\nslides:\n  - kind: section\n    title: >x\n")
    assert errors_of(deck) == [
        "d.yaml:4:13: YAML syntax error: expected chomping or indentation indicators, but found "
        "'x'"]


def test_object_tags_are_refused(write):
    deck = write("d.yaml", "title: !!python/object:os.system x\nslides: []\n")
    [message] = errors_of(deck)
    assert message.startswith("d.yaml:1:8: YAML syntax error: could not determine a constructor "
                              "for the tag 'tag:yaml.org,2002:python/object:os.system'")
    assert message.endswith("(slidegen reads plain YAML only: no !tags)")


def test_duplicate_keys_are_refused(write):
    deck = write("d.yaml", "title: T\ntitle: U\nslides: [{kind: section, title: S}]\n")
    assert errors_of(deck) == [
        "d.yaml:2:1: title: duplicate key 'title' (first given on line 1): give each key once; "
        "remove or rename one of them"]


def test_all_problems_are_reported_together(write):
    deck = write("d.yaml", """
        titel: T
        slides:
          - kind: bulets
          - kind: closing
            email: ikke-en-adresse
          - include: mangler.yaml
    """)
    assert errors_of(deck) == [
        "d.yaml:1:1: missing required key 'title'",
        "d.yaml:1:1: titel: unknown key 'titel' — did you mean 'title'?",
        "d.yaml:3:11: slide 1, kind: unknown slide kind 'bulets' — did you mean 'bullets'?",
        "d.yaml:5:12: slide 2, email: expected an e-mail address, found 'ikke-en-adresse'",
        "d.yaml:6:14: slide 3, include: included file not found: 'mangler.yaml' "
        "(looked for mangler.yaml)",
    ]


def test_deck_must_be_a_mapping(write):
    deck = write("d.yaml", "- kind: section\n")
    assert errors_of(deck) == [
        "d.yaml:1:1: expected a mapping with title and slides, found a list of 1 item(s)"]


def test_too_deep_bullets_and_bad_link(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: bullets
            title: B
            items:
              - text: a
                items:
                  - text: b
                    items:
                      - text: c
                        items: [d]
            link: www.example.no
    """)
    assert errors_of(deck) == [
        "d.yaml:6:7: slide 1, items: at most 3 levels of bullets read well on a slide, found 4",
        "d.yaml:12:11: slide 1, link.url: expected a web address starting with https://, "
        "http:// or mailto:, found 'www.example.no'",
    ]


VALIDATE_LIKE_BUILD = {
    "kommuner": ("  - kind: key_figure\n    title: X\n    figures:\n"
                 "      - {data: {measures: befolkning, kommuner: Seljor}, label: x}\n"),
    "measure": ("  - kind: table\n    title: Y\n"
                "    data: {kommuner: Tinn, measures: folketall, periods: siste år}\n"
                "    rows: kommune\n    columns: period\n"),
    "periods": ("  - kind: chart\n    title: Z\n    chart: line\n"
                "    data: {kommuner: Tinn, measures: innflytting, periods: siste 20 år}\n"),
    "variable": "  - kind: statement\n    text: \"{{ kommune.navn }}\"\n",
    "chart kind": ("  - kind: chart\n    title: Z\n    chart: line\n"
                   "    data: {kommuner: Tinn, measures: innflytting, periods: 2020}\n"),
    "chart kind, native": ("  - kind: chart\n    title: Z\n    chart: donut\n"
                           "    render: native\n"
                           "    data: {kommuner: Tinn, measures: innflytting, "
                           "periods: [2019, 2020]}\n"),
    "picture": ("  - kind: image\n    title: Z\n    image: {file: '{{ kommune.slug }}.png', "
                "alt: Et bilde}\n"),
}


@pytest.mark.parametrize("name", sorted(VALIDATE_LIKE_BUILD))
def test_validate_reports_what_build_would(tmp_path, name):
    """validate is build without rendering: one corpus of bad specs through both, the same
    messages (a misspelt kommune, an unknown measure, years outside the data, a variable)."""
    from slidegen import build_deck, validate_deck
    from slidegen.errors import SlidegenError

    deck = tmp_path / "d.yaml"
    deck.write_text(f"title: T\ndata: {ROOT / 'data'}\nkommune: Tinn\nslides:\n"
                    f"{VALIDATE_LIKE_BUILD[name]}", "utf-8")
    with pytest.raises(SlidegenError) as built:
        build_deck(deck, tmp_path / "o.pptx")
    with pytest.raises(SlidegenError) as validated:
        validate_deck(deck)
    assert validated.value.messages() == built.value.messages()
    assert not (tmp_path / "o.pptx").exists()


def test_validate_reports_a_template_mapping_that_cannot_serve_the_deck(tmp_path):
    """A template whose mapping lacks a layout the deck uses: validate says what build says."""
    import shutil

    from slidegen import build_deck, validate_deck
    from slidegen.errors import SlidegenError

    source = ROOT / "assets" / "templates" / "distriktssenteret"
    shutil.copyfile(source.with_suffix(".pptx"), tmp_path / "mal.pptx")
    mapping = source.with_suffix(".yaml").read_text("utf-8")
    start = mapping.index("  quote:\n")
    end = mapping.index("  quote_photo:")
    (tmp_path / "mal.yaml").write_text(mapping[:start] + mapping[end:], "utf-8")
    deck = tmp_path / "d.yaml"
    deck.write_text("title: T\ntemplate: mal.pptx\nslides:\n"
                    "  - {kind: quote, text: Hei, who: Noen}\n", "utf-8")
    with pytest.raises(SlidegenError) as built:
        build_deck(deck, tmp_path / "o.pptx")
    with pytest.raises(SlidegenError) as validated:
        validate_deck(deck)
    assert validated.value.messages() == built.value.messages()
    assert "quote" in validated.value.messages()[0]


def test_slides_inside_for_each_are_counted_from_1_too(write):
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: section
            title: Først
          - for_each: distriktskommuner-telemark
            slides:
              - kind: section
                title: "{{ kommune.name }}"
              - kind: section
                titel: "{{ kommune.name }}"
    """)
    assert errors_of(deck) == [
        "d.yaml:9:9: slide 2, for_each slide 2: missing required key 'title'",
        "d.yaml:10:9: slide 2, for_each slide 2, titel: unknown key 'titel' — did you mean "
        "'title'?"]
    [first] = load_deck(write("e.yaml", deck.read_text().replace("titel", "title"))).slides[1:2]
    assert first.slides[0].origin.where("title") == "e.yaml:8:16: slide 2, for_each slide 1, title"
