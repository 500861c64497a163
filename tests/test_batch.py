"""Per-kommune decks: a batch over the nine, failures isolated, incremental rebuilds, for_each."""

from __future__ import annotations

import csv
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import ROOT, with_data
from helpers import NINE, alt_text, key_figures, number, slug, title_of
from slidegen import Session, build_batch
from slidegen.batch import plan, run
from slidegen.cli import main
from slidegen.slides.kinds import chart as chart_slide
from slidegen.speed import incremental
from slidegen.speed.accelerators import plug_in
from slidegen.speed.parallel import _with_charts

SMALL = """
title: "Befolkning i {{ kommune.name }}"
parameter: kommune
data: data
slides:
  - kind: chart
    title: "Befolkning i {{ kommune.name }}"
    chart: bar
    data: {measures: befolkning, periods: siste 2 år}
"""

GROUP = "distriktskommuner-telemark"  # the nine: "all" is every kommune in Norway
NINE_GROUP = ("--group", GROUP)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    return with_data(tmp_path, monkeypatch, "liten.yaml", SMALL)


def statuses(deck: Path, kommune: str | None, force: bool = False) -> list[str]:
    """Each deck's status from one build command in one process (--jobs 1); 'nine' is the
    group of the nine distriktskommuner in Telemark."""
    group = "distriktskommuner-telemark" if kommune == "nine" else None
    result = build_batch(deck, kommune=None if group else kommune, group=group, force=force,
                         session=Session(jobs=1))
    return [o.status for o in result.outcomes]


NEWEST = "2026"  # the newest year in data/befolkning.csv (SSB 07459, 1 January 2026)


