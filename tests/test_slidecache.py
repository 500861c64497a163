"""The slide cache: a rebuild takes unchanged slides from it, re-makes only edited ones, reads no
data when no data slide changed, and writes exactly the bytes a build without it writes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import slidegen
from conftest import DECKS, ROOT
from slidegen import Session, build_deck
from slidegen.errors import DataError
from slidegen.slides import KINDS

EXAMPLE = DECKS / "innvandrere-som-ressurs.yaml"

CHARTS = 16  # in the example deck: 8 from the seed, 2 of education, 5 population developments,
# the map of the nine's population change


def jobs(count: int) -> Session:
    """A fresh session whose builds use count processes (the deck's own and chart workers)."""
    return Session(jobs=count)


@pytest.fixture
def decks(tmp_path, monkeypatch):
    """A copy of decks/ (pictures via ../assets), and a chart and slide cache of its own."""
    shutil.copytree(DECKS, tmp_path / "decks")
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "decks"


def _cold(deck, out, **kw):
    """A build with nothing cached and nothing kept: every accelerator off."""
    return build_deck(deck, out, data_folder=ROOT / "data", session=Session(accelerate=False),
                      **kw)


@pytest.mark.parametrize("name, kommune", [("innvandrere-som-ressurs.yaml", None),
                                           ("kommunebesok.yaml", "Vinje")])
def test_a_rebuild_from_the_cache_gives_the_same_bytes(decks, tmp_path, name, kommune,
                                                       plain_example):
    out = tmp_path / "out.pptx"
    build_deck(decks / name, out, data_folder=ROOT / "data", kommune=kommune)
    # every slide from the cache:
    build_deck(decks / name, out, data_folder=ROOT / "data", kommune=kommune)
    if kommune is None:  # the example deck, built once for every test that needs it
        assert out.read_bytes() == plain_example[1]
        return
    _cold(decks / name, tmp_path / "cold.pptx", kommune=kommune)
    assert out.read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_a_text_edit_remakes_only_its_slide_and_reads_no_data(decks, tmp_path, monkeypatch):
    deck = decks / "innvandrere-som-ressurs.yaml"
    out = tmp_path / "out.pptx"
    build_deck(deck, out, data_folder=ROOT / "data")
    deck.write_text(deck.read_text("utf-8").replace("Bli-faktorer", "Bli-faktorene"), "utf-8")
    made = []
    for module in set(KINDS.values()):
        original = module.render
        monkeypatch.setattr(module, "render", lambda spec, *a, _o=original:
                            made.append(spec.kind) or _o(spec, *a))
    result = build_deck(deck, out, data_folder=ROOT / "data")  # a fresh session: nothing read
    assert made == ["bullets"]
    assert not result.data.is_loaded  # no dataset read, pandas not needed
    monkeypatch.undo()
    _cold(deck, tmp_path / "cold.pptx")
    assert out.read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_a_data_change_remakes_the_data_slides(decks, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    deck = decks / "innvandrere-som-ressurs.yaml"
    out = tmp_path / "out.pptx"
    build_deck(deck, out, data_folder=data)
    csv = data / "befolkning.csv"
    lines = csv.read_text("utf-8").splitlines()
    head, first = lines[0], lines[1].rsplit(",", 1)
    csv.write_text("\n".join([head, f"{first[0]},{int(float(first[1])) + 1}"] + lines[2:])
                   + "\n", "utf-8")
    build_deck(deck, out, data_folder=data)
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cold-cache"))
    build_deck(deck, tmp_path / "cold.pptx", data_folder=data)
    assert out.read_bytes() == (tmp_path / "cold.pptx").read_bytes()


def test_pandas_is_not_imported_by_a_rebuild_from_the_cache(decks, tmp_path):
    import subprocess

    out = tmp_path / "out.pptx"
    build = [sys.executable, "-m", "slidegen", "build", str(decks / "kommunebesok.yaml"),
             "--data", str(ROOT / "data"), "-o", str(out), "--force"]
    # the slidegen under test, not whichever one the interpreter has installed
    code = str(Path(slidegen.__file__).resolve().parents[1])
    env = {"SLIDEGEN_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": code}
    subprocess.run(build, check=True, env=env, capture_output=True)
    # main(), not the command: the command ends the process (cli.run) before a probe could look
    probe = ("import sys\nfrom slidegen.cli import main\n"
             "try:\n    main(" + repr(build[3:]) + ")\n"
             "except SystemExit:\n    pass\n"
             "print('pandas' in sys.modules, 'matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], check=True, env=env,
                          capture_output=True, text=True)
    assert done.stdout.startswith("wrote ")  # built from the cache, and then:
    assert done.stdout.split()[-2:] == ["False", "False"]


def test_charts_drawn_in_workers_give_the_same_file(tmp_path, monkeypatch, plain_example):
    """--jobs 2: charts drawn in forked workers while the slides are made, data handed back."""
    one, plain = plain_example
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "two"))
    result = build_deck(EXAMPLE, tmp_path / "two.pptx", session=jobs(2))
    assert (tmp_path / "two.pptx").read_bytes() == plain
    assert len(list((tmp_path / "two").glob("*.png"))) == CHARTS  # drawn by the workers
    assert result.reads == one.reads  # the rows the workers read are in the fingerprint


