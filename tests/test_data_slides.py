"""Every number on the example deck's data slides comes from data/, and every total is computed.

The expectations are recomputed here from the CSV files with the csv module, independently of
slidegen's pandas code, and compared with the figures the seed deck prints.
"""

from __future__ import annotations

import csv

from conftest import ROOT
from helpers import key_figures, number, placeholder_text, slide_titled, table_of, title_of

DATA = ROOT / "data"
NBSP, MINUS = "\u00a0", "\u2212"
NINE = ["4016", "4022", "4024", "4026", "4028", "4030", "4032", "4034", "4036"]
NAMES = dict(zip(NINE, ["Drangedal", "Seljord", "Hjartdal", "Tinn", "Kviteseid", "Nissedal",
                        "Fyresdal", "Tokke", "Vinje"], strict=True))
YEARS = [str(y) for y in range(2014, 2024)]


def rows(name: str) -> dict[tuple[str, str, str], float]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        return {(r["region"], r["period"], r["variable"]): float(r["value"])
                for r in csv.DictReader(handle) if r["value"]}  # '' = missing


def ten_year_total(data, region: str, variable: str) -> float:
    """Sum of the yearly rows when all ten are there, else the stored 2014-2023 total."""
    yearly = [data.get((region, y, variable)) for y in YEARS]
    if all(v is not None for v in yearly):
        return sum(yearly)
    return data[(region, "2014-2023", variable)]


def test_region_migration_table(example):
    data = rows("befolkningsendringer")
    table = table_of(slide_titled(example, "Flyttetall for distriktskommuner i Telemark de "
                                           "siste 10 årene"))
    assert table[0] == [""] + YEARS + ["Sum"]
    for row, variable in zip(table[1:], ["innflytting", "utflytting"], strict=True):
        expected = [data[("distriktskommuner-telemark", y, variable)] for y in YEARS]
        assert row[0] == variable.capitalize()
        assert [number(t) for t in row[1:-1]] == expected
        assert number(row[-1]) == sum(expected)
    # The seed deck prints the same sums.
    assert [r[-1] for r in table[1:]] == [f"10{NBSP}926", f"10{NBSP}405"]


def test_question_answer_is_computed(example):
    answer = example.slides[5]
    assert placeholder_text(answer, 20) == "Svar"
    assert title_of(answer) == f"I 2014–2023 flytta 10{NBSP}926 personer til de ni kommunene."
    assert answer.notes_slide.notes_text_frame.text == (
        f"10{NBSP}405 flytta ut i samme tiårsperiode, så netto innflytting var 521. Flytting "
        f"mellom de ni kommunene er ikke med.")


def test_population_table_sums_are_computed_not_copied(example):
    data = rows("befolkning")
    table = table_of(slide_titled(example, "Befolkning distriktskommuner i Telemark"))
    # «siste 2 år»: the newest two years SSB has, found in data/ by themselves
    assert table[0] == ["Befolkning 1. januar", "2025", "2026"]
    assert [r[0] for r in table[1:]] == [NAMES[k] for k in NINE] + ["Sum"]
    for row, kommune in zip(table[1:-1], NINE, strict=True):
        assert [number(t) for t in row[1:]] == [data[(kommune, "2025", "befolkning")],
                                                data[(kommune, "2026", "befolkning")]]
    assert [number(t) for t in table[-1][1:]] == [25537, 25485]  # summed by hand from SSB 07459
    assert [number(t) for t in table[-1][1:]] == [
        sum(data[(k, y, "befolkning")] for k in NINE) for y in ("2025", "2026")]
    # The seed deck printed 27 310 and 27 500 for 2023 and 2024: each is off by exactly its
    # year, a hand-made sum that took in the header cell. Computed from data/, they are right.
    seed_sums = [sum(data[(k, y, "befolkning")] for k in NINE) for y in ("2023", "2024")]
    assert seed_sums == [25287, 25476]
    assert (27310 - seed_sums[0], 27500 - seed_sums[1]) == (2023, 2024)


