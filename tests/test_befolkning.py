"""Population 1986–2026 for all 357 kommuner (SSB 07459 on 2024 borders), made by a tool from
the file in tools/sources/, with the seed deck's figures checked against it."""

from __future__ import annotations

import csv

import pytest
from pptx import Presentation

from conftest import ROOT
from helpers import key_figures, load_tool

NBSP = "\u00a0"


def _tool():
    return load_tool("build_befolkning")


def test_the_tool_makes_the_committed_dataset_from_the_sources():
    made = _tool().rows_csv(ROOT / "data")
    assert made == (ROOT / "data" / "befolkning.csv").read_text("utf-8")
    rows = list(csv.DictReader(made.splitlines()))
    assert len(rows) == 357 * 41
    assert {r["period"] for r in rows} == {str(y) for y in range(1986, 2027)}
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        assert {r["region"] for r in rows} == {r["kommunenummer"] for r in csv.DictReader(handle)}
    # Norway's population as SSB publishes it: the sum over the 357 kommuner
    national = {year: sum(int(r["value"]) for r in rows if r["period"] == year)
                for year in ("2024", "2025", "2026")}
    assert national == {"2024": 5550203, "2025": 5594340, "2026": 5627400}


def test_years_ssb_cannot_put_on_2024_borders_are_missing_not_zero():
    with (ROOT / "data" / "befolkning.csv").open(encoding="utf-8") as handle:
        rows = {(r["region"], int(r["period"])): r["value"] for r in csv.DictReader(handle)}
    assert "0" not in rows.values()  # SSB's 0 for a split kommune's part is no population
    missing = {key for key, value in rows.items() if value == ""}
    before_2020 = {(k, y) for k in ("1806", "1875", "5055", "5056", "5059")  # Narvik, Hamarøy,
                   for y in range(1986, 2020)}                                # Heim, Hitra, Orkland
    alesund_haram = {(k, y) for k in ("1508", "1580") for y in range(2020, 2024)}
    assert missing == before_2020 | alesund_haram
    # SSB's 66 258 for Ålesund in 2020 is the old Ålesund with Haram: not kept
    assert (rows["1508", 2019], rows["1508", 2024], rows["1580", 2019]) == (
        "56250", "58509", "9383")


def test_every_figure_of_the_seed_deck_agrees_with_ssb():
    tool = _tool()
    assert tool.check_seed(tool.ssb_figures(ROOT / "data")) == 18


def test_a_seed_figure_that_differs_stops_the_tool(tmp_path, monkeypatch):
    tool = _tool()
    seed = tmp_path / "seed.csv"
    seed.write_text(tool.SEED_FILE.read_text("utf-8").replace(
        "4026,2024,befolkning,5533", "4026,2024,befolkning,5534"), "utf-8")  # test-only value
    monkeypatch.setattr(tool, "SEED_FILE", seed)
    with pytest.raises(tool.SourceProblem, match=r"seed.csv:9: the seed deck has 5534 for 4026 "
                                                 r"2024, SSB 07459 has 5533"):
        tool.rows_csv(ROOT / "data")


def test_a_kommune_outside_telemark_shows_its_own_population(tmp_path):
    from slidegen import build_deck

    deck = tmp_path / "d.yaml"
    deck.write_text(f"""title: T
data: {ROOT / 'data'}
kommune: Loppa
slides:
  - kind: key_figure
    title: "Befolkning i {{{{ kommune.name }}}}"
    figures:
      - {{data: {{measures: befolkning, periods: siste år}}, label: innbyggere}}
      - {{data: {{measures: befolkning, periods: "2000"}}, label: innbyggere}}
""", "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    # Loppa (5614): SSB 07459, 1 January 2026 and 2000
    assert key_figures(slide) == [f"{figure(5614, 2026)}\ninnbyggere (2026)",
                                  f"{figure(5614, 2000)}\ninnbyggere (2000)"]
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith("Kilde: SSB, tabell 07459. Tallene kom via oystess/valg_analyser. "
                            "https://www.ssb.no/statbank/table/07459")


def figure(kommune: int, year: int) -> str:
    """The figure as the source file has it, written the Norwegian way."""
    with (ROOT / "tools" / "sources" / "ssb-07459-befolkning-1986-2026.csv").open(
            encoding="utf-8") as handle:
        value = next(int(r["befolkning"]) for r in csv.DictReader(handle)
                     if r["kom2024"] == str(kommune) and r["aar"] == str(year))
    return f"{value:,}".replace(",", NBSP)


def test_data_update_asks_ssb_for_every_kommune_since_1986(tmp_path):
    """The shipped query fetches what the shipped file holds, so an update refreshes all of it
    (the recorded SSB answer covers only the nine: the request is what is checked here)."""
    import shutil

    from slidegen.ssb import PxWebClient, update_data
    from slidegen.ssb.client import FetchError
    from ssb_fake import FakeSsb

    shutil.copytree(ROOT / "data", tmp_path / "data")
    fake = FakeSsb()
    client = PxWebClient(transport=fake.transport, sleep=lambda s: None)
    with pytest.raises(FetchError):
        update_data(tmp_path / "data", ["befolkning"], dry_run=True, client=client)
    region, *_, years = fake.data_requests[0]["selection"]
    assert region["codeList"] == "agg_KommSummer"
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        assert region["valueCodes"] == [f"K-{r['kommunenummer']}" for r in csv.DictReader(handle)]
    # from(1986), resolved on the table's metadata (the recorded one lists 2023 and 2024)
    assert years["valueCodes"] == ["2023", "2024"]
    from slidegen.data import load_data
    assert load_data(ROOT / "data").datasets["befolkning"].meta.query.years == "from(1986)"
