"""SSB 09817's share of innvandrere (without norskfødte med innvandrerforeldre), 2025 and 2026:
its own measure, made by a tool from the files in tools/sources/, never mixed with the seed's
share of innvandrere and norskfødte (2024)."""

from __future__ import annotations

from pptx import Presentation

from conftest import ROOT
from helpers import key_figures, load_tool

NBSP = "\u00a0"


def _tool():
    return load_tool("build_innvandrere_bosatt")


def test_the_tool_makes_the_committed_dataset_from_the_sources():
    made = _tool().rows_csv(ROOT / "data")
    assert made == (ROOT / "data" / "innvandrere_bosatt.csv").read_text("utf-8")
    lines = made.splitlines()
    assert len(lines) == 1 + 17 * 2  # the 17 Telemark kommuner, 2025 and 2026
    assert "4026,2025,andel_innvandrere,14" in lines  # Tinn, whole per cent as SSB gave it
    assert "4026,2026,andel_innvandrere,14.58" in lines


def test_a_key_figure_shows_it_with_its_own_label_and_where_it_came_from(tmp_path):
    from slidegen import build_deck

    deck = tmp_path / "d.yaml"
    deck.write_text(f"""title: T
data: {ROOT / 'data'}
slides:
  - kind: key_figure
    title: Innvandrere i Tinn
    figures:
      - {{data: {{measures: andel_innvandrere, kommuner: Tinn}}, label: er innvandrere}}
      - {{data: {{measures: innvandrerandel, kommuner: Tinn}}, label: av befolkningen}}
""", "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    slide = Presentation(str(tmp_path / "o.pptx")).slides[0]
    # the newest year of each measure: 2026 from 09817, 2024 from the seed deck
    assert key_figures(slide) == [f"15{NBSP}%\ner innvandrere (2026)",
                                  f"15,4{NBSP}%\nav befolkningen (2024)"]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Kilde: SSB, tabell 09817. Tallene kom via evensrii/Telemark" in notes
