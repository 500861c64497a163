"""A deck reads only its own project: includes, pictures, template and data outside it (by an
absolute path, by ../, or through a symlink) are refused by name, their contents never shown,
unless the user allows a folder (--allow-outside) or names the project (--root)."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from conftest import PLACEHOLDER_PNG, ROOT
from conftest import exit_code as run


@pytest.fixture(autouse=True)
def no_standing_permission(monkeypatch):
    monkeypatch.delenv("SLIDEGEN_ALLOW_OUTSIDE", raising=False)


@pytest.fixture
def layout(tmp_path, monkeypatch):
    """prosjekt/ (with decks/ and assets/) and, beside it, ute/ with a secret and a picture."""
    project = tmp_path / "prosjekt"
    (project / "decks").mkdir(parents=True)
    (project / "assets").mkdir()
    outside = tmp_path / "ute"
    outside.mkdir()
    (outside / "hemmelig.yaml").write_text("slides:\n  - kind: section\n    title: "
                                           "PASSORD-1234\n", "utf-8")
    (outside / "hemmelig.txt").write_text("root:x:0:0:PASSORD-1234\n", "utf-8")
    shutil.copyfile(PLACEHOLDER_PNG, outside / "bilde.png")
    monkeypatch.chdir(project)
    return project, outside


def deck(project, slides: str, head: str = "") -> str:
    path = project / "decks" / "d.yaml"
    path.write_text(f"title: T\n{head}slides:\n{slides}", "utf-8")
    return str(path)


def image(file: str) -> str:
    return f"  - kind: image\n    title: Bilde\n    image: {{file: '{file}', alt: Et bilde}}\n"


def refused(capsys, *args) -> str:
    assert run(*args) == 1
    captured = capsys.readouterr()
    assert "PASSORD-1234" not in captured.out + captured.err  # named, never read out
    return captured.err


@pytest.mark.parametrize("command", ["validate", "build"])
def test_an_include_outside_is_refused_without_showing_it(layout, capsys, command):
    project, outside = layout
    for target in (outside / "hemmelig.yaml", "../../ute/hemmelig.yaml",
                   outside / "hemmelig.txt", "/etc/passwd"):
        path = deck(project, f"  - include: {target}\n")
        err = refused(capsys, command, path)
        assert (f"decks/d.yaml:3:14: slide 1, include: '{target}' is outside the deck's "
                f"project ({project})") in err, err
        assert "--allow-outside" in err
    assert not (project / "build").exists()


def test_pictures_outside_by_path_or_link_are_refused(layout, capsys):
    project, outside = layout
    (project / "assets" / "lenke.png").symlink_to(outside / "bilde.png")
    cases = {str(outside / "bilde.png"): "",
             "../../ute/bilde.png": "",
             "../assets/lenke.png": f", through a link to {outside / 'bilde.png'}"}
    for file, via in cases.items():
        path = deck(project, image(file))
        err = refused(capsys, "build", path)
        assert f"slide 1, image.file: '{file}' is outside the deck's project ({project}){via}:" \
            in err, err
    assert not (project / "build").exists()


def test_template_and_data_outside_are_refused(layout, capsys):
    project, outside = layout
    shutil.copyfile(ROOT / "assets/templates/distriktssenteret.pptx", outside / "mal.pptx")
    shutil.copyfile(ROOT / "assets/templates/distriktssenteret.yaml", outside / "mal.yaml")
    path = deck(project, "  - {kind: section, title: Hei}\n",
                f"template: {outside / 'mal.pptx'}\ndata: {ROOT / 'data'}\n")
    err = refused(capsys, "validate", path)
    assert "decks/d.yaml:2:11: template: '" in err and "decks/d.yaml:3:7: data: '" in err, err


def test_allow_outside_and_root_let_the_user_choose(layout, capsys):
    project, outside = layout
    path = deck(project, image(str(outside / "bilde.png")))
    assert run("build", path, "--allow-outside", str(outside)) == 0
    prs = Presentation("build/d.pptx")
    assert prs.slides[0].shapes.title.text == "Bilde"
    capsys.readouterr()
    assert run("validate", path, "--root", str(project.parent)) == 0
    assert run("check", path, "--allow-outside", str(outside)) == 0


def test_a_slidegen_toml_marks_the_project(layout, capsys):
    """A deck in a folder with slidegen.toml: that folder is its project, not the folder above
    with data/ or decks/."""
    project, outside = layout
    inner = project / "decks" / "eget"
    inner.mkdir()
    (inner / "slidegen.toml").write_text("", "utf-8")
    shutil.copyfile(PLACEHOLDER_PNG, project / "assets" / "bilde.png")
    path = inner / "d.yaml"
    path.write_text("title: T\nslides:\n" + image("../../assets/bilde.png"), "utf-8")
    assert run("validate", str(path)) == 1
    assert f"is outside the deck's project ({inner.relative_to(project)})" in \
        capsys.readouterr().err


def test_a_per_kommune_picture_path_is_checked_once_filled_in(tmp_path, monkeypatch, capsys):
    """A path with variables can point anywhere once rendered: it is checked then."""
    project = tmp_path / "prosjekt"
    shutil.copytree(ROOT / "data", project / "data")
    (project / "decks").mkdir()
    shutil.copyfile(PLACEHOLDER_PNG, tmp_path / "bilde.png")
    monkeypatch.chdir(project)
    path = deck(project, image('{{ "../../" }}bilde.png'), "kommune: Tinn\n")
    for command in ("validate", "build"):
        assert run(command, path) == 1
        err = capsys.readouterr().err
        assert ("decks/d.yaml:6:19: slide 1, image.file: '" in err
                and "test_a_per_kommune_picture_pat0/bilde.png' is outside the deck's project"
                in err), err


def test_data_given_on_the_command_line_is_the_user_s_choice(tmp_path, monkeypatch, capsys):
    (tmp_path / "decks").mkdir()
    monkeypatch.chdir(tmp_path)
    path = deck(tmp_path, "  - kind: key_figure\n    title: Folketall\n    figures:\n"
                          "      - {data: {measures: befolkning, kommuner: Tinn}, label: innb.}\n")
    assert run("build", path, "--data", str(ROOT / "data")) == 0
    capsys.readouterr()
