"""Inputs found by review that once gave a traceback or silently wrong text: each now gives a
clear error with its place, or the text as written."""

from __future__ import annotations

import os
import shutil
import stat

import pytest
from pptx import Presentation

from conftest import ROOT
from helpers import title_of
from slidegen import build_deck, charts
from slidegen.charts import cache
from slidegen.data import load_data
from slidegen.errors import BuildError, DataError, SpecError
from slidegen.spec.loader import load_deck


def messages(kind, fn, *args):
    with pytest.raises(kind) as caught:
        fn(*args)
    return caught.value.messages()


def test_yaml_text_stays_text_and_merge_keys_override(write, tmp_path):
    deck = write("d.yaml", """
        title: T
        slides:
          - &a {kind: title, title: Hei, subtitle: 0301}
          - <<: *a
            title: Slått sammen
          - kind: bullets
            title: Klokka
            items: [12:30, no, 0604]
    """)
    build_deck(deck, tmp_path / "o.pptx")
    slides = list(Presentation(str(tmp_path / "o.pptx")).slides)
    assert [title_of(s) for s in slides] == ["Hei", "Slått sammen", "Klokka"]
    assert slides[1].placeholders[1].text_frame.text == "0301"
    assert slides[2].placeholders[1].text_frame.text == "12:30\nno\n0604"


@pytest.mark.parametrize("text, message", [
    ("title: T\ndate: 2024-02-30\nslides: [{kind: section, title: x}]\n",
     "d.yaml:2:7: '2024-02-30' is not a valid date (day is out of range for month)"),
    ("title: \"a\x07b\"\nslides: []\n",
     "d.yaml:1:10: YAML syntax error: a character YAML does not allow: U+0007"),
    ("title: T\nslides: " + "[" * 600 + "]" * 600 + "\n", "d.yaml:1:1: nested too deeply to read"),
])
def test_malformed_yaml_is_an_error_not_a_traceback(write, text, message):
    path = write("d.yaml", "x")
    path.write_text(text, "utf-8")
    assert messages(SpecError, load_deck, path) == [message]


@pytest.mark.parametrize("text, message", [
    ("{{ figure }}", "{{ figure }} is a function: call it, e.g. figure(measure, kommuner=…, "
                     "region=…, periods=…, decimals=…)"),
    ("{{ 1/0 }}", "text template error: ZeroDivisionError: division by zero"),
    ("{{ figure('innflytting', kommune='Tinn') }}",
     "figure() got an unexpected keyword argument 'kommune'; it is used as figure(measure, "
     "kommuner=…, region=…, periods=…, decimals=…)"),
])
def test_text_template_mistakes_name_the_line(write, tmp_path, text, message):
    deck = write("d.yaml", f"title: T\ndata: {ROOT / 'data'}\nslides:\n"
                           f"  - {{kind: statement, text: \"{text}\"}}\n")
    got = messages(DataError, build_deck, deck, tmp_path / "o.pptx")
    assert got == [f"d.yaml:4:29: slide 1, text: {message}"]


KOMMUNE_HAS = ("it has kommune.name, kommune.number, kommune.slug, kommune.fylke, "
               "kommune.fylke_group, kommune.sentralitet, kommune.sentralitet_group")


@pytest.mark.parametrize("text, message", [
    ("{{ kommune.navn }}", f"unknown variable: kommune has no 'navn'; {KOMMUNE_HAS}"),
    ("{{ kommune.fylket | upper }}", f"unknown variable: kommune has no 'fylket'; {KOMMUNE_HAS}"),
    ("{{ kommun }}", "unknown variable: 'kommun' is undefined"),
])
def test_a_misspelt_text_variable_says_what_there_is(write, tmp_path, text, message):
    deck = write("d.yaml", f"title: T\ndata: {ROOT / 'data'}\nkommune: Tinn\nslides:\n"
                           f"  - {{kind: statement, text: \"{text}\"}}\n")
    got = messages(DataError, build_deck, deck, tmp_path / "o.pptx")
    assert got == [f"d.yaml:5:29: slide 1, text: {message}"]


