"""Registry, measures, relative periods, totals and table splitting, on copies of data/."""

from __future__ import annotations

import pytest
from pptx import Presentation

from conftest import ROOT, copy_data
from helpers import key_figures, number, table_of, title_of
from slidegen import build_deck, check_pptx
from slidegen.data import load_data
from slidegen.data.tables import Selection, build_table, single_value
from slidegen.errors import DataError, SelectionError, display_path

NBSP = "\u00a0"


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def test_registry_finds_kommuner_by_name_and_every_number():
    registry = load_data(ROOT / "data").registry
    for ref in ("Tinn", "tinn", "4026", "3818", "0826", 4026):
        assert registry.find(ref).number == "4026"
    assert registry.groups["distriktskommuner-telemark"].members[0] == "4016"
    with pytest.raises(LookupError, match="did you mean 'Vinje'"):
        registry.find("Vinnje")


def test_an_unknown_kommune_is_matched_against_kommuner_only_whatever_the_case():
    registry = load_data(ROOT / "data").registry

    def message(ref: str) -> str:
        with pytest.raises(LookupError) as caught:
            registry.find(ref)
        return caught.value.args[0]

    listed = display_path(ROOT / "data" / "kommuner.csv")
    assert message("tin") == "unknown kommune 'tin' — did you mean 'Tinn'?"
    assert message("Distriktskommuner-Telemark") == (
        "'Distriktskommuner-Telemark' is a group of kommuner, not one kommune")
    assert message("distriktskommuner-telemar") == (  # a group is never offered as a kommune
        f"unknown kommune 'distriktskommuner-telemar' (not a kommune's name or number in "
        f"{listed})")
    assert message("Xyzzy") == (
        f"unknown kommune 'Xyzzy' (not a kommune's name or number in {listed})")


@pytest.mark.parametrize("kommuner, region", [("Distriktskommuner-Telemark", None),
                                              (None, "DISTRIKTSKOMMUNER-TELEMARK")])
def test_a_selection_names_a_group_whatever_the_case(kommuner, region):
    data = load_data(ROOT / "data")
    table = build_table(data, Selection(["befolkning"], kommuner, region, "2024"),
                        ["kommune"], ["period"], None, None, "name")
    assert len(table.rows) == (9 if kommuner else 1)


def test_rows_under_old_numbers_join_the_current_series(data):
    text = (data / "befolkning.csv").read_text(encoding="utf-8")
    # the same figures keyed by 38xx (2020–2023) and 08xx (before 2020) numbers
    text = text.replace("4026,2023,", "3818,2023,").replace("4016,2024,", "0817,2024,")
    (data / "befolkning.csv").write_text(text, encoding="utf-8")
    cell, *_ = single_value(load_data(data), Selection(["befolkning"], "Tinn", None, "2023"))
    assert cell.value == 5546
    cell, *_ = single_value(load_data(data), Selection(["befolkning"], "Drangedal", None, "2024"))
    assert cell.value == 4086


