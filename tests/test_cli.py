"""The command line behaves like the tools advisers know: -h, -q/-v, --version, colour only on a
terminal, progress bars only on a terminal, --data everywhere, completion, and `slidegen new`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout, suppress

import click
import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import ROOT
from helpers import title_of
from slidegen import console
from slidegen._version import __version__
from slidegen.cli import cli, main

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run(*args: str) -> tuple[int, str, str]:
    """main() as `slidegen ARGS` runs it: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def commands(group=cli, prefix=()):
    """(words, command) of every command and group, the top one included."""
    yield prefix, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, (*prefix, name))


@pytest.mark.parametrize("words", [w for w, _ in commands()], ids=" ".join)
def test_h_is_help_on_every_command(words):
    short, long = run(*words, "-h"), run(*words, "--help")
    assert short[0] == 0 and short == long
    assert short[1].startswith(f"Usage: slidegen {' '.join(words)}".rstrip())
    assert "-q, --quiet" in short[1] and "-v, --verbose" in short[1]


def test_version():
    assert run("--version") == (0, f"slidegen, version {__version__}\n", "")


def test_quiet_and_verbose_before_or_after_the_command(write):
    deck = write("d.yaml", "title: T\nslides:\n  - {kind: title, title: Tittel}\n")
    assert run("build", str(deck))[1] == "wrote build/d.pptx (1 slides)\n"
    assert run("-q", "build", str(deck), "--force") == (0, "", "")
    assert run("build", "-q", str(deck), "--force") == (0, "", "")
    code, out, err = run("build", str(deck), "--force", "--verbose")
    assert out == "wrote build/d.pptx (1 slides)\n" and err.startswith("took ")
    code, _, err = run("-q", "build", "-v", str(deck))
    assert code == 2 and "-q/--quiet and -v/--verbose ask for opposite things" in err


def test_quiet_keeps_warnings_and_errors(write):
    deck = write("d.yaml", "title: T\nslides:\n  - {kind: titel, title: Tittel}\n")
    code, out, err = run("-q", "build", str(deck))
    assert code == 1 and out == "" and err.startswith("error: d.yaml:3:")
    write("w.yaml", f"""
        title: T
        data: {ROOT / 'data'}
        slides:
          - kind: key_figure
            title: Loppa
            figures:
              - data: {{measures: innvandrerandel, kommuner: Loppa, periods: "2024"}}
                label: av befolkningen
        """)
    assert run("-q", "build", "w.yaml") == (0, "", "warning: w.yaml:4: every figure on the "
                                                   "slide is missing («Tall mangler») for "
                                                   "Loppa\n")


def colours(args: list[str], no_color: str | None) -> str:
    """stderr of main(args) as a terminal would get it (CliRunner's color=True), NO_COLOR as
    given."""
    isolated = CliRunner().isolation(env={"NO_COLOR": no_color}, color=True)
    with isolated as (_, err, _), suppress(SystemExit):
        main(args)
    return err.getvalue().decode()


def test_errors_in_colour_on_a_terminal_and_not_with_no_color(write, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    write("d.yaml", "title: T\nslides:\n  - {kind: titel, title: Tittel}\n")
    red = click.style("error:", fg="red", bold=True)
    assert colours(["build", "d.yaml"], None).startswith(red + " d.yaml:3:")
    assert colours(["build", "d.yaml"], "1").startswith("error: d.yaml:3:")
    assert "\x1b[" not in colours(["build", "d.yaml"], "1")
    assert colours(["build", "d.yaml"], "").startswith(red)  # NO_COLOR= (empty) is not set
    assert run("build", "d.yaml")[2].startswith("error: d.yaml:3:")  # piped: plain


def test_a_warning_is_yellow_on_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    with CliRunner().isolation(color=True) as (_, err, _):
        console.warning("Tall mangler")
    assert err.getvalue().decode() == click.style("warning:", fg="yellow", bold=True) + \
        " Tall mangler\n"


@pytest.mark.parametrize(("tty", "args", "shown"), [
    (True, [], True), (False, [], False), (True, ["-q"], False), (True, ["-v"], True)])
def test_progress_bar_only_on_a_terminal_and_not_with_quiet(monkeypatch, tty, args, shown):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty, raising=False)
    seen = []

    @click.command()
    def probe():
        with console.progress_bar("deck") as bar:
            seen.append(not bar.disable)

    console.give_everywhere(probe)
    probe.main(args, standalone_mode=False)
    assert seen == [shown]