def test_migration_totals_match_the_seed(example):
    data = rows("befolkningsendringer")
    table = table_of(slide_titled(example, "SSB – Flyttinger 2014–2023"))
    assert table[0] == ["", "Innflytting", "Utflytting", "Netto flyttetall", "Fødde", "Døde",
                        "Fødselsoverskudd"]
    seed = {  # as printed in the seed deck's «SSB - Flyttinger 2014-2023»
        "4016": [1623, 1478, 145, 331, 524, -193], "4022": [1436, 1326, 110, 245, 367, -122],
        "4024": [751, 688, 63, 136, 173, -37], "4026": [2655, 2742, -87, 363, 716, -353],
        "4028": [1192, 1094, 98, 183, 289, -106], "4030": [752, 729, 23, 123, 128, -5],
        "4032": [655, 628, 27, 81, 152, -71], "4034": [980, 919, 61, 164, 269, -105],
        "4036": [1862, 1720, 142, 343, 358, -15],
    }
    for row, kommune in zip(table[1:], NINE, strict=True):
        inn, ut, fodde, dode = (ten_year_total(data, kommune, v)
                                for v in ("innflytting", "utflytting", "fødde", "døde"))
        assert row[0] == f"{kommune} {NAMES[kommune]}"
        assert [number(t) for t in row[1:]] == [inn, ut, inn - ut, fodde, dode, fodde - dode]
        assert [number(t) for t in row[1:]] == seed[kommune]
    assert table[1][6] == f"{MINUS}193"


def test_each_kommune_with_yearly_figures_has_its_table(example):
    data = rows("befolkningsendringer")
    with_years = {k for (k, p, _) in data if p in YEARS and k in NAMES}
    assert with_years == {"4016", "4022", "4024", "4026", "4028"}
    for kommune in sorted(with_years):
        name = NAMES[kommune]
        table = table_of(slide_titled(example, f"Flyttetall {name} siste 10 år (inn og "
                                               f"utflytting)"))
        assert table[0] == [""] + YEARS + ["Sum"]
        for row, variable in zip(table[1:], ["innflytting", "utflytting"], strict=True):
            assert row[0] == f"{variable.capitalize()} {kommune} {name}"
            expected = [data[(kommune, y, variable)] for y in YEARS]
            assert [number(t) for t in row[1:]] == expected + [sum(expected)]


def test_immigrant_share_key_figures(example):
    data = rows("innvandrere")
    shown = {}
    for slide in example.slides:
        texts = key_figures(slide)
        if texts:
            shown[title_of(slide)] = texts
    both = "er innvandrere eller norskfødte med innvandrerforeldre (2024)"
    alone = "er innvandrere (2026)"  # SSB 09817 without norskfødte: its own measure
    assert shown == {
        "Tinn: innvandrere og norskfødte med innvandrerforeldre":
            [f"15,4{NBSP}%\nav befolkningen (2024)"],
        "Innvandrere i Drangedal": [f"12,8{NBSP}%\n{both}", f"12,6{NBSP}%\n{alone}"],
        "Innvandrere i Seljord": [f"13,9{NBSP}%\n{both}", f"13,0{NBSP}%\n{alone}"],
        "Innvandrere i Hjartdal": [f"13,1{NBSP}%\n{both}", f"13,3{NBSP}%\n{alone}"],
        "Innvandrere i Tinn": [f"15,4{NBSP}%\n{both}", f"14,6{NBSP}%\n{alone}"],
    }
    # one decimal, rounded half up from the stored figures
    assert [data[(k, "2024", "innvandrerandel")] for k in ("4016", "4022", "4024", "4026")] == [
        12.82, 13.9, 13.07, 15.43]


def test_data_slides_name_their_source_in_footnote_and_notes(example):
    for slide in example.slides:
        if any(s.has_table for s in slide.shapes) or any(
                s.name.startswith("Nøkkeltall") for s in slide.shapes):
            footnote = placeholder_text(slide, 23)
            assert footnote in ("Kilde: SSB, tabell 06913", "Kilde: SSB, tabell 07459",
                                "Kilde: SSB", "Kilde: SSB; SSB, tabell 09817",
                                "Kilde: SSB, KLASS klassifikasjon 128 (Standard for "
                                "sentralitet)"), (
                title_of(slide), footnote)
            notes = slide.notes_slide.notes_text_frame.text
            first = footnote.split(";")[0]
            how = ("Tallene kom via oystess/valg_analyser."
                   if first.endswith(("07459", "sentralitet)")) else
                   "Tallene er avskrevet fra foredraget «Innvandrere som ressurs i distriktene»")
            source_note = notes[notes.index("Kilde:"):]  # after the slide's own notes
            assert source_note.startswith(f"{first}. {how}"), notes
            assert "ukjent" not in notes and " · " not in notes, notes
            if footnote.endswith("09817"):  # each source in the notes, with its carrier
                assert "Kilde: SSB, tabell 09817. Tallene kom via evensrii/Telemark" in notes


def test_tables_have_a_real_header_row(example):
    for slide in example.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.table.first_row
                header = shape.table.rows[0].cells
                assert all(c.text_frame.paragraphs[0].runs[0].font.bold for c in header)
