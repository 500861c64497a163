"""Every word slidegen writes on a slide itself, in the deck's language.

The Bokmål text is each message's id (the code reads as the deck most advisers make), and
Nynorsk and English come from gettext catalogues, locale/<nn|en>/LC_MESSAGES/slidegen.po, read
with Babel when a deck first asks for its language: no compile step to forget. A deck gets one
Translator, passed down to what writes words; nothing here remembers "the" language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "slidegen"
SOURCE = "nb"  # the language the messages are written in
LANGUAGES = ("nb", "nn", "en")  # what a spec's {nb: …, nn: …, en: …} may hold
TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}  # the tag text is marked with

# A label in data/ metadata: Bokmål text, or one per language ({nb: …, nn: …, en: …}).
Labels = str | dict[Literal["nb", "nn", "en"], str]


def N_(message: str) -> str:  # noqa: N802 — gettext's name, which Babel's extractor knows
    """Marks a message translated later (a constant such as a chart kind's name)."""
    return message


def base(tag: str) -> str:
    """'nn-NO' → 'nn', 'en-GB' or 'en' → 'en'; anything else is Bokmål ('nb-NO', 'no')."""
    code = tag.split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE


def tag(language: str) -> str:
    """The tag text in this language is marked with: 'en' → 'en-GB', 'nn-NO' as it is."""
    return TAGS[base(language)]


@dataclass(frozen=True)
class Translator:
    """The messages of one language: tr("Kilde") → «Kjelde» in Nynorsk."""

    language: str  # nb, nn or en
    messages: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __call__(self, message: str, **values: object) -> str:
        """The message in this language, with {name} filled from values."""
        text = self.messages.get(message) or message
        return text.format(**values) if values else text

    def pick(self, text: str | Mapping[str, str]) -> str:
        """A text given per language ({nb: …, nn: …}) in this language; Bokmål, then the
        first given, where this language is missing (data/ labels not yet translated)."""
        if isinstance(text, str):
            return text
        return text.get(self.language) or text.get(SOURCE) or next(iter(text.values()))


@cache
def translator(language: str) -> Translator:
    """The Translator of a language tag or code, its catalogue read once per process."""
    code = base(language)
    return Translator(code, {} if code == SOURCE else catalogue(code))


def catalogue(code: str) -> dict[str, str]:
    """msgid → msgstr of a language's .po file; untranslated and fuzzy entries left out, so a
    missing one shows in Bokmål and the completeness test names it."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string
            and not m.fuzzy}


def split_labels(labels: Labels) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The Bokmål label (the first given if none) and the others as (language, text)."""
    if isinstance(labels, str):
        return labels, ()
    main = labels.get(SOURCE) or next(iter(labels.values()))
    return main, tuple((code, text) for code, text in labels.items() if code != SOURCE)


def variants(message: str) -> set[str]:
    """The message in every language: what check looks for in a finished deck."""
    return {translator(code)(message) for code in LANGUAGES}
