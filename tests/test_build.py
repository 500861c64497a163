"""Building: atomic and deterministic files, template checks, the command line."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import EXAMPLE, PLACEHOLDER_PNG, ROOT
from helpers import pictures, title_of
from slidegen import build_deck, files
from slidegen.cli import main
from slidegen.errors import BuildError, SpecError, TemplateError

SMALL = """
    title: Liten
    slides:
      - kind: section
        title: Første del
      - kind: statement
        text: Et utsagn.
        hidden: true
"""


def test_two_builds_give_identical_bytes(example_pptx, tmp_path):
    first, second = example_pptx, tmp_path / "b.pptx"  # the first built for the whole session
    build_deck(EXAMPLE, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_failed_spec_leaves_previous_output_untouched(write, tmp_path):
    deck = write("d.yaml", SMALL)
    out = tmp_path / "out.pptx"
    build_deck(deck, out)
    before = out.read_bytes()
    write("d.yaml", SMALL.replace("kind: section", "kind: sektion"))
    with pytest.raises(SpecError):
        build_deck(deck, out)
    assert out.read_bytes() == before
    # no temporary file left behind; the record of what slidegen wrote stays beside the file
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.pptx.written.json", "d.yaml",
                                                          "out.pptx"]


def test_failure_while_writing_leaves_no_partial_file(write, tmp_path, monkeypatch):
    deck = write("d.yaml", SMALL)
    out = tmp_path / "out.pptx"
    build_deck(deck, out)
    before = out.read_bytes()

    def broken_write(handle_data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", lambda fd: broken_write(fd))
    with pytest.raises(BuildError) as caught:
        build_deck(deck, out)
    assert str(caught.value) == "cannot write out.pptx: No space left on device"
    assert out.read_bytes() == before
    # no temporary file left behind; the record of what slidegen wrote stays beside the file
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.pptx.written.json", "d.yaml",
                                                          "out.pptx"]


def test_unreadable_picture_is_a_spec_error(write, tmp_path):
    (tmp_path / "broken.png").write_bytes(b"not a png at all")
    deck = write("d.yaml", """
        title: T
        slides:
          - kind: image
            title: Bilde
            image: {file: broken.png, alt: Et ødelagt bilde}
    """)
    with pytest.raises(SpecError) as caught:
        build_deck(deck, tmp_path / "out.pptx")
    assert caught.value.messages() == [
        "d.yaml:5:19: slide 1, image.file: 'broken.png' is not a picture slidegen can read "
        "(PNG, JPEG, GIF, BMP or TIFF)"]
    assert not (tmp_path / "out.pptx").exists()


def test_hidden_slides_stay_in_the_file_but_are_skipped(write, tmp_path):
    out = tmp_path / "out.pptx"
    result = build_deck(write("d.yaml", SMALL), out)
    assert result.slide_count == 2
    slides = list(Presentation(str(out)).slides)
    assert [s._element.get("show") for s in slides] == [None, "0"]
    assert [title_of(s) for s in slides] == ["Første del", "Et utsagn."]


def test_default_output_is_build_folder(write, tmp_path):
    result = build_deck(write("liten.yaml", SMALL))
    assert result.output == tmp_path.joinpath("build", "liten.pptx").relative_to(tmp_path)
    assert (tmp_path / "build" / "liten.pptx").is_file()


def test_decorative_picture_is_marked_for_screen_readers(write, tmp_path):
    deck = write("d.yaml", f"""
        title: T
        slides:
          - kind: bullets
            title: Med pynt
            items: [a]
            photo: {{file: {PLACEHOLDER_PNG}, decorative: true}}
    """)
    out = tmp_path / "out.pptx"
    build_deck(deck, out)
    [picture] = pictures(Presentation(str(out)).slides[0])
    c_nv_pr = picture._element.find(".//" + qn("p:cNvPr"))
    assert c_nv_pr.get("descr") == ""
    flag = c_nv_pr.find(".//{http://schemas.microsoft.com/office/drawing/2017/decorative}"
                        "decorative")
    assert flag is not None and flag.get("val") == "1"


def copy_template(tmp_path):
    pptx = tmp_path / "egen.pptx"
    shutil.copy(ROOT / "assets" / "templates" / "distriktssenteret.pptx", pptx)
    mapping = (ROOT / "assets" / "templates" / "distriktssenteret.yaml").read_text("utf-8")
    return pptx, mapping


def test_template_without_the_needed_layout_is_refused(write, tmp_path):
    pptx, mapping = copy_template(tmp_path)
    (tmp_path / "egen.yaml").write_text(mapping.replace("layout: Seksjon", "layout: Skillelinje"),
                                        "utf-8")
    deck = write("d.yaml", "template: egen.pptx\n" + SMALL.strip().replace("\n    ", "\n"))
    with pytest.raises(TemplateError) as caught:
        build_deck(deck, tmp_path / "out.pptx")
    assert str(caught.value).startswith(
        "egen.pptx: no layout named 'Skillelinje' (mapped for 'section'); layouts: Tittel, "
        "Seksjon, Utsagn,")


def test_template_without_the_needed_placeholder_is_refused(write, tmp_path):
    pptx, mapping = copy_template(tmp_path)
    (tmp_path / "egen.yaml").write_text(
        mapping.replace("placeholders: {heading: 20, title: 0, footnote: 23}\n  question",
                        "placeholders: {heading: 20, title: 31, footnote: 23}\n  question"),
        "utf-8")
    deck = write("d.yaml", "template: egen.pptx\n" + SMALL.strip().replace("\n    ", "\n"))
    with pytest.raises(TemplateError) as caught:
        build_deck(deck, tmp_path / "out.pptx")
    assert str(caught.value) == ("egen.pptx: layout 'Utsagn' has no placeholder idx 31 "
                                 "(role 'title' of 'statement')")


def test_template_mapping_errors_name_file_and_line(write, tmp_path):
    pptx, mapping = copy_template(tmp_path)
    (tmp_path / "egen.yaml").write_text(mapping.replace("slide_number: 12", "slide_nummer: 12"),
                                        "utf-8")
    deck = write("d.yaml", "template: egen.pptx\n" + SMALL.strip().replace("\n    ", "\n"))
    with pytest.raises(TemplateError) as caught:
        build_deck(deck, tmp_path / "out.pptx")
    assert str(caught.value).endswith(
        ": slide_nummer: unknown key 'slide_nummer' — did you mean 'slide_number'?")
    assert str(caught.value).startswith("egen.yaml:")


def test_cli_build_and_exit_codes(write, tmp_path, capsys):
    deck = write("d.yaml", SMALL)
    main(["build", str(deck), "-o", "ut/d.pptx"])
    assert capsys.readouterr().out == "wrote ut/d.pptx (2 slides)\n"

    write("d.yaml", SMALL.replace("title: Første del", "titel: Første del"))
    with pytest.raises(SystemExit) as done:
        main(["build", str(deck), "-o", "ut/d.pptx"])
    assert done.value.code == 1
    assert capsys.readouterr().err == (
        "error: d.yaml:3:5: slide 1: missing required key 'title'\n"
        "error: d.yaml:4:5: slide 1, titel: unknown key 'titel' — did you mean 'title'?\n")


def test_cli_refuses_non_pptx_output(write, capsys):
    deck = write("d.yaml", SMALL)
    with pytest.raises(SystemExit) as done:
        main(["build", str(deck), "-o", "ut.pdf"])
    assert done.value.code == 1
    assert capsys.readouterr().err == (
        "error: -o: a deck is written as a .pptx file: give a name ending in .pptx, or a folder "
        "to put it in; found 'ut.pdf'\n")


def test_o_is_a_file_when_it_ends_in_pptx_and_a_folder_otherwise(write, tmp_path, capsys):
    """-o means the same for one deck, one kommune's deck and a batch."""
    deck = write("d.yaml", SMALL)
    main(["build", str(deck), "-o", "ut"])  # a folder, made as needed
    assert (tmp_path / "ut" / "d.pptx").is_file()
    main(["build", str(deck), "-o", "ut/eget.pptx"])
    assert (tmp_path / "ut" / "eget.pptx").is_file()
    (tmp_path / "fil").write_text("x", "utf-8")
    with pytest.raises(SystemExit):
        main(["build", str(deck), "-o", "fil"])
    assert capsys.readouterr().err.endswith("found 'fil', a file\n")
    assert (tmp_path / "fil").read_text("utf-8") == "x"  # left as it was


