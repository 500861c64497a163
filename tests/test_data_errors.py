"""Bad data stop the build with a message naming the dataset file and line (or the deck's
file:line), and leave the previous output untouched."""

from __future__ import annotations

import pytest

from conftest import copy_data
from slidegen import build_deck
from slidegen.errors import DataError

TABLE = """
title: T
slides:
  - kind: table
    title: Befolkning
    data:
      kommuner: distriktskommuner-telemark
      measures: {measures}
      periods: {periods}
    rows: kommune
    columns: period
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A private copy of data/ next to a deck folder; tests edit it freely."""
    copy_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def deck(tmp_path, measures="befolkning", periods="siste 2 år", text=TABLE):
    path = tmp_path / "d.yaml"
    path.write_text(text.format(measures=measures, periods=periods), encoding="utf-8")
    return path


def errors(tmp_path, **kw) -> list[str]:
    with pytest.raises(DataError) as caught:
        build_deck(deck(tmp_path, **kw), tmp_path / "out.pptx")
    return caught.value.messages()


def edit(file, old, new):
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_column(data, tmp_path):
    edit(data / "befolkning.csv", "region,period,variable,value", "region,period,value")
    assert errors(tmp_path) == [
        "data/befolkning.csv:1: missing column 'variable'; expected columns region, period, "
        "variable, value, found region, period, value"]


def test_text_in_a_number_column(data, tmp_path):
    edit(data / "befolkning.csv", "4022,2024,befolkning,2979", "4022,2024,befolkning,2 979")
    assert errors(tmp_path) == [
        "data/befolkning.csv:5: value: expected a number (decimal point, no spaces) or empty "
        "for a missing figure, found '2 979'"]


def test_duplicate_rows_even_under_an_old_kommune_number(data, tmp_path):
    with (data / "befolkning.csv").open("a", encoding="utf-8") as handle:
        handle.write("4016,2023,befolkning,4091\n3820,2024,befolkning,2979\n")
    assert errors(tmp_path) == [
        "data/befolkning.csv:20: duplicate of line 2 (4016, 2023, befolkning)",
        "data/befolkning.csv:21: duplicate of line 5 (4022, 2024, befolkning)",
    ]


def test_unknown_kommune(data, tmp_path):
    edit(data / "befolkning.csv", "4036,2024,befolkning,3851", "9999,2024,befolkning,3851")
    assert errors(tmp_path) == [
        "data/befolkning.csv:19: region: unknown kommune or group '9999' (not in "
        "data/kommuner.csv or its groups)"]


def test_stored_total_that_can_be_computed_is_refused(data, tmp_path):
    with (data / "befolkningsendringer.csv").open("a", encoding="utf-8") as handle:
        handle.write("4016,2014-2023,innflytting,1623\n")
    assert errors(tmp_path) == [
        "data/befolkningsendringer.csv:148: the total 2014-2023 of innflytting for 4016 can be "
        "computed from its yearly rows; do not store it"]


def test_unknown_measure_names_the_deck_line(data, tmp_path):
    assert errors(tmp_path, measures="befolkninng") == [
        "d.yaml:8:17: slide 1, data.measures: unknown measure 'befolkninng' — did you mean "
        "'befolkning'?"]


def test_period_outside_the_data(data, tmp_path):
    assert errors(tmp_path, periods="2010-2012") == [
        "d.yaml:9:16: slide 1, data.periods: 2010–2012 is outside the data for 'befolkning' "
        "(2023–2024)"]


def test_empty_selection(data, tmp_path):
    text = TABLE.replace("kommuner: distriktskommuner-telemark", "kommuner: []")
    assert errors(tmp_path, text=text) == [
        "d.yaml:7:17: slide 1, data.kommuner: the selection has no kommuner"]


def test_a_slide_that_cannot_be_summed(data, tmp_path):
    text = TABLE + "    total_column: Sum\n"
    assert errors(tmp_path, text=text) == [
        "d.yaml:12:19: slide 1, total_column: 'befolkning' is a level at a date, not counted "
        "over a period: it cannot be added up over years"]


def test_every_data_problem_is_reported_and_output_is_untouched(data, tmp_path):
    out = tmp_path / "out.pptx"
    build_deck(deck(tmp_path), out)
    before = out.read_bytes()
    text = TABLE + TABLE.split("slides:\n", 1)[1].replace("befolkning\n", "ukjent\n")
    path = tmp_path / "d.yaml"
    path.write_text(text.format(measures="innflyting", periods="siste 2 år"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(path, out)
    assert [m.split(": ", 2)[1] for m in caught.value.messages()] == [
        "slide 1, data.measures", "slide 2, data.measures"]
    assert out.read_bytes() == before


def test_unknown_text_variable_names_file_line_and_column(data, tmp_path):
    text = ("title: T\nslides:\n  - kind: statement\n    text: \"Hei {{ kommne.name }}\"\n"
            "  - kind: statement\n    text: \"{{ figure('innflytting', kommuner='Tinnn') }}\"\n")
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(tmp_path / "d.yaml", tmp_path / "out.pptx")
    assert caught.value.messages() == [
        "d.yaml:4:11: slide 1, text: unknown variable: 'kommne' is undefined",
        "d.yaml:6:11: slide 2, text: unknown kommune 'Tinnn' — did you mean 'Tinn'?",
    ]
