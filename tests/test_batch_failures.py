"""A batch with bad input: a bad row fails the decks that read it and no others, each problem
is said once, and every file already built stays as it was."""

from __future__ import annotations

import hashlib

import pytest
from pptx import Presentation

from conftest import copy_data, with_data
from helpers import NINE, key_figures, number, slug, title_of
from slidegen.cli import main
from slidegen.data import open_data
from slidegen.errors import DataError
from slidegen.speed.incremental import data_rows

# Each deck reads only its own kommune's population: Tinn's bad row is only Tinn's problem.
OWN = """
title: "Befolkning i {{ kommune.name }}"
parameter: kommune
data: data
slides:
  - kind: key_figure
    title: "Befolkning i {{ kommune.name }}"
    figures:
      - data: {measures: befolkning, periods: siste år}
        label: innbyggere
"""
# ... and an appendix with every kommune's: Tinn's bad row is every deck's problem.
EVERY = OWN + """
  - for_each: distriktskommuner-telemark
    slides:
      - kind: key_figure
        title: "{{ kommune.name }} i tall"
        figures:
          - data: {measures: befolkning, periods: siste år}
            label: innbyggere
"""
BAD_VALUE = "data/befolkning.csv:9: value: expected a number (decimal point, no spaces) or " \
            "empty for a missing figure, found '55x3'"

GROUP = "distriktskommuner-telemark"  # the nine: "all" is every kommune in Norway
NINE_GROUP = ("--group", GROUP)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    return with_data(tmp_path, monkeypatch, "egen.yaml", OWN)


def spoil_tinn(workdir) -> None:
    """Line 9 of befolkning.csv is Tinn's 2024 population: make it not a number."""
    csv_file = workdir / "data" / "befolkning.csv"
    lines = csv_file.read_text("utf-8").splitlines()
    assert lines[8] == "4026,2024,befolkning,5533"
    lines[8] = "4026,2024,befolkning,55x3"
    csv_file.write_text("\n".join(lines) + "\n", "utf-8")


def build(capsys, *args) -> tuple[int, list[str], list[str]]:
    try:
        main(["build", *args])
        code = 0
    except SystemExit as done:
        code = done.code
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.pptx")}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_value_in_one_kommunes_row_fails_only_the_deck_that_reads_it(workdir, capsys,
                                                                            jobs):
    assert build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut", "--jobs", jobs)[0] == 0
    before = digests(workdir / "ut")
    spoil_tinn(workdir)
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut", "--force",
                           "--jobs", jobs)
    assert code == 1
    assert err == [f"error: ut/egen-tinn.pptx: {BAD_VALUE}"]
    assert out[-1] == "8 built, 0 unchanged, 1 failed: egen-tinn.pptx"
    assert digests(workdir / "ut")["egen-tinn.pptx"] == before["egen-tinn.pptx"]
    vinje = Presentation(str(workdir / "ut" / "egen-vinje.pptx"))
    assert title_of(vinje.slides[0]) == "Befolkning i Vinje"
    # While data/ has a bad row, no deck is remembered as up to date: a rebuild makes them
    # again, and a single build, which refuses any bad row, does not take them for unchanged
    # (nor takes their slides from the cache).
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut", "--jobs", jobs)
    assert (code, out[-1]) == (1, "8 built, 0 unchanged, 1 failed: egen-tinn.pptx")
    for force in ([], ["--force"]):
        code, out, err = build(capsys, "egen.yaml", "--kommune", "Vinje", "-o",
                               "ut/egen-vinje.pptx", *force)
        assert (code, out, err) == (1, [], [f"error: {BAD_VALUE}"])


def test_a_bad_row_every_deck_reads_is_said_once(workdir, capsys):
    (workdir / "alle.yaml").write_text(EVERY, "utf-8")
    spoil_tinn(workdir)  # every deck shows Tinn's population in its appendix
    code, out, err = build(capsys, "alle.yaml", *NINE_GROUP, "-o",
                           "ut", "--jobs", "1")
    assert code == 1
    assert err == [f"error: {BAD_VALUE}",
                   "  (in 9 decks: " + ", ".join(f"ut/alle-{slug(n)}.pptx" for n in NINE) + ")"]
    assert out == ["0 built, 0 unchanged, 9 failed: "
                   + ", ".join(f"alle-{slug(n)}.pptx" for n in NINE)]
    assert not (workdir / "ut").exists() or not list((workdir / "ut").glob("*.pptx"))


def test_a_bad_row_no_deck_reads_is_still_an_error(workdir, capsys):
    csv_file = workdir / "data" / "befolkningsendringer.csv"
    lines = csv_file.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith("4026,2014,innflytting,"))
    lines[line] = lines[line].replace(",innflytting,", ",innflytting,x")
    csv_file.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut")
    assert code == 1
    assert out[-1] == "9 built, 0 unchanged, 0 failed; 1 bad row in data/"
    assert err == [f"error: data/befolkningsendringer.csv:{line + 1}: value: expected a number "
                   f"(decimal point, no spaces) or empty for a missing figure, found "
                   f"'{lines[line].rsplit(',', 1)[1]}' (no deck that was built read this row)"]
    tinn = Presentation("ut/egen-tinn.pptx").slides[0]
    assert number(key_figures(tinn)[0].split("\n")[0]) == 5533