def test_adding_a_year_shifts_relative_periods(data, tmp_path):
    with (data / "befolkningsendringer.csv").open("a", encoding="utf-8") as handle:
        # test-only figures for a year the repo does not have
        handle.write("distriktskommuner-telemark,2024,innflytting,1000\n"
                     "distriktskommuner-telemark,2024,utflytting,900\n")
    deck = tmp_path / "d.yaml"
    deck.write_text("""
title: T
slides:
  - kind: question
    text: Hvor mange?
    answer: >-
      {{ figure('innflytting', region='distriktskommuner-telemark', periods='siste 10 år') }}
  - kind: table
    title: "Flytting {{ period('innflytting', 'siste 10 år') }}"
    data: {region: distriktskommuner-telemark, measures: [innflytting], periods: siste 10 år}
    rows: measure
    columns: period
    total_column: Sum
""", encoding="utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    prs = Presentation(str(tmp_path / "o.pptx"))
    table = table_of(prs.slides[2])
    assert title_of(prs.slides[2]) == "Flytting 2015–2024"
    assert table[0] == [""] + [str(y) for y in range(2015, 2025)] + ["Sum"]
    assert number(table[1][-1]) == 10926 - 1050 + 1000
    assert title_of(prs.slides[1]) == f"10{NBSP}876"


def test_missing_parts_make_totals_missing_and_are_marked(data, tmp_path):
    text = (data / "befolkning.csv").read_text(encoding="utf-8")
    (data / "befolkning.csv").write_text(text.replace("4024,2024,befolkning,1630",
                                                      "4024,2024,befolkning,.."), "utf-8")
    table = build_table(load_data(data), Selection(["befolkning"], "distriktskommuner-telemark",
                                                   None, "siste 2 år"),
                        ["kommune"], ["period"], "Sum", None, "name")
    assert table.total[1][0].value == 25287
    assert table.total[1][1].value != table.total[1][1].value  # NaN: never a smaller sum
    deck = tmp_path / "d.yaml"
    deck.write_text("title: T\nslides:\n  - kind: table\n    title: B\n    data: {kommuner: "
                    "distriktskommuner-telemark, measures: befolkning, periods: siste 2 år}\n"
                    "    rows: kommune\n    columns: period\n    total_row: true\n", "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    rows = table_of(slide)
    assert rows[3] == ["Hjartdal", f"1{NBSP}588", ".."]
    assert rows[-1] == ["Sum", f"25{NBSP}287", ".."]
    footnote = [s.text_frame.text for s in slide.placeholders if s.placeholder_format.idx == 23]
    assert footnote == ["Kilde: SSB, tabell 07459. .. = tall mangler"]


def test_derived_measures_from_a_formula(data):
    (data / "measures.yaml").write_text("""
measures:
  netto_flytting: {label: Netto flyttetall, formula: innflytting - utflytting}
  netto_per_fodt: {label: Netto per fødte, formula: netto_flytting / fødde, unit: prosent,
                   decimals: 1}
""", encoding="utf-8")
    loaded = load_data(data)
    assert loaded.measures["netto_per_fodt"].kind == "share"
    cell, *_ = single_value(loaded, Selection(["netto_per_fodt"], "Drangedal", None,
                                              "2014-2023"))
    assert cell.value == pytest.approx((1623 - 1478) / 331)


@pytest.mark.parametrize("formula, message", [
    ("innflyting - utflytting", "unknown name 'innflyting' — did you mean 'innflytting'?"),
    ("__import__('os')", "only + - * / on names and numbers are allowed, found "
                         "'__import__('os')'"),
    ("innflytting -", "not a formula: 'innflytting -'"),
])
def test_bad_formulas_name_the_line(data, formula, message):
    (data / "measures.yaml").write_text(f"measures:\n  x:\n    label: X\n    formula: "
                                        f"\"{formula}\"\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(data)
    assert caught.value.messages() == [f"data/measures.yaml:4: measures.x.formula: {message}"]


def test_totals_only_where_adding_up_means_something():
    loaded = load_data(ROOT / "data")
    sel = Selection(["innvandrerandel"], ["Tinn", "Seljord"], None, "2024")
    with pytest.raises(SelectionError, match="shares cannot be added up"):
        build_table(loaded, sel, ["kommune"], ["period"], "Sum", None, "name")
    sel = Selection(["innflytting", "utflytting"], "Tinn", None, "siste 10 år")
    with pytest.raises(SelectionError, match="different measures cannot be added up"):
        build_table(loaded, sel, ["period"], ["measure"], None, "Sum", "name")
    sel = Selection(["befolkning"], "Tinn", None, "siste 2 år")
    with pytest.raises(SelectionError, match="cannot be added up over 2025–2026"):
        build_table(loaded, sel, ["kommune"], ["measure"], None, None, "name")


def test_long_tables_split_with_the_header_repeated(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    deck = tmp_path / "d.yaml"
    deck.write_text(f"""
title: T
data: {ROOT / 'data'}
slides:
  - kind: table
    title: Alt
    source: SSB
    data:
      kommuner: distriktskommuner-telemark
      measures: [innflytting, utflytting, netto_flytting]
      periods: 2014-2023
    rows: [kommune, measure]
    columns: period
    kommune_label: number_name
""", encoding="utf-8")
    result = build_deck(deck, tmp_path / "o.pptx")
    slides = list(Presentation(str(tmp_path / "o.pptx")).slides)
    assert result.slide_count == len(slides) >= 3
    # numbered from the second continuation, so every title is its own and check passes it
    assert [title_of(s) for s in slides][:3] == ["Alt", "Alt (forts.)", "Alt (forts. 2)"]
    assert [title_of(s) for s in slides][3:] == [f"Alt (forts. {n})"
                                                 for n in range(3, len(slides))]
    assert not [f for f in check_pptx(tmp_path / "o.pptx").errors if f.rule == "unique-title"]
    tables = [table_of(s) for s in slides]
    years = [str(y) for y in range(2014, 2024)]
    assert all(t[0] == [""] + years for t in tables)  # the header on every slide
    body = [row for t in tables for row in t[1:]]
    assert len(body) == 27 and body[0][0] == "4016 Drangedal Innflytting"
    # Vinje has only the 2014–2023 total, no years: shown as missing, never invented
    assert body[-1] == ["4036 Vinje Netto flyttetall"] + [".."] * 10


def test_three_key_figures_side_by_side_and_source_override(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    deck = tmp_path / "d.yaml"
    deck.write_text(f"""
title: T
data: {ROOT / 'data'}
kommune: 4026
slides:
  - kind: key_figure
    title: "Tre kommuner – {{{{ kommune.name }}}} ({{{{ kommune.number }}}}) først"
    source: IMDi/SSB
    figures:
      - {{data: {{measures: innvandrerandel}}, label: av befolkningen, decimals: 2}}
      - {{data: {{measures: innvandrerandel, kommuner: Seljord}}, label: av befolkningen}}
      - {{data: {{measures: befolkning, kommuner: distriktskommuner-telemark}},
          label: innbyggere}}
""", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(deck, tmp_path / "o.pptx")
    assert caught.value.messages() == [
        f"{deck}:12:16: slide 1, figures[2].data: a single figure needs one measure and one "
        f"kommune or region; found 9 kommuner"]
    deck.write_text(deck.read_text("utf-8").replace(
        "kommuner: distriktskommuner-telemark", "kommuner: Vinje"), "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    assert title_of(slide) == "Tre kommuner – Tinn (4026) først"
    boxes = [s for s in slide.shapes if s.name.startswith("Nøkkeltall")]
    assert [b.text_frame.text for b in boxes] == [
        f"15,43{NBSP}%\nTinn: av befolkningen (2024)",
        f"13,9{NBSP}%\nSeljord: av befolkningen (2024)",
        f"3{NBSP}829\nVinje: innbyggere (2026)"]
    assert boxes[0].left < boxes[1].left < boxes[2].left
    assert boxes[2].left + boxes[2].width <= slide.part.package.presentation_part \
        .presentation.slide_width
    footnote = [s.text_frame.text for s in slide.placeholders if s.placeholder_format.idx == 23]
    assert footnote == ["Kilde: IMDi/SSB"]  # the slide's own source wins over the metadata
    notes = slide.notes_slide.notes_text_frame.text
    # for the speaker: no date where none is known, nothing of slidegen's own
    assert notes.startswith("Kilde: SSB. Tallene er avskrevet fra foredraget")
    assert "Kilde: SSB, tabell 07459. Tallene kom via oystess/valg_analyser. https://" in notes
    assert "ukjent" not in notes and ".csv" not in notes


def test_data_list_command(capsys):
    from slidegen.cli import main

    main(["data", "list", str(ROOT / "data")])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "befolkning: Befolkning 1. januar, 1986–2026, 14637 rows, 357 regions"
    assert "  source: SSB, tabell 06913 (retrieved: unknown)" in out
    first = out.index("  netto_flytting = innflytting - utflytting  (Netto flyttetall)")
    assert out[first:first + 3] == [
        "  netto_flytting = innflytting - utflytting  (Netto flyttetall)",
        "  fødselsoverskudd = fødde - døde  (Fødselsoverskudd)",
        "  befolkningsendring = fødde - døde + innflytting - utflytting  (Befolkningsendring)"]


def test_a_missing_key_figure_says_what_is_missing(tmp_path, monkeypatch):
    # Nissedal's immigrant share is not in data/ (innvandrere.yaml says so)
    monkeypatch.chdir(ROOT)
    deck = tmp_path / "d.yaml"
    deck.write_text(f"""
title: T
data: {ROOT / 'data'}
kommune: Nissedal
slides:
  - kind: key_figure
    title: "Innvandrere i {{{{ kommune.name }}}}"
    figures:
      - {{data: {{measures: innvandrerandel}}, label: av befolkningen}}
      - {{data: {{measures: befolkning}}, label: innbyggere}}
""", encoding="utf-8")
    assert build_deck(deck, tmp_path / "o.pptx").warnings == []  # one of two is there
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    boxes = key_figures(slide)
    assert boxes == ["Tall mangler\nInnvandrere og norskfødte med innvandrerforeldre (2024)",
                     f"1{NBSP}509\ninnbyggere (2026)"]
    deck.write_text(deck.read_text("utf-8").replace(
        "      - {data: {measures: befolkning}, label: innbyggere}\n", ""), "utf-8")
    assert build_deck(deck, tmp_path / "o.pptx").warnings == [
        f"{deck}:6: every figure on the slide is missing («Tall mangler») for Nissedal"]


def test_figures_carried_by_another_publisher_say_so_in_the_notes(tmp_path):
    """Figures that came through a public repository, not from SSB's own API, name it in the
    speaker notes, so every figure can be traced to where it was fetched."""
    copy_data(tmp_path / "data")
    meta = tmp_path / "data" / "befolkning.yaml"
    meta.write_text(meta.read_text("utf-8") + "carried_by: eksempel/repo · data/b.csv · "
                    "abc1234\n", "utf-8")  # test-only provenance
    deck = tmp_path / "d.yaml"
    deck.write_text("title: T\nslides:\n  - kind: key_figure\n    title: Tinn\n    figures:\n"
                    "      - {data: {measures: befolkning, kommuner: Tinn}, label: innbyggere}\n",
                    "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    notes = Presentation(str(tmp_path / "o.pptx")).slides[0].notes_slide.notes_text_frame.text
    # the repository, not the file path and commit: those are for the data's maintainer
    assert "Tallene kom via eksempel/repo." in notes and "abc1234" not in notes