@pytest.fixture
def data(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_bad_csv_shapes_and_values(data):
    (data / "befolkning.csv").write_text("", "utf-8")
    (data / "innvandrere.csv").write_text("region,period,variable,value\n", "utf-8")
    with (data / "befolkningsendringer.csv").open("a", encoding="utf-8") as handle:
        handle.write("4016,2014-2023,fødde,inf\n4016,2014,døde\n")
    assert messages(DataError, load_data, data) == [
        f"{data}/befolkning.csv:1: the file is empty; expected a header (region, period, "
        "variable, value) and rows",
        f"{data}/befolkningsendringer.csv:149: the row has 3 fields, the header 4",
        f"{data}/befolkningsendringer.csv:148: value: expected a number (decimal point, no "
        "spaces) or empty for a missing figure, found 'inf'",
        f"{data}/innvandrere.csv: has a header but no rows",
    ]


def test_a_kommune_number_names_one_kommune(data):
    with (data / "kommuner.csv").open("a", encoding="utf-8") as handle:
        handle.write("4099,Nykommune,40,Telemark,3818,\n")
    lines = (data / "kommuner.csv").read_text(encoding="utf-8").splitlines()
    tinn = next(i for i, line in enumerate(lines, start=1) if line.startswith("4026,"))
    assert messages(DataError, load_data, data) == [
        f"{data}/kommuner.csv:{len(lines)}: number 3818 is already used on line {tinn} (4026)"]


def test_output_mode_follows_the_umask_and_bad_targets_are_named(write, tmp_path):
    deck = write("d.yaml", "title: T\nslides: [{kind: section, title: x}]\n")
    old = os.umask(0o022)
    try:
        build_deck(deck, tmp_path / "o.pptx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "o.pptx").stat().st_mode) == 0o644
    (tmp_path / "mappe.pptx").mkdir()
    assert messages(BuildError, build_deck, deck, tmp_path / "mappe.pptx") == [
        "cannot write mappe.pptx: it is a folder"]


def test_a_damaged_cache_entry_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path))
    chart = charts.ChartData(("2023", "2024"), (charts.Series("A", (1.0, 2.0)),), "personer",
                             0, "period", "measure", "a", "Tinn", "2023–2024")
    painter = charts.Painter()
    first = painter.render("bar", chart, 4, 3)
    [entry] = list(tmp_path.glob("*.png"))
    entry.write_bytes(first[:100])  # cut short, as by a crash
    assert painter.render("bar", chart, 4, 3) == first
    assert painter.drawn == 2
    assert cache.get(entry.stem) == first
    damaged = bytearray(first)
    damaged[len(first) // 2: len(first) // 2 + 64] = bytes(64)  # same length, zeroed inside
    entry.write_bytes(bytes(damaged))
    assert cache.get(entry.stem) is None


def test_deck_kommune_and_formula_cycles_name_their_line(data, write, tmp_path):
    (data / "measures.yaml").write_text("measures:\n  a: {label: A, formula: b + 1}\n"
                                        "  b: {label: B, formula: a - 1}\n", "utf-8")
    assert messages(DataError, load_data, data) == [
        "data/measures.yaml:2: measures.a.formula: measures refer to each other in a "
        "circle: a → b → a"]  # relative: the write fixture works inside tmp_path
    deck = write("d.yaml", f"title: T\ndata: {ROOT / 'data'}\nkommune: Tinnn\n"
                           "slides: [{kind: statement, text: \"{{ kommune.name }}\"}]\n")
    assert messages(DataError, build_deck, deck, tmp_path / "o.pptx") == [
        "d.yaml:3:10: kommune: unknown kommune 'Tinnn' — did you mean 'Tinn'?"]