def population_newest() -> dict[str, float]:
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        names = {r["kommunenummer"]: r["navn"] for r in csv.DictReader(handle)}
    with (ROOT / "data" / "befolkning.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert max(r["period"] for r in rows) == NEWEST
    return {names[r["region"]]: float(r["value"]) for r in rows if r["period"] == NEWEST}


def test_batch_over_the_nine_names_each_kommune_and_shows_its_figures(nine_decks):
    batch = nine_decks["2"]
    assert batch.out[-1] == "9 built, 0 unchanged, 0 failed"
    expected = population_newest()
    for name in NINE:
        prs = batch.deck(slug(name))
        assert prs.core_properties.title == f"Innvandrere som ressurs i {name}"
        assert title_of(prs.slides[0]) == f"Innvandrere som ressurs i {name}"
        figure = next(s for s in prs.slides if title_of(s) == f"Befolkning i {name}")
        boxes = key_figures(figure)
        assert number(boxes[0].split("\n")[0]) == expected[name]
        assert boxes[0].split("\n")[1] == f"innbyggere 1. januar ({NEWEST})"


def test_a_batch_in_worker_processes_writes_what_one_process_writes(nine_decks):
    # --jobs 2 computes each chart's data in the batch's process, draws the charts in the
    # workers and hands the data to the decks: every deck must come out byte for byte as one
    # process makes it, each chart drawn afresh (a cache of its own per run).
    written = {jobs: nine_decks[jobs].files for jobs in ("1", "2")}
    assert sorted(n for n in written["2"] if n.endswith(".pptx")) == sorted(
        f"kommunebesok-{slug(n)}.pptx" for n in NINE)
    assert len(written["2"]) == 18  # and what each was built from, the data rows it read too
    for name, content in written["1"].items():
        assert written["2"][name] == content, name
    # two development charts and a ranked one a deck, each with its own kommune highlighted,
    # its own education chart and its own locator map: 45 pictures drawn
    assert len(list(nine_decks["2"].cache.glob("*.png"))) == 5 * 9


def test_a_batch_hands_each_deck_its_charts_unless_data_changed_since(project, monkeypatch):
    [job] = plan(Path("decks/kommunebesok.yaml"), "Tinn", None, None, None, force=True)
    session = plug_in(Session(jobs=1)).for_batch()
    session.data((project / "data").resolve()).load()  # as build_batch does
    [(job, computed)] = list(_with_charts([job], session))
    # the development and ranked charts highlight Tinn; the education chart shows Tinn alone,
    # and so does the locator map (the deck's kommune: no highlight given)
    assert sorted(d.highlight or "" for d, _ in computed.charts.values()) == [
        "", "", "Tinn", "Tinn", "Tinn"]

    def no_computing(*args):
        raise AssertionError("the chart's data was computed again")

    # the deck takes the charts' data it was handed, and computes none itself
    with monkeypatch.context() as patched:
        patched.setattr(chart_slide, "chart_data", no_computing)
        session.accelerators.computed[job.output] = computed  # as a batch's worker does
        outcome = run(job, session)
    assert outcome.status == "built", outcome.detail
    # SSB revises Tinn's population after the charts were computed, before its deck is made:
    # the deck must show the new figures, not the handed ones
    figures = project / "data" / "befolkning.csv"
    figures.write_text(figures.read_text("utf-8").replace("4026,2026,befolkning,5515\n",
                                                          "4026,2026,befolkning,6888\n"),
                       "utf-8")  # a test-only figure
    later = replace(job, output=Path("build/etter.pptx"))
    session.accelerators.computed[later.output] = computed
    assert run(later, session).status == "built"
    development = next(s for s in Presentation("build/etter.pptx").slides
                       if (title_of(s) or "").startswith("Befolkningsutviklingen i Tinn og"))
    alt = [alt_text(shape) for shape in development.shapes if alt_text(shape)]
    assert "Tinn: +5,0\u00a0% fra 2000 til 2026." in alt[0]  # 6 888 / 6 560, not −15,9 %


def test_for_each_gives_the_appendix_in_registry_order(tmp_path):
    """for_each over the deck's kommune's own fylke: one slide per kommune, registry order."""
    from slidegen import build_deck

    deck = tmp_path / "d.yaml"
    deck.write_text(f"""title: T
data: {ROOT / 'data'}
kommune: Tinn
slides:
  - kind: section
    title: "Vedlegg – kommunene i {{{{ kommune.fylke }}}}"
  - for_each: "{{{{ kommune.fylke_group }}}}"
    slides:
      - kind: key_figure
        title: "{{{{ kommune.name }}}} – tall og statistikk"
        figures:
          - data: {{measures: befolkning, periods: siste år}}
            label: innbyggere 1. januar
""", "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    prs = Presentation(str(tmp_path / "o.pptx"))
    titles = [title_of(s) for s in prs.slides]
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        telemark = [r["navn"] for r in csv.DictReader(handle) if r["fylke"] == "Telemark"]
    assert len(telemark) == 17
    assert titles == ["Vedlegg – kommunene i Telemark"] + [
        f"{name} – tall og statistikk" for name in telemark]
    expected = population_newest()
    for name, slide in zip(telemark, list(prs.slides)[1:], strict=True):
        boxes = key_figures(slide)
        assert number(boxes[0].split("\n")[0]) == expected[name]


def test_one_failing_kommune_does_not_stop_the_others(workdir, capsys):
    # a value that is not a number in Tinn's rows fails Tinn's deck only (a kommune with no
    # figures at all is no failure: its chart says «Tall mangler»)
    text = (workdir / "data" / "befolkning.csv").read_text("utf-8")
    text = text.replace("4026,2024,befolkning,5533", "4026,2024,befolkning,5533 personer")
    (workdir / "data" / "befolkning.csv").write_text(text, "utf-8")
    with pytest.raises(SystemExit) as done:
        main(["build", "liten.yaml", *NINE_GROUP, "--jobs", "1"])
    assert done.value.code == 1
    captured = capsys.readouterr()
    [error] = captured.err.splitlines()
    assert error.startswith("error: build/liten-tinn.pptx: data/befolkning.csv:")
    assert error.endswith(": value: expected a number (decimal point, no spaces) or empty for a "
                          "missing figure, found '5533 personer'")
    assert captured.out.splitlines()[-1] == "8 built, 0 unchanged, 1 failed: liten-tinn.pptx"
    assert sorted(p.name for p in (workdir / "build").glob("*.pptx")) == sorted(
        f"liten-{slug(n)}.pptx" for n in NINE if n != "Tinn")


def test_second_run_builds_nothing_and_one_kommunes_data_rebuilds_only_its_deck(workdir):
    deck = workdir / "liten.yaml"
    assert statuses(deck, "nine") == ["built"] * 9
    assert statuses(deck, "nine") == ["skipped"] * 9
    befolkning = workdir / "data" / "befolkning.csv"
    befolkning.write_text(befolkning.read_text("utf-8").replace("4026,2024,befolkning,5533",
                                                                "4026,2024,befolkning,5534"),
                          "utf-8")
    outcomes = build_batch(deck, group=GROUP,
                           session=Session(jobs=1)).outcomes
    assert {o.job.kommune: o.status for o in outcomes if o.status == "built"} == {
        "4026": "built"}
    assert statuses(deck, "nine", force=True) == ["built"] * 9


def test_upgrading_a_library_that_shapes_the_output_rebuilds_the_deck(workdir, monkeypatch):
    deck = workdir / "liten.yaml"
    assert statuses(deck, "Tinn") == ["built"]
    assert statuses(deck, "Tinn") == ["skipped"]
    installed = metadata.version
    monkeypatch.setattr(metadata, "version",
                        lambda name: "99.0" if name == "matplotlib" else installed(name))
    incremental.installed_versions.cache_clear()  # read once per process
    try:
        assert statuses(deck, "Tinn") == ["built"]
    finally:
        monkeypatch.undo()
        incremental.installed_versions.cache_clear()


def test_a_per_kommune_deck_needs_a_kommune(workdir, capsys):
    (workdir / "liten.yaml").write_text(SMALL, "utf-8")
    with pytest.raises(SystemExit) as done:
        main(["build", "liten.yaml"])
    assert done.value.code == 1
    assert capsys.readouterr().err == (
        "error: liten.yaml: this deck is made for one kommune at a time: give --kommune (or "
        "--group), or set 'kommune:' in the deck\n")
    with pytest.raises(SystemExit) as done:
        main(["build", "liten.yaml", "--kommune", "Tinnn"])
    assert done.value.code == 2  # a usage error, as the README says
    assert capsys.readouterr().err == "error: --kommune: unknown kommune 'Tinnn' — did you " \
                                      "mean 'Tinn'?\n"


def test_all_and_group_ids_are_matched_whatever_the_case(workdir):
    every = [f"liten-{slug(n)}.pptx" for n in NINE]
    for kommune, group in (("ALL", None), ("All", None), (None, "Distriktskommuner-Telemark")):
        jobs = plan(workdir / "liten.yaml", kommune, group, None, None, force=False)
        names = sorted(job.output.name for job in jobs)
        if kommune:  # all: every kommune in Norway, the nine among them
            assert (len(names), set(every) <= set(names)) == (357, True)
        else:
            assert names == sorted(every)


def test_for_each_names_its_group_in_any_case(workdir):
    from slidegen import build_deck

    (workdir / "blokk.yaml").write_text(
        "title: T\ndata: data\nslides:\n  - for_each: Distriktskommuner-TELEMARK\n"
        "    slides:\n      - kind: statement\n        text: '{{ kommune.name }}'\n", "utf-8")
    build_deck(workdir / "blokk.yaml", workdir / "blokk.pptx")
    titles = [title_of(s) for s in Presentation(str(workdir / "blokk.pptx")).slides]
    assert titles == NINE


def test_validate_finds_an_unknown_for_each_group_at_its_line(workdir, capsys):
    (workdir / "blokk.yaml").write_text(
        "title: T\ndata: data\nslides:\n  - for_each: distriktskommuner-telemak\n"
        "    slides:\n      - kind: statement\n        text: '{{ kommune.name }}'\n", "utf-8")
    with pytest.raises(SystemExit) as done:
        main(["validate", "blokk.yaml"])
    assert (done.value.code, capsys.readouterr().err) == (
        1, "error: blokk.yaml:4:1: slide 1, for_each: unknown group "
           "'distriktskommuner-telemak' — did you mean 'distriktskommuner-telemark'?\n")


def test_a_group_given_as_kommune_says_to_use_group(workdir, capsys):
    with pytest.raises(SystemExit) as done:
        main(["build", "liten.yaml", "--kommune", "Distriktskommuner-Telemark"])
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        "error: --kommune: 'Distriktskommuner-Telemark' is a group: use --group "
        "distriktskommuner-telemark\n")


def test_a_misspelt_default_kommune_is_named_at_its_line(workdir, capsys):
    (workdir / "liten.yaml").write_text(SMALL.replace("parameter: kommune\n",
                                                      "parameter: kommune\nkommune: Tinnn\n"),
                                        "utf-8")
    expected = ("error: liten.yaml:4:10: kommune: unknown kommune 'Tinnn' — did you mean "
                "'Tinn'?\n")
    for command in (["build", "liten.yaml"], ["validate", "liten.yaml"]):
        with pytest.raises(SystemExit) as done:
            main(command)
        assert (done.value.code, capsys.readouterr().err) == (1, expected)


def test_a_newer_year_in_another_region_rebuilds_decks_counting_back_from_it(workdir):
    # 'siste 2 år' counts back from the dataset's newest year, whichever region brought it
    deck = workdir / "liten.yaml"
    assert statuses(deck, "Tinn") == ["built"]
    with (workdir / "data" / "befolkning.csv").open("a", encoding="utf-8") as handle:
        handle.write("4016,2025,befolkning,4100\n")  # made up, for this test only
    assert statuses(deck, "Tinn") == ["built"]
    assert statuses(deck, "Tinn") == ["skipped"]


def test_a_deck_written_by_check_is_not_taken_for_unchanged(workdir, capsys):
    deck = workdir / "enkel.yaml"
    deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Først\n", "utf-8")
    main(["build", "enkel.yaml"])
    deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Utkast\n", "utf-8")
    main(["check", "enkel.yaml"])  # builds build/enkel.pptx from the draft
    deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Først\n", "utf-8")
    capsys.readouterr()
    main(["build", "enkel.yaml"])
    assert capsys.readouterr().out.startswith("wrote build/enkel.pptx")
    texts = [s.text_frame.text for s in Presentation("build/enkel.pptx").slides[0].shapes
             if s.has_text_frame]
    assert "Først" in texts


def test_a_file_saved_during_a_build_is_seen_next_time(workdir, monkeypatch):
    import slidegen.batch as batch

    deck = workdir / "enkel.yaml"
    deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Først\n", "utf-8")
    real_build = batch.build_deck

    def build_then_edit(*args, **kwargs):
        result = real_build(*args, **kwargs)
        deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Endret\n", "utf-8")
        return result

    monkeypatch.setattr(batch, "build_deck", build_then_edit)
    assert statuses(deck, None) == ["built"]
    monkeypatch.setattr(batch, "build_deck", real_build)
    assert statuses(deck, None) == ["built"]


def test_changes_in_key_figures_show_their_sign(nine_decks):
    # Nissedal grew by 18 over 2014–2023 and Fyresdal shrank by 44 (computed from data/)
    for name, expected in (("Nissedal", ["+18", "+23", "−5"]), ("Fyresdal", ["−44", "+27", "−71"])):
        prs = nine_decks["1"].deck(slug(name))
        shown = [text.split("\n")[0] for slide in prs.slides
                 if (title_of(slide) or "").startswith(("Befolkning i ", "Flytting og fødsler"))
                 for text in key_figures(slide)]
        # population now and in 2000, its change; inflow, net migration, natural increase
        assert [shown[2], shown[4], shown[5]] == expected
