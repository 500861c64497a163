"""Previews: the example deck opens in LibreOffice, one PNG per slide and a contact sheet.

Needs libreoffice-impress and poppler-utils (installed by .ci/run). Skipped elsewhere with the
install hint, but never in CI, where a missing LibreOffice must fail rather than hide.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import SMALL_DECK
from slidegen import preview as preview_module
from slidegen.errors import BuildError
from slidegen.office import uno_python
from slidegen.preview import INSTALL_HINT, render_preview, tools_missing, watch

HAVE = not tools_missing() and shutil.which("pdftotext")
if not HAVE and os.environ.get("CI"):
    raise RuntimeError("CI must install libreoffice-impress and poppler-utils (see .ci/run)")
needs_libreoffice = pytest.mark.skipif(not HAVE, reason=INSTALL_HINT)


@pytest.fixture(scope="module")
def example_preview(example_pptx, tmp_path_factory):
    return render_preview(example_pptx, tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="module")
def preview_text(example_preview) -> str:
    """The preview PDF's text as LibreOffice laid it out."""
    return subprocess.run(["pdftotext", "-layout", str(example_preview.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@needs_libreoffice
def test_one_png_per_slide_and_a_contact_sheet(example_preview, example):
    count = len(example.slides)
    assert count == 63
    assert [p.name for p in example_preview.slides] == [f"slide-{i:02d}.png"
                                                         for i in range(1, count + 1)]
    with Image.open(example_preview.slides[0]) as first:
        assert first.size == (1280, 720)
    with Image.open(example_preview.sheet) as sheet:
        assert sheet.width > 4 * 480 and sheet.height > 15 * 270  # 4 columns, 15 rows


@needs_libreoffice
def test_text_survives_the_round_trip(preview_text):
    text = preview_text
    for expected in ("Hva er Distriktssenteret?", "Bli-faktorer", "Takk for oppmerksomheten",
                     "«Edgar gir meg støtte", "Foto: Sebastian Bang/Trønder-Avisa",
                     "Kilde: SSB, tabell 06913"):
        assert expected in text
    assert re.search("25[\u00a0 ]485", text)  # the computed population sum, 2026


@needs_libreoffice
def test_no_line_ends_on_a_one_letter_word(preview_text):
    # As LibreOffice lays the text out: before no-break spaces were put where a line wraps,
    # a section title ended «… distriktskommuner i», a quote «… som menneske i» and a bullet
    # «… nylig utvikla i». A dash ends a line («fra før –»), but never starts one.
    lines = [line.strip() for line in preview_text.splitlines() if line.strip()]
    assert [line for line in lines if re.search(r"\s[iIåÅ]$", line)] == []
    starts = [line for line in lines if line[0] in "–—"]
    assert starts == ["– for distriktsbutikker", "– Oranut Rennemo, bedriftseier",
                      "– Mattias Sjölundh, enhetschef Inflyttarservice i Åre kommune"]


def test_missing_libreoffice_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(preview_module.shutil, "which", lambda name: None)
    with pytest.raises(BuildError) as caught:
        render_preview(tmp_path / "x.pptx", tmp_path / "out")
    assert str(caught.value) == (
        "preview needs LibreOffice (soffice) and pdftoppm: apt-get install libreoffice-impress "
        "poppler-utils fonts-crosextra-carlito (Debian/Ubuntu)")


def test_watch_rebuilds_when_an_input_changes(tmp_path):
    deck = tmp_path / "d.yaml"
    deck.write_text("a", "utf-8")
    calls, said = [], []

    def edit_later():
        time.sleep(0.15)
        deck.write_text("b", "utf-8")
        os.utime(deck, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))

    editor = threading.Thread(target=edit_later)
    editor.start()
    rebuilds = watch(lambda: [deck], lambda: calls.append(1), interval=0.1, cycles=6,
                     say=said.append)
    editor.join()
    assert rebuilds == len(calls) == 1
    assert said == ["changed: d.yaml; rebuilding"]


SMALL = SMALL_DECK


def small_pptx(folder, text: str = SMALL):
    from slidegen.api import build_deck

    (folder / "lite.yaml").write_text(text, "utf-8")
    return build_deck(folder / "lite.yaml", folder / "lite.pptx").output


def left_behind(scratch) -> tuple[list[str], str]:
    """What a preview left in its TMPDIR, and any LibreOffice still running with a profile
    there."""
    running = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{scratch}"],
                             capture_output=True, text=True).stdout
    return sorted(p.name for p in scratch.iterdir()), running


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """TMPDIR of its own, to see what is left in it."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@needs_libreoffice
def test_ctrl_c_during_a_one_shot_conversion_leaves_no_profile(tmp_path, scratch, monkeypatch):
    """#18: Ctrl-C while soffice converts (no python3-uno: one soffice per conversion)."""
    from slidegen import office

    pptx = small_pptx(tmp_path)
    monkeypatch.setenv("SLIDEGEN_UNO_PYTHON", "")

    class Interrupted(subprocess.Popen):
        def communicate(self, *args, **kwargs):
            time.sleep(2)  # soffice is up and writing its profile
            raise KeyboardInterrupt

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(office.subprocess, "Popen", Interrupted)
        render_preview(pptx, tmp_path / "out")
    assert left_behind(scratch) == ([], "")
    assert not (tmp_path / "out").exists()


@needs_libreoffice
@pytest.mark.skipif(uno_python() is None, reason="needs python3-uno (installed by .ci/run)")
def test_ctrl_c_while_the_session_libreoffice_works_leaves_nothing(tmp_path, scratch,
                                                                    monkeypatch):
    from slidegen.office import Office

    pptx = small_pptx(tmp_path)

    def interrupted(self, request):
        assert list(scratch.glob("slidegen-office-*"))  # started, with its profile
        raise KeyboardInterrupt

    monkeypatch.setattr(Office, "_ask", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render_preview(pptx, tmp_path / "out")
    assert left_behind(scratch) == ([], "")


def test_a_failed_preview_leaves_no_empty_output_folder(tmp_path, monkeypatch):
    from slidegen.office import Office

    pptx = small_pptx(tmp_path)

    def fails(self, pptx, pdf, slides=None):
        raise BuildError("LibreOffice could not convert lite.pptx: it said no")

    monkeypatch.setattr(preview_module, "tools_missing", lambda: [])
    monkeypatch.setattr(Office, "convert", fails)
    with pytest.raises(BuildError, match="could not convert"):
        render_preview(pptx, tmp_path / "build" / "lite-preview")
    assert not (tmp_path / "build").exists()
    (tmp_path / "kept").mkdir()  # a folder that was there before stays
    with pytest.raises(BuildError):
        render_preview(pptx, tmp_path / "kept")
    assert (tmp_path / "kept").is_dir()


@needs_libreoffice
def test_only_the_changed_slide_is_rendered_again(tmp_path, monkeypatch):
    from slidegen.office import Office

    asked = []
    convert = Office.convert

    def spy(self, pptx, pdf, slides=None):
        asked.append(slides)
        return convert(self, pptx, pdf, slides)

    monkeypatch.setattr(Office, "convert", spy)
    out = tmp_path / "out"
    with preview_module.Renderer() as renderer:
        first = renderer.render(small_pptx(tmp_path), out, sheet=False, pdf=False)
        before = [png.read_bytes() for png in first.slides]
        again = renderer.render(small_pptx(tmp_path, SMALL.replace("Andre lysbilde",
                                                                   "Andre, endret")),
                                out, sheet=False, pdf=False)
        after = [png.read_bytes() for png in again.slides]
        unchanged = renderer.render(tmp_path / "lite.pptx", out, sheet=False, pdf=False)
    assert asked == [None, [2]]  # all, then slide 2 only, then nothing
    assert [a == b for a, b in zip(before, after, strict=True)] == [True, False, True]
    assert unchanged.slides == again.slides and unchanged.pdf is None
    # converted alone (the others emptied in a thin copy), it looks as in the whole deck
    whole = render_preview(tmp_path / "lite.pptx", tmp_path / "whole")
    with Image.open(again.slides[1]) as alone, Image.open(whole.slides[1]) as in_deck:
        assert alone.size == (1280, 720)
        assert ImageChops.difference(alone.convert("RGB"), in_deck.convert("RGB")).getbbox() \
            is None


@needs_libreoffice
def test_preview_watch_renders_only_the_edit_and_sigterm_leaves_nothing(tmp_path):
    """preview --watch: an edit converts the changed slide only (so the whole deck's PDF goes
    rather than stay out of date); SIGTERM stops it as Ctrl-C does, LibreOffice and all."""
    (tmp_path / "lite.yaml").write_text(SMALL, "utf-8")
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src"),
           "TMPDIR": str(scratch)}
    watching = subprocess.Popen([sys.executable, "-m", "slidegen", "preview", "lite.yaml",
                                 "--watch"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    out = tmp_path / "build" / "lite-preview"
    try:
        assert watching.stdout.readline().startswith("wrote 3 slide(s)")
        assert watching.stdout.readline().startswith("watching for changes")
        assert (out / "lite.pdf").is_file()
        first = [(out / f"slide-0{n}.png").read_bytes() for n in (1, 2, 3)]
        time.sleep(1.1)  # a later modification time than the first build's
        (tmp_path / "lite.yaml").write_text(SMALL.replace("Andre lysbilde", "Andre, endret"),
                                            "utf-8")
        assert watching.stdout.readline() == "changed: lite.yaml; rebuilding\n"
        assert watching.stdout.readline().startswith("wrote 3 slide(s)")
        after = [(out / f"slide-0{n}.png").read_bytes() for n in (1, 2, 3)]
        assert [a == b for a, b in zip(first, after, strict=True)] == [True, False, True]
        assert not (out / "lite.pdf").exists()
        watching.terminate()
        assert watching.wait(60) == 130
    finally:
        watching.kill()
        watching.wait()
        watching.stdout.close()
    assert left_behind(scratch) == ([], "")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason=INSTALL_HINT)
def test_rasterizing_gives_each_page_its_own_png_and_leaves_no_raw_pages(tmp_path):
    """pdftoppm runs of at most PAGES_PER_RUN pages, two at a time, their raw pixels made PNGs:
    every page asked for comes back as the right picture, across the runs' boundaries. The PDF
    is test-only: 19 pages of one colour each."""
    colours = [(10 * n, 255 - 10 * n, 40) for n in range(19)]
    pages = [Image.new("RGB", (160, 90), colour) for colour in colours]
    pdf = tmp_path / "pages.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:])
    asked = [1, 2, *range(4, 20)]  # a gap, then more than two runs' worth
    made = preview_module._rasterize(pdf, tmp_path, asked)
    assert sorted(made) == asked
    for page, png in made.items():
        with Image.open(png) as picture:
            assert picture.format == "PNG" and picture.width == preview_module.SLIDE_PX
            red, green, _ = picture.convert("RGB").getpixel((640, 360))
            assert abs(red - colours[page - 1][0]) <= 2 and abs(green - colours[page - 1][1]) <= 2
    assert not list(tmp_path.glob("*.ppm"))
