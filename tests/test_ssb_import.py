"""slidegen data import (files downloaded from statistikkbanken) and data update kommuner
(KLASS), offline."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from pptx import Presentation

from conftest import ROOT, snapshot
from slidegen import build_deck
from slidegen.cli import main
from slidegen.errors import DataError
from slidegen.ssb import PxWebClient, import_file, update_registry
from ssb_fake import FakeSsb, add_year, fixture, slice_cube

TODAY = dt.date(2026, 11, 27)
DOWNLOADED = dt.datetime(2026, 11, 26, 12, 0).timestamp()


def downloaded(path, content: bytes):
    path.write_bytes(content)
    os.utime(path, (DOWNLOADED, DOWNLOADED))
    return path


POPULATION_TABLE = """title: Befolkning
slides:
  # the example deck's population table (the whole example needs population since 2000)
  - kind: table
    title: Befolkning distriktskommuner i Telemark
    data: {kommuner: distriktskommuner-telemark, measures: befolkning, periods: siste 2 år}
    rows: kommune
    columns: period
    total_row: Sum
"""


def population_slide_numbers(out) -> list[str]:
    deck = out.parent / "decks" / "befolkning.yaml"
    deck.write_text(POPULATION_TABLE, "utf-8")
    build_deck(deck, out)
    prs = Presentation(str(out))
    slide = next(s for s in prs.slides if s.shapes.title is not None
                 and s.shapes.title.text == "Befolkning distriktskommuner i Telemark")
    table = next(s for s in slide.shapes if s.has_table).table
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def project(seed_project):
    """These tests fetch or import into the seed-sized population (conftest.copy_data)."""
    return seed_project

def test_jsonstat_download_adds_a_year_that_the_next_build_shows(project, capsys):
    # 2025 figures are made up for this test only
    cube = add_year(fixture("07459-kommsummer.json"), "2025",
                    lambda region, contents: 4000 + int(region[-2:]))
    downloaded(project / "07459.json", json.dumps(cube).encode())
    main(["data", "import", "07459.json"])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("imported 07459.json into befolkning; retrieved set to 2026-11-26 (the "
                      "file's date)")
    assert out[1] == ("befolkning ← 07459.json (JSON-stat, table 07459): 9 new, 0 changed, "
                      "18 unchanged")
    assert out[2] == "  new periods: 2025 (figures for 9 region(s))"
    assert out[-1] == "data/ updated"
    assert "4016,2025,befolkning,4016\n" in (project / "data" / "befolkning.csv").read_text()
    rows = population_slide_numbers(project / "deck.pptx")
    assert rows[0][1:] == ["2024", "2025"]  # the slide asks for the last two years
    assert rows[1] == ["Drangedal", "4\u00a0086", "4\u00a0016"]


SSB_CSV_LONG = (
    '"07459: Befolkning, etter region, statistikkvariabel og år"\r\n\r\n'
    '"region";"statistikkvariabel";"år";"07459: Befolkning, etter region, statistikkvariabel '
    'og år"\r\n'
    '"4016 Drangedal";"Personer";"2024";4090\r\n'
    '"3818 Tinn (2020-2023)";"Personer";"2023";5546\r\n'
    '"K-4030 Nissedal";"Personer";"2024";..\r\n')


def test_ssb_csv_in_latin1_revises_a_figure_and_keeps_missing_missing(project, capsys):
    # 4090 for Drangedal 2024 is a made-up revision (the seed says 4 086)
    downloaded(project / "befolkning.csv", SSB_CSV_LONG.encode("latin-1"))
    main(["data", "import", "befolkning.csv"])
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("befolkning ← befolkning.csv (SSB CSV, table 07459): 0 new, 2 changed, 1 "
                      "unchanged")
    assert "  changed: Drangedal (4016) befolkning 2024: 4086 → 4090" in out
    assert "  now missing: Nissedal (4030) befolkning 2024: 1471 → .." in out
    text = (project / "data" / "befolkning.csv").read_text()
    assert "4016,2024,befolkning,4090\n" in text and "4030,2024,befolkning,..\n" in text
    rows = population_slide_numbers(project / "deck.pptx")
    by_name = {r[0]: r[1:] for r in rows}
    assert by_name["Drangedal"] == ["4\u00a0091", "4\u00a0090"]
    assert by_name["Nissedal"][1] == ".."  # shown as missing, never as 0
    assert by_name["Sum"][1] == ".."  # a total with a missing part is missing too


def test_ssb_csv_wide_with_bom_and_a_trailing_separator(project):
    wide = ('\ufeff"region";"statistikkvariabel";"2023";"2024";\n'
            '"4016 Drangedal";"Personer";4091;4086;\n')
    downloaded(project / "wide.csv", wide.encode("utf-8"))
    report = import_file(project / "wide.csv", project / "data", dataset="befolkning")
    assert "befolkning ← wide.csv (SSB CSV, table ?): 0 new, 0 changed, 2 unchanged" in (
        report.lines())


@pytest.mark.parametrize(("content", "message"), [
    (b'"region";"kj\xf8nn";"\xe5r";"Personer"\n"4016 Drangedal";"Menn";"2024";2100\n'
     b'"4016 Drangedal";"Kvinner";"2024";1986\n',
     "bad.csv:1: the figures are split by 'kjønn' (Kvinner, Menn …), which befolkning does "
     "not have; download the table without it, or sum it out: --sum kjønn"),
    (b'"region";"statistikkvariabel";"2024"\n"9999 Atlantis";"Personer";5\n',
     "bad.csv:2: region '9999 Atlantis' is not a kommune in data/kommuner.csv (expected "
     "'4016 Drangedal' or 'K-4016 Drangedal')"),
    (b'"region";"statistikkvariabel";"2024"\n"4016 Drangedal";"Kvinner i alt";5\n',
     "bad.csv:2: statistikkvariabel 'Kvinner i alt' is not one of befolkning's; add it to "
     "query.labels in data/befolkning.yaml, e.g. 'Kvinner i alt: befolkning'"),
    (b'"region";"statistikkvariabel";"2024"\n"4016 Drangedal";"Personer"\n',
     "bad.csv:2: the row has 2 fields, the header 3"),
    (b'"region";"statistikkvariabel";"2024"\n"4016 Drangedal";"Personer";4.090\n',
     "bad.csv: 4016 2024 befolkning: expected a whole number of people, found 4.09"),
    (b'"region";"statistikkvariabel";"2024"\n"3815 Drangedal";"Personer";4086\n'
     b'"4016 Drangedal";"Personer";4086\n',
     "bad.csv:3: a second figure for 4016 2024 befolkning (old and new kommune numbers both "
     "in the file?); figures are not summed"),
    (b'{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], "dimension": '
     b'{"Region": {"category": {"index": ["4016"], "label": ["Drangedal"]}}}, "value": [1]}',
     "bad.csv: dimension 'Region': expected category.label to be an object"),
    (b'{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], "dimension": '
     b'{"Region": {"category": {"index": ["4016"]}}}, "value": [null], "status": {"0": ["x"]}}',
     "bad.csv: status[0]: expected a symbol such as '..', found ['x']"),
    (b'{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], "dimension": '
     b'{"Region": []}, "value": [1]}',
     "bad.csv: dimension 'Region' has no categories"),
    (b'{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], "dimension": '
     b'{"Region": {"category": {"index": {"4016": "first"}}}}, "value": [1]}',
     "bad.csv: dimension 'Region': category.index positions must be 0–0, each once"),
    (b'{"version": "2.0", "class": "dataset", "id": ["Region"], "size": [1], "dimension": {',
     "bad.csv: not valid JSON (Expecting property name enclosed in double quotes: line 1 "
     "column 85 (char 84)); it may be cut off"),
])
def test_bad_downloads_name_the_line_and_leave_data_alone(project, content, message):
    before = snapshot(project / "data")
    downloaded(project / "bad.csv", content)
    with pytest.raises(DataError) as caught:
        import_file(project / "bad.csv", project / "data", dataset="befolkning")
    assert caught.value.messages() == [message]
    assert snapshot(project / "data") == before


def test_utf16_from_excel_is_read(project):
    text = "region\tstatistikkvariabel\t2024\n4016 Drangedal\tPersoner\t4090\n"
    downloaded(project / "excel.txt", text.encode("utf-16"))
    report = import_file(project / "excel.txt", project / "data", dataset="befolkning")
    assert "  changed: 4016 (4016) befolkning 2024: 4086 → 4090" in report.lines()


def test_a_file_of_an_unknown_table_is_refused(project):
    cube = fixture("07459-kommsummer.json")
    cube["extension"]["px"]["tableid"] = "12345"
    downloaded(project / "x.json", json.dumps(cube).encode())
    with pytest.raises(DataError) as caught:
        import_file(project / "x.json", project / "data")
    assert caught.value.messages() == [
        "x.json: SSB table 12345 is not the source of any dataset in data (tables: 07459 "
        "(befolkning), 06913 (befolkningsendringer), 09429 (utdanning), 09817 "
        "(landbakgrunn))"]  # datasets with figures first, then those declared only


def _drangedal_twice(values: dict) -> dict:
    """A 07459 answer for 2024 with Drangedal under its number and its 2020–2023 number, in the
    order and with the values given (None: no figure)."""
    cube = slice_cube(fixture("07459-kommsummer.json"),
                      {"Region": ["K-4016"], "ContentsCode": ["Personer1"], "Tid": ["2024"]})
    labels = {"4016": "Drangedal", "3815": "Drangedal (2020-2023)"}
    cube["dimension"]["Region"]["category"] = {
        "index": {code: i for i, code in enumerate(values)},
        "label": {code: labels[code] for code in values}}
    cube["size"][0] = len(values)
    cube["value"] = list(values.values())
    return cube


def test_old_and_new_numbers_with_figures_for_the_same_year_are_not_summed(project):
    cube = _drangedal_twice({"4016": 4086, "3815": 12})  # 12 is made up: a second figure
    downloaded(project / "twice.json", json.dumps(cube).encode())
    with pytest.raises(DataError) as caught:
        import_file(project / "twice.json", project / "data")
    assert caught.value.messages() == [
        "twice.json: regions 4016 and 3815 both have a figure for 2024 and are both kommune "
        "4016 today (merged, or numbered twice); their figures are not summed — check "
        "data/kommuner.csv, or use a code list that joins old and new numbers "
        "(query.region.codelist)"]


def test_an_old_number_without_a_figure_gives_way_to_the_new_one(project):
    cube = _drangedal_twice({"3815": None, "4016": 4086})
    cube["status"] = {"0": "."}
    downloaded(project / "ok.json", json.dumps(cube).encode())
    report = import_file(project / "ok.json", project / "data")
    assert "befolkning ← ok.json (JSON-stat, table 07459): 0 new, 0 changed, 1 unchanged" in (
        report.lines())


def klass_client(fake: FakeSsb) -> PxWebClient:
    return PxWebClient("https://data.ssb.no/api/klass/v1", transport=fake.transport,
                       sleep=lambda s: None)


def klass_from_sources() -> FakeSsb:
    """KLASS's answers in its own structure, made from the files in tools/sources/ that
    tools/build_registry.py reads: the live update must give the same registry."""
    sources = ROOT / "tools" / "sources"
    fake = FakeSsb()
    fake.klass = {
        ("131", "changes"): json.loads((sources / "klass-131" / "changes-1971-2025.json")
                                       .read_text("utf-8")),
        ("131", "codesAt"): {"codes": json.loads(
            (sources / "klass-131" / "kommuneinndeling-2024.json").read_text("utf-8"))
            ["classificationItems"]},
        ("104", "codesAt"): {"codes": [
            {"code": f["id"], "name": f["name"], "shortName": ""}
            for f in json.loads((sources / "fylker-2024.json").read_text("utf-8"))]}}
    return fake


def test_registry_update_follows_the_reforms(project):
    csv_file = project / "data" / "kommuner.csv"
    # as if the registry had been written in 2022: Tinn under its 2020–2023 number
    csv_file.write_text(csv_file.read_text().replace("4026,Tinn,40,Telemark,3818,0826",
                                                     "3818,Tinn,38,Vestfold og Telemark,,0826"))
    groups = project / "data" / "kommuner.yaml"
    groups.write_text(groups.read_text().replace("4026,", "3818,"))
    report = update_registry(project / "data", client=klass_client(klass_from_sources()),
                             today=TODAY)
    assert "4026 Tinn: new: Tinn (Telemark), earlier 3818 0826" in report.lines()
    assert "357 kommuner, 356 unchanged" in report.lines()
    assert report.lines()[-1] == "data/kommuner.csv updated"
    assert csv_file.read_text() == (ROOT / "data" / "kommuner.csv").read_text()
    assert "retrieved: 2026-11-27\n" in (project / "data" / "kommuner.yaml").read_text()


def _registry_dry_run(project, fake) -> list[str]:
    return update_registry(project / "data", dry_run=True, client=klass_client(fake),
                           today=TODAY).lines()


def test_a_merge_stores_every_old_number_and_nothing_is_written_in_a_dry_run(project):
    # test-only: pretend Hjartdal was formed from 3819 and a second kommune 3899 in 2024
    fake = klass_from_sources()
    fake.klass[("131", "changes")]["codeChanges"].append(
        {"oldCode": "3899", "oldName": "Test", "newCode": "4024", "newName": "Hjartdal",
         "changeOccurred": "2024-01-01"})
    before = snapshot(project / "data")
    lines = _registry_dry_run(project, fake)
    assert "4024 Hjartdal: now Hjartdal (Telemark), earlier 3819 3899 0827" in lines
    assert lines[-1] == "dry run: nothing written"
    assert snapshot(project / "data") == before


def test_an_earlier_number_klass_does_not_mention_is_kept(project):
    csv_file = project / "data" / "kommuner.csv"
    csv_file.write_text(csv_file.read_text().replace("4026,Tinn,40,Telemark,3818,0826",
                                                     "4026,Tinn,40,Telemark,3818,0826 0899"))
    lines = _registry_dry_run(project, klass_from_sources())
    assert "4026 Tinn: earlier number 0899 is not in KLASS's changes; kept as it was" in lines
    assert "357 kommuner, 357 unchanged" in lines


@pytest.mark.parametrize(("change", "message"), [
    (lambda fake: fake.klass.__setitem__(("131", "changes"), {"codeChanges": []}),
     "KLASS 131 changes: expected a non-empty list 'codeChanges'; the registry is left as it "
     "was"),
    (lambda fake: fake.klass.__setitem__(("104", "codesAt"), {"codes": [
        {"code": "39", "name": "Vestfold"}]}),
     "KLASS 104 codes: no fylke 03 for 0301 Oslo; the registry is left as it was"),
    (lambda fake: fake.klass.__setitem__(("131", "codesAt"), fixture("klass-131-codesAt.json")),
     "KLASS 131: 0301 Oslo, 1101 Eigersund, 1103 Stavanger and 345 more of data/kommuner.csv "
     "are neither kommuner today nor followed to one in KLASS's changes; the registry is left "
     "as it was"),
])
def test_registry_update_refuses_answers_that_would_lose_history(project, change, message):
    fake = klass_from_sources()
    change(fake)
    before = snapshot(project / "data")
    with pytest.raises(DataError) as caught:
        update_registry(project / "data", client=klass_client(fake), today=TODAY)
    assert caught.value.messages() == [message]
    assert snapshot(project / "data") == before
