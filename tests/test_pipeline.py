"""The pipeline itself: with every accelerator switched off it writes the same bytes, keeps
nothing between builds, and each slide's data reads are recorded where they happen."""

from __future__ import annotations

import pytest

from conftest import DECKS, ROOT
from slidegen import Session, build_batch, build_deck
from slidegen.data import open_data
from slidegen.data.reads import recording
from slidegen.data.tables import Selection, single_value
from slidegen.speed.incremental import state_file


@pytest.mark.parametrize("name, kommune", [("innvandrere-som-ressurs.yaml", None),
                                           ("kommunebesok.yaml", "Tokke")])
def test_every_accelerator_off_gives_the_same_bytes(tmp_path, monkeypatch, name, kommune,
                                                    plain_example):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(cache))
    if kommune is None:  # built once for every test that needs it (conftest)
        plain, content = plain_example
        (tmp_path / "plain.pptx").write_bytes(content)
    else:
        plain = build_deck(DECKS / name, tmp_path / "plain.pptx", kommune=kommune,
                           session=Session(accelerate=False))
    assert not cache.exists()  # no chart, no slide kept for next time
    fast = build_deck(DECKS / name, tmp_path / "fast.pptx", kommune=kommune,
                      session=Session(jobs=2))
    again = build_deck(DECKS / name, tmp_path / "fast.pptx", kommune=kommune,
                       session=Session(jobs=2))  # every slide from the slide cache
    assert (tmp_path / "plain.pptx").read_bytes() == (tmp_path / "fast.pptx").read_bytes()
    assert plain.reads == fast.reads == again.reads
    assert plain.slide_count == fast.slide_count == again.slide_count


def test_a_batch_without_accelerators_builds_every_deck_every_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "liten.yaml").write_text(f"""title: "{{{{ kommune.name }}}}"
parameter: kommune
data: {ROOT / "data"}
slides:
  - kind: key_figure
    title: "Befolkning i {{{{ kommune.name }}}}"
    figures: [{{data: {{measures: befolkning}}, label: innbyggere}}]
""", "utf-8")
    for _ in range(2):
        result = build_batch("liten.yaml", group="distriktskommuner-telemark", output="ut",
                             session=Session(accelerate=False, jobs=2))
        assert [o.status for o in result.outcomes] == ["built"] * 9
        assert result.is_batch and result.unread_problems == []
    assert not any(state_file(p).exists() for p in (tmp_path / "ut").glob("*.pptx"))
    assert not (tmp_path / "cache").exists()


def test_reads_are_recorded_by_the_block_that_reads():
    data = open_data(ROOT / "data")
    tinn = Selection(["befolkning"], "Tinn", None, "2024")
    vinje = Selection(["befolkning"], "Vinje", None, "2024")
    with recording() as outer:
        single_value(data, tinn)
        with recording() as inner:
            single_value(data, vinje)
    single_value(data, tinn)  # outside any recording: nobody is told
    assert inner == {("befolkning", "4036")}
    assert outer == {("befolkning", "4026"), ("befolkning", "4036")}


def test_a_deck_written_without_the_accelerators_is_not_taken_for_unchanged(tmp_path,
                                                                          monkeypatch):
    """The record of what a deck was built from holds the deck's own digest: whatever writes
    the file afterwards (a build with nothing plugged in, PowerPoint) makes it stale."""
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    deck, out = tmp_path / "d.yaml", tmp_path / "d.pptx"
    deck.write_text("title: T\nslides:\n  - kind: statement\n    text: Først\n", "utf-8")
    assert [o.status for o in build_batch(deck, output=out).outcomes] == ["built"]
    assert [o.status for o in build_batch(deck, output=out).outcomes] == ["skipped"]
    other = tmp_path / "annen.yaml"
    other.write_text("title: T\nslides:\n  - kind: statement\n    text: Annet\n", "utf-8")
    build_deck(other, out, session=Session(accelerate=False))
    assert [o.status for o in build_batch(deck, output=out).outcomes] == ["built"]


def test_a_batch_starts_one_pool_and_its_decks_none_of_their_own(tmp_path, monkeypatch):
    """--jobs 2: the batch's two workers make the decks; a deck among them (the one left over,
    or one whose charts were not computed ahead) starts no chart workers of its own."""
    import os

    from slidegen.speed import chartpool

    started = tmp_path / "started"
    start = chartpool.start

    def counted(count, session):
        with started.open("a") as log:  # a forked worker appends to the same file
            log.write(f"{os.getpid()}\n")
        return start(count, session)

    monkeypatch.setattr(chartpool, "start", counted)
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "to.yaml").write_text(f"""title: "{{{{ kommune.name }}}}"
parameter: kommune
data: {ROOT / "data"}
slides:
  - kind: chart
    title: "Befolkning i {{{{ kommune.name }}}}"
    chart: bar
    data: {{measures: befolkning, periods: siste 2 år}}
  - kind: chart
    title: "Utvikling i {{{{ kommune.name }}}}"
    chart: line
    data: {{measures: befolkning, periods: siste 2 år}}
""", "utf-8")  # two charts a deck: a deck alone would draw them in a worker of its own
    result = build_batch("to.yaml", group="distriktskommuner-telemark", output="ut",
                         session=Session(jobs=2))
    assert [o.status for o in result.outcomes] == ["built"] * 9
    assert started.read_text().split() == [str(os.getpid())]
