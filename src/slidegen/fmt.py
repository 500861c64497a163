"""Numbers and dates as a Norwegian audience reads them: 25 476, 15,4 %, −193, 27.11.2026.

Babel supplies the locale's symbols (no-break space between thousands, decimal comma, the real
minus sign U+2212); rounding is half away from zero, as SSB rounds, not Python's half-to-even.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_decimal, get_minus_sign_symbol

from .i18n import N_

LOCALE = "nb_NO"
NBSP = "\u00a0"
MISSING = ".."  # SSB's symbol for a figure that is not available
MISSING_TEXT = N_("Tall mangler")  # what a slide says in place of a figure it has not got


@lru_cache(maxsize=1)
def minus() -> str:
    """The locale's minus sign, "−", not the hyphen "-" (read on first use: Babel loads its
    locale data from disk for it, and a rebuild from the slide cache formats no number)."""
    return get_minus_sign_symbol(LOCALE)


def is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@lru_cache(maxsize=4096)  # Babel is slow, and a chart's axis formats its ticks at each draw
def number(value: float | int | None, decimals: int = 0, plus: bool = False) -> str:
    """25476 → '25 476'; -193 → '−193'; 15.432 with 1 decimal → '15,4'; missing → '..';
    plus (a change): 18 → '+18' (but 0 → '0')."""
    if is_missing(value):
        return MISSING
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "−0"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(abs(rounded), format=pattern, locale=LOCALE,
                          decimal_quantization=True)
    return (minus() + text) if rounded < 0 else ("+" + text) if plus and rounded > 0 else text


def percent(value: float | int | None, decimals: int = 1, plus: bool = False) -> str:
    """A value already in percent: 15.43 → '15,4 %' (no-break space before the sign)."""
    if is_missing(value):
        return MISSING
    return f"{number(value, decimals, plus)}{NBSP}%"


def formatted(value: float | int | None, unit: str, decimals: int, plus: bool = False) -> str:
    """A value in its unit: percentages get the % sign, counts plain; plus: see number()."""
    return percent(value, decimals, plus) if unit == "prosent" else number(value, decimals, plus)


def date(value: dt.date) -> str:
    """27.11.2026."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def period(first: int, last: int) -> str:
    """2014–2023 with an en dash; one year alone as 2024."""
    return str(first) if first == last else f"{first}–{last}"
