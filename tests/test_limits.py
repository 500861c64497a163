"""Limits on what a deck may ask for, each refused with a clear message, and work that grows
linearly with the deck: a small hostile or careless file never hangs slidegen."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from slidegen.errors import DataError, SpecError
from slidegen.spec.loader import load_deck
from slidegen.validate import validate_deck

SLIDES = """\
  - kind: bullets
    title: Tema {n}
    lead: I {{{{ kommune.name }}}} bor det {{{{ figure('befolkning') }}}} personer
    items: [Digitale verktøy, {{text: Merkur, items: [butikker]}}]
  - kind: key_figure
    title: Befolkning {n}
    figures:
      - {{data: {{measures: befolkning, periods: siste år}}, label: innbyggere}}
"""


def messages(kind, fn, *args):
    with pytest.raises(kind) as caught:
        fn(*args)
    return caught.value.messages()


def lines_run(fn) -> int:
    """How many lines of Python fn ran: work, counted rather than timed (a busy machine makes
    times say nothing), including each turn of a loop or comprehension."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_validating_grows_linearly_with_the_slides(write):
    decks = {}
    for rounds in (5, 50, 200):
        decks[rounds] = write(f"d{rounds}.yaml", f"title: T\nkommune: Tinn\ndata: {ROOT / 'data'}"
                              "\nslides:\n" + "".join(SLIDES.format(n=n) for n in range(rounds)))
    validate_deck(decks[5])  # imports done once, outside the count
    lines = {r: lines_run(lambda r=r: validate_deck(decks[r])) for r in decks}
    # what each further slide costs, from 5 to 50 slides and from 50 to 200: the same when
    # the work is linear (a position lookup that scanned the whole spec per slide made the
    # second four times the first)
    first = (lines[50] - lines[5]) / 45
    second = (lines[200] - lines[50]) / 150
    assert 0.8 < second / first < 1.25, (lines, first, second)