def test_with_two_jobs_the_deck_process_draws_no_chart(tmp_path, monkeypatch):
    """--jobs 2 is the deck's own process and one chart worker: every chart is drawn there."""
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    session = jobs(2)
    build_deck(EXAMPLE, tmp_path / "two.pptx", session=session)
    assert session.painter.drawn == 0
    assert len(list((tmp_path / "cache").glob("*.png"))) == CHARTS  # the example's charts


def test_a_chart_that_cannot_be_drawn_is_reported_with_workers_too(tmp_path, monkeypatch):
    """The deck's process computes the charts' data before the workers draw: a selection a chart
    cannot show must still stop the build with the slide's file:line, and write nothing."""
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    deck = tmp_path / "d.yaml"
    deck.write_text(f"""title: T
data: {ROOT / 'data'}
slides:
  - kind: chart
    title: God
    chart: grouped_bar
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
  - kind: chart
    title: Feil
    chart: line
    x: kommune
    data: {{kommuner: [Tinn, Vinje], measures: befolkning, periods: 2024}}
  - kind: chart
    title: Også god
    chart: line
    data: {{kommuner: Seljord, measures: innflytting, periods: siste 10 år}}
""", encoding="utf-8")
    out = tmp_path / "o.pptx"
    out.write_bytes(b"the previous deck")
    with pytest.raises(DataError) as caught:
        build_deck(deck, out, session=jobs(2))
    assert caught.value.messages() == [
        f"{deck}:10:12: slide 2, chart: 'line' shows development over years; put 'period' on "
        f"x, or use 'ranked_bar' to compare kommuner"]
    assert out.read_bytes() == b"the previous deck"


def test_chart_workers_that_die_at_start_leave_the_charts_to_the_deck(tmp_path, monkeypatch,
                                                                      plain_example):
    """Workers whose start-up fails break the pool at once: the deck's process draws every
    chart itself, and the file is the same."""
    import os

    from slidegen import charts

    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(charts, "warm_up", lambda: os._exit(1))  # every worker dies at start
    session = jobs(2)
    build_deck(EXAMPLE, tmp_path / "two.pptx", session=session)
    assert session.painter.drawn == CHARTS  # drawn by the deck's own process
    assert (tmp_path / "two.pptx").read_bytes() == plain_example[1]


def test_a_chart_worker_killed_while_idle_does_not_hang_the_build(tmp_path, monkeypatch,
                                                                  plain_example):
    """The OOM killer takes an idle worker: the build neither waits for it nor hangs stopping
    the others (multiprocessing.Pool did both), and the file is the same."""
    import os
    import signal
    import time

    from slidegen.speed import chartpool
    from slidegen.speed import charts as ahead

    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(ahead, "WORKER_TIMEOUT", 30)
    start_workers = chartpool.start

    def start_and_kill(count, *args, **kwargs):
        workers = start_workers(count, *args, **kwargs)
        workers.pool.submit(os.getpid).result()  # warmed up, idle
        for process in workers.processes:
            os.kill(process.pid, signal.SIGKILL)
        return workers

    monkeypatch.setattr(chartpool, "start", start_and_kill)
    session, start = jobs(2), time.monotonic()
    build_deck(EXAMPLE, tmp_path / "two.pptx", session=session)
    assert time.monotonic() - start < 20  # not one WORKER_TIMEOUT waited
    assert session.painter.drawn == CHARTS
    assert (tmp_path / "two.pptx").read_bytes() == plain_example[1]


