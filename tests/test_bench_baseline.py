"""The benchmark's baseline (bench/plain_deck.py, the example deck written directly with
python-pptx and matplotlib) must keep making the same deck as slidegen: when the deck or the
words slidegen writes change, the baseline follows, or the benchmark compares different work.
(The change to speaker notes in the nynorsk work broke it unnoticed until the next bench run.)"""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT
from slidegen import build_deck


def test_the_plain_baseline_makes_the_same_deck_as_slidegen(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from plain_deck import without_maps

    # the example deck as the benchmark builds it: without its map, which the baseline lacks
    shutil.copytree(ROOT / "decks", tmp_path / "decks")
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    deck = tmp_path / "decks" / "innvandrere-som-ressurs.yaml"
    deck.write_text(without_maps(deck.read_text("utf-8")), "utf-8")
    example_pptx = tmp_path / "example.pptx"
    build_deck(deck, example_pptx, data_folder=ROOT / "data")
    plain = tmp_path / "plain.pptx"
    subprocess.run([sys.executable, str(ROOT / "bench" / "plain_deck.py"), str(plain)],
                   check=True, capture_output=True)
    compared = subprocess.run([sys.executable, str(ROOT / "bench" / "compare_plain.py"),
                               str(example_pptx), str(plain)], capture_output=True, text=True)
    assert compared.returncode == 0 and compared.stdout.rstrip().endswith("same deck"), \
        compared.stdout[-3000:]
