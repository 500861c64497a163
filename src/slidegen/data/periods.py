"""Periods in a selection: absolute (2024, 2014–2023) or relative to the newest data
(siste 10 år, fra 2000), so a deck picks up newer figures without being edited."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABSOLUTE = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")
RELATIVE = re.compile(r"^\s*(?:siste|de siste)\s+(?:(\d+)\s+)?år(?:ene)?\s*$", re.IGNORECASE)
SINCE = re.compile(r"^\s*(?:fra|frå)\s+(\d{4})\s*$", re.IGNORECASE)  # fra 2000: to the newest
NEWEST = {"nyeste", "nyeste år", "siste år"}


@dataclass(frozen=True)
class PeriodSpec:
    """A parsed period: first..last years, or the last n years of whatever data there is."""

    text: str
    first: int | None = None
    last: int | None = None
    last_n: int | None = None

    def resolve(self, newest_year: int) -> tuple[int, int]:
        if self.last_n is not None:
            return newest_year - self.last_n + 1, newest_year
        return self.first, self.last if self.last is not None else newest_year


def parse_period(value: str | int) -> PeriodSpec:
    """'2024', '2014–2023', 'fra 2000', 'siste 10 år', 'siste år' → PeriodSpec; ValueError
    otherwise."""
    text = str(value).strip()
    if text.casefold() in NEWEST:
        return PeriodSpec(text, last_n=1)
    match = ABSOLUTE.match(text)
    if match:
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ValueError(f"the period ends before it starts: '{text}'")
        return PeriodSpec(text, first=first, last=last)
    match = SINCE.match(text)
    if match:
        return PeriodSpec(text, first=int(match.group(1)))
    match = RELATIVE.match(text)
    if match:
        n = int(match.group(1) or 1)
        if n < 1:
            raise ValueError(f"expected at least one year, found '{text}'")
        return PeriodSpec(text, last_n=n)
    raise ValueError(f"expected a year (2024), a span (2014–2023), 'fra 2000' or 'siste N "
                     f"år', found '{text}'")