def test_python_dash_m_works(write, tmp_path):
    deck = write("d.yaml", SMALL)
    done = subprocess.run([sys.executable, "-m", "slidegen", "validate", str(deck)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (done.returncode, done.stdout) == (0, "d.yaml: ok (2 slide specs, 1 file(s))\n")


def test_the_command_exits_at_once_and_loses_nothing(write, tmp_path):
    """The installed `slidegen` ends with os._exit (cli.run): what it printed into a pipe still
    arrives, the deck is whole, and the exit codes are main()'s. (--jobs 1: no chart worker
    shares stderr.)"""
    deck = write("d.yaml", SMALL)
    command = [str(Path(sys.executable).parent / "slidegen"), "build", str(deck), "--jobs", "1",
               "-o"]
    built = subprocess.run(command + ["ut.pptx"], capture_output=True, text=True,
                           cwd=tmp_path, check=False)
    assert (built.returncode, built.stdout, built.stderr) == (0, "wrote ut.pptx (2 slides)\n", "")
    assert [title_of(slide) for slide in Presentation(tmp_path / "ut.pptx").slides] == [
        "Første del", "Et utsagn."]
    failed = subprocess.run(command + ["ut.pdf"], capture_output=True, text=True,
                            cwd=tmp_path, check=False)
    assert (failed.returncode, failed.stdout, failed.stderr) == (
        1, "", "error: -o: a deck is written as a .pptx file: give a name ending in .pptx, or a "
               "folder to put it in; found 'ut.pdf'\n")


class _Exited(Exception):
    pass


class _Pipe(io.StringIO):
    """A block-buffered stream: what is written arrives only when flushed."""

    arrived = ""

    def flush(self):
        self.arrived = self.getvalue()


@pytest.mark.parametrize(("ending", "code", "err"), [
    (None, 0, ""), (SystemExit(None), 0, ""), (SystemExit(130), 130, ""),
    (SystemExit("stopp"), 1, "stopp\n")])
def test_run_flushes_and_exits_with_mains_code(monkeypatch, ending, code, err):
    from slidegen import cli
    from slidegen.speed import process

    def fake_main():
        print("skrevet")
        if ending is not None:
            raise ending

    def fake_exit(status):
        raise _Exited(status)

    out, errors = _Pipe(), _Pipe()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", errors)
    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(process.os, "_exit", fake_exit)
    with pytest.raises(_Exited) as exited:
        cli.run()
    assert exited.value.args == (code,)
    assert (out.arrived, errors.arrived) == ("skrevet\n", err)


def test_run_exits_120_when_its_output_cannot_be_written(monkeypatch):
    """As Python does when flushing stdout fails at exit (a closed pipe, a full disk)."""
    from slidegen import cli
    from slidegen.speed import process

    class Closed(_Pipe):
        def flush(self):
            raise BrokenPipeError

    def fake_exit(status):
        raise _Exited(status)

    monkeypatch.setattr(sys, "stdout", Closed())
    monkeypatch.setattr(cli, "main", lambda: print("skrevet"))
    monkeypatch.setattr(process.os, "_exit", fake_exit)
    with pytest.raises(_Exited) as exited:
        cli.run()
    assert exited.value.args == (120,)


def test_the_installed_command_is_run():
    from importlib.metadata import entry_points

    (command,) = [e for e in entry_points(group="console_scripts") if e.name == "slidegen"]
    assert command.value == "slidegen.cli:run"


def test_template_inspect_lists_layouts_and_placeholders(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["template", "inspect", "assets/templates/distriktssenteret.pptx"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("assets/templates/distriktssenteret.pptx: 13 layouts, slide "
                        "33.87 × 19.05 cm, 0 slides")
    layouts = [line.split(": ", 1)[1] for line in lines if line.startswith("layout ")]
    assert layouts == ["Tittel", "Seksjon", "Utsagn", "Spørsmål", "Punktliste",
                       "Punktliste med foto", "Sitat", "Sitat med foto", "Bilde", "Avslutning",
                       "Tabell", "Diagram", "Nøkkeltall"]
    start = lines.index("layout 6: Punktliste med foto")
    assert [line.split()[:3] for line in lines[start + 1:start + 8]] == [
        ["idx", "20", "body"], ["idx", "0", "title"], ["idx", "1", "body"],
        ["idx", "21", "picture"], ["idx", "22", "body"], ["idx", "23", "body"],
        ["idx", "12", "slide_number"]]
    assert "'Foto 5'" in lines[start + 4] and "x 20.83  y  1.14  w 11.51  h 14.61 cm" in \
        lines[start + 4]


def test_template_inspect_of_a_non_pptx_fails_cleanly(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.pptx").write_text("nei")
    with pytest.raises(SystemExit) as done:
        main(["template", "inspect", "x.pptx"])
    assert done.value.code == 1
    assert capsys.readouterr().err == (
        "error: x.pptx: not a readable .pptx: the file is not a PowerPoint package (damaged, "
        "cut short, or another kind of file named .pptx); save it again from PowerPoint as "
        ".pptx\n")


def test_a_deck_with_stand_in_pictures_says_so_once(write, tmp_path):
    from PIL import Image

    photo = tmp_path / "bilder" / "ekte.png"
    photo.parent.mkdir()
    Image.new("RGB", (40, 30), (90, 120, 60)).save(photo)  # a "real" photo: no mark
    for name in ("froya.png", "heroy-herbo.png"):
        shutil.copy(PLACEHOLDER_PNG.parent / name, tmp_path / "bilder" / name)
    deck = write("d.yaml", """
        title: Bilder
        slides:
          - kind: image
            image: {file: bilder/froya.png, alt: Frøya}
            title: Bilde
          - kind: image
            image: {file: bilder/froya.png, alt: Frøya igjen}
            title: Bilde
          - kind: image
            image: {file: bilder/ekte.png, alt: Et ekte bilde}
            title: Bilde
          - kind: image
            image: {file: bilder/heroy-herbo.png, alt: Herøy}
            title: Bilde
            hidden: true
    """)
    # each picture once, at the first line that shows it
    assert build_deck(deck, tmp_path / "o.pptx").warnings == [
        "1 picture is still a placeholder: replace each with the real picture under the same "
        "name before the talk\n  bilder/froya.png (shown at d.yaml:4)"]
    shutil.copy(photo, tmp_path / "bilder" / "froya.png")  # the real photo, same name
    assert build_deck(deck, tmp_path / "o.pptx").warnings == []


def test_a_batch_says_a_warning_all_its_decks_share_once(nine_decks, capsys, monkeypatch):
    batch = nine_decks["1"]
    err = batch.err
    shared = [line for line in err if line.startswith("warning:") and "placeholders" in line]
    assert len(shared) == 1 and shared[0].startswith("warning: 7 pictures are still")
    assert shared[0].endswith("before the talk (in all 9 decks)")
    # under it, each picture with the line of the shared examples that shows it
    pictures = err[err.index(shared[0]) + 1:err.index(shared[0]) + 8]
    assert pictures[4].endswith("assets/images/placeholders/froya.png (shown at "
                                "decks/felles/eksempler-inkludering.yaml:218)")
    assert all(line.startswith("  ") and "/placeholders/" in line for line in pictures)
    # a second run builds nothing, and still says so: the pictures are still stand-ins
    monkeypatch.chdir(batch.root)
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(batch.cache))
    main(["build", "decks/kommunebesok.yaml", "--group", "distriktskommuner-telemark", "-o",
          batch.folder.name, "--jobs", "1"])
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "0 built, 9 unchanged, 0 failed"
    again = captured.err.splitlines()
    assert again[again.index(shared[0]):again.index(shared[0]) + 8] == [shared[0], *pictures]
    # every figure is there for the nine: the shared warning is the only one
    assert [line for line in err if line.startswith("warning:")] == shared
