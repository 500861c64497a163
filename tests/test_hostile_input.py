"""Broken or hostile input gives a clear message and exit 1 (2 for usage), never a traceback,
and leaves nothing behind: files saved by Excel as Latin-1, characters XML cannot hold, unknown
YAML tags, failing disks and Ctrl-C (issue 18)."""

from __future__ import annotations

import re

import pytest

from slidegen.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the command line."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def as_latin1(path) -> None:
    """Save a file as Excel on Windows does (cp1252)."""
    path.write_bytes(path.read_text("utf-8").encode("cp1252", errors="replace"))


LATIN1_HINT = "save it as UTF-8 (in Excel: CSV UTF-8)"


@pytest.mark.parametrize("command", [
    ["validate", "decks/kommunebesok.yaml"],
    ["build", "decks/kommunebesok.yaml", "--kommune", "Tinn"],
    ["data", "groups"],
    ["data", "kommuner"],
    ["data", "list"],
])
def test_a_latin1_registry_is_named_at_its_line(project, capsys, command):
    registry = project / "data" / "kommuner.csv"
    lines = registry.read_text("utf-8").splitlines()
    bad = next(n for n, line in enumerate(lines, start=1) if not line.isascii())
    column = next(i for i, c in enumerate(lines[bad - 1], start=1) if not c.isascii())
    as_latin1(registry)
    code, _, err = run(capsys, *command)
    assert code == 1
    assert err.startswith(f"error: data/kommuner.csv:{bad}:{column}: expected UTF-8 text, "
                          f"found byte 0x")
    assert LATIN1_HINT in err


def test_a_latin1_dataset_and_deck_are_named_at_the_bad_line(project, capsys):
    dataset = project / "data" / "utdanning.csv"
    lines = dataset.read_text("utf-8").splitlines()
    bad = next(n for n, line in enumerate(lines, start=1) if not line.isascii())
    as_latin1(dataset)
    code, _, err = run(capsys, "data", "list")
    assert code == 1 and f"error: data/utdanning.csv:{bad}:" in err and LATIN1_HINT in err

    deck = project / "decks" / "latin.yaml"
    deck.write_bytes("title: T\n# en kommentar\nslides:\n  - kind: section\n    title: Bø\n"
                     .encode("latin-1"))
    code, _, err = run(capsys, "validate", "decks/latin.yaml")
    assert (code, err) == (1, "error: decks/latin.yaml:5:13: expected UTF-8 text, found byte "
                              "0xf8 («ø» in Latin-1 or Windows text): save it as UTF-8\n")


@pytest.mark.parametrize("value, where, tag", [
    ('!!python/object/apply:os.system ["echo hi"]', "5:12: slide 1, items", "!!python/object/"
                                                                             "apply:os.system"),
    ("!!set {a: 1}", "5:12: slide 1, items", "!!set"),
    ("!mine [a, b]", "5:12: slide 1, items", "!mine"),
])
def test_an_unknown_tag_on_a_list_or_mapping_is_an_error_at_its_line(write, capsys, value,
                                                                      where, tag):
    write("d.yaml", f"title: T\nslides:\n  - kind: bullets\n    title: X\n    items: {value}\n")
    for command in ("validate", "build"):
        code, _, err = run(capsys, command, "d.yaml")
        assert (code, err) == (1, f"error: d.yaml:{where}: YAML syntax error: unknown tag "
                                  f"'{tag}' (slidegen reads plain YAML only: no !tags)\n")


def test_a_text_template_that_gives_none_is_an_error(project, capsys):
    (project / "decks" / "d.yaml").write_text(
        "title: T\nslides:\n  - kind: section\n    title: '{{ [].append(1) }}'\n", "utf-8")
    for command in ("validate", "build"):
        code, _, err = run(capsys, command, "decks/d.yaml")
        assert (code, err) == (1, "error: decks/d.yaml:4:12: slide 1, title: {{ … }} gives "
                                  "nothing (None) to show: use an expression with a value, "
                                  "such as a variable or figure(…)\n")
    assert not (project / "build" / "d.pptx").exists()


@pytest.mark.parametrize("escaped, code_point", [("\\x01", "0001"), ("\\uFFFF", "FFFF"),
                                                 ("\\x1b", "001B")])
def test_a_character_xml_cannot_hold_is_named_at_its_field(write, capsys, tmp_path, escaped,
                                                          code_point):
    write("d.yaml", f'title: T\nslides:\n  - kind: section\n    title: Ja\n'
                    f'    subtitle: "ab{escaped}"\n')
    for command in ("validate", "build"):
        code, _, err = run(capsys, command, "d.yaml")
        assert (code, err) == (1, f"error: d.yaml:5:15: slide 1, subtitle: character "
                                  f"U+{code_point} (at position 3 of the text) cannot be stored "
                                  f"in a .pptx: remove it\n")
    assert not (tmp_path / "build").exists()