def test_a_piped_batch_has_no_progress_bar(nine_decks):
    """Redirected, the batch says one line per deck and its summary: no bar, no \\r."""
    batch = nine_decks["2"]
    assert not any("\r" in line or "deck/s" in line for line in batch.err)


READS_DATA = ["build", "check", "preview", "serve", "validate", "data list", "data groups",
              "data kommuner", "data update", "data import"]


def test_data_is_given_the_same_way_to_every_command_that_reads_it():
    found = {}
    for words, command in commands():
        for param in command.params:
            if "--data" in getattr(param, "opts", ()):
                found[" ".join(words)] = (param.metavar, param.type.file_okay)
    assert sorted(found) == sorted(READS_DATA)
    assert set(found.values()) == {("FOLDER", False)}


def test_data_commands_find_data_from_a_subfolder(project, monkeypatch):
    (project / "decks" / "sub").mkdir()
    monkeypatch.chdir(project / "decks" / "sub")
    code, out, _ = run("data", "kommuner", "distriktskommuner-telemark")
    assert code == 0 and "Tinn" in out and len(out.splitlines()) == 9
    assert run("data", "list", "--data", str(project / "data"))[1] == \
        run("data", "list", str(project / "data"))[1] != ""
    code, _, err = run("data", "groups", "--data", str(project / "data" / "kommuner.csv"))
    assert code == 2 and "is a file" in err


def test_shell_completion_as_the_readme_says(tmp_path):
    env = {**ENV, "_SLIDEGEN_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-m", "slidegen"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert "complete -o nosort -F _slidegen_completion slidegen" in script.stdout
    env = {**ENV, "_SLIDEGEN_COMPLETE": "bash_complete", "COMP_WORDS": "slidegen bu",
           "COMP_CWORD": "1"}
    words = subprocess.run([sys.executable, "-m", "slidegen"], env=env, capture_output=True,
                           text=True, timeout=60)
    assert words.stdout.split() == ["plain,build"]
    assert "_SLIDEGEN_COMPLETE=bash_source slidegen" in (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize(("starter", "titles"), [
    ("blank", ["Mitt foredrag", "Dette skal vi snakke om", "De som allerede bor i kommunen, er "
               "den viktigste ressursen.", "Hva får folk til å bli boende?", "Arbeid, bolig og "
               "et godt lokalmiljø.", "Takk for oppmerksomheten"]),
    ("kommunebesok", ["Kommunebesøk i Tinn", "Tinn i tall", "Befolkning i Tinn",
                      "Befolkningsutviklingen i Tinn og i Telemark", "Folketallet i Tinn",
                      "Hva vil vi snakke om?", "Takk for oppmerksomheten"])])
def test_new_deck_builds_as_it_stands(project, starter, titles):
    code, out, err = run("new", "mitt.yaml", "--from", starter)
    assert (code, out, err) == (0, "wrote mitt.yaml; build it with: slidegen build mitt.yaml\n",
                                "")
    text = (project / "mitt.yaml").read_text("utf-8")
    assert "slidegen build mitt.yaml" in text and "DECK" not in text
    code, out, err = run("build", "mitt.yaml")
    assert code == 0 and err == "", err
    built = out.split()[1]
    prs = Presentation(built)
    assert [title_of(slide) for slide in prs.slides] == titles
    assert run("check", built)[0] == 0


def test_new_never_replaces_a_file(project):
    (project / "mitt.yaml").write_text("title: mitt eget arbeid\n", "utf-8")
    code, out, err = run("new", "mitt.yaml")
    assert (code, out) == (1, "")
    assert err == ("error: mitt.yaml already exists, and slidegen new never replaces a file: "
                   "give another name, or remove or rename mitt.yaml first\n")
    assert (project / "mitt.yaml").read_text("utf-8") == "title: mitt eget arbeid\n"


def test_new_refuses_what_is_not_a_deck(project):
    code, _, err = run("new", "mitt.txt")
    assert code == 2 and "a deck is a .yaml file, e.g. mitt.yaml" in err
    code, _, err = run("new", "mitt.yaml", "--from", "kommunebesøk")
    assert code == 2 and "'blank', 'kommunebesok'" in err
    assert not (project / "mitt.txt").exists() and not (project / "mitt.yaml").exists()


def test_new_says_when_its_figures_have_no_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("new", "mitt.yaml", "--from", "kommunebesok")
    assert code == 0 and err.startswith("warning: no data/ folder with kommuner.csv above "
                                        "mitt.yaml")
    assert run("new", "tom.yaml")[2] == ""  # blank reads no figures
