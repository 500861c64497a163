"""Norwegian number formatting: exact examples and properties that must hold for any number."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st

from helpers import number
from slidegen import fmt

NBSP, MINUS = "\u00a0", "\u2212"


def test_examples():
    assert fmt.number(25476) == f"25{NBSP}476"
    assert fmt.number(1234567) == f"1{NBSP}234{NBSP}567"
    assert fmt.number(-193) == f"{MINUS}193"
    assert fmt.number(0) == "0"
    assert fmt.number(15.432, 1) == "15,4"
    assert fmt.number(15.45, 1) == "15,5"  # half away from zero, as SSB rounds
    assert fmt.number(-0.04, 1) == "0,0"  # no minus on a rounded zero
    assert fmt.percent(15.43) == f"15,4{NBSP}%"
    assert fmt.percent(15.43, 2) == f"15,43{NBSP}%"
    assert fmt.number(None) == ".." and fmt.number(float("nan")) == ".."
    assert fmt.date(dt.date(2026, 11, 27)) == "27.11.2026"
    assert fmt.period(2014, 2023) == "2014–2023" and fmt.period(2024, 2024) == "2024"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_round_trip(value):
    text = fmt.number(value)
    assert number(text) == value
    assert "-" not in text and " " not in text  # only the real minus and no-break spaces
    assert (text.startswith(MINUS)) == (value < 0)


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_are_grouped_by_three(value):
    groups = fmt.number(value).split(NBSP)
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
def test_decimals_are_exact_and_close(value, decimals):
    text = fmt.number(value, decimals)
    fraction = text.partition(",")[2]
    assert len(fraction) == decimals
    assert math.isclose(number(text), value, abs_tol=0.5 * 10**-decimals + 1e-9)


def test_a_change_shows_its_sign():
    assert fmt.number(18, plus=True) == "+18"
    assert fmt.number(-44, plus=True) == f"{fmt.minus()}44"
    assert fmt.number(0.4, plus=True) == "0"  # rounds to nothing: no sign
    assert fmt.formatted(1.25, "prosent", 1, plus=True) == f"+1,3{fmt.NBSP}%"
    assert fmt.formatted(float("nan"), "prosent", 1, plus=True) == fmt.MISSING
    assert fmt.number(18) == "18"