def test_a_template_giving_a_control_character_is_named(project, capsys):
    (project / "decks" / "d.yaml").write_text(
        "title: T\nslides:\n  - kind: section\n    title: \"{{ 'a\\\\x01' }}\"\n", "utf-8")
    code, _, err = run(capsys, "build", "decks/d.yaml")
    assert (code, err) == (1, "error: decks/d.yaml:4:12: slide 1, title: the text the template "
                              "gives: character U+0001 (at position 2 of the text) cannot be "
                              "stored in a .pptx: remove it\n")


def test_a_kommune_name_xml_cannot_hold_is_named_at_its_line(project, capsys):
    registry = project / "data" / "kommuner.csv"
    lines = registry.read_text("utf-8").split("\n")
    number, name, rest = lines[5].split(",", 2)
    lines[5] = f"{number},{name}\uffff,{rest}"
    registry.write_text("\n".join(lines), "utf-8")
    for command in (["validate", "decks/kommunebesok.yaml"], ["data", "groups"]):
        code, _, err = run(capsys, *command)
        assert (code, err) == (1, f"error: data/kommuner.csv:6: navn: character U+FFFF (at "
                                  f"position {len(name) + 1} of the text) cannot be stored in "
                                  f"a .pptx: remove it\n")


def test_a_million_character_word_is_measured_not_a_traceback():
    from slidegen.slides import textfit

    word = "x" * 1_000_000  # Pillow refuses to measure a string this long in one go
    assert textfit.line_count(word, 18, 600) > 1  # far wider than the box: it does not fit
    assert textfit.text_width(word, 18) == pytest.approx(
        1_000_000 * textfit.text_width("x" * 1000, 18) / 1000, rel=1e-3)


def test_a_file_system_error_in_a_batch_is_a_message(project, capsys, monkeypatch):
    import errno

    import slidegen.batch

    def full_disk(deck, output, **_):
        # as os functions raise it: the file name a str, not a Path
        raise OSError(errno.ENOSPC, "No space left on device", str(output))

    monkeypatch.setattr(slidegen.batch, "build_deck", full_disk)
    code, out, err = run(capsys, "build", "decks/kommunebesok.yaml", "--group",
                         "distriktskommuner-telemark", "--jobs", "1", "-o", "ut")
    assert code == 1
    assert "error: ut/kommunebesok-tinn.pptx: No space left on device: " \
           "ut/kommunebesok-tinn.pptx\n" in err
    assert out.splitlines()[-1].startswith("0 built, 0 unchanged, 9 failed")


def test_a_full_disk_leaves_no_tmp_files_in_the_caches(project, capsys, monkeypatch, tmp_path):
    import errno
    import os

    cache = tmp_path / "cache"
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(cache))
    real_fdopen = os.fdopen

    class FullDisk:  # what a full disk does: the temporary file is made, writing it fails
        def __init__(self, fd, *args, **kwargs):
            self.handle = real_fdopen(fd, *args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    code, _, err = run(capsys, "build", "decks/kommunebesok.yaml", "--kommune", "Tinn",
                       "-o", "ut/tinn.pptx", "--jobs", "1")
    assert (code, err.splitlines()[-1]) == (1, "error: cannot write ut/tinn.pptx: No space left "
                                                "on device")
    assert cache.is_dir()  # the caches were tried: a full cache is only slower
    left = [p for p in [*cache.rglob("*"), *project.rglob("*.tmp")] if p.is_file()]
    assert left == []
    assert not (project / "ut" / "tinn.pptx").exists()


def test_a_full_disk_during_data_import_is_one_short_line(seed_project, capsys, monkeypatch):
    import errno
    import json
    import shutil

    from ssb_fake import fixture

    (seed_project / "07459.json").write_text(json.dumps(fixture("07459-kommsummer.json")),
                                             "utf-8")
    before = {p.name: p.read_bytes() for p in (seed_project / "data").iterdir()}

    def full_disk(source, target, **_):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(shutil, "copy2", full_disk)
    code, _, err = run(capsys, "data", "import", "07459.json")
    assert code == 1 and re.fullmatch(r"error: data: cannot stage the update \(No space left "
                                      r"on device: [a-z_]+\.(csv|yaml)\), so it is left as "
                                      r"it was\n", err)
    assert {p.name: p.read_bytes() for p in (seed_project / "data").iterdir()} == before
    assert [p.name for p in seed_project.iterdir() if p.name.startswith(".")] == []


def test_a_corrupt_template_or_deck_is_named_not_package_not_found(write, capsys, tmp_path):
    from conftest import ROOT

    good = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
    (tmp_path / "mal.pptx").write_bytes(good.read_bytes()[:5000])  # cut short
    (tmp_path / "mal.yaml").write_bytes(good.with_suffix(".yaml").read_bytes())
    write("d.yaml", "title: T\ntemplate: mal.pptx\nslides:\n  - {kind: section, title: a}\n")
    said = ("not a readable .pptx: the file is not a PowerPoint package (damaged, cut short, "
            "or another kind of file named .pptx); save it again from PowerPoint as .pptx\n")
    for command in (["build", "d.yaml"], ["check", "mal.pptx"], ["diff", "mal.pptx", "mal.pptx"]):
        code, _, err = run(capsys, *command)
        assert (code, err) == (1, f"error: mal.pptx: {said}")
        assert "Package not found" not in err
