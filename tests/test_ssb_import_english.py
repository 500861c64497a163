"""slidegen data import: English downloads, and old kommune numbers in downloaded files.
Every file here is made by hand for the test; figures that differ from the seed's are made up
and say so."""

from __future__ import annotations

import os

import pytest

from conftest import snapshot
from slidegen.data import load_data
from slidegen.errors import DataError
from slidegen.ssb import import_file
from slidegen.ssb.importing import read_download

DOWNLOADED = 1_795_000_000  # 2026-11-18, the file's date


def downloaded(path, content: bytes):
    path.write_bytes(content)
    os.utime(path, (DOWNLOADED, DOWNLOADED))
    return path


ENGLISH = {'"kjønn"': '"sex"', '"statistikkvariabel"': '"contents"', '"år"': '"year"',
           "Begge kjønn": "Both sexes", '"Menn"': '"Males"', '"Kvinner"': '"Females"',
           "Personer": "Persons", "Befolkning, etter region, kjønn, statistikkvariabel og år":
           "Population, by region, sex, contents and year", "07459: Befolkning":
           "07459: Population"}


def english(text: str) -> str:
    for norwegian, words in ENGLISH.items():
        text = text.replace(norwegian, words)
    return text


LONG = ('"07459: Befolkning, etter region, statistikkvariabel og år"\r\n\r\n'
        '"region";"statistikkvariabel";"år";"07459: Befolkning"\r\n'
        '"4016 Drangedal";"Personer";"2023";4091\r\n'
        '"4016 Drangedal";"Personer";"2024";4090\r\n'  # made up (the seed: 4086)
        '"3818 Tinn (2020-2023)";"Personer";"2023";5546\r\n'
        '"K-4030 Nissedal";"Personer";"2024";..\r\n')


@pytest.fixture
def project(seed_project):
    """These tests fetch or import into the seed-sized population (conftest.copy_data)."""
    return seed_project

def test_english_headings_import_the_same_rows_as_norwegian(project):
    assert english(LONG).splitlines()[2] == '"region";"contents";"year";"07459: Population"'
    data = load_data(project / "data")
    rows = {}
    for name, text in (("no.csv", LONG), ("en.csv", english(LONG))):
        downloaded(project / name, text.encode("utf-8"))
        rows[name] = read_download(project / name, data, None)[0].rows
    assert rows["no.csv"] == rows["en.csv"]
    assert [(r.region, r.period, r.value) for r in rows["no.csv"]] == [
        ("4016", "2023", "4091"), ("4016", "2024", "4090"), ("4026", "2023", "5546"),
        ("4030", "2024", "..")]


def test_english_wide_csv(project):
    wide = '"region";"Persons 2023";"Persons 2024"\n"4016 Drangedal";4091;4086\n'
    downloaded(project / "wide.csv", wide.encode("utf-8"))
    report = import_file(project / "wide.csv", project / "data", dataset="befolkning")
    assert "befolkning ← wide.csv (SSB CSV, table ?): 0 new, 0 changed, 2 unchanged" in (
        report.lines())


def test_old_kommune_numbers_map_and_an_unknown_one_names_its_line(project):
    csv_text = ('"region";"statistikkvariabel";"år";"Personer"\n'
                '"0826 Tinn (-2019)";"Personer";"2019";5900\n'   # made up
                '"3818 Tinn (2020-2023)";"Personer";"2023";5546\n'
                '"0899 Test (-2019)";"Personer";"2019";1\n')
    downloaded(project / "old.csv", csv_text.encode("utf-8"))
    before = snapshot(project / "data")
    with pytest.raises(DataError) as caught:
        import_file(project / "old.csv", project / "data", dataset="befolkning")
    assert caught.value.messages() == [
        "old.csv:4: region '0899 Test (-2019)' is not a kommune in data/kommuner.csv (expected "
        "'4016 Drangedal' or 'K-4016 Drangedal')"]
    assert snapshot(project / "data") == before
    downloaded(project / "old.csv", csv_text.rsplit('"0899', 1)[0].encode("utf-8"))
    report = import_file(project / "old.csv", project / "data", dataset="befolkning",
                         dry_run=True)
    assert "befolkning ← old.csv (SSB CSV, table ?): 1 new, 0 changed, 1 unchanged" in (
        report.lines())
    assert "  new periods: 2019 (figures for 1 region(s))" in report.lines()
