"""The YAML mistakes advisers make most: one small file each in fixtures/yaml-mistakes, and the
exact message it gives, pointing at the line of the mistake and saying how to fix it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DECKS, ROOT
from slidegen import load_deck
from slidegen.cli import main
from slidegen.errors import SpecError
from slidegen.yamlfile import YamlProblem, load_yaml

MISTAKES = ROOT / "tests" / "fixtures" / "yaml-mistakes"

EXPECTED = {
    # the quote is closed by the next one, three lines on: the message names where it opened
    "unclosed-quote.yaml": [
        "unclosed-quote.yaml:4:12: the text that starts with \" here is never closed: end it "
        "with \" on the same line, e.g. title: \"Befolkning og flytting\" (YAML: expected "
        "<block end>, but found '<scalar>')"],
    "unclosed-quote-at-end.yaml": [
        "unclosed-quote-at-end.yaml:6:12: the text that starts with ' here is never closed: "
        "end it with ' on the same line, e.g. title: 'Arbeid og næring' (YAML: found "
        "unexpected end of stream)"],
    "colon-in-text.yaml": [
        "colon-in-text.yaml:4:16: a colon followed by a space inside a text: put the whole "
        "text in quotes, e.g. title: \"Tema: befolkning\" (YAML: mapping values are not "
        "allowed here)"],
    "colon-in-bullet.yaml": [
        "colon-in-bullet.yaml:6:9: slide 1, items[0]: missing required key 'text'",
        "colon-in-bullet.yaml:6:9: slide 1, items[0].Økonomi: unknown key 'Økonomi'; allowed "
        "keys: text, items; if 'Økonomi: drift og investeringer' is a text, put it in quotes: "
        "\"Økonomi: drift og investeringer\" (a colon followed by a space makes key: value)"],
    "tab.yaml": [
        "tab.yaml:4:1: a tab character in the indentation: YAML indents with spaces only; "
        "replace the tab with spaces (YAML: found character '\\t' that cannot start any "
        "token)"],
    "indented-too-far.yaml": [
        "indented-too-far.yaml:4:6: this line starts after 5 spaces, but 'kind' on line 3 "
        "starts after 4 spaces: lines that belong together must start in the same column "
        "(count the spaces) (YAML: mapping values are not allowed here)"],
    "indented-too-little.yaml": [
        "indented-too-little.yaml:4:4: this line starts after 3 spaces, but 'kind' on line 3 "
        "starts after 4 spaces: lines that belong together must start in the same column "
        "(count the spaces) (YAML: expected <block end>, but found '<block mapping start>')"],
    # YAML itself says "duplicate key 'kind'": the adviser forgot the '-' of a new slide
    "missing-dash.yaml": [
        "missing-dash.yaml:5:5: slide 1, kind: a second 'kind' in the same slide (the first is "
        "on line 3): a new slide starts with '- ', so write '- kind: …' here"],
    "list-for-text.yaml": [
        "list-for-text.yaml:5:7: slide 1, title: expected text, found a list of 2 item(s): "
        "write the text on the same line, after 'title:', without '-' in front (a text that "
        "starts with [ or - goes in quotes)"],
    "apostrophe.yaml": [
        "apostrophe.yaml:4:18: text after the closing quote: put the whole text inside the "
        "quotes, e.g. title: \"Tinn's framtid\" (YAML: expected <block end>, but found "
        "'<scalar>')"],
    "starts-with-bracket.yaml": [
        "starts-with-bracket.yaml:4:12: a text that starts with [ is read as a list: put the "
        "whole text in quotes, e.g. title: \"[2024] Tall for Tinn\" (YAML: expected <block "
        "end>, but found '<scalar>')"],
    "no-space-after-colon.yaml": [
        "no-space-after-colon.yaml:3:5: a key needs a space after its colon: write 'kind: "
        "section' (YAML: mapping values are not allowed here)"],
}


def test_the_corpus_and_the_expectations_name_the_same_files():
    assert sorted(p.name for p in MISTAKES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_explained_at_its_line(name, monkeypatch):
    monkeypatch.chdir(MISTAKES)
    with pytest.raises(SpecError) as caught:
        load_deck(name)
    assert caught.value.messages() == EXPECTED[name]


def test_the_cli_prints_the_explanation_and_exits_1(monkeypatch, capsys):
    monkeypatch.chdir(MISTAKES)
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "unclosed-quote.yaml"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: {EXPECTED['unclosed-quote.yaml'][0]}\n"
    assert "Traceback" not in captured.out + captured.err


def test_a_quoted_text_over_several_lines_is_still_read(write):
    """Valid YAML is not second-guessed: the explanations run only on a parse error."""
    deck = write("d.yaml", 'title: "Kommune-\n  besøk"\nslides:\n  - {kind: section, title: S}\n')
    assert load_deck(deck).title == "Kommune- besøk"


def test_an_example_fix_shows_the_quotes_not_a_whole_paragraph(write):
    deck = write("d.yaml", "title: T\nslides:\n  - kind: section\n    title: Tema: "
                           + "langt " * 100 + "\n")
    with pytest.raises(SpecError) as caught:
        load_deck(deck)
    [message] = caught.value.messages()
    assert ' e.g. title: "Tema: langt langt' in message
    assert 'langt…" (YAML: mapping values are not allowed here)' in message
    assert len(message) < 250  # not the 600 characters of the text


KINDS_OF_SLIP = ['"', "'", ":", ": ", "\t", " ", "-", "- ", "[", "{", "*", "\n", "#", "@"]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_slip_in_a_real_deck_gives_a_located_message_never_a_crash(tmp_path_factory, data):
    text = (DECKS / "kommunebesok.yaml").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 2))
        text = text[:at] + data.draw(st.sampled_from(KINDS_OF_SLIP)) + text[at + cut:]
    file = tmp_path_factory.mktemp("slip") / "d.yaml"
    file.write_text(text, encoding="utf-8")
    try:
        load_yaml(file)
    except YamlProblem as exc:
        lines = text.split("\n")
        assert 1 <= exc.problem.line <= len(lines)
        assert 1 <= exc.problem.column <= len(lines[exc.problem.line - 1]) + 1