def test_a_problem_not_tied_to_one_kommune_stops_the_batch_with_one_message(workdir, capsys):
    assert build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut")[0] == 0
    before = digests(workdir / "ut")
    with (workdir / "data" / "befolkning.csv").open("a", encoding="utf-8") as handle:
        handle.write("9999,2024,befolkning,10\n")
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut", "--force")
    assert code == 1
    assert out == []
    assert len(err) == 1 and err[0].startswith("error: data/befolkning.csv:")
    assert "region: unknown kommune or group '9999'" in err[0]
    assert digests(workdir / "ut") == before


def test_a_single_deck_still_refuses_any_bad_row(workdir, capsys):
    spoil_tinn(workdir)
    code, out, err = build(capsys, "egen.yaml", "--kommune", "Vinje", "-o", "vinje.pptx")
    assert (code, out, err) == (1, [], [f"error: {BAD_VALUE}"])
    assert not (workdir / "vinje.pptx").exists()


def test_isolated_loading_keeps_a_bad_row_out_of_every_other_region(workdir, tmp_path_factory):
    spoil_tinn(workdir)
    with pytest.raises(DataError, match="55x3"):
        open_data(workdir / "data").load()
    data = open_data(workdir / "data", isolate=True)
    befolkning = data.datasets["befolkning"]
    assert data.broken == [BAD_VALUE]
    assert set(befolkning.broken) == {"4026"}
    befolkning.read(["3824"])  # Tokke: fine
    with pytest.raises(DataError) as exc:
        befolkning.read(["3824", "4026"])
    assert exc.value.messages() == [BAD_VALUE]
    # the broken region's digest changes, so a deck built from its rows is rebuilt (and fails)
    clean = open_data(copy_data(tmp_path_factory.mktemp("clean") / "data"))
    assert data_rows(data, "befolkning", "4026") != data_rows(clean, "befolkning", "4026")
    assert data_rows(data, "befolkning", "3824") == data_rows(clean, "befolkning", "3824")


def test_a_batch_needs_a_folder_for_its_files(workdir, capsys):
    code, _, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "alle.pptx")
    assert (code, err) == (1, ["error: -o: a batch writes one file per kommune into a folder; "
                               "found 'alle.pptx', a .pptx name"])
    (workdir / "fil").write_text("x", "utf-8")
    code, _, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "fil")
    assert (code, err) == (1, ["error: -o: a batch writes one file per kommune into a folder; "
                               "found 'fil', a file"])
    (workdir / "mappe").mkdir()
    assert build(capsys, "egen.yaml", "--kommune", "Tinn", "-o", "mappe")[:2] == (
        0, ["wrote mappe/egen-tinn.pptx (1 slides)"])


def test_a_deck_that_cannot_be_written_fails_alone(workdir, capsys):
    (workdir / "ut" / "egen-seljord.pptx").mkdir(parents=True)  # a folder in the file's way
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut")
    assert code == 1
    assert out[-1] == "8 built, 0 unchanged, 1 failed: egen-seljord.pptx"
    assert len(err) == 1 and err[0].startswith("error: ut/egen-seljord.pptx: ")
    assert (workdir / "ut" / "egen-seljord.pptx").is_dir()


def test_a_bad_row_in_a_newer_year_moves_no_other_decks_period(workdir, capsys):
    # only Tinn has a 2025 row, and it is bad: the others still count back from 2024
    with (workdir / "data" / "befolkning.csv").open("a", encoding="utf-8") as handle:
        handle.write("4026,2025,befolkning,9x9\n")  # made up, for this test only
    code, out, err = build(capsys, "egen.yaml", *NINE_GROUP, "-o", "ut")
    assert (code, out[-1]) == (1, "8 built, 0 unchanged, 1 failed: egen-tinn.pptx")
    vinje = Presentation("ut/egen-vinje.pptx").slides[0]
    assert key_figures(vinje)[0].split("\n")[1] == "innbyggere (2024)"


def test_a_batch_of_one_kommune_follows_the_batch_rules(workdir, capsys):
    with (workdir / "data" / "kommuner.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  bare-vinje:\n    name: Bare Vinje\n    kommuner: [4036]\n")
    spoil_tinn(workdir)  # Vinje's deck does not read Tinn's rows
    code, out, err = build(capsys, "egen.yaml", "--group", "bare-vinje", "-o", "ut")
    assert (code, out) == (1, ["wrote ut/egen-vinje.pptx (1 slides)",
                               "1 built, 0 unchanged, 0 failed; 1 bad row in data/"])
    assert err == [f"error: {BAD_VALUE} (no deck that was built read this row)"]


def test_a_worker_that_dies_leaves_its_decks_to_the_main_process(workdir, monkeypatch, capsys):
    import os

    from slidegen import batch

    parent, real = os.getpid(), batch.build_deck

    def killed_in_a_worker(deck, output, *args, **kwargs):
        if os.getpid() != parent and output.name == "egen-tinn.pptx":
            os._exit(9)  # as the OOM killer would end it: no exception, no answer
        return real(deck, output, *args, **kwargs)

    monkeypatch.setattr(batch, "build_deck", killed_in_a_worker)  # the workers fork with it
    main(["build", "egen.yaml", *NINE_GROUP, "--jobs", "2", "-o", "ut"])
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "9 built, 0 unchanged, 0 failed"
    assert "warning: a worker process ended before its decks were made" in captured.err
    for name in NINE:
        prs = Presentation(str(workdir / "ut" / f"egen-{slug(name)}.pptx"))
        assert title_of(prs.slides[0]) == f"Befolkning i {name}"
