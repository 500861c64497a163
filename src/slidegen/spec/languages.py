"""Texts written per language in a spec: any text may be `{nb: …, nn: …, en: …}`, and the
deck's language (or build's --language) picks one before the spec is validated, so the same
spec makes the deck in each language. A plain string is in the deck's language."""

from __future__ import annotations

from typing import Any

from ..i18n import LANGUAGES, base
from ..yamlfile import Collector, KeyPath, LoadedYaml

NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "English"}


def deck_language(doc: LoadedYaml, override: str | None) -> str:
    """The language a deck is built in: --language, else its `language:`, else Bokmål."""
    given = override or (doc.data.get("language") if isinstance(doc.data, dict) else None)
    return base(given) if isinstance(given, str) else "nb"


def pick(doc: LoadedYaml, language: str, out: Collector) -> None:
    """Replace every per-language text in doc by its text in language (in place); a text
    that lacks the language is a problem at its line."""
    doc.data = _pick(doc, (), doc.data, language, out)


def is_per_language(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(k in LANGUAGES for k in value)


def _pick(doc: LoadedYaml, path: KeyPath, value: Any, language: str, out: Collector) -> Any:
    if is_per_language(value):
        if language not in value:
            given = ", ".join(f"{k} ({NAMES[k]})" for k in value)
            out.add(doc, path, f"this text has no {language} ({NAMES[language]}) version, the "
                               f"deck's language: it gives {given}; add '{language}: …'")
            return next(iter(value.values()))
        return value[language]
    if isinstance(value, dict):
        return {k: _pick(doc, path + (k,), v, language, out) for k, v in value.items()}
    if isinstance(value, list):
        return [_pick(doc, path + (i,), v, language, out) for i, v in enumerate(value)]
    return value
