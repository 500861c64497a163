"""`skip_when_missing: true` on a data slide leaves it out of the deck of a kommune that has
none of its figures (Loppa has no figures for education or immigrants), keeps it where there
are figures (Tinn), and the build says which slides were left out for which kommuner."""

from __future__ import annotations

import pytest
from pptx import Presentation

from slidegen.build import LeftOut
from slidegen.check import check_pptx
from slidegen.cli import main

DECK = """\
title: "Skal med? {{ kommune.name }}"
parameter: kommune
kommune: Tinn
slides:
  - {kind: section, title: "{{ kommune.name }}"}
  - kind: key_figure
    skip_when_missing: true
    title: "Innvandrere i {{ kommune.name }}"
    figures:
      - data: {measures: andel_innvandrere, periods: siste år}
        label: av befolkningen er innvandrere
  - kind: chart
    skip_when_missing: true
    title: "Utdanning i {{ kommune.name }}"
    chart: ranked_bar
    x: measure
    series: kommune
    data: {measures: [andel_grunnskole, andel_universitet_kort], periods: siste år}
  - kind: table
    skip_when_missing: true
    title: "Innvandrerandel i {{ kommune.name }}"
    data: {measures: andel_innvandrere, periods: siste 2 år}
    rows: measure
    columns: period
  - kind: key_figure
    title: "Befolkning i {{ kommune.name }}"
    figures:
      - data: {measures: befolkning, periods: siste år}
        label: innbyggere
"""


def titles(path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]


@pytest.fixture
def deck(project):
    path = project / "decks" / "skal-med.yaml"
    path.write_text(DECK, "utf-8")
    return path


def test_left_out_for_loppa_kept_for_tinn(deck, capsys):
    main(["build", str(deck), "--kommune", "Loppa"])
    out = capsys.readouterr().out.splitlines()
    assert out == ["wrote build/skal-med-loppa.pptx (2 slides)",
                   "left out: decks/skal-med.yaml:6 «Innvandrere i Loppa»: no figures for Loppa",
                   "left out: decks/skal-med.yaml:12 «Utdanning i Loppa»: no figures for Loppa",
                   "left out: decks/skal-med.yaml:19 «Innvandrerandel i Loppa»: no figures for "
                   "Loppa"]
    assert titles("build/skal-med-loppa.pptx") == ["Loppa", "Befolkning i Loppa"]
    # the slides that stay are numbered as shown; nothing «Tall mangler» is left to warn for
    report = check_pptx("build/skal-med-loppa.pptx", strict=True)
    assert not [f for f in report.findings if f.rule == "missing-figures"]

    main(["build", str(deck), "--kommune", "Tinn"])
    assert capsys.readouterr().out.splitlines() == ["wrote build/skal-med-tinn.pptx (5 slides)"]
    assert titles("build/skal-med-tinn.pptx") == [
        "Tinn", "Innvandrere i Tinn", "Utdanning i Tinn", "Innvandrerandel i Tinn",
        "Befolkning i Tinn"]


def test_said_again_on_a_rebuild(deck, capsys):
    """A left-out slide is not kept in the slide cache as «no slides»: a forced rebuild says
    it again."""
    for _ in range(2):
        main(["build", str(deck), "--kommune", "Loppa", "--force"])
        assert sum(line.startswith("left out: ") for line in
                   capsys.readouterr().out.splitlines()) == 3


def test_said_again_for_an_unchanged_deck(deck, capsys):
    """A deck found unchanged is not built again, and still says what it leaves out."""
    main(["build", str(deck), "--kommune", "Loppa"])
    first = [line for line in capsys.readouterr().out.splitlines()
             if line.startswith("left out: ")]
    main(["build", str(deck), "--kommune", "Loppa"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("unchanged: build/skal-med-loppa.pptx")
    assert out[1:] == first and len(first) == 3


def test_the_library_reports_it(deck):
    from slidegen import build_deck

    result = build_deck(deck, "build/l.pptx", kommune="Loppa")
    assert result.slide_count == 2 and result.warnings == []
    assert result.left_out[0] == LeftOut("decks/skal-med.yaml:6", "Innvandrere i Loppa", "Loppa")


def test_a_batch_names_the_kommuner(deck, capsys):
    main(["build", str(deck), "--group", "fylke-finnmark", "-o", "finnmark"])
    out = capsys.readouterr().out.splitlines()
    left = [line for line in out if line.startswith("left out: decks/skal-med.yaml:6: ")]
    assert len(left) == 1 and "Loppa" in left[0] and left[0].endswith(" decks)")
    assert len(Presentation("finnmark/skal-med-loppa.pptx").slides) == 2
