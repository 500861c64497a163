"""Slide kinds register themselves: a module in slides/kinds/ is all a new kind takes, and the
spec, which imports every kind for its model, never loads python-pptx."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import slidegen_with
from helpers import heavy_modules_after_importing
from slidegen.slides import PHOTO_LAYOUTS
from slidegen.slides.common import DATA_KINDS

NOTE = '''
"""A note in large type: a kind that exists only in this test."""

from __future__ import annotations

from typing import Literal

from ...spec.model import SlideBase, Text


class NoteSlide(SlideBase):
    kind: Literal["note"]
    text: Text


MODEL = NoteSlide


def needs(spec):
    return {"statement": {"title"}}


def render(spec, new_slide, ctx=None):
    canvas = new_slide("statement")
    canvas.text("title", spec.text.upper())
    return [canvas]
'''

PROBE = """
import sys
from pptx import Presentation
from slidegen import build_deck
from slidegen.errors import SpecError
from slidegen.spec.loader import load_deck

deck, out = sys.argv[1], sys.argv[2]
build_deck(deck, out)
[slide] = Presentation(out).slides
print(slide.shapes.title.text_frame.text)
open(deck, "a", encoding="utf-8").write("  - {kind: noet, text: X}\\n")
try:
    load_deck(deck)
except SpecError as exc:
    print(exc.messages()[0].split(": ", 2)[2])
"""


def test_a_new_slide_kind_is_one_file(tmp_path):
    """A copy of slidegen with one module added to slides/kinds/: the spec accepts the kind
    (and suggests it), and the build renders it."""
    env = slidegen_with(tmp_path, {"slides/kinds/note.py": NOTE})
    deck = tmp_path / "d.yaml"
    deck.write_text(textwrap.dedent("""
        title: Notat
        slides:
          - kind: note
            text: husk kaffen
    """), "utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(deck), str(tmp_path / "o.pptx")],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "HUSK KAFFEN", "unknown slide kind 'noet' — did you mean 'note'?"]


def test_flags_come_from_the_kinds():
    assert set(DATA_KINDS) == {"table", "key_figure", "chart"}
    assert set(PHOTO_LAYOUTS) == {"bullets_photo", "quote_photo", "image"}


def test_the_spec_never_loads_python_pptx():
    assert heavy_modules_after_importing("slidegen.spec.loader") == []