def test_rows_read_for_charts_drawn_ahead_stay_with_their_slides(decks, tmp_path,
                                                                  plain_example):
    """With --jobs 2 the charts' data is computed before the slides are made. Each chart slide
    must still record its own rows in the slide cache: after an edit re-makes only the first
    slide, the rows the deck read (its fingerprint) must be a cold build's, or a later change
    to those figures would leave the deck 'unchanged'."""
    deck = decks / "innvandrere-som-ressurs.yaml"
    build_deck(deck, tmp_path / "out.pptx", data_folder=ROOT / "data", session=jobs(2))
    felles = decks / "felles" / "distriktssenteret.yaml"
    felles.write_text(felles.read_text("utf-8").replace("Samfunnsoppdraget vårt",
                                                        "Samfunnsoppdraget"), "utf-8")
    warm = build_deck(deck, tmp_path / "out.pptx", data_folder=ROOT / "data", session=jobs(2))
    cold = plain_example[0]  # the same slides read the same rows, whatever their text
    assert any(dataset == "innvandrere" for dataset, _ in cold.reads)
    assert warm.reads == cold.reads


def test_the_command_line_starts_a_chart_worker_early_and_stops_it(tmp_path, monkeypatch):
    """One deck with --jobs 2: a worker is forked before the deck is read and used for its
    charts. A rebuild after which data/ has not changed starts none (its charts are cached);
    when data/ has changed a standby is started, and if the deck then turns out unchanged it is
    stopped, not waited for."""
    import os
    import shutil

    from slidegen import charts
    from slidegen.cli import main
    from slidegen.speed import chartpool

    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    args = ["build", str(EXAMPLE), "-o",
            str(tmp_path / "d.pptx"), "--data", str(data), "--jobs", "2"]
    import gc

    collector = gc.get_threshold(), gc.get_freeze_count()
    started = []
    start = chartpool.start
    monkeypatch.setattr(chartpool, "start",
                        lambda n, *a, **k: started.append(n) or start(n, *a, **k))
    drawn_here = []  # a forked worker appends to its own copy
    draw = charts.Painter._draw
    monkeypatch.setattr(charts.Painter, "_draw",
                        lambda self, *a: drawn_here.append(a[0]) or draw(self, *a))
    main(args)
    assert started == [1]  # the standby, claimed by the build: no second pool
    assert drawn_here == []  # every chart drawn by the worker
    assert len(list((tmp_path / "cache").glob("*.png"))) == CHARTS  # the example's charts
    assert _processes_left() == []
    main(args)  # unchanged, and data/ older than the cache: no worker at all
    assert started == [1] and _processes_left() == []
    later = charts.cache.slide_cache_file(tmp_path / "d.pptx").stat().st_mtime_ns + 10**9
    os.utime(data / "befolkning.csv", ns=(later, later))  # saved again, the same figures
    main(args)  # a standby is started, and stopped: the deck is unchanged
    assert started == [1, 1] and _processes_left() == []
    assert (gc.get_threshold(), gc.get_freeze_count()) == collector  # the host process's GC


def _processes_left() -> list[str]:
    """Child processes still there, as 'pid: state' (empty: none). Asked of the system, not
    only of multiprocessing's list: when the executor's own thread reaps a stopped worker
    first, the list can keep it for good (seen twice in full runs, never alone)."""
    import multiprocessing
    import os

    for child in multiprocessing.active_children():
        child.join(timeout=10)
    left = []
    for child in multiprocessing.active_children():
        try:
            os.kill(child.pid, 0)
        except ProcessLookupError:
            continue
        try:  # a zombie (exited, not reaped) or a live worker: say which, if it ever happens
            status = Path(f"/proc/{child.pid}/status").read_text().splitlines()
            state = next((line for line in status if line.startswith("State:")), "?")
        except OSError:
            state = "?"
        left.append(f"{child.pid}: {state} ({child.name})")
    return left


def test_a_library_upgrade_reuses_no_slide(decks, monkeypatch):
    from importlib import metadata

    from slidegen.build import Build
    from slidegen.speed import incremental
    from slidegen.speed.cached import build_context

    deck = Build.plan(decks / "innvandrere-som-ressurs.yaml", None, None, ROOT / "data",
                      Session())
    before = build_context(deck)
    installed = metadata.version
    monkeypatch.setattr(metadata, "version",
                        lambda name: "99.0" if name == "python-pptx" else installed(name))
    incremental.installed_versions.cache_clear()  # read once per process
    try:
        assert build_context(deck) != before
    finally:
        monkeypatch.undo()
        incremental.installed_versions.cache_clear()
    assert build_context(deck) == before
