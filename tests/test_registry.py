"""The registry of all 357 kommuner, made from the KLASS files in tools/sources/."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from conftest import ROOT
from helpers import load_tool
from slidegen.cli import main
from slidegen.data import load_data
from slidegen.data.registry import load_registry
from slidegen.errors import DataError

SOURCES = ROOT / "tools" / "sources"
REGISTRY = load_registry(ROOT / "data")
CHANGES = json.loads((SOURCES / "klass-131" / "changes-1971-2025.json").read_text("utf-8"))[
    "codeChanges"]


def tool():
    return load_tool("build_registry")


def version(year: int) -> dict[str, str]:
    doc = json.loads((SOURCES / "klass-131" / f"kommuneinndeling-{year}.json").read_text("utf-8"))
    return {item["code"]: item["name"] for item in doc["classificationItems"]
            if item["code"] != "9999"}


def test_the_tool_regenerates_exactly_the_committed_files():
    for name, text in tool().outputs().items():
        assert text == (ROOT / "data" / name).read_text("utf-8"), name


def test_every_kommune_of_2024_is_in_the_registry_with_klass_names():
    assert {n: k.name for n, k in REGISTRY.kommuner.items()} == version(2024)
    assert len(REGISTRY.kommuner) == 357
    assert REGISTRY.find("Karasjok").name == "Kárášjohka - Karasjok"


def follow(code: str, on: str) -> set[str]:
    """The kommuner of today a number that changed on `on` became, from the changes alone,
    forwards in time (the registry is made backwards)."""
    codes = {code}
    for day in sorted({c["changeOccurred"] for c in CHANGES if c["changeOccurred"] >= on}):
        onward = {}
        for c in CHANGES:
            if c["changeOccurred"] == day and c["oldCode"] in codes:
                onward.setdefault(c["oldCode"], set()).add(c["newCode"])
        codes = (codes - set(onward)).union(*onward.values())
    return codes


def test_every_number_change_in_klass_round_trips():
    for change in CHANGES:
        old, on = change["oldCode"], change["changeOccurred"]
        if old in REGISTRY.kommuner:
            continue  # still in use today (a name change, or kommuner merged into it)
        if any(old in (c["oldCode"], c["newCode"]) and c["changeOccurred"] > on
               for c in CHANGES):
            # the number changed again later (Ringsaker 0412 gave part of itself to Hamar in
            # 1992 and became 3411 in 2020), or was used again: a number means one thing in
            # the registry, what it became at its last change
            assert REGISTRY.current_number(old) or REGISTRY.split_message(old), change
            continue
        today = follow(old, on)
        if len(today) == 1:
            assert REGISTRY.current_number(old) == today.pop(), change
        else:
            assert REGISTRY.current_number(old) is None, change
            message = REGISTRY.split_message(old)
            assert message and all(f"({n})" in message for n in today), change


def test_every_number_of_2019_2020_and_2023_is_known():
    for year in (2019, 2020, 2023):
        for code in version(year):
            assert REGISTRY.current_number(code) or REGISTRY.split_message(code), (year, code)


def test_halden_and_tinn_follow_their_reforms():
    assert REGISTRY.current_number("3001") == "3101"
    assert REGISTRY.find("3001").name == "Halden"
    assert REGISTRY.current_number("0826") == REGISTRY.current_number("3818") == "4026"


def test_merges_map_several_old_numbers_to_one_kommune():
    assert REGISTRY.current_number("1805") == REGISTRY.current_number("1854") == "1806"


@pytest.mark.parametrize(("number", "message"), [
    ("1507", "1507 (used 2020–2023) was split in 2024 into Ålesund (1508) and Haram (1580): a "
             "figure under 1507 belongs to neither alone"),
    ("1850", "1850 (used before 2020) was split, or merged into a kommune later split, between "
             "Narvik (1806) and Hábmer - Hamarøy (1875): a figure under 1850 belongs to neither "
             "alone"),
    ("5012", "5012 (used before 2020) was split, or merged into a kommune later split, between "
             "Heim (5055), Hitra (5056) and Orkland (5059): a figure under 5012 belongs to none "
             "of them alone"),
])
def test_a_split_kommunes_number_names_no_kommune(number, message):
    assert REGISTRY.current_number(number) is None
    assert REGISTRY.split_message(number) == message


def test_a_figure_under_alesunds_2020_2023_number_is_refused_naming_the_split(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with (data / "befolkning.csv").open("a", encoding="utf-8") as handle:
        handle.write("1507,2023,befolkning,67114\n")
    lines = (data / "befolkning.csv").read_text("utf-8").splitlines()
    with pytest.raises(DataError) as caught:
        load_data(data).datasets  # noqa: B018 (loading is the test)
    assert caught.value.messages() == [
        f"{data}/befolkning.csv:{len(lines)}: region: 1507 (used 2020–2023) was split in 2024 "
        f"into Ålesund (1508) and Haram (1580): a figure under 1507 belongs to neither alone"]


def test_groups_come_from_data():
    assert len(REGISTRY.members("FYLKE-TELEMARK")) == 17
    assert len([g for g in REGISTRY.groups if g.startswith("fylke-")]) == 15
    with (SOURCES / "klass-128-sentralitet-2024.csv").open(encoding="utf-8") as handle:
        classes = {row["kom2024"]: int(row["sent_klasse"]) for row in csv.DictReader(handle)}
    assert set(REGISTRY.members("sentralitet-5-6")) == {n for n, k in classes.items() if k >= 5}
    assert len(REGISTRY.members("sentralitet-5-6")) == 212
    assert REGISTRY.members("sentralitet-6") == sorted(n for n, k in classes.items() if k == 6)
    assert REGISTRY.members("distriktskommuner-telemark") == [
        "4016", "4022", "4024", "4026", "4028", "4030", "4032", "4034", "4036"]
    assert len(REGISTRY.members("all")) == 357


def test_centrality_is_a_dataset():
    sentralitet = load_data(ROOT / "data").datasets["sentralitet"]
    tinn = sentralitet.rows[sentralitet.rows["region"] == "4026"]
    assert dict(zip(tinn["variable"], tinn["value"], strict=True)) == {
        "sentralitetsklasse": 5, "sentralitetsindeks": 595}


def test_data_groups_and_data_kommuner_list_them(capsys):
    main(["data", "groups", "--data", str(ROOT / "data")])
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["all", "Alle", "kommuner", "(357", "kommuner)"]
    assert any(line.split()[0] == "sentralitet-5-6" and line.endswith("(212 kommuner)")
               for line in out)
    main(["data", "kommuner", "distriktskommuner-telemark", "--data", str(ROOT / "data")])
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 9
    assert "4026  Tinn, Telemark, sentralitet 5" in out


def test_centrality_in_a_table_and_a_key_figure(tmp_path):
    from pptx import Presentation

    from helpers import key_figures, table_of
    from slidegen import build_deck

    deck = tmp_path / "s.yaml"
    deck.write_text(
        f"title: S\ndata: {ROOT / 'data'}\nslides:\n"
        "  - kind: table\n    title: Sentralitet\n"
        "    data: {kommuner: fylke-telemark, measures: [sentralitetsklasse, sentralitetsindeks],"
        " periods: 2024}\n    rows: kommune\n    columns: measure\n"
        "  - kind: key_figure\n    title: Tinn\n    figures:\n"
        "      - {data: {measures: sentralitetsklasse, kommuner: Tinn, periods: siste år},"
        " label: sentralitetsklasse}\n", "utf-8")
    build_deck(deck, tmp_path / "s.pptx")
    slides = list(Presentation(str(tmp_path / "s.pptx")).slides)
    rows = [row for slide in slides[:-1] for row in table_of(slide)]
    assert ["Tinn", "5", "595"] in rows
    assert key_figures(slides[-1])[0].split("\n")[0] == "5"


def test_a_split_number_is_marked_in_every_row_it_is_in(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    csv_file = data / "kommuner.csv"
    csv_file.write_text(csv_file.read_text("utf-8").replace(
        "4026,Tinn,40,Telemark,3818,0826", "4026,Tinn,40,Telemark,3818 1507,0826"), "utf-8")
    tinn = next(i for i, line in enumerate(csv_file.read_text("utf-8").splitlines(), start=1)
                if line.startswith("4026,"))
    with pytest.raises(DataError) as caught:
        load_registry(data)
    assert caught.value.messages() == [
        f"{csv_file}:{tinn}: number 1507 is marked (delt) in another row: mark it here too, "
        f"or not there"]
