"""Every deck slidegen writes is valid OOXML (openxml-audit checks it against the schemas, as
PowerPoint's own validator would): the example, a kommune's deck, and native charts of every
kind that has one (python-pptx numbers their axes with negative ids, which the schema refuses)."""

from __future__ import annotations

import pytest
from openxml_audit import validate_pptx

from conftest import ROOT
from slidegen import build_deck
from slidegen.charts.kinds import KINDS


def errors(path) -> list[str]:
    return [str(e) for e in validate_pptx(str(path)).errors]


def test_the_example_deck_is_valid_ooxml(example_pptx):
    assert errors(example_pptx) == []


def test_a_kommune_deck_is_valid_ooxml(tmp_path):
    build_deck(ROOT / "decks" / "kommunebesok.yaml", tmp_path / "loppa.pptx", kommune="Loppa")
    assert errors(tmp_path / "loppa.pptx") == []


NATIVE = sorted(name for name, kind in KINDS.items() if kind.NATIVE)


@pytest.mark.parametrize("kind", NATIVE)
def test_native_charts_are_valid_ooxml(tmp_path, kind):
    two = "{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}"
    x, series, data = {
        "ranked_bar": ("kommune", "measure", "{kommuner: distriktskommuner-telemark, "
                                             "measures: innvandrerandel}"),
        "donut": ("measure", "kommune", two),
        "bar": ("period", "measure", "{kommuner: Tinn, measures: innflytting, "
                                     "periods: siste 10 år}")}.get(kind, ("period", "measure", two))
    deck = tmp_path / "d.yaml"
    deck.write_text(f"title: T\ndata: {ROOT / 'data'}\nslides:\n  - kind: chart\n"
                    f"    title: {kind}\n    chart: {kind}\n    render: native\n    x: {x}\n"
                    f"    series: {series}\n    data: {data}\n", "utf-8")
    build_deck(deck, tmp_path / "o.pptx")
    assert errors(tmp_path / "o.pptx") == []
