"""«Ready to present»: `slidegen check` warns, per slide, for what must be finished before the
talk, read from the built .pptx; `--strict` makes those warnings errors."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from conftest import PLACEHOLDER_PNG
from slidegen.assets import PLACEHOLDER_MARK
from slidegen.check import check_pptx
from slidegen.cli import main

READY = {"placeholder-slide", "missing-figures", "placeholder-picture", "hidden", "todo"}


def ready_findings(report) -> list[str]:
    return [str(f).split(" — ")[0] for f in report.findings if f.rule in READY]


def test_example_deck_warns_for_its_placeholders(example_pptx):
    report = check_pptx(example_pptx)
    found = ready_findings(report)
    assert found[0] == ("slide 10 'Tekst 6': warning: placeholder-slide: «Personer fordelt etter "
                        "landbakgrunn i 2023 i Tinn» is a «Data mangler» slide")
    pictures = [f for f in report.findings if f.rule == "placeholder-picture"]
    assert len(found) == 1 + len(pictures)
    assert [f.slide for f in pictures] == [15, 16, 18, 20, 21, 22, 24, 25, 26, 28, 30]
    assert str(pictures[0]).split(" — ")[0] == (
        "slide 15 'Bilde 7': warning: placeholder-picture: «Innvandrere som ressurs i "
        "distriktene (foto)» shows a stand-in picture")
    # the ten stand-in photos of the example (one of them shown on two slides), each found by
    # the mark its file carries into the .pptx
    prs = Presentation(str(example_pptx))
    blobs = {shape.image.blob for f in pictures
             for shape in prs.slides[f.slide - 1].shapes if shape.name == f.shape}
    assert len(blobs) == 10 and all(PLACEHOLDER_MARK in b for b in blobs)
    assert report.errors == []


def test_strict_makes_them_errors(example_pptx, capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", str(example_pptx), "--strict", "--json"])
    assert done.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"] == 0 and report["errors"] == 12
    assert {f["rule"] for f in report["findings"]} == {"placeholder-slide",
                                                       "placeholder-picture"}


def test_strict_passes_a_ready_deck(write, capsys):
    write("d.yaml", """\
        title: Klar
        slides:
          - {kind: section, title: Del}
          - {kind: bullets, title: Punkter, items: [a, b], notes: Husk å hilse.}
        """)
    main(["check", "d.yaml", "--strict"])  # no SystemExit: exit 0
    assert capsys.readouterr().out.splitlines()[-1] == "build/d.pptx: 0 error(s), 0 warning(s)"


def test_hidden_slide_todo_notes_and_a_stand_in_picture(write, capsys):
    write("d.yaml", f"""\
        title: Nesten klar
        slides:
          - {{kind: section, title: Del}}
          - {{kind: bullets, title: Skjult, items: [a], hidden: true,
              photo: {{file: {PLACEHOLDER_PNG}, decorative: true}}}}
          - {{kind: bullets, title: Notater, items: [a], notes: "Sjekk tallene (todo)"}}
          - {{kind: bullets, title: Mastodont, items: [a], notes: "Ingen todos her: mastodonter"}}
          - {{kind: bullets, title: Bilde, items: [a],
              photo: {{file: {PLACEHOLDER_PNG}, decorative: true}}}}
        """)
    with pytest.raises(SystemExit) as done:
        main(["check", "d.yaml", "--strict"])
    assert done.value.code == 1
    lines = [line.split(" — ")[0] for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        "slide 2: error: hidden: «Skjult» is hidden",
        "slide 3: error: todo: the speaker notes of «Notater» still hold a TODO",
        "slide 5 'Bilde 5': error: placeholder-picture: «Bilde» shows a stand-in picture",
        "build/d.pptx: 3 error(s), 0 warning(s)",
    ]
    main(["check", "build/d.pptx"])  # without --strict: warnings, exit 0
    assert capsys.readouterr().out.splitlines()[-1] == "build/d.pptx: 0 error(s), 3 warning(s)"


def test_loppa_has_slides_of_missing_figures(project, capsys):
    """Loppa has no figures for education or immigrants: each such slide is named."""
    with pytest.raises(SystemExit) as done:
        main(["check", "decks/kommunebesok.yaml", "--kommune", "Loppa", "--strict"])
    assert done.value.code == 1
    out = capsys.readouterr().out.splitlines()
    missing = [line.split(" — ")[0] for line in out if ": missing-figures: " in line]
    assert missing == [
        "slide 9: error: missing-figures: every figure on «Flytting og fødsler i Loppa, "
        "2014–2023» is «Tall mangler»",
        "slide 10: error: missing-figures: every figure on «Innvandrere i Loppa» is «Tall "
        "mangler»",
        "slide 11: error: missing-figures: every figure on «Innvandrere i kommunene i Finnmark» "
        "is «Tall mangler»",
        "slide 12: error: missing-figures: every figure on «Utdanningsnivå blant voksne i "
        "Loppa» is «Tall mangler»",
    ]
    assert out[-1].startswith("build/kommunebesok-loppa.pptx: ")
    prs = Presentation("build/kommunebesok-loppa.pptx")
    assert any(s.name.startswith("Tall mangler") for s in prs.slides[10].shapes)  # the chart's


def test_check_a_group_builds_and_checks_each_deck(project, capsys):
    main(["check", "decks/kommunebesok.yaml", "--group", "distriktskommuner-telemark",
          "--json"])
    reports = json.loads(capsys.readouterr().out)
    assert len(reports) == 9 and all(r["errors"] == 0 for r in reports)
    assert reports[0]["file"].startswith("build/kommunebesok-")


def test_kommune_on_a_built_pptx_is_a_usage_error(example_pptx, capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", str(example_pptx), "--kommune", "Tinn"])
    assert done.value.code == 2


def test_validate_resolves_kommune_and_group_as_build_does(project, capsys):
    main(["validate", "decks/kommunebesok.yaml", "--group", "distriktskommuner-telemark"])
    assert capsys.readouterr().out.strip().endswith("; 9 kommuner)")
    with pytest.raises(SystemExit) as done:
        main(["validate", "decks/kommunebesok.yaml", "--kommune", "Lopa"])
    assert done.value.code == 2
    assert capsys.readouterr().err.strip() == ("error: --kommune: unknown kommune 'Lopa' — did "
                                               "you mean 'Loppa'?")
