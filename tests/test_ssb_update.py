"""slidegen data update against a fake SSB (recorded answers, no network): the report, the
merge into data/, SSB's limits, failures that leave data/ byte-identical."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from pptx import Presentation

from conftest import snapshot
from slidegen import build_deck
from slidegen.cli import main
from slidegen.errors import DataError
from slidegen.ssb import PxWebClient, update_data
from slidegen.ssb.client import Limits, Pacer
from ssb_fake import FakeSsb, add_year

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def project(seed_project):
    """These tests fetch or import into the seed-sized population (conftest.copy_data)."""
    return seed_project

@pytest.fixture
def fake():
    return FakeSsb()


def client(fake: FakeSsb, sleeps: list | None = None, **kw) -> PxWebClient:
    return PxWebClient(transport=fake.transport,
                       sleep=(sleeps.append if sleeps is not None else lambda s: None), **kw)


def test_dry_run_reports_and_writes_nothing(project, fake):
    before = snapshot(project / "data")
    report = update_data(project / "data", dry_run=True, client=client(fake), today=TODAY)
    lines = report.lines({"4016": "Drangedal"})
    assert lines[0] == "9 call(s) to https://data.ssb.no/api/pxwebapi/v2"
    assert "befolkning ← SSB table 07459: 0 new, 0 changed, 18 unchanged" in lines
    assert ("befolkningsendringer ← SSB table 06913: 260 new (260 shown as missing by SSB), "
            "0 changed, 100 unchanged") in lines
    assert ("  used by: decks/innvandrere-som-ressurs.yaml, decks/kommunebesok.yaml"
            in lines)
    # made by tools/build_utdanning.py; the fixture answers with the same 2024 counts for the
    # nine kommuner the query asks for, both sexes and by sex (6 levels × 3 × 9)
    assert "utdanning ← SSB table 09429: 0 new, 0 changed, 162 unchanged" in lines
    assert lines[-1] == "dry run: nothing written"
    assert snapshot(project / "data") == before
    assert not list(project.glob(".data-*"))  # no staging copy left behind


def test_queries_use_the_recorded_codes_and_code_lists(project, fake):
    update_data(project / "data", dry_run=True, client=client(fake), today=TODAY)
    first, second, third, fourth = fake.data_requests
    assert first["selection"][0] == {
        "variableCode": "Region", "codeList": "agg_KommSummer",
        "valueCodes": ["K-4016", "K-4022", "K-4024", "K-4026", "K-4028", "K-4030", "K-4032",
                       "K-4034", "K-4036"]}
    assert first["selection"][1:] == [
        {"variableCode": "ContentsCode", "valueCodes": ["Personer1"]},
        {"variableCode": "Tid", "valueCodes": ["2023", "2024"]}]  # from(2014) on the metadata
    assert second["selection"][1] == {"variableCode": "ContentsCode", "valueCodes": [
        "Levende", "Dode", "Innflyttinger", "Utflyttinger"]}
    assert second["selection"][0]["valueCodes"][0] == "K_4016"
    # no code list: every number each kommune has had, where the table has it
    assert third["selection"][0] == {"variableCode": "Region", "valueCodes": [
        "4016", "3815", "0817", "4022", "3820", "0828", "4024", "3819", "0827", "4026", "3818",
        "0826", "4028", "3821", "0829", "4030", "3822", "0830", "4032", "3823", "0831", "4034",
        "3824", "0833", "4036", "3825", "0834"]}
    # 09429 (utdanning, which has its CSV now) and 09817 (landbakgrunn, declared only)
    education = next(r for r in (third, fourth) if r["selection"][1]["variableCode"] == "Nivaa")
    assert education["selection"][1:4] == [
        {"variableCode": "Nivaa", "valueCodes": ["01", "02a", "11", "03a", "04a", "09a"]},
        {"variableCode": "Kjonn", "valueCodes": ["0", "2", "1"]},
        {"variableCode": "ContentsCode", "valueCodes": ["Personer"]}]


def test_a_revised_figure_is_changed_in_place_and_reported(project, fake):
    cube = fake.cubes[("07459", "agg_KommSummer")]
    cube["value"][7] = 5540  # Tinn 2024 revised (test-only figure; the seed says 5 533)
    report = update_data(project / "data", ["befolkning"], client=client(fake), today=TODAY)
    lines = report.lines({"4026": "Tinn"})
    assert "  changed: Tinn (4026) befolkning 2024: 5533 → 5540" in lines
    assert lines[-1] == "data/ updated"
    text = (project / "data" / "befolkning.csv").read_text("utf-8")
    assert "4026,2024,befolkning,5540\n" in text
    assert text.splitlines()[8] == "4026,2024,befolkning,5540"  # where the old row stood
    meta = (project / "data" / "befolkning.yaml").read_text("utf-8")
    assert "retrieved: 2026-11-27\n" in meta
    assert "transcribed_from" not in meta  # every figure now comes from SSB itself
    assert "  table: '07459'" in meta and "    Region: agg_KommSummer" in meta
    assert "# Hentes med `slidegen data update befolkning`" in meta  # comments survive


def test_the_source_line_says_when_figures_were_fetched(project, fake):
    update_data(project / "data", ["befolkning"], client=client(fake), today=TODAY)
    # a table from the dataset just fetched, and one from a dataset still copied by hand
    (project / "kilder.yaml").write_text(
        "title: T\nslides:\n" + "".join(
            f"  - kind: table\n    title: {m}\n    data: {{measures: {m}, kommuner: Tinn, "
            f"periods: siste år}}\n    rows: kommune\n    columns: period\n"
            for m in ("befolkning", "innflytting")), "utf-8")
    out = project / "deck.pptx"
    build_deck(project / "kilder.yaml", out)
    texts = [shape.text_frame.text for slide in Presentation(str(out)).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "Kilde: SSB, tabell 07459, hentet 27.11.2026" in texts
    assert "Kilde: SSB, tabell 06913" in texts  # not fetched: no date claimed


def test_a_new_year_is_added_and_shifts_a_last_ten_years_table(project, fake):
    # 2024 figures for Drangedal are made up for this test only
    made_up = {"Levende": 30, "Dode": 50, "Innflyttinger": 200, "Utflyttinger": 180}
    key = ("06913", "agg_KommSummerHist")
    fake.cubes[key] = add_year(fake.cubes[key], "2024", lambda region, contents:
                               made_up[contents] if region == "K_4016" else None)
    fake.metadata["06913"]["dimension"]["Tid"]["category"]["index"]["2024"] = 10
    fake.metadata["06913"]["dimension"]["Tid"]["category"]["label"]["2024"] = "2024"
    fake.metadata["06913"]["size"][-1] += 1
    report = update_data(project / "data", ["befolkningsendringer"], client=client(fake),
                         today=TODAY)
    assert "  new periods: 2024 (figures for 1 region(s))" in report.lines()
    (project / "tabell.yaml").write_text(
        "title: T\nslides:\n  - kind: table\n    title: Flyttetall Drangedal siste 10 år\n"
        "    data: {measures: [innflytting, utflytting, netto_flytting], kommuner: Drangedal,"
        " periods: siste 10 år}\n    rows: measure\n    columns: period\n", "utf-8")
    out = project / "tabell.pptx"
    build_deck(project / "tabell.yaml", out)
    table = next(s for s in Presentation(str(out)).slides[0].shapes if s.has_table).table
    header = [c.text for c in table.rows[0].cells]
    assert header[1] == "2015" and header[-1] == "2024"
    assert [c.text for c in table.rows[1].cells][-1] == "200"
    assert [c.text for c in table.rows[3].cells][-1] == "20"  # netto computed: 200 − 180


def test_paging_keeps_each_call_under_the_cell_limit(project, fake):
    report = update_data(project / "data", ["befolkning"],
                         client=client(fake, limits=Limits(max_cells=4)), today=TODAY)
    pages = fake.data_requests
    assert len(pages) == 5  # 9 kommuner × 2 years, 2 kommuner (4 cells) per call
    sizes = [len(p["selection"][0]["valueCodes"]) * 2 for p in pages]
    assert max(sizes) <= 4 and sum(sizes) == 18
    assert "befolkning ← SSB table 07459: 0 new, 0 changed, 18 unchanged" in report.lines()


def test_429_waits_as_long_as_retry_after_says(project, fake):
    sleeps: list[float] = []
    fake.fail_next(httpx.Response(429, headers={"Retry-After": "7"}),
                   httpx.Response(503))
    update_data(project / "data", ["befolkning"], dry_run=True,
                client=client(fake, sleeps), today=TODAY)
    assert sleeps == [7.0, 4.0]  # Retry-After, then backoff for the 503


def test_pacing_stays_within_the_calls_per_window():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(Limits(max_calls=30, window=60), clock=lambda: now[0], sleep=sleep)
    for _ in range(31):
        pacer.wait()
        now[0] += 1.0
    assert slept == [30.0]  # call 31 waits until call 1 is 60 s old


@pytest.mark.parametrize(("answers", "message"), [
    ([httpx.Response(500)] * 5,
     "SSB: table 07459: server error 500 (gave up after 5 tries)"),
    ([httpx.Response(200, content=b'{"version":"2.0","class":"dataset","id":["Reg')],
     "SSB table 07459 metadata: not valid JSON (Unterminated string starting at: line 1 "
     "column 42 (char 41)); it may be cut off"),
    ([httpx.Response(404, json={"type": "Not found", "title": "No such table"})],
     "SSB: table 07459: HTTP 404: No such table"),
])
def test_failures_leave_data_byte_identical(project, fake, answers, message):
    before = snapshot(project / "data")
    fake.fail_next(*answers)
    with pytest.raises(DataError) as caught:
        update_data(project / "data", client=client(fake), today=TODAY)
    assert caught.value.messages() == [message]
    assert snapshot(project / "data") == before
    assert not list(project.glob(".data-*"))


def test_a_later_failure_keeps_the_earlier_dataset_unwritten_too(project, fake):
    before = snapshot(project / "data")
    original = fake._data

    def cut_off(table, body):  # 07459 arrives whole, 06913 is cut off mid-way
        answer = original(table, body)
        return answer if table == "07459" else httpx.Response(200, content=answer.content[:900])

    fake._data = cut_off
    with pytest.raises(DataError) as caught:
        update_data(project / "data", client=client(fake), today=TODAY)
    assert caught.value.messages()[0].startswith("SSB table 06913: not valid JSON (")
    assert caught.value.messages()[0].endswith("); it may be cut off")
    assert snapshot(project / "data") == before


def test_an_answer_with_other_codes_is_refused(project, fake):
    before = snapshot(project / "data")
    cube = fake.cubes[("07459", "agg_KommSummer")]
    cube["dimension"]["ContentsCode"]["category"] = {"index": {"Personer2": 0},
                                                     "label": {"Personer2": "Andre"}}
    original = fake._data

    def answer_other_codes(table, body):
        for s in body["selection"]:
            if s["variableCode"] == "ContentsCode":
                s["valueCodes"] = ["Personer2"]
        return original(table, body)

    fake._data = answer_other_codes
    with pytest.raises(DataError) as caught:
        update_data(project / "data", ["befolkning"], client=client(fake), today=TODAY)
    assert caught.value.messages() == [
        "SSB table 07459: the answer has ContentsCode=Personer2, which is none of the "
        "dataset's variables (befolkning: {'ContentsCode': 'Personer1'})"]
    assert snapshot(project / "data") == before


def test_a_query_code_the_table_lacks_names_what_it_has(project, fake):
    meta = project / "data" / "befolkningsendringer.yaml"
    meta.write_text(meta.read_text("utf-8").replace("{ContentsCode: Levende}",
                                                    "{ContentsCode: Levendefodte}"), "utf-8")
    with pytest.raises(DataError) as caught:
        update_data(project / "data", ["befolkningsendringer"], client=client(fake),
                    today=TODAY)
    assert caught.value.messages() == [
        "data/befolkningsendringer.yaml: query: SSB table 06913 has no ContentsCode "
        "Levendefodte; it has Folkemengde (Befolkning 1. januar), Levende (Levendefødte), "
        "Dode (Døde), Fodselsoverskudd (Fødselsoverskudd), Innflyttinger (Innflyttinger), "
        "Utflyttinger (Utflyttinger), Nettoinnflytting (Nettoinnflytting), Folketilvekst "
        "(Folketilvekst)"]
    assert not any(r.url.path.endswith("/data") for r in fake.requests)


def test_cli_update_dry_run(project, fake, monkeypatch, capsys):
    monkeypatch.setattr("slidegen.ssb.PxWebClient",
                        lambda: PxWebClient(transport=fake.transport, sleep=lambda s: None))
    before = snapshot(project / "data")
    main(["data", "update", "befolkning", "--dry-run"])
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        "befolkning ← SSB table 07459: 0 new, 0 changed, 18 unchanged", "  nothing new",
        "  used by: decks/innvandrere-som-ressurs.yaml, decks/kommunebesok.yaml",
        "dry run: nothing written"]
    assert snapshot(project / "data") == before


def test_cli_update_failure_exits_non_zero(project, fake, monkeypatch, capsys):
    monkeypatch.setattr("slidegen.ssb.PxWebClient",
                        lambda: PxWebClient(transport=fake.transport, sleep=lambda s: None))
    fake.fail_next(*[httpx.Response(500)] * 5)
    with pytest.raises(SystemExit) as exited:
        main(["data", "update", "befolkning"])
    assert exited.value.code == 1
    assert capsys.readouterr().err.splitlines() == [  # each wait is said as it begins
        *(f"SSB: table 07459: server error 500; trying again in {s} s ({n} of 5)"
          for n, s in [(2, 2), (3, 4), (4, 8), (5, 16)]),
        "error: SSB: table 07459: server error 500 (gave up after 5 tries)"]


def test_cli_update_writes_and_the_next_build_says_when(project, fake, monkeypatch, capsys):
    monkeypatch.setattr("slidegen.ssb.PxWebClient",
                        lambda: PxWebClient(transport=fake.transport, sleep=lambda s: None))
    main(["data", "update", "befolkning"])
    assert capsys.readouterr().out.splitlines()[-1] == "data/ updated"
    # a deck of the seed-sized figures: kommunebesok.yaml needs population since 2000
    (project / "decks" / "tinn.yaml").write_text(
        "title: Tinn\nkommune: Tinn\nslides:\n  - kind: key_figure\n    title: Tinn\n"
        "    figures:\n      - {data: {measures: befolkning}, label: innbyggere}\n", "utf-8")
    main(["build", "decks/tinn.yaml", "-o", "tinn.pptx"])
    texts = {shape.text_frame.text for slide in Presentation("tinn.pptx").slides
             for shape in slide.shapes if shape.has_text_frame}
    today = dt.date.today()
    # e.g. «Kilde: SSB, tabell 07459, hentet 27.11.2026; SSB, tabell 06913» under key figures
    assert any(text.startswith(f"Kilde: SSB, tabell 07459, hentet {today:%d.%m.%Y}")
               for text in texts)


def test_a_dataset_shown_only_in_key_figures_counts_as_used(tmp_path):
    from slidegen.usage import measures_used

    deck = tmp_path / "d.yaml"
    deck.write_text("title: T\nkommune: Tinn\nslides:\n  - kind: key_figure\n    title: K\n"
                    "    figures:\n      - {data: {measures: innvandrerandel}, label: av alle}\n"
                    "      - {data: {measures: [befolkning]}, label: innbyggere}\n", "utf-8")
    assert measures_used(deck) == {"innvandrerandel", "befolkning"}


def test_a_staged_copy_that_fails_the_checks_is_never_swapped_in(project, fake, monkeypatch):
    # The merged copy is loaded like a build would; break the merge to prove data/ is kept
    import slidegen.ssb.refresh as refresh

    real_merge = refresh.merge_csv

    def broken_merge(dataset, rows, registry):
        text, changes = real_merge(dataset, rows, registry)
        return text + "4016,2024,befolkning,not a number\n", changes

    monkeypatch.setattr(refresh, "merge_csv", broken_merge)
    before = snapshot(project / "data")
    with pytest.raises(DataError) as caught:
        update_data(project / "data", ["befolkning"], client=client(fake), today=TODAY)
    assert caught.value.messages() == [
        "the new figures do not pass the checks, so data/ is left as it was:",
        "data/befolkning.csv:20: value: expected a number (decimal point, no spaces) or empty "
        "for a missing figure, found 'not a number'"]
    assert snapshot(project / "data") == before
    assert sorted(p.name for p in project.iterdir()) == ["assets", "data", "decks"]


def test_a_failed_swap_puts_the_old_data_back(project, fake, monkeypatch):
    import slidegen.ssb.refresh as refresh

    renames = []
    real_rename = refresh.os.rename

    def rename(src, dst):
        renames.append((src, dst))
        if len(renames) == 2:  # the copy into data/'s place
            raise OSError(28, "No space left on device", str(dst))
        real_rename(src, dst)

    monkeypatch.setattr(refresh.os, "rename", rename)
    before = snapshot(project / "data")
    with pytest.raises(OSError):
        update_data(project / "data", ["befolkning"], client=client(fake), today=TODAY)
    assert len(renames) == 3  # data → aside, copy → data (fails), aside → data
    assert snapshot(project / "data") == before
    assert sorted(p.name for p in project.iterdir()) == ["assets", "data", "decks"]


def test_kommuner_and_datasets_are_not_updated_in_one_run(project, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["data", "update", "kommuner", "befolkning"])
    assert exited.value.code == 2
    assert "update 'kommuner' on its own, then the datasets" in capsys.readouterr().err
