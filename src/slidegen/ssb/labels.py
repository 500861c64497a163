"""The words statistikkbanken writes in its downloads, in Norwegian and in English.

A download's texts follow the language chosen on ssb.no/statbank: the CSV's headings ('region',
'år' or 'year', 'statistikkvariabel' or 'contents', 'kjønn' or 'sex') and the categories
('Begge kjønn' or 'Both sexes'). JSON-stat keeps SSB's codes (Region, Tid, Kjonn) in either
language; only its labels change.
"""

from __future__ import annotations

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

def canonical(heading: str) -> str:
    """A CSV heading as the reader knows it: 'year' → 'år'; one it does not know, lowercased."""
    lowered = heading.strip().casefold()
    return _CANONICAL.get(lowered, lowered)
