"""The words statistikkbanken writes in its downloads, in Norwegian and in English.

A download's texts follow the language chosen on ssb.no/statbank: the CSV's headings ('region',
'år' or 'year', 'statistikkvariabel' or 'contents', 'kjønn' or 'sex') and the categories
('Begge kjønn' or 'Both sexes'). JSON-stat keeps SSB's codes (Region, Tid, Kjonn) in either
language; only its labels change.
"""

from __future__ import annotations

import re

# CSV headings, by the Norwegian name the reader works with
HEADINGS = {
    "region": ("region",),
    "år": ("år", "year"),
    "statistikkvariabel": ("statistikkvariabel", "contents"),
    "kjønn": ("kjønn", "kjonn", "sex"),
    "alder": ("alder", "age"),
    "landbakgrunn": ("landbakgrunn", "country background", "country of origin"),
    "innvandringskategori": ("innvandringskategori", "innvandrkat", "immigration category"),
    "nivå": ("nivå", "nivaa", "level of education", "level"),
    "kvartal": ("kvartal", "quarter"),
    "måned": ("måned", "month"),
}
_CANONICAL = {word: name for name, words in HEADINGS.items() for word in words}

# SSB's texts for the total of a dimension (a category that is the sum of the others)
TOTAL = re.compile(r"^(begge kjønn|both sexes|i alt|alt i alt|totalt?|sum|alle aldre|all ages|"
                   r"alle land|all countries)\b", re.IGNORECASE)


AGES = re.compile(r"^(\d+)\s*(?:[-–]\s*(\d+)\s*)?(?:år|years?)?\s*(\+|eller eldre|or older)?$",
                  re.IGNORECASE)


def canonical(heading: str) -> str:
    """A CSV heading as the reader knows it: 'year' → 'år'; one it does not know, lowercased."""
    lowered = heading.strip().casefold()
    return _CANONICAL.get(lowered, lowered)


def is_total(label: str) -> bool:
    """SSB's total of a dimension: «Begge kjønn», «Both sexes», «I alt», «Alle aldre», …"""
    return bool(TOTAL.match(label.strip()))


def names_match(wanted: str, *names: str) -> bool:
    """`--sum age` names the dimension whose id, label or heading is 'Alder', 'alder' or 'age'."""
    return canonical(wanted) in {canonical(n) for n in names if n}


def age_range(label: str) -> tuple[int, float] | None:
    """The ages a category covers: '0 år' (0, 0), '0-4 år' (0, 4), '105 år eller eldre',
    '105+', '105 years or older' (105, inf); None for a label that is not an age."""
    match = AGES.match(label.strip())
    if not match:
        return None
    low = int(match.group(1))
    high = float("inf") if match.group(3) else int(match.group(2) or low)
    return low, high
