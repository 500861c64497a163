"""The benchmark's baseline (bench/plain_deck.py, the example deck written directly with
python-pptx and matplotlib) must keep making the same deck as slidegen: when the deck or the
words slidegen writes change, the baseline follows, or the benchmark compares different work.
(The change to speaker notes in the nynorsk work broke it unnoticed until the next bench run.)"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_plain_baseline_makes_the_same_deck_as_slidegen(example_pptx, tmp_path):
    plain = tmp_path / "plain.pptx"
    subprocess.run([sys.executable, str(ROOT / "bench" / "plain_deck.py"), str(plain)],
                   check=True, capture_output=True)
    compared = subprocess.run([sys.executable, str(ROOT / "bench" / "compare_plain.py"),
                               str(example_pptx), str(plain)], capture_output=True, text=True)
    assert compared.returncode == 0 and compared.stdout.rstrip().endswith("same deck"), \
        compared.stdout[-3000:]
