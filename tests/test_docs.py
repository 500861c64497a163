"""The README stays true: its commands, every slide kind and every CLI command are documented."""

from __future__ import annotations

import re

from pptx import Presentation

from conftest import ROOT
from helpers import alt_text, pictures, title_of
from slidegen import build_deck
from slidegen.charts import KINDS as CHART_KINDS
from slidegen.cli import cli
from slidegen.slides.kinds import MODELS
from slidegen.spec.model import SlideBase
from test_charts import pyramid_data
from test_cli import run

README = (ROOT / "README.md").read_text("utf-8")


def test_first_lines_give_build_and_test_commands():
    commands = [line.strip() for line in README.splitlines()[:10] if line.startswith("    ")]
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/slidegen build "
        "decks/innvandrere-som-ressurs.yaml",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest",
    ]
    assert commands[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_slide_kind_and_its_fields_are_documented():
    """The README's table of slide kinds has a row for each module in slides/kinds/, naming
    each of its fields, and no row for a kind that is not there."""
    rows = re.findall(r"^\| `(\w+)` \|", README, re.MULTILINE)
    assert sorted(rows) == sorted(MODELS), "README's slide kinds differ from slides/kinds/"
    for kind, model in MODELS.items():
        row = re.search(rf"^\| `{kind}` \|(.*)\|$", README, re.MULTILINE)
        assert row, f"README lacks a row for slide kind '{kind}'"
        own = set(model.model_fields) - set(SlideBase.model_fields) - {"kind"}
        for field in own:
            assert f"`{field}`" in row.group(1), f"README: {kind} lacks field '{field}'"
    for field in set(SlideBase.model_fields) - {"origin"}:
        assert f"`{field}`" in README, field


def test_every_chart_kind_is_documented():
    """Each module in charts/kinds/ is named where the README lists what `chart:` takes."""
    listing = README.split("`chart:` is one of", 1)[1].split("`x` says", 1)[0]
    for kind in CHART_KINDS:
        assert f"`{kind}`" in listing, f"README: chart kind '{kind}' is not described"


def test_every_command_is_documented():
    names = []
    for name, command in cli.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"slidegen {name} {s}" for s in sub] if sub else [f"slidegen {name}"]
    for name in names:
        assert f"`{name}" in README, name


def test_the_python_example_runs(project, capsys):
    """The notebook example under 'Using slidegen from Python', run as it stands in a copy of
    the project: every call in it works and prints what it says."""
    section = README.split("## Using slidegen from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Innvandrere som ressurs i {{ kommune.name }}")
    assert lines[1].startswith("build/tinn.pptx") and lines[1].endswith("slides")
    assert [line.split()[1] for line in lines[2:11]] == ["built"] * 9
    assert lines[11].startswith("0 errors,")


def test_each_chart_kind_has_a_worked_example_that_builds(tmp_path):
    """'Charts by example' has one slide per module in charts/kinds/, and they build with the
    figures in data/ (the pyramid with a test-only dataset split by age and sex): each slide
    with its title, and a picture whose drafted alt text names that kind."""
    section = README.split("## Charts by example", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    kinds = [re.search(r"^    chart: (\w+)$", block, re.MULTILINE).group(1) for block in blocks]
    assert sorted(kinds) == sorted(CHART_KINDS)
    pyramid_data(tmp_path / "data")
    deck = tmp_path / "charts.yaml"
    deck.write_text("title: Diagrammer\ndata: data\nslides:\n" + "".join(blocks), "utf-8")
    result = build_deck(deck, tmp_path / "charts.pptx")
    assert result.warnings == []  # no «Tall mangler»: every figure is there
    slides = list(Presentation(str(tmp_path / "charts.pptx")).slides)
    titles = [re.search(r"^    title: (.*)$", block, re.MULTILINE).group(1) for block in blocks]
    assert [title_of(slide) for slide in slides] == titles
    for slide, kind in zip(slides, kinds, strict=True):
        picture, = pictures(slide)
        # «Stolpediagram: …»; a map words it whole: «Kart over Telemark. …»
        assert alt_text(picture).startswith((CHART_KINDS[kind].ALT_NAME + ":",
                                             CHART_KINDS[kind].ALT_NAME + " over ")), kind


def test_your_first_deck_works_as_written(project):
    """The walk-through's commands, run in a copy of the project, write the files it names."""
    section = README.split("## Your first deck", 1)[1].split("\n## ", 1)[0]
    steps = [  # (the command, the file it writes, what the walk-through says of it)
        ("new decks/mitt-foredrag.yaml", None, "`slidegen new decks/mitt-foredrag.yaml`"),
        ("new decks/besok.yaml --from kommunebesok", None,
         "`slidegen new decks/besok.yaml --from kommunebesok`"),
        ("build decks/mitt-foredrag.yaml", "build/mitt-foredrag.pptx",
         "`slidegen build decks/mitt-foredrag.yaml` writes `build/mitt-foredrag.pptx`"),
        ("build decks/besok.yaml", "build/besok-tinn.pptx",
         "(`decks/besok.yaml`: `build/besok-tinn.pptx`"),
        ("build decks/besok.yaml --kommune Vinje", "build/besok-vinje.pptx",
         "`--kommune Vinje`")]
    for command, written, said in steps:
        assert said in section, said
        code, out, err = run(*command.split())
        assert code == 0 and err == "", (command, err)
        if written:
            assert out.startswith(f"wrote {written} ") and (project / written).is_file()
    assert run("new", "decks/mitt-foredrag.yaml")[0] == 1  # «never replaced»: exit 1
